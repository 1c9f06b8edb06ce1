/**
 * Converts a tree-sitter-terraform tree into the plain HCL syntax model of terraform/hcl.ts.
 *
 * Two passes keep this linear and cheap: `flatten` copies the tree out of the wasm heap into parallel arrays
 * with one TreeCursor walk (so the tree can be deleted right after), then `Converter` builds the model from
 * those arrays without calling into wasm again. Recursion in the converter is bounded by MAX_NESTING; the
 * flattening and the leaf scans are iterative.
 *
 * tree-sitter's grammar is more lenient than HashiCorp's hclsyntax in a few places (it ignores newlines, allows
 * several attributes on one line, multi-line quoted strings, hex numbers, `::` in names, `${}`), so the
 * converter also reports what hclsyntax rejects; test/hclconform checks both parsers agree.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';
import type {
  HclAttribute,
  HclBlock,
  HclBody,
  HclComment,
  HclExpression,
  HclFile,
  HclLabel,
  HclObjectItem,
  HclSyntaxError,
  HclTemplatePart,
  HclTraverser,
  Span,
} from '../terraform/hcl';
import { spanEnd } from '../text';
import { MAX_NESTING, TOO_DEEP_MESSAGE } from './depth';
import { lineEndOf, QuotedLineScanner } from './hclStringScan';

/** The tree copied out of the wasm heap: node `i` has a type, a span, a parent and its first child / next sibling. */
export class FlatTree {
  readonly type: string[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly parent: number[] = [];
  readonly first: number[] = [];
  readonly next: number[] = [];
  /** Zero-width nodes that tree-sitter inserted to recover (MISSING). */
  readonly missing = new Set<number>();
  readonly comments: number[] = [];
  readonly errorNodes: number[] = [];

  get size(): number {
    return this.type.length;
  }
}

/**
 * Copies a tree into a FlatTree with one cursor walk; the cursor is deleted before returning. `offset` is added
 * to every index, for a tree parsed from a slice of the file.
 */
export function flatten(tree: Tree, offset = 0): FlatTree {
  const cursor = tree.walk();
  const raw = rawCursorOf(cursor);
  // Both delete the cursor.
  return raw ? flattenRaw(tree, raw, offset) : flattenWith(tree, cursor, offset);
}

/**
 * The wasm exports of web-tree-sitter that its TreeCursor calls, captured by setTreeSitterBinding() from the
 * options object given to Parser.init (Emscripten makes that object the module). Each TreeCursor call copies the
 * cursor into the module's transfer buffer and back (marshal/unmarshal through getValue/setValue) around every
 * move and every read; flattenRaw() leaves the cursor in the transfer buffer for the whole walk and calls the
 * same exports directly, which halves the cost of copying a tree out of the wasm heap.
 */
interface TreeSitterBinding {
  readonly HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

let binding: TreeSitterBinding | undefined;

/** Called by the parser's loader with the object it passed to Parser.init; ignored unless it has every export flattenRaw uses. */
export function setTreeSitterBinding(module: unknown): void {
  const m = module as Partial<Record<keyof TreeSitterBinding, unknown>> | undefined;
  const names: (keyof TreeSitterBinding)[] = [
    '_ts_init',
    '_ts_tree_cursor_goto_first_child_wasm',
    '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm',
    '_ts_tree_cursor_current_node_type_id_wasm',
    '_ts_tree_cursor_current_node_is_missing_wasm',
    '_ts_tree_cursor_start_index_wasm',
    '_ts_tree_cursor_end_index_wasm',
  ];
  binding = m && m.HEAP32 instanceof Int32Array && names.every((name) => typeof m[name] === 'function') ? (m as TreeSitterBinding) : undefined;
}

/** The binding in use (undefined: flatten() walks with the public TreeCursor); for tests that compare both. */
export function treeSitterBinding(): unknown {
  return binding;
}

interface RawCursor {
  readonly binding: TreeSitterBinding;
  /** web-tree-sitter's TreeCursor keeps its four words in `handles` (internal). */
  readonly handles: number[];
  readonly cursor: TreeCursor;
}

function rawCursorOf(cursor: TreeCursor): RawCursor | undefined {
  const handles = (cursor as unknown as { handles?: unknown }).handles;
  if (!binding || !Array.isArray(handles) || handles.length !== 4) return undefined;
  return { binding, handles: handles as number[], cursor };
}

function flattenRaw(tree: Tree, raw: RawCursor, offset: number): FlatTree {
  const b = raw.binding;
  const treeAddress = (tree as unknown as Record<number, number>)[0];
  const types = tree.language.types;
  const flat = new FlatTree();
  // The transfer buffer (a static address) holds the cursor for the whole walk; moving the cursor may grow the
  // wasm memory, which replaces HEAP32, so the view is read again when the walk ends.
  const buffer = b._ts_init() >> 2;
  for (let i = 0; i < 4; i++) b.HEAP32[buffer + i] = raw.handles[i];
  try {
    const add = (parent: number): number => {
      const id = flat.type.length;
      const type = types[b._ts_tree_cursor_current_node_type_id_wasm(treeAddress)] ?? 'ERROR';
      const start = b._ts_tree_cursor_start_index_wasm(treeAddress) + offset;
      const end = b._ts_tree_cursor_end_index_wasm(treeAddress) + offset;
      flat.type.push(type);
      flat.start.push(start);
      flat.end.push(end);
      flat.parent.push(parent);
      flat.first.push(-1);
      flat.next.push(-1);
      if (start === end && b._ts_tree_cursor_current_node_is_missing_wasm(treeAddress) === 1) flat.missing.add(id);
      if (type === 'comment') flat.comments.push(id);
      else if (type === 'ERROR') flat.errorNodes.push(id);
      return id;
    };
    let current = add(-1);
    for (;;) {
      if (b._ts_tree_cursor_goto_first_child_wasm(treeAddress) === 1) {
        const child = add(current);
        flat.first[current] = child;
        current = child;
        continue;
      }
      for (;;) {
        if (b._ts_tree_cursor_goto_next_sibling_wasm(treeAddress) === 1) {
          const sibling = add(flat.parent[current]);
          flat.next[current] = sibling;
          current = sibling;
          break;
        }
        if (b._ts_tree_cursor_goto_parent_wasm(treeAddress) !== 1) return flat;
        current = flat.parent[current];
      }
    }
  } finally {
    // Hand the cursor (its stack may have moved) back to the TreeCursor, which frees it.
    for (let i = 0; i < 4; i++) raw.handles[i] = b.HEAP32[buffer + i];
    raw.cursor.delete();
  }
}

function flattenWith(tree: Tree, cursor: TreeCursor, offset: number): FlatTree {
  const types = tree.language.types;
  const flat = new FlatTree();
  try {
    const add = (parent: number): number => {
      const id = flat.type.length;
      const type = types[cursor.nodeTypeId] ?? 'ERROR';
      const start = cursor.startIndex + offset;
      const end = cursor.endIndex + offset;
      flat.type.push(type);
      flat.start.push(start);
      flat.end.push(end);
      flat.parent.push(parent);
      flat.first.push(-1);
      flat.next.push(-1);
      if (start === end && cursor.nodeIsMissing) flat.missing.add(id);
      if (type === 'comment') flat.comments.push(id);
      else if (type === 'ERROR') flat.errorNodes.push(id);
      return id;
    };
    let current = add(-1);
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = add(current);
        flat.first[current] = child;
        current = child;
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          const sibling = add(flat.parent[current]);
          flat.next[current] = sibling;
          current = sibling;
          break;
        }
        if (!cursor.gotoParent()) return flat;
        current = flat.parent[current];
      }
    }
  } finally {
    cursor.delete();
  }
}

