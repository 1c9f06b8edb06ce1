/**
 * `NAME=value` assignments at the start of shell commands: `SECRET=x rails s`, `export A=1 B=2 && …`,
 * `env -i TOKEN=y node app.js`, and inside `sh -c '…'`. Commands on Heroku run as `bash -c <command>`.
 */

export interface Assignment {
  readonly name: string;
  /** `[start, end)` of the name within the command. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The value with shell quoting removed. */
  readonly value: string;
  /**
   * `[start, end)` of the value within the command. When `verbatim`, `command.slice(valueStart, valueEnd)`
   * equals `value` (quotes excluded); otherwise the span covers the raw value word, quotes included.
   */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly verbatim: boolean;
  /** `[start, end)` of the whole `NAME=value` word, quotes included. */
  readonly wordStart: number;
  readonly wordEnd: number;
  /** Whether the assignment follows `export` (or `env`), as opposed to a plain command prefix. */
  readonly via: 'prefix' | 'export' | 'env';
}

interface Word {
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** The word with quotes and escapes removed. */
  readonly text: string;
}

type Token = Word | { readonly op: string };

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '\n', '\r']);
const TRANSPARENT = new Set(['exec', 'command', 'nohup', 'time', 'builtin']);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k)?sh$/;
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Splits a command into words and operators, keeping each word's source span. Never throws. */
function tokenize(command: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = command.length;
  while (i < n) {
    const ch = command[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      const two = command.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' || two === '|&' || two === '\r\n' ? two : ch;
      tokens.push({ op });
      i += op.length;
      continue;
    }
    if (ch === '#') {
      while (i < n && command[i] !== '\n' && command[i] !== '\r') i++;
      continue;
    }
    const start = i;
    let text = '';
    while (i < n) {
      const c = command[i];
      if (c === ' ' || c === '\t' || OPERATOR_CHARS.has(c)) break;
      if (c === "'") {
        const close = command.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        text += command.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        i++;
        while (i < n && command[i] !== '"') {
          if (command[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(command[i + 1])) {
            text += command[i + 1];
            i += 2;
          } else {
            text += command[i];
            i++;
          }
        }
        i++;
      } else if (c === '\\' && i + 1 < n) {
        text += command[i + 1];
        i += 2;
      } else if (c === '$' && command[i + 1] === '(') {
        const close = matchingParen(command, i + 1);
        text += command.slice(i, close + 1);
        i = close + 1;
      } else if (c === '`') {
        const close = command.indexOf('`', i + 1);
        const stop = close < 0 ? n - 1 : close;
        text += command.slice(i, stop + 1);
        i = stop + 1;
      } else {
        text += c;
        i++;
      }
    }
    const end = Math.min(i, n);
    tokens.push({ raw: command.slice(start, end), start, end, text });
  }
  return tokens;
}

function matchingParen(command: string, open: number): number {
  let depth = 0;
  for (let i = open; i < command.length; i++) {
    if (command[i] === '(') depth++;
    else if (command[i] === ')' && --depth === 0) return i;
  }
  return command.length - 1;
}

function isWord(token: Token | undefined): token is Word {
  return token !== undefined && 'raw' in token;
}

function assignmentOf(word: Word, via: Assignment['via']): Assignment | undefined {
  const match = NAME.exec(word.raw);
  if (!match) return undefined;
  const name = match[1];
  const rawValue = word.raw.slice(match[0].length);
  const rawStart = word.start + match[0].length;
  const value = word.text.slice(match[0].length);
  const base = { name, nameStart: word.start, nameEnd: word.start + name.length, value, wordStart: word.start, wordEnd: word.end, via };
  if (/^'[^']*'$/.test(rawValue) || /^"[^"\\$`]*"$/.test(rawValue)) {
    return { ...base, valueStart: rawStart + 1, valueEnd: rawStart + rawValue.length - 1, verbatim: true };
  }
  if (!/['"\\]/.test(rawValue)) return { ...base, valueStart: rawStart, valueEnd: rawStart + rawValue.length, verbatim: true };
  return { ...base, valueStart: rawStart, valueEnd: rawStart + rawValue.length, verbatim: false };
}

/** The inner text of a `'…'` or escape-free `"…"` word, with its offset, for `sh -c` recursion. */
function quotedInner(word: Word): { text: string; offset: number } | undefined {
  if (/^'[^']*'$/.test(word.raw) || /^"[^"\\`]*"$/.test(word.raw)) return { text: word.raw.slice(1, -1), offset: word.start + 1 };
  if (!/['"\\]/.test(word.raw)) return { text: word.raw, offset: word.start };
  return undefined;
}

/** Leading `NAME=value` assignments of every simple command in a command line (offsets into `command`). */
export function findAssignments(command: string, depth = 0): Assignment[] {
  if (typeof command !== 'string' || command.length === 0 || !command.includes('=')) return [];
  const out: Assignment[] = [];
  const tokens = tokenize(command);
  let state: 'start' | 'export' | 'env' | 'args' = 'start';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!isWord(token)) {
      state = 'start';
      continue;
    }
    if (state === 'args') continue;
    if (state === 'start' && TRANSPARENT.has(token.text)) continue;
    if (state === 'start' && (token.text === 'export' || token.text === 'readonly' || token.text === 'declare' || token.text === 'local')) {
      state = 'export';
      continue;
    }
    if (state === 'start' && (token.text === 'env' || token.text === '/usr/bin/env')) {
      state = 'env';
      continue;
    }
    const assignment = assignmentOf(token, state === 'start' ? 'prefix' : state);
    if (assignment) {
      out.push(assignment);
      continue;
    }
    if (state === 'export' || (state === 'env' && token.text.startsWith('-'))) continue;
    // The command word itself. `sh -c '…'` runs another command line: look inside it.
    if (SHELLS.test(token.text) && depth < 2) {
      const flag = tokens[index + 1];
      const script = tokens[index + 2];
      if (isWord(flag) && flag.text === '-c' && isWord(script)) {
        const inner = quotedInner(script);
        if (inner) {
          for (const nested of findAssignments(inner.text, depth + 1)) out.push(shift(nested, inner.offset));
        }
      }
    }
    state = 'args';
  }
  return out;
}

function shift(assignment: Assignment, offset: number): Assignment {
  return {
    ...assignment,
    nameStart: assignment.nameStart + offset,
    nameEnd: assignment.nameEnd + offset,
    valueStart: assignment.valueStart + offset,
    valueEnd: assignment.valueEnd + offset,
    wordStart: assignment.wordStart + offset,
    wordEnd: assignment.wordEnd + offset,
  };
}
