import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { jsonProperties } from '../../sites';
import { nearest } from '../../text';

interface Data {
  readonly key: string;
  /** The nearest valid key, when one is within edit distance 2 and not already present. */
  readonly suggestion?: string;
  /** The nearest valid key when it is already present, so that this key is a stray copy of it. */
  readonly shadows?: string;
}

/** The documented top-level keys (DC-APPJSON; rules-catalog.md §1.1). */
export const APP_JSON_KEYS = [
  'name',
  'description',
  'keywords',
  'website',
  'repository',
  'logo',
  'success_url',
  'scripts',
  'env',
  'formation',
  'image',
  'addons',
  'buildpacks',
  'environments',
  'stack',
] as const;

/** Editor tooling keys that Heroku never reads and that are deliberate, not typos. */
const TOOLING_KEYS = new Set(['$schema']);

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-002',
    name: 'unknown-top-level-key',
    title: 'Unknown top-level key',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A top-level app.json key is not part of the documented schema, often a misspelling of one that is.',
    recommendation: 'Rename the key to the documented one it was meant to be, or remove it.',
    controls: [],
    sources: ['DC-APPJSON', 'HK-MCP-SCHEMA'],
    feature: 'Heroku Flow',
    tags: ['app.json', 'schema'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    if (root?.type !== 'object') return;
    const properties = jsonProperties(root);
    // A suggestion is offered only for a key that is not present yet, and only once, so that renaming never creates a duplicate.
    const present = new Set(properties.map((p) => p.key));
    const taken = new Set(present);
    for (const { key, keyNode } of properties) {
      if ((APP_JSON_KEYS as readonly string[]).includes(key) || TOOLING_KEYS.has(key)) continue;
      const candidate = nearest(key, APP_JSON_KEYS);
      const suggestion = candidate !== undefined && !taken.has(candidate) ? candidate : undefined;
      if (suggestion) taken.add(suggestion);
      const shadows = candidate !== undefined && !suggestion && present.has(candidate) ? candidate : undefined;
      yield { start: keyNode.offset, end: keyNode.offset + keyNode.length, data: { key, suggestion, shadows } };
    }
  },
  message: ({ key, suggestion, shadows }) =>
    suggestion
      ? `Unknown top-level key \`${key}\`; did you mean \`${suggestion}\`?`
      : shadows
        ? `Unknown top-level key \`${key}\`; it looks like a misspelling of \`${shadows}\`, which is also present.`
        : `Unknown top-level key \`${key}\`; it is not part of the app.json schema.`,
  fix: (detection, { document }) => {
    const { suggestion } = detection.data;
    if (!suggestion) return undefined;
    return {
      title: `Rename \`${detection.data.key}\` to \`${suggestion}\``,
      safety: 'suggestion',
      edits: [replaceEdit(document, detection.start, detection.end, JSON.stringify(suggestion))],
    };
  },
});
