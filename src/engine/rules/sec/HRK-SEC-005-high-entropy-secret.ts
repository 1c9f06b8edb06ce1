import {
  findKnownTokens,
  findPrivateKeys,
  findUrlCredentials,
  isGenericSecretName,
  isHighEntropySecret,
  isSecretIdName,
  isSecretName,
} from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { capitalize, describeSite, keyedValues, SCANNED_KINDS, valueRange } from './shared';

interface Data {
  readonly where: string;
  readonly length: number;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-SEC-005',
    name: 'high-entropy-secret',
    title: 'High-entropy generic secret',
    area: 'SEC',
    fileKinds: SCANNED_KINDS,
    severity: { common: null, private: 'low', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'A key whose name suggests a key or credential (`APP_KEY`, `RAILS_MASTER_KEY`, `LICENSE_KEY`, …) holds a long random-looking literal that no other SEC rule reported.',
    recommendation: 'If the value is a secret, move it to a config var and rotate it; otherwise suppress the finding with a reason.',
    controls: [],
    sources: ['GITLEAKS'],
    feature: 'Config Vars',
    tags: ['secrets', 'heuristic'],
  },
  *check({ document }) {
    for (const item of keyedValues(document)) {
      // SECRET_NAME keys are HRK-SEC-003's, known formats -001's, URL credentials -002's, private keys -004's.
      if (isSecretName(item.key) || isSecretIdName(item.key) || !isGenericSecretName(item.key)) continue;
      if (!isHighEntropySecret(item.value)) continue;
      if (findKnownTokens(item.value, item.key).length > 0 || findUrlCredentials(item.value).length > 0 || findPrivateKeys(item.value).length > 0) continue;
      yield {
        ...valueRange(document, item),
        data: { where: describeSite(item.site, item.assignment ? item.key : undefined), length: Array.from(item.value.trim()).length },
      };
    }
  },
  message: ({ where, length }) => `${capitalize(where)} holds a random ${length}-character literal that is probably a secret.`,
});