const BINARY_OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);
/** Wrapper nodes whose only child is the punctuation they name. */
const WRAPPERS = new Set(['block_start', 'block_end', 'object_start', 'object_end', 'tuple_start', 'tuple_end', 'heredoc_start']);
/** Nodes that are one unit for the newline rule: brackets and templates make newlines inside them insignificant. */
const ATOMIC = new Set(['collection_value', 'tuple', 'object', 'for_expr', 'template_expr', 'string_lit', 'function_call', 'new_index', 'full_splat']);
const UNKNOWN = 'unknown' as const;
/** Keyword tokens of for-expressions and template directives. */
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);
/** Nodes that may carry `~` strip markers inside their delimiters. */
const STRIPPABLE = new Set(['template_interpolation', 'template_if_intro', 'template_else_intro', 'template_if_end', 'template_for_start', 'template_for_end']);

interface PendingError extends HclSyntaxError {
  /** Lower is more specific; used to pick one message when two land on the same spot. */
  readonly rank: number;
}

/** Rank of a missing block `}`: reported only when nothing else went wrong in the same region. */
const FALLBACK = 9;

/** Converts a flattened tree of `text` into an HclFile. Never throws on broken input. */
export function convert(flat: FlatTree, text: string): HclFile {
  return convertWithRegions(flat, text).file;
}

/** Like convert(), plus the spans of the top-level items (blocks, attributes, error nodes) that hold an error. */
export function convertWithRegions(flat: FlatTree, text: string): { file: HclFile; broken: Span[] } {
  const converter = new Converter(flat, text);
  const file = converter.file();
  return { file, broken: converter.broken };
}

class Converter {
  private readonly errors: PendingError[] = [];
  /** Top-level items with an error, filled by file(). */
  readonly broken: Span[] = [];
  /** Memos of nearest(), by what they look for. */
  private readonly nearestMemos = new Map<string, Int32Array>();

  constructor(
    private readonly f: FlatTree,
    private readonly text: string,
  ) {}

  file(): HclFile {
    const f = this.f;
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    if (f.size > 0) {
      for (const child of this.kids(0)) {
        const type = f.type[child];
        if (type === 'body') this.bodyItems(child, attributes, blocks, 1);
        else if (type === 'object') this.error(f.start[child], f.start[child] + 1, 'Unexpected `{`: a Terraform file holds attributes and blocks, not an object in braces', 1);
        else if (type === 'ERROR') this.salvage(child, attributes, blocks, 1);
      }
      this.checkItems(attributes, blocks, false);
    }
    this.treeErrors();
    return {
      body: { start: 0, end: this.text.length, attributes, blocks },
      errors: this.finishErrors(),
      comments: f.comments.map((id) => this.comment(id)),
    };
  }

  // ---------------------------------------------------------------- helpers

  /** Child ids without comments. */
  /**
   * The nearest node from `start` upwards (itself included) that `is` accepts, or -1. Memoized per `kind`: the
   * walks up from every error node were quadratic when thousands of them sat in one deep expression (`a = |||…`).
   */
  private nearest(start: number, kind: string, is: (id: number) => boolean): number {
    const f = this.f;
    let memo = this.nearestMemos.get(kind);
    if (!memo) this.nearestMemos.set(kind, (memo = new Int32Array(f.size)));
    // 0: not known yet; otherwise the answer + 2.
    const path: number[] = [];
    let found = -1;
    for (let p = start; p !== -1; p = f.parent[p]) {
      if (memo[p] !== 0) {
        found = memo[p] - 2;
        break;
      }
      path.push(p);
      if (is(p)) {
        found = p;
        break;
      }
    }
    for (const p of path) memo[p] = found + 2;
    return found;
  }

  private kids(id: number): number[] {
    const f = this.f;
    const out: number[] = [];
    for (let c = f.first[id]; c !== -1; c = f.next[c]) if (f.type[c] !== 'comment') out.push(c);
    return out;
  }

  private slice(id: number): string {
    return this.text.slice(this.f.start[id], this.f.end[id]);
  }

  private span(id: number): Span {
    return { start: this.f.start[id], end: this.f.end[id] };
  }

  private isMissing(id: number): boolean {
    const f = this.f;
    if (f.missing.has(id)) return true;
    // A wrapper (`block_end`) around a missing token is zero-width too.
    return f.start[id] === f.end[id] && f.first[id] !== -1 && f.missing.has(f.first[id]);
  }

  /** Built on the first string error only: well-formed files never need it. */
  private quotedLineScanner: QuotedLineScanner | undefined;

  private quotedLines(): QuotedLineScanner {
    this.quotedLineScanner ??= new QuotedLineScanner(this.text);
    return this.quotedLineScanner;
  }

  private error(start: number, end: number, message: string, rank = 5): void {
    // Spans such as `s + 2` for an escape must end inside the text, and not between the halves of a surrogate pair.
    this.errors.push({ start, end: spanEnd(this.text, Math.max(end, start)), message: clipQuoted(message), rank });
  }

  private comment(id: number): HclComment {
    let end = this.f.end[id];
    while (end > this.f.start[id] && (this.text.charCodeAt(end - 1) === 13 || this.text.charCodeAt(end - 1) === 10)) end--;
    return { start: this.f.start[id], end, text: this.text.slice(this.f.start[id], end) };
  }

  private unknown(start: number, end: number): HclExpression {
    return { kind: UNKNOWN, start, end };
  }

  // ---------------------------------------------------------------- bodies

  private bodyItems(body: number, attributes: HclAttribute[], blocks: HclBlock[], depth: number): void {
    for (const child of this.kids(body)) {
      const type = this.f.type[child];
      if (type === 'attribute') attributes.push(this.attribute(child, depth));
      else if (type === 'block') blocks.push(this.block(child, depth));
      else if (type === 'ERROR' || type === 'body') this.salvage(child, attributes, blocks, depth);
    }
  }

  /** Keeps the attributes and blocks that tree-sitter parsed inside an error region. */
  private salvage(id: number, attributes: HclAttribute[], blocks: HclBlock[], depth: number): void {
    if (depth > MAX_NESTING) return;
    for (const child of this.kids(id)) {
      const type = this.f.type[child];
      if (type === 'attribute') attributes.push(this.attribute(child, depth));
      else if (type === 'block') blocks.push(this.block(child, depth));
      else if (type === 'ERROR' || type === 'body') this.salvage(child, attributes, blocks, depth + 1);
    }
  }

