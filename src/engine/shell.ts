/**
 * A small, forgiving tokenizer for the command strings that Heroku runs with `bash -c` (Procfile,
 * heroku.yml `run`/`release`, app.json `scripts`). It is not a shell: it splits a command into simple
 * commands and words, removes quotes, and remembers where every character of every word came from, so
 * that rules can point at (and edit) the exact token. It never throws.
 *
 * Offsets are indices into the string given to {@link parseCommandLines} (the command site's value).
 * Commands inside `sh -c '…'` / `bash -lc "…"` are parsed too, with offsets mapped back to the outer string.
 */

/** A quoted part of a word: `'…'` (s) or `"…"` (d). `from`/`to` index the word's text; `open`/`close` are the delimiters' offsets. */
export interface QuotedSegment {
  readonly kind: 's' | 'd';
  readonly from: number;
  readonly to: number;
  readonly open: number;
  readonly close: number;
}

export interface ShellWord {
  /** The word after quote removal and escape processing. */
  readonly text: string;
  /** Offset of each character of `text` in the parsed string. */
  readonly pos: readonly number[];
  /** Quoting of each character of `text` in the innermost parse: `n` unquoted, `s` single, `d` double. */
  readonly quote: string;
  /** `[start, end)` of the raw word, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly segments: readonly QuotedSegment[];
}

export interface ShellCommand {
  /** The words, without redirections (`> file`, `2>&1`). */
  readonly words: readonly ShellWord[];
  /** The operator that ends the command: `&&`, `||`, `;`, `|`, `&`, `\n`, `(`, `)` or `` at the end. */
  readonly op: string;
  /** 0 for the command string itself, 1 inside `sh -c "…"`, and so on. */
  readonly depth: number;
}

export interface Assignment {
  readonly word: ShellWord;
  readonly name: string;
  /** Index in `word.text` where the value starts (just after `=`). */
  readonly valueFrom: number;
  readonly value: string;
  /** `prefix`: `K=V cmd`; `env`: `env K=V cmd`; `export`: `export K=V`. */
  readonly via: 'prefix' | 'env' | 'export';
}

export interface CommandLine {
  readonly command: ShellCommand;
  readonly assignments: readonly Assignment[];
  /** The words from the program on, after wrappers such as `exec`, `env`, `bundle exec`, `npx`, `sudo`. */
  readonly argv: readonly ShellWord[];
  /** Lowercased basename of `argv[0]`, or `` when there is no program (e.g. `export K=V`). */
  readonly program: string;
  /** The command before this one in the same pipeline (`a | b`: for b, a), if any. */
  readonly pipedFrom?: CommandLine;
}

// ---------------------------------------------------------------------------------------------
// Lexing

interface WordBuilder {
  text: string;
  pos: number[];
  quote: string;
  rawStart: number;
  rawEnd: number;
  segments: QuotedSegment[];
  redirect: boolean;
}

/** Index just after the `)` that closes the `(` at `open`, skipping quotes; the end of `s` if unbalanced. */
function skipParens(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === "'") {
      const k = s.indexOf("'", j + 1);
      if (k < 0) return s.length;
      j = k;
    } else if (c === '"') {
      j = skipDouble(s, j) - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return s.length;
}

/** Index just after the `"` that closes the one at `open`. */
function skipDouble(s: string, open: number): number {
  for (let j = open + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') return j + 1;
  }
  return s.length;
}

function skipBraces(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j + 1;
  }
  return s.length;
}

function skipBacktick(s: string, open: number): number {
  for (let j = open + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '`') return j + 1;
  }
  return s.length;
}

/**
 * Characters that a branch of lex() other than the plain-character one may take (inside a word: blanks, line
 * breaks, escapes, quotes, expansions, redirections and operators); `#` only starts a comment outside a word.
 */
const SPECIAL = new Uint8Array(128);
for (const ch of ' \t\n\r\\\'"$`<>&|;()') SPECIAL[ch.charCodeAt(0)] = 1;

function isSpecial(code: number): boolean {
  return code < 128 && SPECIAL[code] === 1;
}

