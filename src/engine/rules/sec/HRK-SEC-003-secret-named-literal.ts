import { findKnownTokens, findPrivateKeys, findUrlCredentials, isLiteralSecretValue, isSecretIdName, isSecretName } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { capitalize, describeSite, keyedValues, SCANNED_KINDS, valueRange } from './shared';

interface Data {
  readonly where: string;
  /** True for an ID-type name such as `AWS_ACCESS_KEY_ID` (reported one level lower). */
  readonly idType: boolean;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-SEC-003',
    name: 'secret-named-literal',
    title: 'Secret-named key with a literal value',
    area: 'SEC',
    fileKinds: SCANNED_KINDS,
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A key whose name says it holds a secret (`*_SECRET`, `*_TOKEN`, `*_PASSWORD`, `*_API_KEY`, …) is set to a literal value.',
    recommendation:
      'Remove the literal and set the value as a config var (`heroku config:set`), a pipeline config var, or `"generator": "secret"` in app.json; rotate it if it was real.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['DC-CONFIGVARS', 'TF-APP'],
    feature: 'Config Vars',
    tags: ['secrets', 'config-vars'],
  },
  *check({ document }) {
    for (const item of keyedValues(document)) {
      const secretName = isSecretName(item.key);
      const idType = !secretName && isSecretIdName(item.key);
      if (!secretName && !idType) continue;
      if (!isLiteralSecretValue(item.value, 8)) continue;
      // Values with a known token, URL credentials or a private key are reported by HRK-SEC-001, -002 and -004.
      if (findKnownTokens(item.value, item.key).length > 0 || findUrlCredentials(item.value).length > 0 || findPrivateKeys(item.value).length > 0) continue;
      yield {
        ...valueRange(document, item),
        data: { where: describeSite(item.site, item.assignment ? item.key : undefined), idType },
        ...(idType ? { shift: -1 } : {}),
      };
    }
  },
  message: ({ where, idType }) =>
    idType
      ? `${capitalize(where)} is set to a literal credential ID; keep it in a config var next to its secret.`
      : `${capitalize(where)} is set to a literal secret instead of a config var.`,
});