  private block(id: number, depth: number): HclBlock {
    const f = this.f;
    let typeNode = -1;
    let openBraceEnd: number | undefined;
    let closeBraceStart: number | undefined;
    const labels: HclLabel[] = [];
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    let headerEnd = f.start[id];
    const tooDeep = depth > MAX_NESTING;
    if (tooDeep) this.error(f.start[id], f.end[id], TOO_DEEP_MESSAGE, 0);
    for (const child of this.kids(id)) {
      const type = f.type[child];
      if (type === 'identifier' && typeNode === -1) {
        typeNode = child;
        headerEnd = f.end[child];
        this.checkName(child);
      } else if (type === 'identifier' && openBraceEnd === undefined) {
        labels.push({ start: f.start[child], end: f.end[child], value: this.slice(child) });
        headerEnd = f.end[child];
        this.checkName(child);
      } else if (type === 'string_lit' && openBraceEnd === undefined) {
        const value = this.quotedLiteral(child);
        if (/(^|[^$])\$\{|(^|[^%])%\{/.test(this.slice(child))) {
          this.error(f.start[child], f.end[child], `Invalid block label ${this.slice(child)}: a label cannot hold \`\${…}\` or \`%{…}\``, 2);
        }
        labels.push({ start: f.start[child], end: f.end[child], value });
        headerEnd = f.end[child];
      } else if (type === 'block_start') {
        if (!this.isMissing(child)) openBraceEnd = f.end[child];
      } else if (type === 'block_end') {
        if (!this.isMissing(child)) closeBraceStart = f.start[child];
      } else if (!tooDeep && (type === 'body' || type === 'ERROR')) {
        this.bodyItems(child, attributes, blocks, depth + 1);
      }
    }
    if (typeNode !== -1 && openBraceEnd !== undefined && hasLineBreak(this.text.slice(f.end[typeNode], openBraceEnd))) {
      const title = [this.slice(typeNode), ...labels.map((l) => `"${l.value}"`)].join(' ');
      this.error(f.start[typeNode], f.end[typeNode], `The header of block \`${title}\` must be on one line, ending with \`{\``, 2);
    }
    const bodyStart = openBraceEnd ?? headerEnd;
    const body: HclBody = { start: bodyStart, end: closeBraceStart ?? Math.max(bodyStart, f.end[id]), attributes, blocks };
    const block: HclBlock = {
      start: f.start[id],
      end: f.end[id],
      type: typeNode === -1 ? '' : this.slice(typeNode),
      typeSpan: typeNode === -1 ? { start: f.start[id], end: f.start[id] } : this.span(typeNode),
      labels,
      body,
      ...(openBraceEnd === undefined ? {} : { openBraceEnd }),
      ...(closeBraceStart === undefined ? {} : { closeBraceStart }),
    };
    const single = openBraceEnd !== undefined && closeBraceStart !== undefined && this.checkBlockLayout(block);
    this.checkItems(attributes, blocks, single);
    return block;
  }

  private attribute(id: number, depth: number): HclAttribute {
    const f = this.f;
    let nameNode = -1;
    let value: HclExpression | undefined;
    let equalsEnd = f.end[id];
    for (const child of this.kids(id)) {
      const type = f.type[child];
      if (type === 'identifier' && nameNode === -1) nameNode = child;
      else if (type === '=') equalsEnd = f.end[child];
      else if (type === 'expression' && value === undefined) {
        value = this.expression(child, depth + 1);
        this.checkNewlines(child, `attribute \`${nameNode === -1 ? '' : this.slice(nameNode)}\``);
      }
    }
    if (nameNode !== -1) {
      this.checkName(nameNode);
      if (value && value.end > value.start && hasLineBreak(this.text.slice(f.end[nameNode], value.start))) {
        const name = this.slice(nameNode);
        const at = equalsEnd < f.end[id] ? { start: equalsEnd - 1, end: equalsEnd } : this.span(nameNode);
        this.error(at.start, at.end, `Missing value for attribute \`${name}\` on its line: the value must start on the same line as the name and \`=\``, 2);
      }
    }
    return {
      start: f.start[id],
      end: f.end[id],
      name: nameNode === -1 ? '' : this.slice(nameNode),
      nameSpan: nameNode === -1 ? { start: f.start[id], end: f.start[id] } : this.span(nameNode),
      value: value ?? this.unknown(equalsEnd, equalsEnd),
    };
  }

  // ---------------------------------------------------------------- expressions

  private expression(id: number, depth: number): HclExpression {
    const f = this.f;
    if (depth > MAX_NESTING) {
      this.error(f.start[id], f.end[id], TOO_DEEP_MESSAGE, 0);
      return this.unknown(f.start[id], f.end[id]);
    }
    const type = f.type[id];
    if (type !== 'expression') return this.term([id], depth);
    const kids = this.kids(id);
    if (kids.length === 1 && f.type[kids[0]] === 'conditional') return this.conditional(kids[0], depth + 1);
    if (kids.length === 0) return this.unknown(f.start[id], f.end[id]);
    return this.term(kids, depth + 1);
  }

  private conditional(id: number, depth: number): HclExpression {
    const parts = this.kids(id).filter((k) => this.f.type[k] === 'expression');
    const [condition, then, otherwise] = parts.map((p) => this.expression(p, depth + 1));
    if (!condition || !then || !otherwise) return this.unknown(this.f.start[id], this.f.end[id]);
    return { kind: 'conditional', start: this.f.start[id], end: this.f.end[id], condition, then, otherwise };
  }

  /** An `_expr_term`: a primary (or `( expression )`) followed by `.attr`, `[index]` and splats. */
  private term(kids: readonly number[], depth: number): HclExpression {
    const f = this.f;
    const start = f.start[kids[0]];
    const end = f.end[kids[kids.length - 1]];
    if (depth > MAX_NESTING) {
      this.error(start, end, TOO_DEEP_MESSAGE, 0);
      return this.unknown(start, end);
    }
    let primary: HclExpression;
    let rest: number;
    let variable: number | undefined;
    if (f.type[kids[0]] === '(') {
      const inner = kids.length > 1 && f.type[kids[1]] === 'expression' ? this.expression(kids[1], depth + 1) : undefined;
      const close = kids.indexOf(kids.find((k, i) => i > 0 && f.type[k] === ')') ?? -1);
      rest = close === -1 ? kids.length : close + 1;
      const parenEnd = close === -1 ? end : f.end[kids[close]];
      primary = inner ? { ...inner, start, end: parenEnd } : this.unknown(start, parenEnd);
    } else {
      const first = kids[0];
      rest = 1;
      if (f.type[first] === 'variable_expr') {
        variable = first;
        primary = this.unknown(f.start[first], f.end[first]);
      } else {
        primary = this.primary(first, depth + 1);
      }
    }
    if (rest >= kids.length && variable === undefined) return primary;
    const traversers: HclTraverser[] = [];
    let ok = true;
    for (let i = rest; i < kids.length; i++) ok = this.traversers(kids[i], traversers, depth + 1) && ok;
    if (!ok) return this.unknown(start, end);
    if (variable !== undefined) {
      const rootNode = f.first[variable];
      if (rootNode !== -1) this.checkName(rootNode);
      return { kind: 'traversal', start, end, root: this.slice(variable), rootSpan: this.span(variable), traversers };
    }
    return { kind: 'relative', start, end, source: primary, traversers };
  }

  /** Appends the traversers of a `get_attr`, `index` or `splat` node; false for anything else. */
  private traversers(id: number, into: HclTraverser[], depth: number): boolean {
    const f = this.f;
    switch (f.type[id]) {
      case 'get_attr': {
        const name = this.kids(id).find((k) => f.type[k] === 'identifier');
        if (name === undefined) return false;
        this.checkName(name);
        into.push({ kind: 'attr', name: this.slice(name), span: this.span(id) });
        return true;
      }
      case 'index': {
        const inner = f.first[id];
        if (inner === -1) return false;
        if (f.type[inner] === 'legacy_index') {
          // `.0`: the digits are an anonymous token that may not appear in the tree.
          const raw = this.slice(inner);
          if (!/^\.[0-9]+$/.test(raw)) return false;
          const key: HclExpression = { kind: 'number', start: f.start[inner] + 1, end: f.end[inner], value: Number(raw.slice(1)) };
          into.push({ kind: 'index', key, span: this.span(inner) });
          return true;
        }
        const expr = this.kids(inner).find((k) => f.type[k] === 'expression');
        if (expr === undefined || this.isMissing(this.kids(inner).at(-1) ?? -1)) return false;
        into.push({ kind: 'index', key: this.expression(expr, depth + 1), span: this.span(inner) });
        return true;
      }
      case 'splat': {
        const inner = f.first[id];
        if (inner === -1) return false;
        let ok = true;
        for (const k of this.kids(inner)) {
          const type = f.type[k];
          if (type === '.*' || type === '[*]') into.push({ kind: 'splat', span: this.span(k) });
          else ok = this.traversers(k, into, depth + 1) && ok;
        }
        return ok;
      }
      default:
        return false;
    }
  }

  private primary(id: number, depth: number): HclExpression {
    const f = this.f;
    const start = f.start[id];
    const end = f.end[id];
    switch (f.type[id]) {
      case 'expression':
        return this.expression(id, depth);
      case 'literal_value': {
        const inner = f.first[id];
        return inner === -1 ? this.unknown(start, end) : this.primary(inner, depth);
      }
      case 'numeric_lit': {
        const raw = this.slice(id);
        if (!/^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(raw)) {
          this.error(start, end, `Invalid number \`${raw}\`: HCL numbers are decimal`, 2);
          return this.unknown(start, end);
        }
        return { kind: 'number', start, end, value: Number(raw) };
      }
      case 'bool_lit':
        return { kind: 'bool', start, end, value: this.slice(id) === 'true' };
      case 'null_lit':
        return { kind: 'null', start, end };
      case 'string_lit':
      case 'quoted_template':
        return this.quoted(id, depth);
      case 'template_expr': {
        const inner = f.first[id];
        if (inner === -1) return this.unknown(start, end);
        return f.type[inner] === 'heredoc_template' ? this.heredoc(inner, depth + 1) : this.quoted(inner, depth + 1);
      }
      case 'collection_value': {
        const inner = f.first[id];
        return inner === -1 ? this.unknown(start, end) : this.primary(inner, depth);
      }
      case 'tuple': {
        const items = this.kids(id)
          .filter((k) => f.type[k] === 'expression')
          .map((k) => this.expression(k, depth + 1));
        return { kind: 'tuple', start, end, items };
      }
      case 'object':
        return this.object(id, depth);
      case 'function_call':
        return this.call(id, depth);
      case 'for_expr':
        this.validate(id, depth + 1);
        return { kind: 'for', start, end };
      case 'operation': {
        const inner = f.first[id];
        return inner === -1 ? this.unknown(start, end) : this.operation(inner, depth + 1);
      }
      case 'variable_expr':
      case 'conditional':
        return f.type[id] === 'conditional' ? this.conditional(id, depth) : this.term([id], depth);
      default:
        return this.unknown(start, end);
    }
  }

  private operation(id: number, depth: number): HclExpression {
    const f = this.f;
    const kids = this.kids(id);
    const start = f.start[id];
    const end = f.end[id];
    if (f.type[id] === 'unary_operation') {
      if (kids.length < 2) return this.unknown(start, end);
      return { kind: 'operation', start, end, operator: f.type[kids[0]], operands: [this.term(kids.slice(1), depth + 1)] };
    }
    const at = kids.findIndex((k, i) => i > 0 && BINARY_OPERATORS.has(f.type[k]));
    if (at <= 0 || at === kids.length - 1) return this.unknown(start, end);
    const left = this.term(kids.slice(0, at), depth + 1);
    const right = this.term(kids.slice(at + 1), depth + 1);
    return { kind: 'operation', start, end, operator: f.type[kids[at]], operands: [left, right] };
  }

  private call(id: number, depth: number): HclExpression {
    const f = this.f;
    const kids = this.kids(id);
    const name = kids[0] !== undefined && f.type[kids[0]] === 'identifier' ? this.slice(kids[0]) : '';
    const argsNode = kids.find((k) => f.type[k] === 'function_arguments');
    const args: HclExpression[] = [];
    let expands = false;
    if (argsNode !== undefined) {
      for (const k of this.kids(argsNode)) {
        if (f.type[k] === 'expression') args.push(this.expression(k, depth + 1));
        else if (f.type[k] === 'ellipsis') expands = true;
      }
    }
    const close = kids.at(-1);
    // `f(list...)` spreads its last argument: the call's arguments are not the ones written.
    if (!name || expands || close === undefined || f.type[close] !== ')' || this.isMissing(close)) return this.unknown(f.start[id], f.end[id]);
    return { kind: 'call', start: f.start[id], end: f.end[id], name, args };
  }

  private object(id: number, depth: number): HclExpression {
    const f = this.f;
    const items: HclObjectItem[] = [];
    const elems = this.kids(id).filter((k) => f.type[k] === 'object_elem');
    for (const elem of elems) {
      const parts = this.kids(elem).filter((k) => f.type[k] === 'expression');
      if (parts.length < 2) continue;
      items.push({ start: f.start[elem], end: f.end[elem], key: this.objectKey(parts[0], depth + 1), value: this.expression(parts[1], depth + 1) });
      this.checkNewlines(parts[1], 'an object element');
      if (hasLineBreak(this.text.slice(f.end[parts[0]], f.start[parts[1]]))) {
        this.error(f.start[parts[0]], f.end[parts[0]], 'An object element must have its key, `=` and the start of its value on one line', 2);
      }
    }
    this.checkObjectSeparators(id, elems);
    return { kind: 'object', start: f.start[id], end: f.end[id], items };
  }

  /** A bare identifier key (`name = …`) is the string `"name"`; anything else is an expression. */
  private objectKey(id: number, depth: number): HclExpression {
    const f = this.f;
    const kids = this.kids(id);
    if (kids.length === 1 && f.type[kids[0]] === 'variable_expr') {
      return { kind: 'string', start: f.start[id], end: f.end[id], value: this.slice(kids[0]), valueStart: f.start[id] };
    }
    return this.expression(id, depth);
  }

  // ---------------------------------------------------------------- templates

  /** The decoded text of a `string_lit` (no interpolation possible), for block labels. */
  private quotedLiteral(id: number): string {
    const expr = this.quoted(id, MAX_NESTING);
    return expr.kind === 'string' ? expr.value : this.text.slice(this.f.start[id] + 1, Math.max(this.f.start[id] + 1, this.f.end[id] - 1));
  }

  private quoted(id: number, depth: number): HclExpression {
    const f = this.f;
    const start = f.start[id];
    const end = f.end[id];
    const kids = this.kids(id);
    const last = kids.at(-1);
    const closed = last !== undefined && f.type[last] === 'quoted_template_end' && !this.isMissing(last);
    const contentStart = start + 1;
    const contentEnd = closed ? f.start[last] : end;
    const nodes = kids.filter((k) => f.type[k] === 'template_interpolation' || f.type[k] === 'template_directive');
    const segments = this.segments(nodes, contentStart, contentEnd);
    let multiline = false;
    let verbatim = true;
    const decoded = segments.map((s) => {
      if (typeof s === 'number') return s;
      const raw = this.text.slice(s.start, s.end);
      if (raw.includes('\n')) multiline = true;
      this.checkLiteral(raw, s.start);
      const value = decodeQuoted(raw, (offset, message) => this.error(s.start + offset, s.start + offset + 2, message, 2));
      if (value !== raw) verbatim = false;
      return { ...s, value };
    });
    if (!multiline) multiline = nodes.some((node) => f.type[node] === 'template_directive' && this.directiveBreaksLine(node));
    if (multiline && closed) {
      this.error(start, lineEndOf(this.text, start), 'Unterminated string: a quoted string cannot span lines; close it with `"` on the same line or use a heredoc', 1);
    }
    if (multiline || !closed) return this.unknown(start, end);
    return this.template(decoded, start, end, false, verbatim ? contentStart : undefined, depth);
  }

  private heredoc(id: number, depth: number): HclExpression {
    const f = this.f;
    const start = f.start[id];
    const end = f.end[id];
    const kids = this.kids(id);
    const startNode = kids.find((k) => f.type[k] === 'heredoc_start');
    const markers = kids.filter((k) => f.type[k] === 'heredoc_identifier');
    const open = markers[0];
    const close = markers.length > 1 ? markers[markers.length - 1] : undefined;
    if (startNode === undefined || open === undefined) return this.unknown(start, end);
    const flush = this.slice(startNode) === '<<-';
    const marker = this.slice(open);
    if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(marker) || f.start[open] !== f.end[startNode]) {
      this.error(start, Math.max(f.end[open], f.end[startNode]), `Invalid heredoc marker \`${marker}\`: write an identifier such as \`EOT\` right after \`${this.slice(startNode)}\``, 1);
      return this.unknown(start, end);
    }
    const afterMarker = f.end[open];
    let contentStart = afterMarker;
    if (this.text.startsWith('\r\n', afterMarker)) contentStart += 2;
    else if (this.text.charCodeAt(afterMarker) === 10) contentStart += 1;
    else {
      this.error(start, afterMarker, `Invalid heredoc \`${this.slice(startNode)}${marker}\`: the marker must end its line`, 1);
      return this.unknown(start, end);
    }
    if (close === undefined || this.isMissing(close)) return this.unknown(start, end);
    const contentEnd = this.text.lastIndexOf('\n', f.start[close]) + 1;
    const nodes = kids.filter((k) => f.type[k] === 'template_interpolation' || f.type[k] === 'template_directive');
    const segments = this.segments(nodes, contentStart, Math.max(contentStart, contentEnd));
    let verbatim = true;
    let decoded = segments.map((s) => {
      if (typeof s === 'number') return s;
      const raw = this.text.slice(s.start, s.end);
      this.checkLiteral(raw, s.start);
      const value = raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
      if (value !== raw) verbatim = false;
      return { ...s, value };
    });
    if (flush) {
      const flushed = flushHeredoc(decoded);
      if (flushed.changed) verbatim = false;
      decoded = flushed.segments;
    }
    return this.template(decoded, start, end, true, verbatim ? contentStart : undefined, depth);
  }

  /** Splits `[contentStart, contentEnd)` into literal gaps (spans) and the interpolation/directive node ids. */
  private segments(nodes: readonly number[], contentStart: number, contentEnd: number): (number | Span)[] {
    const out: (number | Span)[] = [];
    let at = contentStart;
    for (const node of nodes) {
      if (this.f.start[node] > at) out.push({ start: at, end: this.f.start[node] });
      out.push(node);
      at = Math.max(at, this.f.end[node]);
    }
    if (contentEnd > at) out.push({ start: at, end: contentEnd });
    return out;
  }

  private template(
    segments: readonly (number | (Span & { value: string }))[],
    start: number,
    end: number,
    heredoc: boolean,
    valueStart: number | undefined,
    depth: number,
  ): HclExpression {
    const f = this.f;
    if (!segments.some((s) => typeof s === 'number')) {
      const value = segments.map((s) => (typeof s === 'number' ? '' : s.value)).join('');
      return valueStart === undefined ? { kind: 'string', start, end, value } : { kind: 'string', start, end, value, valueStart };
    }
    const parts: HclTemplatePart[] = [];
    const literals = segments.map((s) => (typeof s === 'number' ? undefined : { ...s }));
    // Strip markers: `${~` trims the literal before, `~}` the literal after.
    segments.forEach((s, i) => {
      if (typeof s !== 'number') return;
      const [left, right] = this.stripMarkers(s);
      const before = literals[i - 1];
      const after = literals[i + 1];
      if (left && before) before.value = before.value.trimEnd();
      if (right && after) after.value = after.value.trimStart();
    });
    segments.forEach((s, i) => {
      const literal = literals[i];
      if (literal) {
        if (literal.value) parts.push({ kind: 'literal', start: literal.start, end: literal.end, text: literal.value });
        return;
      }
      const node = s as number;
      if (f.type[node] === 'template_interpolation') {
        this.checkStripMarkers(node);
        const expr = this.kids(node).find((k) => f.type[k] === 'expression');
        if (expr === undefined) {
          this.error(f.start[node], f.end[node], 'Empty interpolation `${}`: put an expression between the braces', 2);
          parts.push({ kind: 'interpolation', start: f.start[node], end: f.end[node], expression: this.unknown(f.start[node], f.end[node]) });
        } else {
          parts.push({ kind: 'interpolation', start: f.start[node], end: f.end[node], expression: this.expression(expr, depth + 1) });
        }
      } else {
        this.validate(node, depth + 1);
        parts.push({ kind: 'directive', start: f.start[node], end: f.end[node] });
      }
    });
    return { kind: 'template', start, end, parts, heredoc };
  }

  /** Whether an interpolation or directive has a `~` after its opening and before its closing delimiter. */
  private stripMarkers(node: number): [boolean, boolean] {
    const f = this.f;
    let first = node;
    let last = node;
    if (f.type[node] === 'template_directive') {
      const inner = f.first[node];
      const kids = inner === -1 ? [] : this.kids(inner);
      first = kids[0] ?? node;
      last = kids.at(-1) ?? node;
    }
    const a = this.kids(first);
    const b = this.kids(last);
    return [a.length > 1 && f.type[a[1]] === 'strip_marker', b.length > 1 && f.type[b[b.length - 2]] === 'strip_marker'];
  }

  // ---------------------------------------------------------------- hclsyntax rules tree-sitter does not enforce

  /**
   * Checks the parts of a for-expression or template directive that the model does not represent: their
   * expressions, interpolations, keywords and literal text.
   */
  private validate(id: number, depth: number): void {
    const f = this.f;
    if (depth > MAX_NESTING) return;
    const stack = [id];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      const type = f.type[node];
      if (node !== id && type === 'expression') {
        this.expression(node, depth + 1);
        continue;
      }
      if (STRIPPABLE.has(type)) this.checkStripMarkers(node);
      if (type === 'template_interpolation' && !this.kids(node).some((k) => f.type[k] === 'expression')) {
        this.error(f.start[node], f.end[node], 'Empty interpolation `${}`: put an expression between the braces', 2);
      }
      if (type === 'template_literal') this.checkLiteral(this.slice(node), f.start[node]);
      if (KEYWORDS.has(type) && /[\p{L}\p{N}_-]/u.test(this.text.charAt(f.end[node]))) {
        const word = tokenAt(this.text, f.start[node]);
        this.error(f.start[node], f.start[node] + word.length, `Unexpected \`${word}\`: expected the keyword \`${type}\` followed by a space`, 2);
      }
      for (let c = f.first[node]; c !== -1; c = f.next[c]) stack.push(c);
    }
  }