/** Splits `s` into simple commands. `base(i)` maps an index of `s` to an offset of the outermost string. */
function lex(s: string, base: (i: number) => number, depth: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let cur: WordBuilder | undefined;
  let redirectNext = false;

  const begin = (i: number): WordBuilder => (cur ??= { text: '', pos: [], quote: '', rawStart: i, rawEnd: i, segments: [], redirect: redirectNext });
  const add = (w: WordBuilder, ch: string, at: number, quote: string): void => {
    w.text += ch;
    w.pos.push(base(at));
    w.quote += quote;
  };
  const addRange = (w: WordBuilder, from: number, to: number, quote: string): void => {
    for (let k = from; k < to; k++) add(w, s[k], k, quote);
  };
  const finish = (): void => {
    if (!cur) return;
    const w = cur;
    cur = undefined;
    if (w.redirect) {
      redirectNext = false;
      return;
    }
    words.push({
      text: w.text,
      pos: w.pos,
      quote: w.quote,
      start: base(w.rawStart),
      end: w.rawEnd > w.rawStart ? base(w.rawEnd - 1) + 1 : base(w.rawStart),
      segments: w.segments,
    });
  };
  const endCommand = (op: string): void => {
    finish();
    redirectNext = false;
    if (words.length > 0) commands.push({ words, op, depth });
    words = [];
  };

  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const next = s[i + 1];
    if (c === ' ' || c === '\t') {
      finish();
      i++;
    } else if (c === '\n' || c === '\r') {
      endCommand('\n');
      i++;
    } else if (c === '#' && !cur) {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === '\\') {
      if (next === '\n') i += 2;
      else if (next === '\r') i += s[i + 2] === '\n' ? 3 : 2;
      else {
        const w = begin(i);
        if (next === undefined) add(w, '\\', i, 'n');
        else add(w, next, i + 1, 'n');
        i += 2;
        w.rawEnd = Math.min(i, s.length);
      }
    } else if (c === "'") {
      const w = begin(i);
      let close = s.indexOf("'", i + 1);
      if (close < 0) close = s.length;
      const from = w.text.length;
      addRange(w, i + 1, close, 's');
      w.segments.push({ kind: 's', from, to: w.text.length, open: base(i), close: close < s.length ? base(close) : -1 });
      i = close + 1;
      w.rawEnd = Math.min(i, s.length);
    } else if (c === '"') {
      const w = begin(i);
      const from = w.text.length;
      let j = i + 1;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length && '$`"\\\n'.includes(s[j + 1])) {
          if (s[j + 1] !== '\n') add(w, s[j + 1], j + 1, 'd');
          j += 2;
        } else if (s[j] === '$' && s[j + 1] === '(') {
          const end = skipParens(s, j + 1);
          addRange(w, j, end, 'd');
          j = end;
        } else if (s[j] === '`') {
          const end = skipBacktick(s, j);
          addRange(w, j, end, 'd');
          j = end;
        } else {
          add(w, s[j], j, 'd');
          j++;
        }
      }
      w.segments.push({ kind: 'd', from, to: w.text.length, open: base(i), close: j < s.length ? base(j) : -1 });
      i = j + 1;
      w.rawEnd = Math.min(i, s.length);
    } else if (c === '$' && next === "'") {
      // ANSI-C quoting: kept raw, treated as single-quoted.
      const w = begin(i);
      let j = i + 2;
      while (j < s.length && s[j] !== "'") j += s[j] === '\\' ? 2 : 1;
      const from = w.text.length;
      addRange(w, i + 2, Math.min(j, s.length), 's');
      w.segments.push({ kind: 's', from, to: w.text.length, open: base(i + 1), close: j < s.length ? base(j) : -1 });
      i = j + 1;
      w.rawEnd = Math.min(i, s.length);
    } else if ((c === '$' && (next === '(' || next === '{')) || c === '`' || ((c === '<' || c === '>') && next === '(')) {
      const w = begin(i);
      const end = c === '`' ? skipBacktick(s, i) : next === '{' ? skipBraces(s, i + 1) : skipParens(s, i + 1);
      addRange(w, i, end, 'n');
      i = end;
      w.rawEnd = i;
    } else if (c === '<' || c === '>' || (c === '&' && next === '>')) {
      // A redirection: a pending fd number (`2>`) belongs to it, and the next word is its target.
      if (cur && /^\d+$/.test(cur.text) && cur.quote === 'n'.repeat(cur.text.length)) cur.redirect = true;
      finish();
      let j = i + 1;
      while (j < s.length && (s[j] === '>' || s[j] === '<' || s[j] === '|') && j - i < 3) j++;
      if (s[j] === '&') {
        // `>&2`, `2>&1`, `>&-`: the target is attached.
        j++;
        while (j < s.length && /[0-9-]/.test(s[j])) j++;
        i = j;
        continue;
      }
      redirectNext = true;
      i = j;
    } else if (c === '&') {
      if (next === '&') {
        endCommand('&&');
        i += 2;
      } else {
        endCommand('&');
        i++;
      }
    } else if (c === '|') {
      if (next === '|') {
        endCommand('||');
        i += 2;
      } else {
        endCommand('|');
        i += next === '&' ? 2 : 1;
      }
    } else if (c === ';') {
      endCommand(';');
      i += next === ';' ? 2 : 1;
    } else if (c === '(' || c === ')') {
      endCommand(c);
      i++;
    } else {
      // An ordinary character, and every one after it up to the next that the branches above handle: taken as
      // one run, since adding character by character made most of the lexer's garbage.
      const w = begin(i);
      let j = i + 1;
      while (j < s.length && !isSpecial(s.charCodeAt(j))) j++;
      w.text += s.slice(i, j);
      w.quote += j - i === 1 ? 'n' : 'n'.repeat(j - i);
      for (let k = i; k < j; k++) w.pos.push(base(k));
      i = j;
      w.rawEnd = i;
    }
  }
  endCommand('');
  return commands;
}

