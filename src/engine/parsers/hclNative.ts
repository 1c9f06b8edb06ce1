/**
 * A hand-written, single-pass recursive-descent parser of HCL native syntax that builds the model of
 * terraform/hcl.ts straight from the text, for files without syntax errors.
 *
 * tree-sitter (terraform.ts + hclConvert.ts) stays the reference: this parser accepts only what it is sure
 * the tree-sitter path turns into the very same model with no error, and returns undefined for anything else
 * (a syntax error, a rare construct such as a keyword used as a name, odd whitespace, very deep nesting, or a
 * bug: it never throws), so that parseHcl falls back to tree-sitter with its error recovery and messages. It is
 * many times faster than the wasm parse alone: one charCodeAt scan (hclNativeScanner.ts), no token objects, no
 * tree to copy out of the wasm heap.
 *
 * Newlines: like hclsyntax, an attribute's value and an object element must stay on one line outside brackets,
 * parentheses and templates (`multiline` false); tree-sitter ignores newlines and hclConvert reports those as
 * errors, so the parser stops there and bails.
 */
import type { HclAttribute, HclBlock, HclComment, HclExpression, HclFile, HclLabel, HclObjectItem, HclTraverser } from '../terraform/hcl';
import {
  AMPERSAND,
  BACKSLASH,
  BANG,
  COLON,
  COMMA,
  CR,
  DOLLAR,
  DOT,
  EQUALS,
  GREATER,
  LBRACE,
  LBRACKET,
  LESS,
  LF,
  LPAREN,
  MINUS,
  PERCENT,
  PIPE,
  PLUS,
  QUESTION,
  QUOTE,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  STAR,
  TAB,
  TILDE,
  UNDERSCORE,
  BAIL,
  continuesWord,
  isAsciiLetter,
  isDigit,
  isOddSpace,
  isReserved,
  NativeScanner,
} from './hclNativeScanner';
import { decodeHeredocLiteral, decodeQuotedLiteral, flushHeredocSegments, literalSegment, partSegment, type TemplateSegment, templateExpression } from './hclNativeTemplate';

/**
 * Nesting bound of the native parser (expressions, blocks, operator chains). hclConvert refuses nesting past
 * MAX_NESTING (256) of its own levels, a few per syntactic level; bailing far below keeps those errors its own.
 */
const MAX_DEPTH = 48;

/** The tags that end a directive's template (or its `if` branch). */
const DIRECTIVE_ENDS = ['else', 'endif', 'endfor'];

/** Binary operator precedence (higher binds tighter), as in the tree-sitter grammar; all are left-associative. */
const PREC_OR = 1;
const PREC_AND = 2;
const PREC_EQUALITY = 3;
const PREC_ORDER = 4;
const PREC_ADD = 5;
const PREC_MULTIPLY = 6;

/**
 * The one parser instance, reused (a parse never calls out, so it cannot re-enter). A parser per call would die
 * after each parse, and with it, at the next full GC, the object shape that V8's optimized code of every parsing
 * method depends on: all of it would be thrown away and re-optimized after each GC.
 */
let shared: NativeParser | undefined;

/** Parses `text`; undefined when the tree-sitter path must decide (syntax error, or a case not modelled here). */
export function parseHclNative(text: string): HclFile | undefined {
  // NUL ends tree-sitter's scanner inside strings and heredocs.
  if (text.indexOf('\0') !== -1) return undefined;
  const parser = (shared ??= new NativeParser());
  try {
    return parser.parse(text);
  } catch {
    return undefined;
  } finally {
    parser.finish();
  }
}

/** The top-level items and comments of a region of a file (see parseHclNativeRegion). */
export interface HclRegion {
  readonly attributes: HclAttribute[];
  readonly blocks: HclBlock[];
  readonly comments: HclComment[];
}

/**
 * Parses the top-level items of `text` in `[from, to)` exactly as parseHclNative would parse them inside the whole
 * file, with the file's offsets: `from` is 0 or the end of a top-level item (whose line end is checked first), and
 * the parse must arrive at `to` between two items (`to` is the start of a top-level item, or the end of the text).
 * Undefined when it does not, or on anything parseHclNative gives up on. The region's attribute names are checked
 * for duplicates among themselves only: the caller checks them against the rest of the file.
 */
