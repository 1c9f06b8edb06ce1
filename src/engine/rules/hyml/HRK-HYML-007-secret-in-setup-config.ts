import { isMap, isScalar } from 'yaml';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { yamlGet, yamlPairs } from '../../sites';
import { locate, type SecretHit, secretHit } from '../sec/shared';
import { describeHit } from './HRK-HYML-006-secret-in-build-config';

/** What the fix writes instead of the secret; HRK-SEC-003 and this rule read it as a placeholder. */
const PLACEHOLDER = '"<set with heroku config:set>"';

interface Data {
  readonly key: string;
  readonly hit: SecretHit;
  /** `[start, end)` of the value scalar, when it is a one-line scalar the fix can replace. */
  readonly value?: readonly [number, number];
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-007',
    name: 'secret-in-setup-config',
    title: 'Secret in `setup.config`',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'A heroku.yml `setup.config` entry holds a credential (a known token format, a URL with a password, a private key, or a literal under a secret name) that every new app is created with.',
    recommendation:
      'Replace the value with a placeholder, rotate the credential, and set the real value with `heroku config:set` or as a pipeline config var.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['DC-HYML', 'DC-CONFIGVARS', 'HK-CLI'],
    feature: 'Config Vars',
    tags: ['heroku.yml', 'secrets', 'config-vars'],
  },
  *check({ document }) {
    const config: unknown = yamlGet(yamlGet(document.herokuYml?.document.contents, 'setup'), 'config');
    if (!isMap(config)) return;
    const sites = document.strings().filter((site) => site.context === 'setup.config');
    for (const entry of yamlPairs(config)) {
      const site = sites.find((s) => s.keyStart === entry.keyNode.range?.[0]);
      if (!site) continue;
      const hit = secretHit(site.value, entry.key);
      if (!hit) continue;
      const node: unknown = entry.pair.value;
      const oneLine =
        isScalar(node) && node.range && (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && !/[\r\n]/.test(document.text.slice(node.range[0], node.range[1]));
      const value = oneLine && isScalar(node) && node.range ? ([node.range[0], node.range[1]] as const) : undefined;
      yield { ...locate(document, site, hit.from, hit.to), data: { key: entry.key, hit, value } };
    }
  },
  message: ({ key, hit }) => `\`setup.config.${key}\` holds ${describeHit(hit)} that every new app is created with.`,
  fix: (detection, { document }) => {
    const { value, key } = detection.data;
    if (!value) return undefined;
    return {
      title: `Replace \`setup.config.${key}\` with a placeholder (set the value with heroku config:set)`,
      safety: 'suggestion',
      edits: [replaceEdit(document, value[0], value[1], PLACEHOLDER)],
    };
  },
});