  /** Whether the literal text inside a directive (`%{ if x }…%{ endif }`) has a line break. */
  private directiveBreaksLine(directive: number): boolean {
    const f = this.f;
    const stack = [directive];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      const inner = f.type[node] === 'template_directive' ? f.first[node] : -1;
      if (inner === -1) continue;
      let previousEnd = -1;
      for (const kid of this.kids(inner)) {
        const type = f.type[kid];
        if (type === 'template_literal') continue;
        if (previousEnd !== -1 && this.text.slice(previousEnd, f.start[kid]).includes('\n')) return true;
        if (type === 'template_directive') stack.push(kid);
        previousEnd = f.end[kid];
      }
    }
    return false;
  }

  /** `~` strip markers must touch the delimiter they belong to: `${~` and `~}`. */
  private checkStripMarkers(node: number): void {
    const f = this.f;
    const kids = this.kids(node);
    if (kids.length < 2) return;
    const left = kids[1];
    if (f.type[left] === 'strip_marker' && f.start[left] !== f.end[kids[0]]) this.error(f.start[left], f.end[left], 'Unexpected `~`: a strip marker must follow `${` or `%{` directly', 2);
    const right = kids[kids.length - 2];
    if (right !== left && f.type[right] === 'strip_marker' && f.end[right] !== f.start[kids[kids.length - 1]]) {
      this.error(f.start[right], f.end[right], 'Unexpected `~`: a strip marker must come right before `}`', 2);
    }
  }

  /** Template literal text cannot hold an unescaped `${` or `%{` (tree-sitter sometimes leaves one there). */
  private checkLiteral(raw: string, at: number): void {
    for (let i = 0; i < raw.length - 1; i++) {
      const c = raw[i];
      if (c !== '$' && c !== '%') continue;
      if (raw[i + 1] === c && raw[i + 2] === '{') i += 2;
      else if (raw[i + 1] === '{') {
        this.error(at + i, at + i + 2, `Invalid template sequence \`${c}{\`: write \`${c}${c}{\` for a literal \`${c}{\``, 2);
        return;
      }
    }
  }

  /** `::` is only valid in provider function names. */
  private checkName(id: number): void {
    const name = this.slice(id);
    if (name.includes('::')) this.error(this.f.start[id], this.f.end[id], `Invalid name \`${name}\`: \`::\` is only allowed in provider function calls`, 2);
  }

  /** Each attribute and block ends its line; duplicate attribute names are rejected. */
  private checkItems(attributes: readonly HclAttribute[], blocks: readonly HclBlock[], singleLine: boolean): void {
    const seen = new Map<string, HclAttribute>();
    for (const attribute of attributes) {
      const previous = seen.get(attribute.name);
      if (previous && attribute.name) {
        this.error(attribute.nameSpan.start, attribute.nameSpan.end, `Attribute \`${attribute.name}\` is set twice in the same block (first on an earlier line)`, 3);
      } else {
        seen.set(attribute.name, attribute);
      }
    }
    const lineEnd = (at: number, what: string, single: boolean) => {
      const next = skipInline(this.text, at);
      if (next >= this.text.length || isLineBreak(this.text, next) || this.text.startsWith('#', next) || this.text.startsWith('//', next)) return;
      if (single && this.text.charCodeAt(next) === 125 /* } */) return;
      const token = tokenAt(this.text, next);
      this.error(next, next + token.length, `Unexpected ${quoteToken(token)} after ${what}: each attribute and block must end its line`, 4);
    };
    for (const attribute of attributes) if (attribute.value.kind !== UNKNOWN || attribute.value.end > attribute.value.start) lineEnd(attribute.end, `attribute \`${attribute.name}\``, singleLine);
    for (const block of blocks) if (block.closeBraceStart !== undefined) lineEnd(block.end, `block ${blockTitle(block)}`, false);
  }

  /**
   * A block whose `{` does not end its line is a single-line block: at most one attribute, closed on that line.
   * Returns whether the block is written that way.
   */
  private checkBlockLayout(block: HclBlock): boolean {
    const open = block.openBraceEnd as number;
    const close = block.closeBraceStart as number;
    const next = skipInline(this.text, open);
    if (next >= close) return true; // `name {}` or `name { }`
    if (isLineBreak(this.text, next) || this.text.startsWith('#', next) || this.text.startsWith('//', next)) return false;
    const { attributes, blocks } = block.body;
    if (blocks.length > 0 || attributes.length !== 1) {
      this.error(open - 1, open, `Block ${blockTitle(block)} is written on one line with ${blocks.length > 0 ? 'a nested block' : 'more than one attribute'}: put each on its own line`, 3);
    } else if (skipInline(this.text, attributes[0].end) !== close) {
      this.error(open - 1, open, `Block ${blockTitle(block)} starts on one line but does not close on it: put a line break after \`{\``, 3);
    }
    return true;
  }

  /** Object elements are separated by a comma or a line break (a comma cannot start a line). */
  private checkObjectSeparators(id: number, elems: readonly number[]): void {
    const f = this.f;
    for (let i = 0; i < elems.length; i++) {
      const gapStart = f.end[elems[i]];
      const gapEnd = i + 1 < elems.length ? f.start[elems[i + 1]] : f.end[id] - 1;
      const gap = blankComments(this.text.slice(gapStart, Math.max(gapStart, gapEnd)));
      const comma = gap.indexOf(',');
      const newline = gap.indexOf('\n');
      const last = i + 1 === elems.length;
      if (comma === -1 && newline === -1 && !last) {
        this.error(f.start[elems[i + 1]], f.end[elems[i + 1]], 'Missing `,` or line break between two object elements', 3);
      } else if (comma !== -1 && newline !== -1 && newline < comma) {
        this.error(gapStart + comma, gapStart + comma + 1, 'Unexpected `,` at the start of a line: put it after the element it ends', 3);
      }
    }
  }

  /** Outside brackets and templates, an attribute's expression must stay on one line. */
  private checkNewlines(expression: number, what: string): void {
    const f = this.f;
    // Depth-first, left to right, over units: leaves, atomic nodes and `( … )` groups.
    const stack: (number | Span)[] = [expression];
    let previousStart = -1;
    let previousEnd = -1;
    while (stack.length > 0) {
      const item = stack.pop() as number | Span;
      let unit: Span | undefined = typeof item === 'number' ? undefined : item;
      if (typeof item === 'number') {
        const type = f.type[item];
        if (type === 'ERROR' || this.isMissing(item)) return;
        const kids = ATOMIC.has(type) ? [] : this.kids(item);
        if (kids.length === 0) unit = this.span(item);
        else {
          const units: (number | Span)[] = [];
          for (let i = 0; i < kids.length; i++) {
            if (f.type[kids[i]] !== '(') {
              units.push(kids[i]);
              continue;
            }
            let j = i;
            while (j < kids.length - 1 && f.type[kids[j]] !== ')') j++;
            units.push({ start: f.start[kids[i]], end: f.end[kids[j]] });
            i = j;
          }
          for (let i = units.length - 1; i >= 0; i--) stack.push(units[i]);
          continue;
        }
      }
      if (!unit) continue;
      if (previousEnd !== -1 && hasLineBreak(this.text.slice(previousEnd, unit.start))) {
        this.error(previousStart, previousEnd, `The value of ${what} continues on the next line: outside brackets an expression must stay on one line`, 4);
        return;
      }
      previousStart = unit.start;
      previousEnd = unit.end;
    }
  }

  // ---------------------------------------------------------------- errors from the tree

  private treeErrors(): void {
    const f = this.f;
    const insideError = (id: number): boolean => f.parent[id] !== -1 && this.nearest(f.parent[id], 'ERROR', (p) => f.type[p] === 'ERROR') !== -1;
    for (const id of f.errorNodes) if (!insideError(id)) this.describeError(id);
    for (const id of f.missing) if (!insideError(id)) this.describeMissing(id);
  }

  private describeMissing(id: number): void {
    const f = this.f;
    const parent = f.parent[id];
    const key = parent !== -1 && WRAPPERS.has(f.type[parent]) ? f.type[parent] : f.type[id];
    const owner = parent !== -1 && WRAPPERS.has(f.type[parent]) ? f.parent[parent] : parent;
    const at = f.start[id];
    const context = this.context(id);
    switch (key) {
      case 'block_end': {
        const open = this.kids(owner).find((k) => f.type[k] === 'block_start');
        const s = open === undefined ? f.start[owner] : f.start[open];
        this.error(s, s + 1, `Missing closing brace \`}\` for block ${this.blockTitleOf(owner)}`, FALLBACK);
        return;
      }
      case 'object_end':
      case 'tuple_end': {
        const open = owner === -1 ? at : f.start[owner];
        const what = key === 'object_end' ? 'Missing closing brace `}` for the object that opens here' : 'Missing closing bracket `]` for the list that opens here';
        this.error(open, open + 1, what + context, 1);
        return;
      }
      case 'block_start': {
        const kids = this.kids(owner);
        const header = kids.filter((k) => f.type[k] === 'identifier' || f.type[k] === 'string_lit');
        const s = f.start[owner];
        const e = header.length > 0 ? f.end[header[header.length - 1]] : s;
        const name = header.length > 0 ? this.slice(header[0]) : '';
        this.error(s, e, `Expected \`=\` after \`${name}\`, or \`{\` to open block ${this.blockTitleOf(owner)}`, 2);
        return;
      }
      case 'object_start':
      case 'tuple_start':
      case 'expression':
        this.missingValue(id, context);
        return;
      case 'quoted_template_end': {
        const open = owner === -1 ? at : f.start[owner];
        const escape = this.quotedLines().firstInvalidEscape(open);
        if (escape) {
          this.error(escape.at, escape.at + 2, `Invalid escape sequence \`${escape.text}\` in a quoted string${context}`, 1);
          return;
        }
        this.error(open, lineEndOf(this.text, open), `Unterminated string: the closing \`"\` is missing${context}`, 1);
        return;
      }
      case 'heredoc_identifier': {
        const kids = owner === -1 ? [] : this.kids(owner);
        const marker = kids.find((k) => f.type[k] === 'heredoc_identifier' && k !== id);
        const name = marker === undefined ? '' : this.slice(marker);
        const s = owner === -1 ? at : f.start[owner];
        this.error(s, marker === undefined ? s + 2 : f.end[marker], `Unterminated heredoc \`${name}\`: no line holds only \`${name}\` to close it`, 1);
        return;
      }
      case 'template_interpolation_end':
      case 'template_directive_end': {
        const s = owner === -1 ? at : f.start[owner];
        const opener = key === 'template_interpolation_end' ? '${' : '%{';
        this.error(s, s + 2, `Unclosed \`${opener}\`: the closing \`}\` is missing${context}`, 1);
        return;
      }
      case ')':
      case ']': {
        const s = owner === -1 ? at : f.start[owner];
        const name = f.type[owner] === 'function_call' ? ` in the call to \`${this.slice(f.first[owner])}\`` : '';
        this.error(s, s + 1, `Missing closing \`${key}\`${name}${context}`, 1);
        return;
      }
      case '=':
        this.error(at, at, `Missing \`=\`${context}`, 2);
        return;
      case 'identifier':
        if (f.type[parent] === 'get_attr') {
          const dot = f.first[parent];
          this.error(f.start[dot], f.end[dot], `Missing attribute name after \`.\`${context}`, 2);
          return;
        }
        this.error(at, at, `Missing name${context}`, 3);
        return;
      default:
        this.error(at, at, `Missing ${describeType(key)}${context}`, 5);
    }
  }

  private missingValue(id: number, context: string): void {
    const f = this.f;
    const p = f.parent[id] === -1 ? -1 : this.nearest(f.parent[id], 'attribute', (a) => f.type[a] === 'attribute');
    if (p !== -1) {
      const eq = this.kids(p).find((k) => f.type[k] === '=');
      const name = this.kids(p).find((k) => f.type[k] === 'identifier');
      const s = eq === undefined ? f.start[p] : f.start[eq];
      this.error(s, s + 1, `Missing value for attribute \`${name === undefined ? '' : this.slice(name)}\`${this.context(p)}`, 1);
      return;
    }
    this.error(f.start[id], f.start[id], `Missing value${context}`, 2);
  }

  private describeError(id: number): void {
    const f = this.f;
    const telltale = this.telltale(id);
    if (telltale) {
      this.error(telltale.start, telltale.end, telltale.message, 2);
      return;
    }
    const leaf = this.firstLeaf(id);
    let s = f.start[leaf];
    if (f.start[leaf] === f.end[leaf]) s = f.start[id];
    const token = f.start[leaf] === f.end[leaf] ? tokenAt(this.text, s) : this.text.slice(s, Math.min(f.end[leaf], lineEndOf(this.text, s)));
    const e = s + token.length;
    const context = this.context(id);
    const kids = this.kids(id);
    const parent = f.parent[id];
    const parentType = parent === -1 ? '' : f.type[parent];
    if (token === '') {
      this.error(s, s, `Unexpected end of file${context}`, 4);
      return;
    }
    if (token.startsWith('\\')) {
      this.error(s, s + 2, `Invalid escape sequence \`${this.text.slice(s, spanEnd(this.text, s + 2))}\` in a quoted string${context}`, 2);
      return;
    }
    if (this.text.startsWith('/*', s)) {
      this.error(s, s + 2, 'Unterminated comment: `/*` has no closing `*/`', 2);
      return;
    }
    // An identifier alone on its line in a body: a half-typed attribute or block.
    if (kids.length === 1 && f.type[kids[0]] === 'identifier' && (parentType === 'body' || parentType === 'config_file' || parentType === 'block')) {
      this.error(s, e, `Incomplete line \`${token}\`: expected \`=\` and a value, or a block body in braces${context}`, 3);
      return;
    }
    // `name = <something that does not parse>` folded into one error region.
    if (kids.length >= 3 && f.type[kids[0]] === 'identifier' && f.type[kids[1]] === '=') {
      const valueStart = f.start[kids[2]];
      const first = tokenAt(this.text, valueStart);
      const opener = first === '[' || first === '{' || first === '(';
      const detail = opener ? `the value starting with \`${first}\` does not parse; check that it is closed` : `unexpected ${quoteToken(first)}`;
      this.error(valueStart, valueStart + first.length, `Invalid value for attribute \`${token}\`: ${detail}`, 3);
      return;
    }
    // `type "label" {` folded into one error region: the block does not parse to its end.
    const brace = kids.findIndex((k) => f.type[k] === 'block_start');
    if (brace > 0 && f.type[kids[0]] === 'identifier' && kids.slice(1, brace).every((k) => f.type[k] === 'identifier' || f.type[k] === 'string_lit')) {
      const title = kids.slice(0, brace).map((k) => this.slice(k)).join(' ');
      this.error(f.start[kids[brace]], f.end[kids[brace]], `Block \`${title}\` does not parse to its end: check that its braces are balanced`, 3);
      return;
    }
    if (kids.length >= 2 && kids.every((k) => f.type[k] === 'identifier' || f.type[k] === 'string_lit') && f.type[kids[0]] === 'identifier') {
      const title = kids.map((k) => this.slice(k)).join(' ');
      this.error(s, f.end[kids[kids.length - 1]], `Expected \`=\` after \`${token}\`, or \`{\` to open block \`${title}\``, 3);
      return;
    }
    if (parentType === 'attribute') {
      const name = this.kids(parent).find((k) => f.type[k] === 'identifier');
      const nameText = name === undefined ? '' : this.slice(name);
      // `name =` with nothing after it on the line: the next line was taken as its value.
      if (token === '=' && blankComments(this.text.slice(e, lineEndOf(this.text, e))).trim() === '') {
        this.error(s, e, `Missing value for attribute \`${nameText}\``, 2);
        return;
      }
      // `a = 1 = 2`: tree-sitter takes `= 1` as the error and `2` as the value; the stray token is the second `=`.
      const next = f.next[id];
      if (token === '=' && next !== -1 && f.type[next] === '=') {
        this.error(f.start[next], f.end[next], `Unexpected \`=\` after the value of attribute \`${nameText}\``, 3);
        return;
      }
      this.error(s, e, `Invalid value for attribute \`${nameText}\`: unexpected ${quoteToken(token)}`, 3);
      return;
    }
    if (token === '}' && (parentType === 'config_file' || parentType === 'body') && this.context(id) === '') {
      this.error(s, e, 'Unexpected `}`: there is no open block to close', 3);
      return;
    }
    this.error(s, e, `Unexpected ${quoteToken(token)}${context}`, 4);
  }

  /**
   * Inside an error region, the first token that explains it: an unclosed `${`/`%{`, an unterminated string,
   * an invalid escape. Iterative, and bounded to the region.
   */
  private telltale(id: number): HclSyntaxError | undefined {
    const f = this.f;
    const stack = [id];
    const found: HclSyntaxError[] = [];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      const type = f.type[node];
      const parentType = f.type[f.parent[node]];
      if ((type === 'template_interpolation_start' || type === 'template_directive_start') && parentType === 'ERROR') {
        const opener = type === 'template_interpolation_start' ? '${' : '%{';
        found.push({ start: f.start[node], end: f.end[node], message: `Unclosed \`${opener}\` in a string: the closing \`}\` is missing` });
      } else if (type === 'quoted_template_start' && parentType === 'ERROR') {
        const lines = this.quotedLines();
        const escape = lines.firstInvalidEscape(f.start[node]);
        if (escape) {
          found.push({ start: escape.at, end: escape.at + 2, message: `Invalid escape sequence \`${escape.text}\` in a quoted string` });
        } else if (!lines.hasClosingQuote(f.start[node] + 1)) {
          const end = Math.max(f.start[node] + 1, lineEndOf(this.text, f.start[node]));
          found.push({ start: f.start[node], end, message: 'Unterminated string: the closing `"` is missing' });
        }
      }
      for (let c = f.first[node]; c !== -1; c = f.next[c]) stack.push(c);
    }
    if (found.length === 0) return undefined;
    return found.reduce((a, b) => (b.start < a.start ? b : a));
  }

  /** The first token of a node, for messages. */
  private firstLeaf(id: number): number {
    let current = id;
    for (;;) {
      const kids = this.kids(current);
      if (kids.length === 0) return current;
      current = kids[0];
    }
  }

  /** ` in block \`resource "heroku_app" "api"\`` (the innermost enclosing block), or `''` at top level. */
  private context(id: number): string {
    const f = this.f;
    const nameOf = (p: number) => (f.type[p] === 'attribute' ? this.kids(p).find((k) => f.type[k] === 'identifier') : undefined);
    const p = f.parent[id] === -1 ? -1 : this.nearest(f.parent[id], 'context', (a) => f.type[a] === 'block' || nameOf(a) !== undefined);
    if (p === -1) return '';
    if (f.type[p] === 'block') return ` in block ${this.blockTitleOf(p)}`;
    return ` in attribute \`${this.slice(nameOf(p)!)}\``;
  }

  private blockTitleOf(id: number): string {
    const f = this.f;
    const words: string[] = [];
    for (const k of this.kids(id)) {
      const type = f.type[k];
      if (type === 'identifier') words.push(this.slice(k));
      else if (type === 'string_lit') words.push(`"${this.quotedLiteral(k)}"`);
      else break;
    }
    return `\`${words.join(' ')}\``;
  }

  /**
   * Sorts the errors and keeps one per broken region: the first error inside each top-level item (a block
   * after an unclosed brace or string usually swallows the rest of the file, and its follow-on errors say
   * nothing new). Too-deep errors are kept once.
   */
  private finishErrors(): HclSyntaxError[] {
    const f = this.f;
    const items: Span[] = [];
    if (f.size > 0) {
      for (const child of this.kids(0)) {
        if (f.type[child] === 'body') for (const item of this.kids(child)) items.push(this.span(item));
        else items.push(this.span(child));
      }
    }
    const regionOf = (offset: number): number => {
      let low = 0;
      let high = items.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (items[mid].end < offset) low = mid + 1;
        else if (items[mid].start > offset) high = mid - 1;
        else return mid;
      }
      return -1 - low;
    };
    const sorted = [...this.errors].sort((a, b) => a.start - b.start || a.rank - b.rank);
    // Per region, the first error that is not a fallback; else the first fallback.
    const chosen = new Map<number, PendingError>();
    let tooDeep = false;
    for (const error of sorted) {
      if (error.message === TOO_DEEP_MESSAGE) {
        if (tooDeep) continue;
        tooDeep = true;
      }
      const region = regionOf(error.start);
      const current = chosen.get(region);
      if (!current || (current.rank === FALLBACK && error.rank !== FALLBACK)) chosen.set(region, error);
    }
    for (const region of chosen.keys()) if (region >= 0) this.broken.push(items[region]);
    const out: HclSyntaxError[] = [...chosen.values()]
      .sort((a, b) => a.start - b.start)
      .map((error) => ({ start: error.start, end: error.end, message: error.message }));
    return out;
  }
}

