/**
 * Terraform / HCL parsing: a native parser first, web-tree-sitter with the tree-sitter-terraform grammar (both
 * wasm) as the reference and the fallback.
 *
 * Two parsers divide the work. hclNative.ts parses a well-formed file straight into the plain model of
 * terraform/hcl.ts in one pass, several times faster than the wasm parse alone (which, with copying the tree out
 * and converting it, was most of a lint's time). It accepts only what it models exactly as the tree-sitter path
 * does, and gives up on anything else: every syntax error, and rare constructs. tree-sitter then parses the file,
 * and hclConvert.ts turns its tree into the model, with error recovery and readable messages for broken files.
 *
 * An open document (`HclDocumentParser`) is re-parsed incrementally: after an edit, only the top-level items it
 * touches are parsed again natively (hclIncremental.ts), the others are reused (those after it moved by the
 * change in length); when that region does not parse natively, the whole text goes the way above.
 *
 * The wasm files are loaded once by `loadTerraformParser()` (async), which parseHcl requires even when the native
 * parser succeeds, so that a file never parses differently depending on whether it is well-formed; after that
 * `parseHcl()` is synchronous. Every tree lives in the wasm heap, which never shrinks, so each one is deleted as
 * soon as it has been converted into the model — except the one tree that `HclDocumentParser` keeps for
 * incremental re-parsing, which it deletes when the next one replaces it or on `dispose()`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';
import type { HclFile, Span } from '../terraform/hcl';
import { convertWithRegions, flatten, setTreeSitterBinding } from './hclConvert';
import { type EditedRange, mergeEdit, reparseEdited, reparseEditedBroken } from './hclIncremental';
import { parseHclNative } from './hclNative';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
export const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';
const RUNTIME_PACKAGE = 'web-tree-sitter';
const GRAMMAR_PACKAGE = '@tree-sitter-grammars/tree-sitter-hcl';

let language: Language | undefined;
let sharedParser: Parser | undefined;
/** Parses the pieces of a broken region; separate because included ranges stick to a parser. */
let recoveryParser: Parser | undefined;
let loading: Promise<void> | undefined;

export function isTerraformParserLoaded(): boolean {
  return language !== undefined;
}

/**
 * Loads the tree-sitter runtime and the Terraform grammar. Idempotent. Looks for the two wasm files in
 * `wasmDir`, then next to this module (the bundle's `dist/`), then in their npm packages.
 */