export function parseHclNativeRegion(text: string, from: number, to: number): HclRegion | undefined {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0) return undefined;
  const parser = (shared ??= new NativeParser());
  try {
    return parser.parseRegion(text, from, to);
  } catch {
    return undefined;
  } finally {
    parser.finish();
  }
}

class NativeParser extends NativeScanner {
  private depth = 0;
  /** Set by peekOperator(). */
  private operator = '';

  parse(text: string): HclFile {
    this.start(text);
    this.depth = 0;
    // tree-sitter skips a byte order mark as whitespace.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    this.bodyItems(attributes, blocks, true);
    return { body: { start: 0, end: this.len, attributes, blocks }, errors: [], comments: this.comments };
  }

  parseRegion(text: string, from: number, to: number): HclRegion {
    this.start(text);
    this.depth = 0;
    this.pos = from;
    if (from === 0) {
      if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    } else {
      // The line end after the item that ends at `from`: what the whole-file parse checks next.
      this.expectLineEnd();
    }
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipAll();
      if (this.pos >= to) break;
      if (this.at(this.pos) === RBRACE) throw BAIL;
      this.item(attributes, blocks);
      if (this.pos >= to && to < this.len) throw BAIL; // the item ran into the next region
      this.expectLineEnd();
    }
    // Trivia past `to` (a comment opened in the region) or an item ending after it: not the file's parse.
    if (this.pos !== to) throw BAIL;
    checkUniqueNames(attributes);
    return { attributes, blocks, comments: this.comments };
  }

  // ---------------------------------------------------------------- bodies

  private bodyItems(attributes: HclAttribute[], blocks: HclBlock[], topLevel: boolean): void {
    for (;;) {
      this.skipAll();
      if (this.pos >= this.len) {
        if (topLevel) break;
        throw BAIL;
      }
      if (this.at(this.pos) === RBRACE) {
        if (topLevel) throw BAIL;
        break;
      }
      this.item(attributes, blocks);
      this.expectLineEnd();
    }
    checkUniqueNames(attributes);
  }

  private item(attributes: HclAttribute[], blocks: HclBlock[]): void {
    const start = this.pos;
    const name = this.name();
    const nameEnd = this.pos;
    this.skipInline();
    if (this.at(this.pos) === EQUALS) attributes.push(this.attributeValue(start, name, nameEnd));
    else blocks.push(this.block(start, name, nameEnd));
  }

  /** From `=` on: the value, on the same line. */
  private attributeValue(start: number, name: string, nameEnd: number): HclAttribute {
    const next = this.at(this.pos + 1);
    if (next === EQUALS || next === GREATER) throw BAIL;
    this.pos++;
    this.skipInline();
    const value = this.expression();
    return { start, end: value.end, name, nameSpan: { start, end: nameEnd }, value };
  }

  private block(start: number, type: string, typeEnd: number): HclBlock {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const labels: HclLabel[] = [];
    for (;;) {
      const c = this.at(this.pos);
      if (c === LBRACE) break;
      const labelStart = this.pos;
      if (c === QUOTE) {
        const label = this.quoted();
        if (label.kind !== 'string') throw BAIL;
        labels.push({ start: labelStart, end: this.pos, value: label.value });
      } else {
        const value = this.name();
        labels.push({ start: labelStart, end: this.pos, value });
      }
      this.skipInline();
    }
    this.pos++;
    const openBraceEnd = this.pos;
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    this.skipInline();
    if (this.at(this.pos) !== RBRACE) {
      if (this.atLineBreakOrComment()) {
        this.bodyItems(attributes, blocks, false);
      } else {
        // A single-line block: one attribute, closed on its line.
        const attributeStart = this.pos;
        const name = this.name();
        const nameEnd = this.pos;
        this.skipInline();
        if (this.at(this.pos) !== EQUALS) throw BAIL;
        attributes.push(this.attributeValue(attributeStart, name, nameEnd));
        this.skipInline();
        if (this.at(this.pos) !== RBRACE) throw BAIL;
      }
    }
    const closeBraceStart = this.pos;
    this.pos++;
    this.depth--;
    return {
      start,
      end: this.pos,
      type,
      typeSpan: { start, end: typeEnd },
      labels,
      body: { start: openBraceEnd, end: closeBraceStart, attributes, blocks },
      openBraceEnd,
      closeBraceStart,
    };
  }

  // ---------------------------------------------------------------- expressions

  /** A full expression (operators and left-associative conditionals); consumes the trivia after it. */
  private expression(): HclExpression {
    const depth = this.depth;
    if (++this.depth > MAX_DEPTH) throw BAIL;
    let result = this.binary(PREC_OR);
    this.skip();
    while (this.at(this.pos) === QUESTION) {
      if (++this.depth > MAX_DEPTH) throw BAIL;
      this.pos++;
      this.skip();
      const then = this.expression();
      if (this.at(this.pos) !== COLON || this.at(this.pos + 1) === COLON) throw BAIL;
      this.pos++;
      this.skip();
      const otherwise = this.binary(PREC_OR);
      result = { kind: 'conditional', start: result.start, end: otherwise.end, condition: result, then, otherwise };
      this.skip();
    }
    this.depth = depth;
    return result;
  }

  /** Binary operations at `minPrecedence` or above, left-associative (precedence climbing). */
  private binary(minPrecedence: number): HclExpression {
    const depth = this.depth;
    let left = this.unary();
    for (;;) {
      this.skip();
      const precedence = this.peekOperator();
      if (precedence < minPrecedence) break;
      if (++this.depth > MAX_DEPTH) throw BAIL;
      const operator = this.operator;
      this.pos += operator.length;
      this.skip();
      const right = this.binary(precedence + 1);
      left = { kind: 'operation', start: left.start, end: right.end, operator, operands: [left, right] };
    }
    this.depth = depth;
    return left;
  }

  /** The precedence of the binary operator at pos (0 if none); sets `operator`. */
  private peekOperator(): number {
    const c = this.at(this.pos);
    const n = this.at(this.pos + 1);
    switch (c) {
      case STAR:
        this.operator = '*';
        return PREC_MULTIPLY;
      case SLASH:
        if (n === SLASH || n === STAR) return 0;
        this.operator = '/';
        return PREC_MULTIPLY;
      case PERCENT:
        if (n === LBRACE) throw BAIL;
        this.operator = '%';
        return PREC_MULTIPLY;
      case PLUS:
        this.operator = '+';
        return PREC_ADD;
      case MINUS:
        this.operator = '-';
        return PREC_ADD;
      case GREATER:
        this.operator = n === EQUALS ? '>=' : '>';
        return PREC_ORDER;
      case LESS:
        if (n === LESS) throw BAIL;
        this.operator = n === EQUALS ? '<=' : '<';
        return PREC_ORDER;
      case EQUALS:
        if (n !== EQUALS) return 0;
        this.operator = '==';
        return PREC_EQUALITY;
      case BANG:
        if (n !== EQUALS) throw BAIL;
        this.operator = '!=';
        return PREC_EQUALITY;
      case AMPERSAND:
        if (n !== AMPERSAND) throw BAIL;
        this.operator = '&&';
        return PREC_AND;
      case PIPE:
        if (n !== PIPE) throw BAIL;
        this.operator = '||';
        return PREC_OR;
      default:
        return 0;
    }
  }

  /** `-x` and `!x` bind tighter than any binary operator, looser than traversals. */
  private unary(): HclExpression {
    const c = this.at(this.pos);
    if (c !== MINUS && c !== BANG) return this.postfix();
    if (c === BANG && this.at(this.pos + 1) === EQUALS) throw BAIL;
    const depth = this.depth;
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const start = this.pos;
    this.pos++;
    this.skip();
    const operand = this.unary();
    this.depth = depth;
    return { kind: 'operation', start, end: operand.end, operator: c === MINUS ? '-' : '!', operands: [operand] };
  }

  /** A primary (variable, call, literal, collection, template, parentheses) and the traversals written right after it. */
  private postfix(): HclExpression {
    const start = this.pos;
    let primary: HclExpression | undefined;
    let root: string | undefined;
    if (this.isIdentifierStart(this.at(this.pos))) {
      const end = this.identifier();
      const word = this.text.slice(start, end);
      if (this.at(this.pos) === LPAREN) {
        if (isReserved(word)) throw BAIL;
        primary = this.call(start, word);
      } else if (this.colons) {
        throw BAIL;
      } else if (word === 'true' || word === 'false') {
        primary = { kind: 'bool', start, end, value: word === 'true' };
      } else if (word === 'null') {
        primary = { kind: 'null', start, end };
      } else if (isReserved(word)) {
        throw BAIL;
      } else {
        root = word;
      }
    } else {
      primary = this.primary();
    }
    const rootEnd = this.pos;
    let traversers: HclTraverser[] | undefined;
    for (;;) {
      const c = this.at(this.pos);
      const from = this.pos;
      if (c === DOT) {
        const n = this.at(this.pos + 1);
        if (isDigit(n)) {
          // Legacy index `.0`.
          this.pos++;
          while (isDigit(this.at(this.pos))) this.pos++;
          if (continuesWord(this.at(this.pos))) throw BAIL;
          const key: HclExpression = { kind: 'number', start: from + 1, end: this.pos, value: Number(this.text.slice(from + 1, this.pos)) };
          (traversers ??= []).push({ kind: 'index', key, span: { start: from, end: this.pos } });
        } else if (n === STAR) {
          this.pos += 2;
          if (continuesWord(this.at(this.pos))) throw BAIL;
          (traversers ??= []).push({ kind: 'splat', span: { start: from, end: this.pos } });
        } else if (n === DOT) {
          break; // `...` after a call argument
        } else {
          this.pos++;
          const name = this.name();
          (traversers ??= []).push({ kind: 'attr', name, span: { start: from, end: this.pos } });
        }
      } else if (c === LBRACKET) {
        if (this.at(this.pos + 1) === STAR && this.at(this.pos + 2) === RBRACKET) {
          this.pos += 3;
          (traversers ??= []).push({ kind: 'splat', span: { start: from, end: this.pos } });
        } else {
          const multiline = this.multiline;
          this.multiline = true;
          this.pos++;
          this.skipAll();
          const key = this.expression();
          if (this.at(this.pos) !== RBRACKET) throw BAIL;
          this.pos++;
          this.multiline = multiline;
          (traversers ??= []).push({ kind: 'index', key, span: { start: from, end: this.pos } });
        }
      } else {
        break;
      }
    }
    if (root !== undefined) {
      return { kind: 'traversal', start, end: this.pos, root, rootSpan: { start, end: rootEnd }, traversers: traversers ?? [] };
    }
    const source = primary as HclExpression;
    return traversers === undefined ? source : { kind: 'relative', start, end: this.pos, source, traversers };
  }

  private primary(): HclExpression {
    const c = this.at(this.pos);
    if (isDigit(c)) return this.number();
    if (c === QUOTE) return this.quoted();
    if (c === LESS && this.at(this.pos + 1) === LESS) return this.heredoc();
    if (c === LBRACKET) return this.tuple();
    if (c === LBRACE) return this.object();
    if (c === LPAREN) return this.parenthesized();
    throw BAIL;
  }

  /** `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?`, the grammar's numeric literal (an exponent needs a fraction). */
  private number(): HclExpression {
    const start = this.pos;
    while (isDigit(this.at(this.pos))) this.pos++;
    if (this.at(this.pos) === DOT && isDigit(this.at(this.pos + 1))) {
      this.pos++;
      while (isDigit(this.at(this.pos))) this.pos++;
      const e = this.at(this.pos);
      if (e === 101 || e === 69) {
        let i = this.pos + 1;
        if (this.at(i) === PLUS || this.at(i) === MINUS) i++;
        if (!isDigit(this.at(i))) throw BAIL;
        while (isDigit(this.at(i))) i++;
        this.pos = i;
      }
    }
    const after = this.at(this.pos);
    if (isAsciiLetter(after) || after === UNDERSCORE || after === DOT || after >= 0x80) throw BAIL;
    return { kind: 'number', start, end: this.pos, value: Number(this.text.slice(start, this.pos)) };
  }

  private call(start: number, name: string): HclExpression {
    const multiline = this.multiline;
    this.multiline = true;
    this.pos++;
    this.skipAll();
    const args: HclExpression[] = [];
    let expands = false;
    while (this.at(this.pos) !== RPAREN) {
      args.push(this.expression());
      const c = this.at(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.skipAll();
      } else if (c === DOT && this.text.startsWith('...', this.pos)) {
        // `f(list...)` spreads its last argument: the call's arguments are not the ones written.
        expands = true;
        this.pos += 3;
        this.skipAll();
        if (this.at(this.pos) !== RPAREN) throw BAIL;
      } else if (c !== RPAREN) {
        throw BAIL;
      }
    }
    this.pos++;
    this.multiline = multiline;
    if (expands) return { kind: 'unknown', start, end: this.pos };
    return { kind: 'call', start, end: this.pos, name, args };
  }

  private parenthesized(): HclExpression {
    const start = this.pos;
    const multiline = this.multiline;
    this.multiline = true;
    this.pos++;
    this.skipAll();
    const inner = this.expression();
    if (this.at(this.pos) !== RPAREN) throw BAIL;
    this.pos++;
    this.multiline = multiline;
    return { ...inner, start, end: this.pos };
  }

  private tuple(): HclExpression {
    const start = this.pos;
    const multiline = this.multiline;
    this.multiline = true;
    this.pos++;
    this.skipAll();
    if (this.atKeyword('for')) {
      const result = this.forExpression(start, RBRACKET);
      this.multiline = multiline;
      return result;
    }
    const items: HclExpression[] = [];
    while (this.at(this.pos) !== RBRACKET) {
      items.push(this.expression());
      const c = this.at(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.skipAll();
      } else if (c !== RBRACKET) {
        throw BAIL;
      }
    }
    this.pos++;
    this.multiline = multiline;
    return { kind: 'tuple', start, end: this.pos, items };
  }

  /**
   * `{ key = value, … }`: elements are separated by a comma or a line break (a comma cannot start a line), and
   * each keeps its key, `=` and value on one line.
   */
  private object(): HclExpression {
    const start = this.pos;
    const multiline = this.multiline;
    this.multiline = true;
    this.pos++;
    this.skipAll();
    if (this.atKeyword('for')) {
      const result = this.forExpression(start, RBRACE);
      this.multiline = multiline;
      return result;
    }
    const items: HclObjectItem[] = [];
    while (this.at(this.pos) !== RBRACE) {
      this.multiline = false;
      const key = this.objectKey();
      const c = this.at(this.pos);
      if (c === EQUALS) {
        const n = this.at(this.pos + 1);
        if (n === EQUALS || n === GREATER) throw BAIL;
      } else if (c !== COLON || this.at(this.pos + 1) === COLON) {
        throw BAIL;
      }
      this.pos++;
      this.skipInline();
      const value = this.expression();
      items.push({ start: key.start, end: value.end, key, value });
      // A line break inside a comment after the value counts as a separator there: rare, left to tree-sitter.
      if (this.lineBreakingCommentEnd > value.end) throw BAIL;
      this.multiline = true;
      const after = this.at(this.pos);
      if (after === COMMA) {
        this.pos++;
        this.skipAll();
      } else if (this.atLineBreakOrComment()) {
        this.skipAll();
        // tree-sitter ignores line breaks: a next key starting with `-`, `[`… would continue this value, and
        // one starting with `(` would make a call of a value that ends with a bare name.
        const next = this.at(this.pos);
        if (next === LPAREN) {
          if (endsWithBareName(value)) throw BAIL;
        } else if (next !== RBRACE && next !== QUOTE && !isDigit(next) && !this.isIdentifierStart(next)) {
          throw BAIL;
        }
      } else if (after !== RBRACE) {
        throw BAIL;
      }
    }
    this.pos++;
    this.multiline = multiline;
    return { kind: 'object', start, end: this.pos, items };
  }

  /** A bare identifier key (`name = …`) is the string `"name"`; anything else is an expression. */
  private objectKey(): HclExpression {
    const key = this.expression();
    if (key.kind === 'traversal' && key.traversers.length === 0 && key.start === key.rootSpan.start && key.end === key.rootSpan.end) {
      return { kind: 'string', start: key.start, end: key.end, value: key.root, valueStart: key.start };
    }
    return key;
  }

  /** `[for x in xs : x if c]` or `{for k, v in m : k => v... if c}`, opened at `start`; the model keeps only its span. */
  private forExpression(start: number, close: number): HclExpression {
    this.pos += 3;
    this.skipAll();
    this.name();
    this.skipAll();
    if (this.at(this.pos) === COMMA) {
      this.pos++;
      this.skipAll();
      this.name();
      this.skipAll();
    }
    if (!this.atKeyword('in')) throw BAIL;
    this.pos += 2;
    this.skipAll();
    const collection = this.expression();
    if (collection.kind === 'conditional') throw BAIL;
    if (this.at(this.pos) !== COLON || this.at(this.pos + 1) === COLON) throw BAIL;
    this.pos++;
    this.skipAll();
    this.expression();
    if (close === RBRACE) {
      if (this.at(this.pos) !== EQUALS || this.at(this.pos + 1) !== GREATER) throw BAIL;
      this.pos += 2;
      this.skipAll();
      this.expression();
      if (this.text.startsWith('...', this.pos)) {
        this.pos += 3;
        this.skipAll();
      }
    }
    if (this.atKeyword('if')) {
      this.pos += 2;
      this.skipAll();
      this.expression();
    }
    if (this.at(this.pos) !== close) throw BAIL;
    this.pos++;
    return { kind: 'for', start, end: this.pos };
  }

  // ---------------------------------------------------------------- templates

  /** A quoted string on one line: escapes decoded, `${…}` interpolations; directives (`%{`) are left to tree-sitter. */
  private quoted(): HclExpression {
    const start = this.pos;
    this.pos++;
    const contentStart = this.pos;
    const segments: TemplateSegment[] = [];
    let literalStart = this.pos;
    let escaped = false;
    let verbatim = true;
    for (;;) {
      const c = this.at(this.pos);
      if (c === QUOTE) break;
      if (this.pos >= this.len || c === LF || c === CR) throw BAIL;
      if (c === BACKSLASH) {
        this.escape();
        escaped = true;
      } else if (c === DOLLAR || c === PERCENT) {
        const n = this.at(this.pos + 1);
        if (n === LBRACE) {
          verbatim = pushLiteral(segments, this.text, literalStart, this.pos, escaped, false) && verbatim;
          escaped = false;
          segments.push(c === DOLLAR ? this.interpolation() : this.directive(undefined));
          literalStart = this.pos;
        } else if (n === c) {
          this.pos += this.at(this.pos + 2) === LBRACE ? 3 : 2;
          escaped = true;
        } else {
          this.pos++;
        }
      } else {
        this.pos++;
      }
    }
    verbatim = pushLiteral(segments, this.text, literalStart, this.pos, escaped, false) && verbatim;
    this.pos++;
    return templateExpression(segments, start, this.pos, false, verbatim ? contentStart : undefined);
  }

  /** A valid escape sequence of a quoted string at pos (`\n \r \t \" \\ \uXXXX \UXXXXXXXX`); moves past it. */
  private escape(): void {
    const n = this.at(this.pos + 1);
    if (n === 110 || n === 114 || n === 116 || n === QUOTE || n === BACKSLASH) this.pos += 2;
    else if (n === 117 /* u */) this.pos += this.hexDigits(this.pos + 2, 4);
    else if (n === 85 /* U */) this.pos += this.hexDigits(this.pos + 2, 8);
    else throw BAIL;
  }

  /**
   * At a line start inside a heredoc: the offset of the closing marker if this line closes it (tree-sitter's
   * scanner allows blanks before and after the marker), else -1.
   */
  private closingMarkerAt(marker: string): number {
    let i = this.pos;
    while (this.at(i) === SPACE || this.at(i) === TAB || this.at(i) === CR) i++;
    if (isOddSpace(this.at(i))) throw BAIL;
    if (!this.text.startsWith(marker, i)) return -1;
    let j = i + marker.length;
    while (this.at(j) === SPACE || this.at(j) === TAB || this.at(j) === CR) j++;
    if (isOddSpace(this.at(j))) throw BAIL;
    return this.at(j) === LF ? i : -1;
  }

  /**
   * `%{ if c }…%{ else }…%{ endif }` or `%{ for x in xs }…%{ endfor }`, in a quoted string (`heredocMarker`
   * undefined) or a heredoc. The model keeps only its span and the strip markers at its two ends.
   */
  private directive(heredocMarker: string | undefined): TemplateSegment {
    const start = this.pos;
    const multiline = this.multiline;
    this.multiline = true;
    this.pos += 2;
    const stripLeft = this.at(this.pos) === TILDE;
    if (stripLeft) this.pos++;
    this.skipAll();
    let stripRight: boolean;
    if (this.atKeyword('if')) {
      this.pos += 2;
      this.skipAll();
      this.expression();
      this.directiveClose();
      let word = this.directiveBody(heredocMarker);
      if (word === 'else') {
        this.tag('else');
        word = this.directiveBody(heredocMarker);
      }
      if (word !== 'endif') throw BAIL;
      stripRight = this.tag('endif');
    } else if (this.atKeyword('for')) {
      this.pos += 3;
      this.skipAll();
      this.name();
      this.skipAll();
      if (this.at(this.pos) === COMMA) {
        this.pos++;
        this.skipAll();
        this.name();
        this.skipAll();
      }
      if (!this.atKeyword('in')) throw BAIL;
      this.pos += 2;
      this.skipAll();
      this.expression();
      this.directiveClose();
      if (this.directiveBody(heredocMarker) !== 'endfor') throw BAIL;
      stripRight = this.tag('endfor');
    } else {
      throw BAIL;
    }
    this.multiline = multiline;
    return partSegment({ kind: 'directive', start, end: this.pos }, stripLeft, stripRight);
  }

  /** `~}` or `}` ending a directive tag (trivia before it already skipped); returns whether it strips. */
  private directiveClose(): boolean {
    const strip = this.at(this.pos) === TILDE;
    if (strip) this.pos++;
    if (this.at(this.pos) !== RBRACE) throw BAIL;
    this.pos++;
    return strip;
  }

  /** `%{ word }` with optional strip markers; returns whether it strips after itself. */
  private tag(word: string): boolean {
    this.pos += 2;
    if (this.at(this.pos) === TILDE) this.pos++;
    this.skipAll();
    if (!this.atKeyword(word)) throw BAIL;
    this.pos += word.length;
    this.skipAll();
    return this.directiveClose();
  }

  /**
   * The template inside a directive, up to the `%{` of its `else`, `endif` or `endfor` (returned, pos left at
   * `%{`). Its literals and interpolations are checked, not kept.
   */
  private directiveBody(heredocMarker: string | undefined): string {
    for (;;) {
      const c = this.at(this.pos);
      if (this.pos >= this.len) throw BAIL;
      if (heredocMarker === undefined) {
        if (c === QUOTE || c === LF || c === CR) throw BAIL;
        if (c === BACKSLASH) {
          this.escape();
          continue;
        }
      } else if (c === LF) {
        this.pos++;
        if (this.closingMarkerAt(heredocMarker) !== -1) throw BAIL;
        continue;
      }
      const n = this.at(this.pos + 1);
      if (c === DOLLAR && n === LBRACE) {
        this.interpolation();
      } else if (c === PERCENT && n === LBRACE) {
        let i = this.pos + 2;
        if (this.at(i) === TILDE) i++;
        while (this.at(i) === SPACE || this.at(i) === TAB || this.at(i) === LF || this.at(i) === CR) i++;
        for (const word of DIRECTIVE_ENDS) {
          if (this.text.startsWith(word, i) && !continuesWord(this.at(i + word.length))) return word;
        }
        this.directive(heredocMarker);
      } else if ((c === DOLLAR || c === PERCENT) && n === c) {
        this.pos += this.at(this.pos + 2) === LBRACE ? 3 : 2;
      } else {
        this.pos++;
      }
    }
  }

  /** The length of `\u` or `\U` with its `count` hex digits at `from`. */
  private hexDigits(from: number, count: number): number {
    for (let i = from; i < from + count; i++) {
      const c = this.at(i);
      if (!(isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) throw BAIL;
    }
    return count + 2;
  }

  /** `${ expression }` with optional `~` strip markers touching the braces. */
  private interpolation(): TemplateSegment {
    const start = this.pos;
    const multiline = this.multiline;
    this.multiline = true;
    this.pos += 2;
    const stripLeft = this.at(this.pos) === TILDE;
    if (stripLeft) this.pos++;
    this.skipAll();
    if (this.at(this.pos) === RBRACE) throw BAIL; // `${}`
    const expression = this.expression();
    const stripRight = this.at(this.pos) === TILDE;
    if (stripRight) this.pos++;
    if (this.at(this.pos) !== RBRACE) throw BAIL;
    this.pos++;
    this.multiline = multiline;
    return partSegment({ kind: 'interpolation', start, end: this.pos, expression }, stripLeft, stripRight);
  }

  /**
   * `<<EOT` or `<<-EOT` … a line holding only `EOT` (indentation and trailing blanks allowed, as tree-sitter's
   * scanner allows them). The content ends with the line break before the closing marker.
   */
  private heredoc(): HclExpression {
    const start = this.pos;
    this.pos += 2;
    const flush = this.at(this.pos) === MINUS;
    if (flush) this.pos++;
    const markerStart = this.pos;
    const first = this.at(this.pos);
    if (!(isAsciiLetter(first) || first === UNDERSCORE)) throw BAIL;
    while (isAsciiLetter(this.at(this.pos)) || isDigit(this.at(this.pos)) || this.at(this.pos) === UNDERSCORE || this.at(this.pos) === MINUS) this.pos++;
    if (this.at(this.pos) >= 0x80) throw BAIL;
    const marker = this.text.slice(markerStart, this.pos);
    if (this.at(this.pos) === LF) this.pos++;
    else if (this.at(this.pos) === CR && this.at(this.pos + 1) === LF) this.pos += 2;
    else throw BAIL;
    const contentStart = this.pos;
    const segments: TemplateSegment[] = [];
    let literalStart = this.pos;
    let escaped = false;
    let verbatim = true;
    let lineStart = true;
    let closeStart = -1;
    for (;;) {
      if (lineStart) {
        lineStart = false;
        closeStart = this.closingMarkerAt(marker);
        if (closeStart !== -1) break;
      }
      const c = this.at(this.pos);
      if (this.pos >= this.len) throw BAIL;
      if (c === LF) {
        this.pos++;
        lineStart = true;
      } else if (c === DOLLAR || c === PERCENT) {
        const n = this.at(this.pos + 1);
        if (n === LBRACE) {
          verbatim = pushLiteral(segments, this.text, literalStart, this.pos, escaped, true) && verbatim;
          escaped = false;
          segments.push(c === DOLLAR ? this.interpolation() : this.directive(marker));
          literalStart = this.pos;
        } else if (n === c) {
          this.pos += this.at(this.pos + 2) === LBRACE ? 3 : 2;
          escaped = true;
        } else {
          this.pos++;
        }
      } else {
        this.pos++;
      }
    }
    const contentEnd = this.text.lastIndexOf('\n', closeStart) + 1;
    if (contentEnd < literalStart) throw BAIL;
    verbatim = pushLiteral(segments, this.text, literalStart, contentEnd, escaped, true) && verbatim;
    this.pos = closeStart + marker.length;
    if (flush && flushHeredocSegments(segments)) verbatim = false;
    return templateExpression(segments, start, this.pos, true, verbatim ? contentStart : undefined);
  }
}

