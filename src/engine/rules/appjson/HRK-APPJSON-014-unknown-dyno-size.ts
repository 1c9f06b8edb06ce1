import { replaceEdit } from '../../edits';
import { isKnownDynoSize, suggestDynoSize } from '../../facts/dynoSizes';
import { defineRule } from '../../rule';
import { dynoSizeSites } from './manifest';

interface Data {
  readonly size: string;
  readonly label: string;
  readonly suggestion?: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-014',
    name: 'unknown-dyno-size',
    title: 'Unknown dyno size',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary: 'A formation or script `size` is not a Heroku dyno size.',
    recommendation: 'Use a documented dyno size for the runtime, such as `standard-1x`, `private-m`, `shield-m` or `dyno-2c-4gb`.',
    controls: [],
    sources: ['HK-CLI', 'DC-APPJSON', 'TF-FORMATION'],
    feature: 'Runtime',
    tags: ['app.json', 'dynos'],
  },
  *check({ document }) {
    for (const site of dynoSizeSites(document.appJson)) {
      if (isKnownDynoSize(site.size)) continue;
      const suggestion = suggestDynoSize(site.size);
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: { size: site.size, label: site.label, ...(suggestion !== undefined ? { suggestion } : {}) },
      };
    }
  },
  message: ({ size, label, suggestion }) =>
    size.trim().length === 0
      ? `\`${label}\` is empty, which is not a Heroku dyno size.`
      : `Dyno size \`${size}\` in \`${label}\` is not a Heroku dyno size${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : '.'}`,
  fix: ({ start, end, data }, { document }) =>
    data.suggestion === undefined
      ? undefined
      : {
          title: `Change the size to \`${data.suggestion}\``,
          safety: 'suggestion',
          edits: [replaceEdit(document, start, end, JSON.stringify(data.suggestion))],
        },
});
