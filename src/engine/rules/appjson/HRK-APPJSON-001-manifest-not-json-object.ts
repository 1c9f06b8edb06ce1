import type { Node as JsonNode } from 'jsonc-parser';
import { spanStart } from '../../text';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';

type Data =
  | { readonly kind: 'empty' }
  | { readonly kind: 'bom' }
  | { readonly kind: 'syntax'; readonly problem: string }
  | { readonly kind: 'root'; readonly rootType: string }
  | { readonly kind: 'duplicate'; readonly key: string; readonly path: string };

const ROOT_TYPES: Record<string, string> = {
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: '`null`',
};

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-001',
    name: 'manifest-not-json-object',
    title: 'Manifest is not a JSON object',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'app.json does not parse as JSON, its root is not an object, or an object repeats a key.',
    recommendation: 'Make app.json a single valid JSON object (no comments, no trailing commas) with each key written once.',
    controls: [],
    sources: ['DC-APPJSON', 'SS-APPJSON'],
    feature: 'Heroku Flow (review/CI/app-setup)',
    tags: ['app.json', 'syntax'],
  },
  *check({ document }) {
    const parsed = document.appJson;
    if (!parsed) return;
    const text = document.text;
    if (text.trim() === '') {
      yield { start: 0, end: 0, data: { kind: 'empty' } };
      return;
    }
    // A byte order mark is its own, fixable problem; the parser sees it as an invalid symbol at 0.
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) yield { start: 0, end: 1, data: { kind: 'bom' } };
    // One clear diagnostic at the first error; the rest usually follow from it.
    const first = parsed.errors.filter((e) => !(bom && e.start === 0)).sort((a, b) => a.start - b.start)[0];
    if (first) {
      const comma = trailingComma(text, first.start);
      if (comma !== undefined) yield { start: comma, end: comma + 1, data: { kind: 'syntax', problem: 'Trailing commas are not allowed' } };
      else yield { ...clampToContent(text, first.start, first.end), data: { kind: 'syntax', problem: first.message } };
    }
    const root = parsed.root;
    if (root && root.type !== 'object') {
      // A multi-line array is marked by its opening bracket only.
      const end = root.offset + root.length;
      const span = text.slice(root.offset, end).includes('\n') ? { start: root.offset, end: root.offset + 1 } : { start: root.offset, end };
      yield { ...span, data: { kind: 'root', rootType: root.type } };
    }
    for (const duplicate of parsed.duplicateKeys) {
      const keyNode = duplicate.property.children?.[0];
      if (!keyNode) continue;
      const firstKey = firstOccurrence(duplicate.property, duplicate.key);
      yield {
        start: keyNode.offset,
        end: keyNode.offset + keyNode.length,
        data: { kind: 'duplicate', key: duplicate.key, path: [...duplicate.objectPath, duplicate.key].map(String).join('.') },
        related: firstKey ? [{ path: document.path, start: firstKey.offset, end: firstKey.offset + firstKey.length, message: `\`${duplicate.key}\` is first defined here` }] : [],
      };
    }
  },
  fix: (detection, { document }) =>
    detection.data.kind === 'bom' ? { title: 'Remove the byte order mark', safety: 'safe', edits: [replaceEdit(document, 0, 1, '')] } : undefined,
  message: (data) => {
    switch (data.kind) {
      case 'empty':
        return 'app.json is empty; it must contain a JSON object.';
      case 'bom':
        return 'app.json starts with a UTF-8 byte order mark, which strict JSON parsers reject; save it without one.';
      case 'syntax':
        return `app.json is not valid JSON: ${data.problem}.`;
      case 'root':
        return `The root of app.json is ${ROOT_TYPES[data.rootType] ?? data.rootType}; it must be a JSON object.`;
      case 'duplicate':
        return `Key \`${data.path}\` is defined more than once; Heroku uses the last value and ignores the others.`;
    }
  },
});

/** An error at or past the end of the content (a missing `}`) is shown on the last non-blank character. */
function clampToContent(text: string, start: number, end: number): { start: number; end: number } {
  const contentEnd = text.trimEnd().length;
  if (start < contentEnd) return { start, end: Math.min(Math.max(end, start), text.length) };
  // The last character, whole: it may be an astral one (two code units).
  return { start: spanStart(text, contentEnd - 1), end: contentEnd };
}

/** The offset of a `,` that directly precedes a closing `}` or `]` at `offset`, if that is what the error is. */
function trailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

/** The key node of the first property with the same key in the same object. */
function firstOccurrence(property: JsonNode, key: string): JsonNode | undefined {
  for (const sibling of property.parent?.children ?? []) {
    const keyNode = sibling.children?.[0];
    if (keyNode && keyNode.value === key) return sibling === property ? undefined : keyNode;
  }
  return undefined;
}
