/**
 * The lexical layer of the native HCL parser (hclNative.ts): character classes, blanks and comments (which it
 * records in source order, each once), names and keywords, with the same token boundaries as the tree-sitter
 * grammar. Anything it is not sure of throws BAIL, which makes the parser give up.
 */
import type { HclComment } from '../terraform/hcl';

/** Thrown to give up; parseHclNative turns it (and any other exception) into undefined. */
class Bail extends Error {}
export const BAIL = new Bail('not parsed natively');

/** Character codes. */
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const QUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const PERCENT = 37;
export const AMPERSAND = 38;
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const ZERO = 48;
export const NINE = 57;
export const COLON = 58;
export const LESS = 60;
export const EQUALS = 61;
export const GREATER = 62;
export const QUESTION = 63;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const UNDERSCORE = 95;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;
export const TILDE = 126;

const ID_START = /[\p{ID_Start}]/uy;
const ID_CONTINUE = /[\p{ID_Continue}]/uy;

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character that can continue an ASCII identifier (or `:` of `::`, or any non-ASCII character): never a token boundary. */
export function continuesWord(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === UNDERSCORE || c === MINUS || c === COLON || c >= 0x80;
}

/** Keywords of for-expressions and template directives, and the literals: never names here. */
export function isReserved(word: string): boolean {
  switch (word) {
    case 'for':
    case 'in':
    case 'if':
    case 'else':
    case 'endif':
    case 'endfor':
    case 'true':
    case 'false':
    case 'null':
      return true;
    default:
      return false;
  }
}

/** Whitespace that tree-sitter or its scanner may skip but this parser does not model. */
export function isOddSpace(c: number): boolean {
  return c === 11 || c === 12 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Scanning state and the token-level steps the parser is built on. One instance serves every parse (see
 * parseHclNative): `start()` and `finish()` bracket each one.
 */
export class NativeScanner {
  protected text = '';
  protected len = 0;
  protected pos = 0;
  protected comments: HclComment[] = [];
  /** Whether newlines are insignificant here (inside brackets, parentheses and templates). */
  protected multiline = false;
  /** Set by identifier(): whether the name holds `::` (valid only for provider function calls). */
  protected colons = false;
  /** The end of the last block comment that spans lines. */
  protected lineBreakingCommentEnd = -1;

  protected start(text: string): void {
    this.text = text;
    this.len = text.length;
    this.pos = 0;
    this.comments = [];
    this.multiline = false;
    this.colons = false;
    this.lineBreakingCommentEnd = -1;
  }

  /** Lets go of the text and the comments, which the instance would otherwise keep alive until the next parse. */
  finish(): void {
    this.text = '';
    this.comments = [];
  }

  // ---------------------------------------------------------------- trivia

  protected at(offset: number): number {
    return this.text.charCodeAt(offset);
  }

  /** Spaces, tabs and block comments on one line. */
  protected skipInline(): void {
    for (;;) {
      const c = this.at(this.pos);
      if (c === SPACE || c === TAB) this.pos++;
      else if (c === SLASH && this.at(this.pos + 1) === STAR) this.blockComment();
      else if (isOddSpace(c)) throw BAIL;
      else return;
    }
  }

  /** Whitespace, newlines and comments. */
  protected skipAll(): void {
    for (;;) {
      const c = this.at(this.pos);
      if (c === SPACE || c === TAB || c === LF) this.pos++;
      else if (c === CR) {
        if (this.at(this.pos + 1) !== LF) throw BAIL;
        this.pos += 2;
      } else if (c === HASH) this.lineComment();
      else if (c === SLASH && this.at(this.pos + 1) === SLASH) this.lineComment();
      else if (c === SLASH && this.at(this.pos + 1) === STAR) this.blockComment();
      else if (isOddSpace(c)) throw BAIL;
      else return;
    }
  }

  protected skip(): void {
    if (this.multiline) this.skipAll();
    else this.skipInline();
  }

  /** A `#` or `//` comment, up to (not including) its line break. */
  protected lineComment(): void {
    const start = this.pos;
    let i = start;
    for (;;) {
      const c = this.at(i);
      if (c === LF || i >= this.len) break;
      if (c === CR && this.at(i + 1) !== LF) throw BAIL;
      i++;
    }
    let end = i;
    while (end > start && this.at(end - 1) === CR) end--;
    this.comments.push({ start, end, text: this.text.slice(start, end) });
    this.pos = i;
  }

  /**
   * A block comment. One that spans lines still counts as inline space between tokens (hclConvert ignores line
   * breaks inside block comments, except between object elements: see object()).
   */
  protected blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('*/', start + 2);
    if (close === -1) throw BAIL;
    const end = close + 2;
    const newline = this.text.indexOf('\n', start);
    if (newline !== -1 && newline < end) this.lineBreakingCommentEnd = end;
    this.comments.push({ start, end, text: this.text.slice(start, end) });
    this.pos = end;
  }

  /** After a body item: the rest of its line is blank or a comment. */
  protected expectLineEnd(): void {
    this.skipInline();
    const c = this.at(this.pos);
    if (this.pos >= this.len || c === LF || c === HASH) return;
    if (c === CR && this.at(this.pos + 1) === LF) return;
    if (c === SLASH && this.at(this.pos + 1) === SLASH) return;
    throw BAIL;
  }

  protected atLineBreakOrComment(): boolean {
    const c = this.at(this.pos);
    return c === LF || c === HASH || (c === CR && this.at(this.pos + 1) === LF) || (c === SLASH && this.at(this.pos + 1) === SLASH);
  }

  /** At `word` followed by a token boundary. */
  protected atKeyword(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !continuesWord(this.at(this.pos + word.length));
  }

  // ---------------------------------------------------------------- names

  protected isIdentifierStart(c: number): boolean {
    if (isAsciiLetter(c) || c === UNDERSCORE) return true;
    if (c < 0x80) return false;
    ID_START.lastIndex = this.pos;
    return ID_START.test(this.text);
  }

  /** Scans an identifier at pos (which must start one); returns its end. */
  protected identifier(): number {
    const first = this.at(this.pos);
    if (isAsciiLetter(first) || first === UNDERSCORE) this.pos++;
    else {
      ID_START.lastIndex = this.pos;
      if (first < 0x80 || !ID_START.test(this.text)) throw BAIL;
      this.pos = ID_START.lastIndex;
    }
    this.colons = false;
    for (;;) {
      const c = this.at(this.pos);
      if (isAsciiLetter(c) || isDigit(c) || c === UNDERSCORE || c === MINUS) this.pos++;
      else if (c === COLON && this.at(this.pos + 1) === COLON) {
        this.colons = true;
        this.pos += 2;
      } else if (c >= 0x80) {
        ID_CONTINUE.lastIndex = this.pos;
        if (!ID_CONTINUE.test(this.text)) break;
        this.pos = ID_CONTINUE.lastIndex;
      } else break;
    }
    return this.pos;
  }

  /** An identifier used as a name: no `::`, not a keyword. */
  protected name(): string {
    const start = this.pos;
    const end = this.identifier();
    const word = this.text.slice(start, end);
    if (this.colons || isReserved(word)) throw BAIL;
    return word;
  }
}