export function loadTerraformParser(wasmDir?: string): Promise<void> {
  if (language) return Promise.resolve();
  loading ??= load(wasmDir).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(wasmDir: string | undefined): Promise<void> {
  // Computed specifiers: a bundler must not try to resolve these at build time (the bundle has its own copies).
  const runtime = locate(RUNTIME_WASM, wasmDir, () => require.resolve(path.posix.join(RUNTIME_PACKAGE, RUNTIME_WASM)));
  const grammar = locate(GRAMMAR_WASM, wasmDir, () => require.resolve(path.posix.join(GRAMMAR_PACKAGE, GRAMMAR_WASM)));
  // Emscripten turns the options object into the module: flatten() uses its exports (setTreeSitterBinding).
  const moduleOptions = { locateFile: (name: string) => (name === RUNTIME_WASM ? runtime : name) };
  await Parser.init(moduleOptions);
  setTreeSitterBinding(moduleOptions);
  const loaded = await Language.load(fs.readFileSync(grammar));
  sharedParser = newParser(loaded);
  recoveryParser = newParser(loaded);
  language = loaded;
}

function locate(file: string, wasmDir: string | undefined, fromPackage: () => string): string {
  const tried: string[] = [];
  for (const dir of [wasmDir, __dirname, path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    if (!dir) continue;
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
    tried.push(candidate);
  }
  try {
    const resolved = fromPackage();
    if (fs.existsSync(resolved)) return resolved;
  } catch {
    // not installed as a package (a copied bundle)
  }
  throw new Error(`Cannot load the Terraform parser: ${file} not found (looked in ${tried.join(', ')})`);
}

function newParser(lang: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}

function requireLanguage(): Language {
  if (!language) throw new Error('The Terraform parser is not loaded; call loadTerraformParser() first');
  return language;
}

const GAVE_UP = 'The Terraform parser gave up on this file: recovering from its syntax errors would take too long';

const FAILED: (text: string) => HclFile = (text) => ({
  body: { start: 0, end: text.length, attributes: [], blocks: [] },
  errors: [{ start: 0, end: 0, message: GAVE_UP }],
  comments: [],
});

/**
 * tree-sitter's error recovery can lex a long run again from every position in it (thousands of blanks after an
 * unclosed string): quadratic, minutes for a few hundred kilobytes. The text is handed over in small chunks, so
 * the characters read measure that work, and a parse that reads more than this budget is cancelled. Counting
 * reads rather than time gives the same outcome on every machine; ordinary files read each character about once.
 * Some recoveries are quadratic without reading again (blanks, then thousands of `""`, then blanks): a deadline,
 * 2 s plus 5 ms per 1,000 characters (an ordinary 1 MB file parses in about 0.3 s), stops those too.
 */
interface ReadBudget {
  read: number;
  readonly limit: number;
  readonly deadline: number;
}

const READ_CHUNK = 64;

function readBudget(length: number): ReadBudget {
  return { read: 0, limit: 32 * length + 10_000_000, deadline: performance.now() + 2000 + length / 200 };
}

/** parser.parse() within a budget; null when it ran out. */
function parseWithin(parser: Parser, text: string, budget: ReadBudget, old?: Tree): Tree | null {
  const input = (index: number) => {
    let end = index + READ_CHUNK;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end++; // never split a surrogate pair
    const chunk = text.slice(index, end);
    budget.read += chunk.length;
    return chunk;
  };
  const tree = parser.parse(input, old ?? null, { progressCallback: () => budget.read > budget.limit || performance.now() > budget.deadline });
  // A cancelled parse would otherwise be resumed by the parser's next parse().
  if (!tree) parser.reset();
  return tree;
}

/**
 * Converts a tree, recovering the blocks that a broken region swallowed; never throws (a converter bug becomes one
 * syntax error). The recovery has its own read budget, so that a full and an incremental parse recover alike.
 */
function toFile(tree: Tree, text: string): HclFile {
  const budget = readBudget(text.length);
  try {
    const { file, broken } = convertWithRegions(flatten(tree), text);
    if (file.errors.length === 0) return file;
    const local = broken.length === 0 ? file : recover(file, broken, text, budget);
    // tree-sitter sometimes wraps everything before an error in one ERROR node, which the regions above do
    // not describe; parsing every top-level block on its own then keeps far more of the file.
    const chunked = recover(file, [{ start: 0, end: text.length }], text, budget);
    return chunked.body.blocks.length > local.body.blocks.length ? chunked : local;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...FAILED(text), errors: [{ start: 0, end: 0, message: `The Terraform parser failed on this file: ${message}` }] };
  }
}

/**
 * A line that opens a top-level Terraform block (`resource "heroku_app" "api" {`), as `terraform fmt` writes
 * them: a top-level keyword at column 0, labels, and `{` ending the line.
 */
const BLOCK_HEADER = /^(?:resource|data|variable|output|locals|module|provider|terraform|moved|import|removed|check)(?:[ \t]+(?:"[^"\n]*"|[\p{L}_][\p{L}\p{N}_-]*))*[ \t]*\{[ \t]*(?:(?:#|\/\/).*)?\r?$/gmu;

/**
 * tree-sitter recovers from an unclosed brace, string or bracket by folding the rest of the file into the
 * broken item, so the blocks after it would be lost. Each broken top-level item is cut at the block headers
 * inside it and every piece is parsed on its own (its offsets shifted back to the file's):
 * the blocks after the error are kept, and each piece reports its own first error.
 */
function recover(file: HclFile, broken: readonly Span[], text: string, budget: ReadBudget): HclFile {
  const parser = recoveryParser as Parser;
  const pieces: Span[][] = broken.map((span) => {
    const cuts = [span.start];
    // Search inside the span only, so that many small broken items stay linear.
    const inside = text.slice(span.start, span.end);
    BLOCK_HEADER.lastIndex = 0;
    for (let m = BLOCK_HEADER.exec(inside); m; m = BLOCK_HEADER.exec(inside)) {
      if (m.index > 0 && inside.charCodeAt(m.index - 1) === 10) cuts.push(span.start + m.index);
      if (m[0].length === 0) BLOCK_HEADER.lastIndex++;
    }
    return cuts.map((start, i) => ({ start, end: i + 1 < cuts.length ? cuts[i + 1] : span.end }));
  });
  const replaced = broken.filter((_, i) => pieces[i].length > 1).sort((a, b) => a.start - b.start);
  if (replaced.length === 0) return file;
  const inReplaced = (offset: number) => {
    let low = 0;
    let high = replaced.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (replaced[mid].end < offset) low = mid + 1;
      else if (replaced[mid].start > offset) high = mid - 1;
      else return true;
    }
    return false;
  };
  const attributes = file.body.attributes.filter((a) => !inReplaced(a.start));
  const blocks = file.body.blocks.filter((b) => !inReplaced(b.start));
  const errors = file.errors.filter((e) => !inReplaced(e.start));
  for (const piece of pieces.filter((p) => p.length > 1).flat()) {
    // Parse the slice alone (included ranges would still scan the whole text for every piece).
    const tree = parseWithin(parser, text.slice(piece.start, piece.end), budget);
    if (!tree) {
      errors.push({ start: piece.start, end: piece.start, message: GAVE_UP });
      continue;
    }
    try {
      const part = convertWithRegions(flatten(tree, piece.start), text).file;
      attributes.push(...part.body.attributes);
      blocks.push(...part.body.blocks);
      errors.push(...part.errors);
    } finally {
      tree.delete();
    }
  }
  const byStart = (a: Span, b: Span) => a.start - b.start;
  return { ...file, body: { ...file.body, attributes: attributes.sort(byStart), blocks: blocks.sort(byStart) }, errors: errors.sort(byStart) };
}

/** Parses one `.tf` or `.tfvars` text into the HCL syntax model. Synchronous; the parser must be loaded. */
export function parseHcl(text: string): HclFile {
  requireLanguage();
  return parseHclNative(text) ?? parseHclWithTreeSitter(text);
}

/** parseHcl() through tree-sitter only: the reference the native parser is checked against, and its fallback. */
export function parseHclWithTreeSitter(text: string): HclFile {
  requireLanguage();
  const parser = sharedParser as Parser;
  const tree = parseWithin(parser, text, readBudget(text.length));
  if (!tree) return FAILED(text);
  try {
    return toFile(tree, text);
  } finally {
    tree.delete();
  }
}

/** One edit, as VS Code and tree-sitter describe it: UTF-16 offsets and 0-based `{row, column}` positions. */
export interface HclEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: { readonly row: number; readonly column: number };
  readonly oldEndPosition: { readonly row: number; readonly column: number };
  readonly newEndPosition: { readonly row: number; readonly column: number };
}

