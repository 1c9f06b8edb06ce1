import { replaceEdit } from '../../edits';
import { type DevModeSetting, devModeMessage, devModeSetting } from '../../facts/devMode';
import { defineRule } from '../../rule';
import { spanOf } from '../../sites';

interface Data {
  /** Dotted location, e.g. `setup.config.RAILS_ENV`. */
  readonly path: string;
  readonly section: 'setup' | 'build';
  readonly setting: DevModeSetting;
  /** Where the fix writes, when the value can be rewritten in place. */
  readonly edit?: { readonly start: number; readonly end: number; readonly newText: string };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-009',
    name: 'dev-mode-in-manifest-config',
    title: 'Development mode in manifest config',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'heroku.yml `setup.config` sets a debug or development mode (DEBUG, FLASK_DEBUG, FLASK_ENV, RAILS_ENV, RACK_ENV, NODE_ENV) for new apps; in `build.config` it is reported as info.',
    recommendation: 'Set production values in `setup.config` (`RAILS_ENV: production`); a development value in `build.config` only affects the image build.',
    controls: [],
    sources: ['DC-RAILSENV', 'HK-CLI'],
    feature: 'Config Vars',
    tags: ['heroku.yml', 'config-vars', 'hardening'],
  },
  *check({ document }) {
    const text = document.text;
    for (const site of document.strings()) {
      const section = site.context === 'setup.config' ? 'setup' : site.context === 'build.config' ? 'build' : undefined;
      if (!section || site.key === undefined) continue;
      // Plain YAML booleans lose their spelling (`True` parses as true): judge the source text when it is a bare word.
      const raw = text.slice(site.start, site.end);
      const plain = site.valueStart === undefined && /^[A-Za-z0-9]+$/.test(raw) ? raw : undefined;
      const setting = devModeSetting(site.key, plain ?? site.value);
      if (!setting) continue;
      let span: { start: number; end: number };
      let edit: Data['edit'];
      if (plain !== undefined) {
        span = { start: site.start, end: site.end };
        edit = { ...span, newText: setting.replacement };
      } else {
        const from = site.value.indexOf(setting.value);
        span = spanOf(site, from, from + setting.value.length);
        edit = site.valueStart !== undefined ? { ...span, newText: setting.replacement } : undefined;
      }
      yield {
        ...span,
        data: { path: `${site.context}.${site.key}`, section, setting, edit: section === 'setup' ? edit : undefined },
        // Heroku's own sample sets RAILS_ENV: development in build.config for the image build (HK-CLI sample).
        ...(section === 'build' ? { severity: 'info' as const } : {}),
      };
    }
  },
  message: ({ path, setting, section }) =>
    section === 'build'
      ? `\`${path}\` is \`${setting.value}\` for the image build; make sure the runtime config vars use production settings.`
      : devModeMessage(path, setting),
  fix: (detection, { document }) => {
    const { edit, setting } = detection.data;
    if (!edit) return undefined;
    return {
      title: `Set \`${setting.key}\` to \`${setting.replacement}\``,
      safety: 'suggestion',
      edits: [replaceEdit(document, edit.start, edit.end, edit.newText)],
    };
  },
});
