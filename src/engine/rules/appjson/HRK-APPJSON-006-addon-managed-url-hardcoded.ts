import { isPlaceholder } from '../../detectors/secrets';
import { jsonRemoveEdit } from '../../edits';
import { isAddonManagedUrlKey } from '../../facts/addonPlans';
import { defineRule } from '../../rule';
import { envScopePath, spanOf } from '../../sites';

interface Data {
  readonly key: string;
  /** Dotted location, e.g. `env.DATABASE_URL`. */
  readonly path: string;
  /** JSON path of the env entry, for the fix. */
  readonly entryPath: readonly string[];
}

/** A URL whose host is the dyno itself, as Heroku CI in-dyno services use; it carries no add-on credential. */
const LOCAL_URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?(localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-006',
    name: 'addon-managed-url-hardcoded',
    title: 'Add-on-managed URL hard-coded',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary: 'app.json sets a URL config var that a data add-on attachment manages (DATABASE_URL, REDIS_URL, KAFKA_URL…).',
    recommendation: 'Delete the entry and declare the add-on in `addons`; its attachment sets the URL and keeps it current.',
    controls: ['PCI 8.6.2'],
    sources: ['DC-KVS'],
    feature: 'Postgres credentials',
    tags: ['app.json', 'secrets', 'addons'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      const scope = envScopePath(site.context);
      const key = site.key;
      if (!scope || key === undefined || !isAddonManagedUrlKey(key)) continue;
      const value = site.value.trim();
      if (isPlaceholder(value)) continue;
      if (scope[1] === 'test' && LOCAL_URL.test(value)) continue;
      yield { ...spanOf(site, 0, site.value.length), data: { key, path: `${site.context}.${key}`, entryPath: [...scope, 'env', key] } };
    }
  },
  message: ({ path, key }) => `\`${path}\` hard-codes a URL that an add-on attachment manages; Heroku sets \`${key}\` itself and changes it when credentials rotate.`,
  fix: (detection, { document }) => {
    const edit = jsonRemoveEdit(document, [...detection.data.entryPath]);
    return edit && { title: `Delete the \`${detection.data.key}\` entry`, safety: 'suggestion', edits: [edit] };
  },
});
