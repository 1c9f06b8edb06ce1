/** `terraform.tfvars.json` and `*.auto.tfvars.json`: JSON variable files, read into the same HCL syntax model. */
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { clampToText, jsonErrorMessage } from './appJson';
import type { HclAttribute, HclExpression, HclFile } from '../terraform/hcl';
import { spanEnd } from '../text';
import { TOO_DEEP_MESSAGE, tooDeepAt } from './depth';

export function isTfvarsJson(path: string): boolean {
  return path.endsWith('.tfvars.json');
}

export function parseTfvarsJson(text: string): HclFile {
  const empty = { start: 0, end: text.length, attributes: [], blocks: [] };
  const tooDeep = tooDeepAt(text, '"');
  if (tooDeep !== undefined) return { body: empty, errors: [{ start: tooDeep, end: tooDeep + 1, message: TOO_DEEP_MESSAGE }], comments: [] };
  const raw: ParseError[] = [];
  const root = parseTree(text, raw, { disallowComments: true, allowTrailingComma: false });
  clampToText(root, text.length);
  // One clear error at the first problem; later ones are usually its consequences.
  const errors = raw.slice(0, 1).map((e) => ({ start: e.offset, end: spanEnd(text, e.offset + Math.max(1, e.length)), message: `Invalid JSON: ${jsonErrorMessage(e)}` }));
  if (root && root.type !== 'object') errors.unshift({ start: root.offset, end: root.offset + 1, message: 'A .tfvars.json file must hold one JSON object of variable values' });
  const attributes: HclAttribute[] = [];
  for (const property of root?.type === 'object' ? root.children ?? [] : []) {
    const [key, value] = property.children ?? [];
    if (key?.type !== 'string' || typeof key.value !== 'string' || !value) continue;
    attributes.push({
      name: key.value,
      // An unterminated key (`"` then a line break) is one character long: an empty name after its quote.
      nameSpan: { start: key.offset + 1, end: Math.max(key.offset + 1, key.offset + key.length - 1) },
      value: expressionOf(value, text),
      start: property.offset,
      end: property.offset + property.length,
    });
  }
  return { body: { ...empty, attributes }, errors, comments: [] };
}

function expressionOf(node: Node, text: string): HclExpression {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'string': {
      const value = typeof node.value === 'string' ? node.value : '';
      const verbatim = text.slice(span.start + 1, span.end - 1) === value;
      return { ...span, kind: 'string', value, ...(verbatim ? { valueStart: span.start + 1 } : {}) };
    }
    case 'number':
      return { ...span, kind: 'number', value: typeof node.value === 'number' ? node.value : Number(node.value) };
    case 'boolean':
      return { ...span, kind: 'bool', value: node.value === true };
    case 'null':
      return { ...span, kind: 'null' };
    case 'array':
      return { ...span, kind: 'tuple', items: (node.children ?? []).map((child) => expressionOf(child, text)) };
    case 'object':
      return {
        ...span,
        kind: 'object',
        items: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) return [];
          return [{ start: property.offset, end: property.offset + property.length, key: expressionOf(key, text), value: expressionOf(value, text) }];
        }),
      };
    default:
      return { ...span, kind: 'unknown' };
  }
}