/**
 * Incremental parsing for one open document. An edit is re-parsed natively, block by block (hclIncremental.ts):
 * the parser keeps the last model the native parser built (the base) and the range where the text has changed
 * since; `file()` re-parses only the top-level items in that range and reuses every other one. When that region
 * does not parse natively, the whole text is parsed natively; when that gives up too (a syntax error), tree-sitter
 * parses the edited region alone if the error is there, and the whole text otherwise. A broken text can thus
 * keep items that a whole-file recovery would have folded into the error (an unterminated heredoc); the CLI
 * always parses whole files.
 * Edits are also applied to the kept tree-sitter tree (cheap), which is re-parsed lazily, reusing it, only when
 * tree-sitter is needed, so that a broken file being edited keeps its incremental re-parses; the base and its
 * range of changes also outlive a broken text, so the edit that repairs it is re-parsed by region again.
 * `update()` is `apply()` plus `file()`; an editor can apply every keystroke and build the model only when it
 * lints. Call `dispose()` when the document closes.
 */
export class HclDocumentParser {
  private readonly parser: Parser;
  /** The last tree-sitter tree, with every edit since applied; `stale` until re-parsed for `text`. */
  private tree: Tree | undefined;
  private stale = true;
  private text = '';
  private cached: HclFile | undefined;
  /** The last model the native parser built, and the length of its text. */
  private base: { readonly file: HclFile; readonly length: number } | undefined;
  /** Where `text` differs from the base's text; undefined when it does not. */
  private edited: EditedRange | undefined;
  private disposed = false;

