import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { jsonChild, jsonProperties } from '../../sites';
import { editDistance } from '../../text';

/** "Only `test` and `review` are permitted" [DC-APPJSON]. */
export const APP_JSON_ENVIRONMENTS: readonly string[] = ['test', 'review'];

interface Data {
  readonly name: string;
  readonly suggestion?: string;
}

/** The permitted name within edit distance 2, when exactly one is that close. */
function suggestEnvironment(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const close = APP_JSON_ENVIRONMENTS.filter((candidate) => editDistance(lower, candidate) <= 2);
  if (close.length !== 1) return undefined;
  // Two-letter names are within 2 of anything short; require the name to share most of the candidate.
  return lower.length >= 3 ? close[0] : undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-023',
    name: 'invalid-environment-name',
    title: 'Invalid environment name',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An `environments` key is not `test` or `review`, the only environments Heroku permits.',
    recommendation: 'Use `environments.review` for review apps and `environments.test` for Heroku CI; set other environments\' config outside app.json.',
    controls: [],
    sources: ['DC-APPJSON'],
    feature: 'Heroku Flow',
    tags: ['app.json', 'schema'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    if (root?.type !== 'object') return;
    const environments = jsonChild(root, 'environments');
    const properties = jsonProperties(environments);
    const names = new Set(properties.map((p) => p.key));
    const invalid = properties.filter((p) => !APP_JSON_ENVIRONMENTS.includes(p.key)).map((p) => ({ property: p, suggestion: suggestEnvironment(p.key) }));
    for (const { property, suggestion } of invalid) {
      // Rename only when nothing else is or would become that environment: a duplicate key would hide one of them.
      const unique = suggestion !== undefined && !names.has(suggestion) && invalid.filter((i) => i.suggestion === suggestion).length === 1;
      yield {
        start: property.keyNode.offset,
        end: property.keyNode.offset + property.keyNode.length,
        data: { name: property.key, ...(unique ? { suggestion } : {}) },
      };
    }
  },
  message: ({ name, suggestion }) =>
    `Environment \`${name}\` is not used by Heroku, which permits only \`test\` and \`review\`${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : '.'}`,
  fix: ({ start, end, data }, { document }) =>
    data.suggestion === undefined
      ? undefined
      : { title: `Rename the environment to \`${data.suggestion}\``, safety: 'suggestion', edits: [replaceEdit(document, start, end, JSON.stringify(data.suggestion))] },
});