// ---------------------------------------------------------------------------------------------
// Analysis

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `K=V` with an unquoted, valid name. */
export function assignmentOf(word: ShellWord, via: Assignment['via'] = 'prefix'): Assignment | undefined {
  const eq = word.text.indexOf('=');
  if (eq <= 0) return undefined;
  const name = word.text.slice(0, eq);
  if (!NAME.test(name) || word.quote.slice(0, eq + 1) !== 'n'.repeat(eq + 1)) return undefined;
  return { word, name, valueFrom: eq + 1, value: word.text.slice(eq + 1), via };
}

/** Lowercased last path segment: `bin/rails` → `rails`. */
export function basename(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1).toLowerCase();
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);
/** Wrappers that run the rest of the line as the command. */
const PLAIN_WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'builtin', 'nice', '!', '{', 'then', 'do', 'else',
  'ddtrace-run', 'opentelemetry-instrument', 'start-nginx', 'start-nginx-debug', 'start-pgbouncer', 'start-pgbouncer-stunnel',
  'dumb-init', 'tini', 'chpst', 'with-contenv', 'forego']);
const SUDO_ARG_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T']);
const ENV_ARG_OPTIONS = new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']);

function unwrap(words: readonly ShellWord[]): { assignments: Assignment[]; start: number; isExport: boolean } {
  const assignments: Assignment[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const assignment = assignmentOf(words[i]);
    if (!assignment) break;
    assignments.push(assignment);
  }
  for (let guard = 0; i < words.length && guard < 20; guard++) {
    const word = words[i].text;
    const name = basename(word);
    const nextText = words[i + 1]?.text;
    if (PLAIN_WRAPPERS.has(name)) {
      i++;
      while (i < words.length && (words[i].text === '--' || (name === 'nice' && /^-n$|^-\d+$/.test(words[i].text)))) i += words[i].text === '-n' ? 2 : 1;
    } else if (name === 'env') {
      i++;
      while (i < words.length && words[i].text.startsWith('-')) {
        const option = words[i].text;
        i += ENV_ARG_OPTIONS.has(option) ? 2 : 1;
        if (option === '--') break;
      }
      for (; i < words.length; i++) {
        const assignment = assignmentOf(words[i], 'env');
        if (!assignment) break;
        assignments.push(assignment);
      }
    } else if (word === 'export' || (word === 'declare' && nextText === '-x')) {
      for (let k = i + 1; k < words.length; k++) {
        const assignment = assignmentOf(words[k], 'export');
        if (assignment) assignments.push(assignment);
      }
      return { assignments, start: words.length, isExport: true };
    } else if (name === 'sudo') {
      i++;
      while (i < words.length && words[i].text.startsWith('-')) i += SUDO_ARG_OPTIONS.has(words[i].text) ? 2 : 1;
    } else if (name === 'bundle' && nextText === 'exec') {
      i += 2;
    } else if (name === 'npx' || name === 'bunx') {
      i++;
      while (i < words.length && words[i].text.startsWith('-')) i += words[i].text === '-p' || words[i].text === '--package' ? 2 : 1;
    } else if ((name === 'pnpm' || name === 'yarn' || name === 'bun') && (nextText === 'exec' || nextText === 'dlx' || nextText === 'x')) {
      i += 2;
    } else if ((name === 'poetry' || name === 'pipenv' || name === 'pdm' || name === 'hatch' || name === 'rye') && nextText === 'run') {
      i += 2;
    } else if (name === 'uv' && nextText === 'run') {
      i += 2;
      while (i < words.length && words[i].text.startsWith('-')) i++;
    } else if (name === 'newrelic-admin' && nextText === 'run-program') {
      i += 2;
    } else if (name === 'doppler' && nextText === 'run') {
      const dashes = words.findIndex((w, k) => k > i && w.text === '--');
      i = dashes < 0 ? i + 2 : dashes + 1;
    } else {
      break;
    }
  }
  return { assignments, start: i, isExport: false };
}

