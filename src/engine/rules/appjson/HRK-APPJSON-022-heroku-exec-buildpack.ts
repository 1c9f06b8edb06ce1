import type { Node as JsonNode } from 'jsonc-parser';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { displayBuildpackUrl, isExecBuildpack } from '../../facts/buildpacks';
import { buildpackSites } from './manifest';

interface Data {
  readonly url: string;
  /** `[start, end)` of the text that deletes the buildpack object, separator included. */
  readonly removal: { readonly start: number; readonly end: number };
}

/** The span that removes `array.children[index]` together with one adjoining comma, leaving valid JSON. */
function removalSpan(text: string, array: JsonNode, index: number): { start: number; end: number } {
  const items = array.children ?? [];
  const item = items[index];
  if (items.length === 1) {
    // Keep the array's own layout: `[\n  {…}\n]` → `[]`.
    return { start: array.offset + 1, end: array.offset + array.length - 1 };
  }
  if (index < items.length - 1) return { start: item.offset, end: items[index + 1].offset };
  const previous = items[index - 1];
  // From the end of the previous item (its comma follows) to the end of this item.
  const start = previous.offset + previous.length;
  return { start, end: item.offset + item.length + (text.slice(item.offset + item.length).match(/^[ \t]*/)?.[0].length ?? 0) };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-022',
    name: 'heroku-exec-buildpack',
    title: 'Heroku Exec buildpack declared',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'low', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'The Heroku Exec buildpack gives people interactive shell access to running dynos.',
    recommendation: 'Remove the Heroku Exec buildpack from apps in Shield spaces; elsewhere keep it only where dyno access is needed and controlled.',
    controls: ['PCI 10.2.1.2'],
    sources: ['HK-CLI'],
    feature: 'Keystroke Logging / access',
    tags: ['app.json', 'buildpacks', 'access'],
  },
  *check({ document }) {
    for (const site of buildpackSites(document.appJson)) {
      if (!isExecBuildpack(site.url)) continue;
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: { url: displayBuildpackUrl(site.url.trim()), removal: removalSpan(document.text, site.array, site.index) },
      };
    }
  },
  message: ({ url }, { profile }) =>
    profile === 'shield'
      ? `Buildpack \`${url}\` enables Heroku Exec, which is restricted in Shield Private Spaces.`
      : `Buildpack \`${url}\` enables Heroku Exec, which opens interactive shell access to running dynos.`,
  // Removing a buildpack changes the build, so the deletion is offered for review, and only on shield.
  fix: ({ data }, { document, profile }) =>
    profile !== 'shield'
      ? undefined
      : { title: 'Remove the Heroku Exec buildpack', safety: 'suggestion', edits: [replaceEdit(document, data.removal.start, data.removal.end, '')] },
});
