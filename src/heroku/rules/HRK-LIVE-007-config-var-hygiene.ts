import { findKnownTokens, findPrivateKeys, findUrlCredentials } from '../../engine/detectors/secrets';
import { isAddonManagedUrlKey } from '../../engine/facts/addonPlans';
import { devModeSetting } from '../../engine/facts/devMode';
import type { Profile, Severity } from '../../engine/types';
import { addonsOf, dataOf } from '../liveFacts';
import { defineLiveRule, type LiveDetection } from '../liveRule';

/**
 * What is wrong with one config var. Only the key and a description of the setting are kept: never the value.
 * - `tls-disabled`: TLS verification turned off (HRK-APPJSON-008's detectors); `setting` is e.g. `sslmode=disable`.
 * - `addon-url-copied`: an add-on's URL var (`DATABASE_URL`…) with credentials that no attached add-on provides (HRK-APPJSON-006).
 * - `dev-mode`: a debug or development mode (HRK-APPJSON-009); `setting` is e.g. `RAILS_ENV=development`.
 * - `heroku-api-key`: a Heroku API key, which acts as its user on every app and team they can reach.
 * - `credential`: another recognisable credential (HRK-SEC-001/004 detectors), reported as an inventory at `info`.
 */
type Data =
  | { readonly kind: 'tls-disabled'; readonly key: string; readonly setting: string }
  | { readonly kind: 'addon-url-copied'; readonly key: string }
  | { readonly kind: 'dev-mode'; readonly key: string; readonly setting: string }
  | { readonly kind: 'heroku-api-key'; readonly key: string }
  | { readonly kind: 'credential'; readonly key: string; readonly label: string };

const WEAK_MODE = /^(disable|allow|prefer)$/i;
const SSLMODE_PARAM = /\bsslmode=(disable|allow|prefer)\b/i;
const REDIS_NO_VERIFY_PARAM = /\bssl_cert_reqs=(none|cert_none)\b/i;
/** HRK-APPJSON-009's severities: the catalog's level for a debug or development mode. */
const DEV_MODE_SEVERITY: Readonly<Record<Profile, Severity>> = { common: 'med', private: 'high', shield: 'high' };

function* tlsDetections(key: string, value: string): Generator<LiveDetection<Data>> {
  const trimmed = value.trim();
  if (key === 'NODE_TLS_REJECT_UNAUTHORIZED' && trimmed === '0') {
    yield { itemId: 'config-vars', data: { kind: 'tls-disabled', key, setting: 'NODE_TLS_REJECT_UNAUTHORIZED=0' } };
  } else if (key === 'PGSSLMODE' && WEAK_MODE.test(trimmed)) {
    yield { itemId: 'config-vars', data: { kind: 'tls-disabled', key, setting: `PGSSLMODE=${trimmed.toLowerCase()}` } };
  } else {
    const mode = SSLMODE_PARAM.exec(value);
    if (mode) yield { itemId: 'config-vars', data: { kind: 'tls-disabled', key, setting: `sslmode=${mode[1].toLowerCase()}` } };
    // Key-Value Store certificates: reported as info only (catalog caveat 0.4-4).
    const redis = REDIS_NO_VERIFY_PARAM.exec(value) ?? (/SSL_CERT_REQS$/i.test(key) && /^(none|cert_none)$/i.test(trimmed) ? [trimmed] : null);
    if (redis) yield { itemId: 'config-vars', severity: 'info', data: { kind: 'tls-disabled', key, setting: redis[0].toLowerCase() } };
  }
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-007',
    name: 'config-var-hygiene',
    title: 'Config-var hygiene',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A config var of the running app turns off TLS verification, holds a copy of an add-on\'s credentials, sets a debug or development mode, holds a Heroku API key, or holds another recognisable credential (listed for review at info).',
    recommendation:
      'Remove TLS overrides and debug settings, let add-on attachments manage their URL vars, replace a Heroku API key with a narrowly scoped OAuth authorization, and review who can read the config vars that hold credentials.',
    controls: [],
    sources: ['DC-CONFIGVARS', 'GITLEAKS', 'PG-LIBPQ', 'NODE-CLI', 'DC-RAILSENV', 'DC-KVS'],
    feature: 'Config Vars',
    tags: ['live', 'config-vars', 'secrets'],
  },
  *check(snapshot, { profile }) {
    const vars = dataOf(snapshot.configVars);
    if (!vars) return;
    // Add-on attachments set and rotate their own vars; without the add-on list that is unknown, so those checks wait.
    const addons = dataOf(snapshot.addons);
    const fromAddons = new Set(addons ? addonsOf(addons).flatMap((a) => a.configVars) : []);
    for (const [key, value] of Object.entries(vars)) {
      if (typeof value !== 'string' || value.length === 0) continue;
      yield* tlsDetections(key, value);
      const dev = devModeSetting(key, value);
      if (dev) yield { itemId: 'config-vars', severity: DEV_MODE_SEVERITY[profile], data: { kind: 'dev-mode', key, setting: `${key}=${dev.value}` } };
      if (fromAddons.has(key)) continue;
      if (addons && isAddonManagedUrlKey(key) && findUrlCredentials(value).length > 0) {
        yield { itemId: 'config-vars', data: { kind: 'addon-url-copied', key } };
        continue;
      }
      const tokens = findKnownTokens(value, key);
      if (tokens.some((t) => t.id.startsWith('heroku-api-key'))) {
        yield { itemId: 'config-vars', data: { kind: 'heroku-api-key', key } };
        continue;
      }
      const label = tokens[0]?.label ?? (findPrivateKeys(value).length > 0 ? 'private key' : undefined);
      if (label) yield { itemId: 'config-vars', severity: 'info', data: { kind: 'credential', key, label } };
    }
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'tls-disabled':
        return `Config var \`${data.key}\` turns off TLS certificate verification (\`${data.setting}\`), so connections can be intercepted.`;
      case 'addon-url-copied':
        return `Config var \`${data.key}\` holds credentials in a URL that no attached add-on provides: a copy that does not follow credential rotation.`;
      case 'dev-mode':
        return `Config var \`${data.key}\` sets a debug or development mode (\`${data.setting}\`) on the running app.`;
      case 'heroku-api-key':
        return `Config var \`${data.key}\` holds a Heroku API key, which gives anyone who can read the app's config vars its user's access to every app and team.`;
      case 'credential':
        return `Config var \`${data.key}\` holds a ${data.label}; review who can read this app's config vars and how the credential is rotated.`;
    }
  },
});