/** Whether the last token of `expression` is a bare name (`x`, `a ? b : c`), which `(` would make a call. */
function endsWithBareName(expression: HclExpression): boolean {
  let last = expression;
  for (;;) {
    if (last.kind === 'operation') last = last.operands[last.operands.length - 1];
    else if (last.kind === 'conditional') last = last.otherwise;
    else return last.kind === 'traversal' && last.traversers.length === 0 && last.end === last.rootSpan.end;
  }
}

/** Adds the literal text `[start, end)` (if any), decoded; returns whether its value is verbatim the source. */
function pushLiteral(segments: TemplateSegment[], text: string, start: number, end: number, escaped: boolean, heredoc: boolean): boolean {
  if (end <= start) return true;
  const raw = text.slice(start, end);
  const value = !escaped ? raw : heredoc ? decodeHeredocLiteral(raw) : decodeQuotedLiteral(raw);
  segments.push(literalSegment(start, end, value));
  return value === raw;
}

/** Attribute names are unique within a body (hclConvert reports a duplicate). */
function checkUniqueNames(attributes: readonly HclAttribute[]): void {
  const n = attributes.length;
  if (n < 2) return;
  if (n <= 8) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (attributes[i].name === attributes[j].name) throw BAIL;
    return;
  }
  const seen = new Set<string>();
  for (const attribute of attributes) {
    if (seen.has(attribute.name)) throw BAIL;
    seen.add(attribute.name);
  }
}
