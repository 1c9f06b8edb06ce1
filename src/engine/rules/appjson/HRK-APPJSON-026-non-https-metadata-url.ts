import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { jsonProperties } from '../../sites';

const URL_KEYS: readonly string[] = ['website', 'repository', 'logo', 'success_url'];

interface Data {
  readonly key: string;
  /** Offsets of `http` when the value is verbatim in the source. */
  readonly scheme?: { readonly start: number; readonly end: number };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-026',
    name: 'non-https-metadata-url',
    title: 'Non-HTTPS metadata URL',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'info', shield: 'low' },
    status: 'U',
    preview: true,
    fix: 'suggestion',
    summary: 'A `website`, `repository`, `logo` or absolute `success_url` uses `http://`.',
    recommendation: 'Use `https://` URLs in app.json metadata.',
    controls: [],
    sources: [],
    feature: 'ACM / TLS',
    tags: ['app.json', 'tls'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    if (root?.type !== 'object') return;
    for (const property of jsonProperties(root)) {
      const node = property.value;
      if (!URL_KEYS.includes(property.key) || node?.type !== 'string' || typeof node.value !== 'string') continue;
      const match = /^(\s*)http:\/\//i.exec(node.value);
      if (!match) continue;
      const verbatim = document.text.slice(node.offset + 1, node.offset + node.length - 1) === node.value;
      const start = node.offset + 1 + match[1].length;
      yield {
        start: node.offset,
        end: node.offset + node.length,
        data: { key: property.key, ...(verbatim ? { scheme: { start, end: start + 4 } } : {}) },
      };
    }
  },
  message: ({ key }) => `\`${key}\` is a plain \`http://\` URL; use \`https://\`.`,
  // The site may not serve https, so the change is offered for review.
  fix: ({ data }, { document }) =>
    data.scheme ? { title: 'Use `https://`', safety: 'suggestion', edits: [replaceEdit(document, data.scheme.start, data.scheme.end, 'https')] } : undefined,
});
