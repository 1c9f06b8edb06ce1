import { replaceEdit } from '../../edits';
import { type DevModeSetting, devModeMessage, devModeSetting } from '../../facts/devMode';
import { defineRule } from '../../rule';
import { spanOf } from '../../sites';

interface Data {
  /** Dotted location, e.g. `environments.review.env.RAILS_ENV`. */
  readonly path: string;
  readonly setting: DevModeSetting;
  /** Where the fix writes: the value word when verbatim, else the whole literal. */
  readonly editStart: number;
  readonly editEnd: number;
  readonly newText: string;
}

/** The base `env` and `environments.review.env`; `environments.test` (Heroku CI) may run in test or development mode. */
const CONTEXTS = new Set(['env', 'environments.review.env']);

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-009',
    name: 'dev-mode-configured',
    title: 'Debug or development mode configured',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary: 'app.json sets a debug or development mode (DEBUG, FLASK_DEBUG, FLASK_ENV, RAILS_ENV, RACK_ENV, NODE_ENV) for new apps or review apps.',
    recommendation: 'Use production settings on Heroku, review and staging apps included: `RAILS_ENV=production`, `DEBUG=False`.',
    controls: [],
    sources: ['DC-RAILSENV', 'FLASK-DEBUG', 'DJ-DEPLOY'],
    feature: 'Config Vars',
    tags: ['app.json', 'config-vars', 'hardening'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      if (!CONTEXTS.has(site.context) || site.key === undefined) continue;
      const setting = devModeSetting(site.key, site.value);
      if (!setting) continue;
      const from = site.value.indexOf(setting.value);
      const span = spanOf(site, from, from + setting.value.length);
      const verbatim = site.valueStart !== undefined;
      const newValue = `${site.value.slice(0, from)}${setting.replacement}${site.value.slice(from + setting.value.length)}`;
      yield {
        ...span,
        data: {
          path: `${site.context}.${site.key}`,
          setting,
          editStart: verbatim ? span.start : site.start,
          editEnd: verbatim ? span.end : site.end,
          newText: verbatim ? setting.replacement : JSON.stringify(newValue),
        },
      };
    }
  },
  message: ({ path, setting }) => devModeMessage(path, setting),
  fix: (detection, { document }) => {
    const { setting, editStart, editEnd, newText } = detection.data;
    return {
      title: `Set \`${setting.key}\` to \`${setting.replacement}\``,
      safety: 'suggestion',
      edits: [replaceEdit(document, editStart, editEnd, newText)],
    };
  },
});