// -------------------------------------------------------------------- text helpers

function isLineBreak(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 10 || (c === 13 && text.charCodeAt(at + 1) === 10);
}

/** Skips spaces, tabs and single-line block comments. */
function skipInline(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return i;
      i = close + 2;
    } else return i;
  }
}

/** Whether a gap between tokens breaks the line: a newline outside block comments (a line comment ends with one). */
function hasLineBreak(gap: string): boolean {
  return gap.includes('\n') && gap.replace(/\/\*[\s\S]*?\*\//g, ' ').includes('\n');
}

/** Replaces comments in a gap of source by spaces (a line comment keeps its line break). */
function blankComments(gap: string): string {
  return gap.replace(/\/\*[\s\S]*?\*\/|(#|\/\/)[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

function tokenAt(text: string, at: number): string {
  const m = /^([\p{L}\p{N}_-]+|"[^"\n]*"?|\S)/u.exec(text.slice(at, at + 40));
  return m ? m[0] : text.charAt(at);
}

/**
 * Messages quote source text between backticks (names, block headers); a name of thousands of characters or a
 * header of thousands of labels must not make a message that long.
 */
function clipQuoted(message: string): string {
  return message.replace(/`([^`]{81,})`/g, (_, quoted: string) => `\`${quoted.slice(0, 80)}…\``);
}

function quoteToken(token: string): string {
  const short = token.length > 30 ? `${token.slice(0, 30)}…` : token;
  return short.includes('`') ? `"${short}"` : `\`${short}\``;
}

function describeType(type: string): string {
  return /^[a-z_]+$/.test(type) ? type.replace(/_/g, ' ') : `\`${type}\``;
}

function blockTitle(block: HclBlock): string {
  return `\`${[block.type, ...block.labels.map((l) => `"${l.value}"`)].join(' ')}\``;
}

/** Decodes the escapes of a quoted-string literal; reports invalid ones through `invalid(offset, message)`. */
function decodeQuoted(raw: string, invalid: (offset: number, message: string) => void): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === 'n') out += '\n';
      else if (n === 'r') out += '\r';
      else if (n === 't') out += '\t';
      else if (n === '"') out += '"';
      else if (n === '\\') out += '\\';
      else if ((n === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) || (n === 'U' && /^[0-9a-fA-F]{8}$/.test(raw.slice(i + 2, i + 10)))) {
        const len = n === 'u' ? 4 : 8;
        const code = parseInt(raw.slice(i + 2, i + 2 + len), 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        i += len;
      } else {
        invalid(i, `Invalid escape sequence \`\\${n ?? ''}\` in a quoted string`);
        out += n ?? '';
      }
      i++;
    } else if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * `<<-` heredocs: hclsyntax removes from every line the smallest count of leading whitespace among the lines
 * that start with literal text (blank lines excepted; a line that starts with an interpolation counts as 0).
 */
function flushHeredoc<S extends Span & { value: string }>(segments: readonly (number | S)[]): { segments: (number | S)[]; changed: boolean } {
  interface Line {
    segment: number;
    offset: number;
    spaces: number;
  }
  const lineStarts: Line[] = [];
  let min = Number.MAX_SAFE_INTEGER;
  let atLineStart = true;
  segments.forEach((s, index) => {
    if (typeof s === 'number') {
      if (atLineStart) min = 0;
      atLineStart = false;
      return;
    }
    let offset = 0;
    const value = s.value;
    while (offset < value.length) {
      const nl = value.indexOf('\n', offset);
      const lineEnd = nl === -1 ? value.length : nl + 1;
      if (atLineStart) {
        const line = value.slice(offset, lineEnd);
        const trimmed = line.trimStart();
        if (!(trimmed === '' && line.endsWith('\n'))) {
          const spaces = line.length - trimmed.length;
          lineStarts.push({ segment: index, offset, spaces });
          min = Math.min(min, spaces);
        }
      }
      atLineStart = nl !== -1;
      offset = lineEnd;
    }
  });
  if (min === 0 || min === Number.MAX_SAFE_INTEGER || lineStarts.length === 0) return { segments: [...segments], changed: false };
  const cuts = new Map<number, number[]>();
  for (const line of lineStarts) cuts.set(line.segment, [...(cuts.get(line.segment) ?? []), line.offset]);
  const out = segments.map((s, index) => {
    const offsets = cuts.get(index);
    if (typeof s === 'number' || !offsets) return s;
    let value = '';
    let from = 0;
    for (const offset of offsets) {
      value += s.value.slice(from, offset);
      from = offset + min;
    }
    value += s.value.slice(from);
    return { ...s, value };
  });
  return { segments: out, changed: true };
}
