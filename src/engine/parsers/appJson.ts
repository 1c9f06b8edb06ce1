import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { spanEnd, spanStart } from '../text';
import { TOO_DEEP_MESSAGE, tooDeepAt } from './depth';

export interface SyntaxProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface DuplicateKey {
  /** The repeated key's property node; Heroku keeps the last occurrence. */
  readonly property: Node;
  readonly key: string;
  /** JSON path of the object that holds the key. */
  readonly objectPath: readonly (string | number)[];
}

export interface ParsedAppJson {
  readonly kind: 'app.json';
  /** The partial tree; undefined only when nothing parsed at all. */
  readonly root: Node | undefined;
  readonly errors: readonly SyntaxProblem[];
  readonly duplicateKeys: readonly DuplicateKey[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in app.json',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

/** A readable message for a jsonc-parser error. */
export function jsonErrorMessage(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return MESSAGES[code] ?? code;
}

export function parseAppJson(text: string): ParsedAppJson {
  const tooDeep = tooDeepAt(text, '"');
  if (tooDeep !== undefined) return { kind: 'app.json', root: undefined, errors: [{ start: tooDeep, end: tooDeep + 1, message: TOO_DEEP_MESSAGE }], duplicateKeys: [] };
  const raw: ParseError[] = [];
  const root = parseTree(text, raw, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  clampToText(root, text.length);
  // An error at the end of the text (a missing brace) gets an empty span there, not one past the end.
  const errors = raw.map((error) => ({ start: spanStart(text, error.offset), end: spanEnd(text, error.offset + Math.max(1, error.length)), message: jsonErrorMessage(error) }));
  return { kind: 'app.json', root, errors, duplicateKeys: root ? findDuplicateKeys(root) : [] };
}

/**
 * jsonc-parser counts one character too many for a block comment left open before a final `\r\n` (`{/*\r\n`: a root
 * of length 6 in 5 characters); no node may end past the text.
 */
export function clampToText(root: Node | undefined, length: number): void {
  if (!root || root.offset + root.length <= length) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as { offset: number; length: number; children?: Node[] };
    node.offset = Math.min(node.offset, length);
    node.length = Math.min(node.length, length - node.offset);
    if (node.children) stack.push(...node.children);
  }
}

function findDuplicateKeys(root: Node): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // One path, extended and shortened on the way down and up, copied only for an object that repeats a key:
  // building a path per member cost as much as the rest of the walk on an app.json with thousands of env vars.
  // The recursion is bounded: deeper input was refused before parsing (MAX_NESTING).
  const path: (string | number)[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      let objectPath: (string | number)[] | undefined;
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        const valueNode = property.children?.[1];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        if (seen.has(key)) found.push({ property, key, objectPath: (objectPath ??= [...path]) });
        seen.add(key);
        if (valueNode) {
          path.push(key);
          visit(valueNode);
          path.pop();
        }
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, index) => {
        path.push(index);
        visit(child);
        path.pop();
      });
    }
  };
  visit(root);
  return found.sort((a, b) => a.property.offset - b.property.offset);
}

/**
 * jsonc-parser's findNodeAtLocation (the first member of each name that has a value), with each object's members
 * indexed on first use: a fix per env entry of a large app.json otherwise scans the whole `env` object each time.
 */
export function nodeAtPath(root: Node | undefined, path: readonly (string | number)[]): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'string') {
      if (node.type !== 'object' || !Array.isArray(node.children)) return undefined;
      node = membersOf(node).get(segment);
    } else {
      if (node.type !== 'array' || segment < 0 || !Array.isArray(node.children) || segment >= node.children.length) return undefined;
      node = node.children[segment];
    }
  }
  return node;
}

const memberIndex = new WeakMap<Node, Map<unknown, Node>>();

function membersOf(object: Node): Map<unknown, Node> {
  let members = memberIndex.get(object);
  if (!members) {
    members = new Map();
    for (const property of object.children ?? []) {
      if (!Array.isArray(property.children) || property.children.length !== 2) continue;
      const key: unknown = property.children[0].value;
      if (!members.has(key)) members.set(key, property.children[1]);
    }
    memberIndex.set(object, members);
  }
  return members;
}