  constructor() {
    this.parser = newParser(requireLanguage());
  }

  /** A full parse of `text`; drops the kept tree and the base. */
  parse(text: string): HclFile {
    this.assertLive();
    this.tree?.delete();
    this.tree = undefined;
    this.base = undefined;
    this.replace(text);
    return this.file();
  }

  /**
   * Applies `edits` (in the order they were made) to the kept tree, then parses `newText` (reusing the tree if
   * tree-sitter is needed). Without a kept tree this is a full parse.
   */
  update(edits: readonly HclEdit[], newText: string): HclFile {
    this.apply(edits, newText);
    return this.file();
  }

  /** Like update(), without building the model. */
  apply(edits: readonly HclEdit[], newText: string): void {
    this.assertLive();
    if (this.tree) for (const edit of edits) this.tree.edit(new Edit(edit));
    this.trackEdits(edits, newText);
    this.replace(newText);
  }

  /** The model of the current text (built once per text). */
  file(): HclFile {
    this.assertLive();
    this.cached ??= this.regionFile() ?? this.wholeNativeFile() ?? this.brokenRegionFile() ?? this.treeSitterFile();
    return this.cached;
  }

  /** Adds `edits` to the range where the text differs from the base's; forgets the base if they do not fit. */
  private trackEdits(edits: readonly HclEdit[], newText: string): void {
    if (!this.base) return;
    // No edits for a new text: nothing relates it to the base.
    if (edits.length === 0 && newText !== this.text) this.base = undefined;
    let length = this.text.length;
    for (const edit of edits) {
      if (!this.base) break;
      this.edited = mergeEdit(this.edited, edit, length);
      if (!this.edited) this.base = undefined;
      length += edit.newEndIndex - edit.oldEndIndex;
    }
    if (length !== newText.length) this.base = undefined;
    if (!this.base) this.edited = undefined;
  }

  /** The text's model re-parsed natively by region from the base; undefined if the region does not parse. */
  private regionFile(): HclFile | undefined {
    const base = this.base;
    if (!base) return undefined;
    if (!this.edited) return base.file;
    const file = reparseEdited(base.file, base.length, this.text, this.edited);
    if (file) {
      this.base = { file, length: this.text.length };
      this.edited = undefined;
    }
    return file;
  }

  /**
   * A text that is broken (most typing passes through a syntax error; the whole-file native parse has just given
   * up): tree-sitter parses the edited region alone, and every other item is reused, instead of a whole-file
   * tree-sitter parse and recovery (hundreds of milliseconds on a large file). The base stays the last
   * well-formed model.
   */
  private brokenRegionFile(): HclFile | undefined {
    const base = this.base;
    if (!base || !this.edited) return undefined;
    return reparseEditedBroken(base.file, base.length, this.text, this.edited, parseHclWithTreeSitter);
  }

  /** The whole text's model from the native parser; undefined if it gives up. */
  private wholeNativeFile(): HclFile | undefined {
    const file = parseHclNative(this.text);
    if (file) {
      this.base = { file, length: this.text.length };
      this.edited = undefined;
    }
    return file;
  }

  private treeSitterFile(): HclFile {
    if (this.stale) {
      const next = parseWithin(this.parser, this.text, readBudget(this.text.length), this.tree);
      this.tree?.delete();
      this.tree = next ?? undefined;
      this.stale = false;
    }
    return this.tree ? toFile(this.tree, this.text) : FAILED(this.text);
  }

  private replace(text: string): void {
    this.text = text;
    this.stale = true;
    this.cached = undefined;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('HclDocumentParser used after dispose()');
  }

  dispose(): void {
    if (this.disposed) return;
    this.tree?.delete();
    this.tree = undefined;
    this.base = undefined;
    this.edited = undefined;
    this.parser.delete();
    this.disposed = true;
  }
}