function toLine(command: ShellCommand, pipedFrom: CommandLine | undefined): CommandLine {
  const { assignments, start } = unwrap(command.words);
  const argv = command.words.slice(start);
  return { command, assignments, argv, program: argv.length > 0 ? basename(argv[0].text) : '', pipedFrom };
}

/** The `-c` script of `sh -c '…'`, `bash -lc "…"`, if the line runs one. */
function shellScript(line: CommandLine): ShellWord | undefined {
  if (!SHELLS.has(line.program)) return undefined;
  for (let k = 1; k < line.argv.length - 1; k++) {
    const text = line.argv[k].text;
    if (!text.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/.test(text)) return line.argv[k + 1];
  }
  return undefined;
}

const cache = new Map<string, CommandLine[]>();

/** Every simple command of a command string, nested `sh -c` scripts included (after their parent). */
export function parseCommandLines(value: string): readonly CommandLine[] {
  const cached = cache.get(value);
  if (cached) return cached;
  const out: CommandLine[] = [];
  const visit = (s: string, base: (i: number) => number, depth: number): void => {
    let previous: CommandLine | undefined;
    for (const command of lex(s, base, depth)) {
      const line = toLine(command, previous);
      out.push(line);
      previous = command.op === '|' ? line : undefined;
      const script = depth < 4 ? shellScript(line) : undefined;
      if (script && script.text.length > 0) visit(script.text, (k) => script.pos[Math.min(k, script.pos.length - 1)], depth + 1);
    }
  };
  visit(value, (k) => k, 0);
  if (cache.size > 2000) cache.clear();
  cache.set(value, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules

/** `[start, end)` in the parsed string of `word.text.slice(from, to)`. */
export function wordSpan(word: ShellWord, from = 0, to = word.text.length): { start: number; end: number } {
  if (word.text.length === 0) return { start: word.start, end: word.end };
  if (to <= from) {
    const at = from < word.pos.length ? word.pos[from] : word.pos[word.pos.length - 1] + 1;
    return { start: at, end: at };
  }
  return { start: word.pos[from], end: word.pos[to - 1] + 1 };
}

/** Whether `word.text.slice(from, to)` contains an expansion (`$`, backtick) that the shell would substitute. */
export function hasExpansion(word: ShellWord, from = 0, to = word.text.length): boolean {
  for (let k = from; k < to; k++) {
    const ch = word.text[k];
    if ((ch === '$' || ch === '`') && word.quote[k] !== 's') return true;
  }
  return false;
}

/** Whitespace-separated parts of `word.text` from `from` on, as `[from, to)` index pairs (for `NODE_OPTIONS="--a --b"`). */
export function splitParts(word: ShellWord, from = 0): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  let k = from;
  while (k < word.text.length) {
    while (k < word.text.length && /\s/.test(word.text[k])) k++;
    const start = k;
    while (k < word.text.length && !/\s/.test(word.text[k])) k++;
    if (k > start) parts.push({ from: start, to: k });
  }
  return parts;
}

/**
 * The range to delete to remove `words[index]` from its command together with one side's whitespace:
 * up to the next word, or from the previous word when it is the last one.
 */
export function wordDeletion(words: readonly ShellWord[], index: number): { start: number; end: number } {
  const word = words[index];
  if (index + 1 < words.length) return { start: word.start, end: words[index + 1].start };
  if (index > 0) return { start: words[index - 1].end, end: word.end };
  return { start: word.start, end: word.end };
}

/** Index of a word in its command. */
export function indexOfWord(line: CommandLine, word: ShellWord): number {
  return line.command.words.indexOf(word);
}

/** The program name for messages, e.g. `mysql`, `python -m http.server`. */
export function isShell(program: string): boolean {
  return SHELLS.has(program);
}

/** `python`, `python3`, `python3.12`. */
export function isPython(program: string): boolean {
  return /^python[0-9.]*$/.test(program);
}

/**
 * The module of `python -m X …` and the index of its first argument, or the program itself and 1.
 * Lets rules treat `python -m gunicorn` like `gunicorn`.
 */
export function effectiveProgram(line: CommandLine): { name: string; args: number } {
  if (isPython(line.program)) {
    for (let k = 1; k < line.argv.length; k++) {
      const text = line.argv[k].text;
      if (text === '-m' && k + 1 < line.argv.length) return { name: line.argv[k + 1].text.toLowerCase(), args: k + 2 };
      if (text.startsWith('-m') && text.length > 2) return { name: text.slice(2).toLowerCase(), args: k + 1 };
      if (!text.startsWith('-')) break;
    }
  }
  return { name: line.program, args: 1 };
}
