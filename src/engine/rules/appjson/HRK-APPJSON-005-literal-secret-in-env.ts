import { type Node as JsonNode, getNodeValue } from 'jsonc-parser';
import { findKnownTokens, findUrlCredentials, isLiteralSecretValue, isSecretIdName, isSecretName } from '../../detectors/secrets';
import { jsonModifyEdits } from '../../edits';
import { isAddonManagedUrlKey } from '../../facts/addonPlans';
import { nodeAtPath } from '../../parsers/appJson';
import { defineRule } from '../../rule';
import { envScopePath, type KeyedStringSite, spanOf } from '../../sites';
import { maskSecret } from '../../text';

/** Why the value is a secret. `masked` is the masked secret: never the value itself. */
type Reason =
  | { readonly reason: 'token'; readonly label: string; readonly masked: string }
  | { readonly reason: 'url'; readonly scheme: string; readonly masked: string }
  | { readonly reason: 'name' | 'id'; readonly masked: string };

type Data = Reason & {
  /** Dotted location, e.g. `environments.review.env.STRIPE_SECRET_KEY`. */
  readonly path: string;
  readonly key: string;
  /** JSON path of the env entry, for the fix. */
  readonly entryPath: readonly string[];
};

/** Secrets an app generates for itself: Heroku's `"generator": "secret"` can make them (DC-APPJSON). */
const GENERATED_SECRETS = new Set(['SECRET_KEY_BASE', 'SECRET_KEY', 'SESSION_SECRET', 'JWT_SECRET', 'COOKIE_SECRET']);

function detect(site: KeyedStringSite, key: string): { start: number; end: number; info: Reason } | undefined {
  const token = findKnownTokens(site.value, key)[0];
  if (token) return { ...spanOf(site, token.start, token.end), info: { reason: 'token', label: token.label, masked: maskSecret(token.text) } };
  const url = findUrlCredentials(site.value)[0];
  if (url) return { ...spanOf(site, url.start, url.end), info: { reason: 'url', scheme: url.scheme, masked: maskSecret(url.text) } };
  const value = site.value.trim();
  // Any length counts (a short password is still a password), but not booleans, numbers, references, plain
  // URLs or paths (shared with HRK-SEC-003). ID-type names (`*_KEY_ID`) are reported one level lower.
  if ((isSecretName(key) || isSecretIdName(key)) && isLiteralSecretValue(value, 1)) {
    return { ...spanOf(site, 0, site.value.length), info: { reason: isSecretName(key) ? 'name' : 'id', masked: maskSecret(value) } };
  }
  return undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-005',
    name: 'literal-secret-in-env',
    title: 'Literal secret in `env`',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An app.json `env` entry holds a literal credential, which is committed to version control with the manifest.',
    recommendation:
      'Use `"generator": "secret"` for secrets the app generates itself; otherwise declare the var as required and set its value as a pipeline Review app or CI config var. Rotate any real credential that was committed.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['DC-CONFIGVARS', 'DC-REVIEWAPPS', 'DC-APPJSON'],
    feature: 'Config Vars',
    tags: ['app.json', 'secrets', 'config-vars'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      const scope = envScopePath(site.context);
      if (!scope || site.key === undefined) continue;
      const found = detect(site, site.key);
      if (!found) continue;
      const data: Data = { ...found.info, key: site.key, path: `${site.context}.${site.key}`, entryPath: [...scope, 'env', site.key] };
      yield { start: found.start, end: found.end, data, ...(found.info.reason === 'id' ? { shift: -1 } : {}) };
    }
  },
  message: (data) => {
    switch (data.reason) {
      case 'token':
        return `\`${data.path}\` contains a literal ${data.label} (\`${data.masked}\`) committed in app.json.`;
      case 'url':
        return `\`${data.path}\` embeds a password (\`${data.masked}\`) in its \`${data.scheme}\` URL, committed in app.json.`;
      case 'name':
        return `\`${data.path}\` is set to a literal secret value (\`${data.masked}\`) committed in app.json.`;
      case 'id':
        return `\`${data.path}\` is set to a literal credential ID (\`${data.masked}\`) committed in app.json; keep it in a config var next to its secret.`;
    }
  },
  fix: (detection, { document }) => {
    const { key, entryPath } = detection.data;
    const root = document.appJson?.root;
    if (!root || isAddonManagedUrlKey(key)) return undefined; // HRK-APPJSON-006 deletes those entries.
    const entry: JsonNode | undefined = nodeAtPath(root, entryPath);
    if (!entry) return undefined;
    const existing: unknown = entry.type === 'object' ? getNodeValue(entry) : undefined;
    const members: Record<string, unknown> = isRecord(existing) ? { ...existing } : {};
    delete members.value;
    if (GENERATED_SECRETS.has(key)) {
      return {
        title: `Generate \`${key}\` with "generator": "secret"`,
        safety: 'suggestion',
        edits: jsonModifyEdits(document, [...entryPath], { ...members, generator: 'secret' }),
      };
    }
    const description = typeof members.description === 'string' ? members.description : `Secret: set ${key} as a pipeline config var, never in app.json`;
    return {
      title: `Declare \`${key}\` as required instead of committing its value`,
      safety: 'suggestion',
      edits: jsonModifyEdits(document, [...entryPath], { ...members, description, required: true }),
    };
  },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
