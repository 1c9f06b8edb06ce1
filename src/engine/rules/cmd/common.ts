/** Helpers shared by the CMD and PROC rules: where a command runs, ranges and edits in its file. */
import { type Assignment, assignmentOf, basename, type CommandLine, parseCommandLines, type ShellWord, splitParts, wordDeletion, wordSpan } from '../../shell';
import { type CommandSite, spanOf } from '../../sites';

/** A text edit in the checked file, carried in detection data so that fix() stays trivial. */
export interface SmallEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The `web` process: Procfile `web:`, heroku.yml `run.web`, or the image command that heroku.yml runs as `web`. */
export function isWeb(site: CommandSite): boolean {
  return (site.origin === 'procfile' || site.origin === 'heroku.yml run' || site.origin === 'dockerfile') && site.process === 'web';
}

/** The release phase: Procfile `release:` or heroku.yml `release.command`. */
export function isRelease(site: CommandSite): boolean {
  return site.origin === 'heroku.yml release' || (site.origin === 'procfile' && site.process === 'release');
}

export function isPostdeploy(site: CommandSite): boolean {
  return site.origin === 'app.json script' && site.process === 'postdeploy';
}

/** Scripts of app.json `environments.test`: Heroku CI runs them to test the app, where dev servers and debug flags are normal. */
export function isCiTest(site: CommandSite): boolean {
  return site.origin === 'app.json script' && site.environment === 'test';
}

/** Words for messages: "the `web` process", "the release command", "the `postdeploy` script". */
export function describeSite(site: CommandSite): string {
  switch (site.origin) {
    case 'procfile':
      return site.process === 'release' ? 'the release command' : `the \`${site.process}\` process`;
    case 'heroku.yml run':
      return `the \`${site.process}\` process`;
    case 'heroku.yml release':
      return 'the release command';
    case 'app.json script':
      return site.environment ? `the \`environments.${site.environment}\` \`${site.process}\` script` : `the \`${site.process}\` script`;
    case 'dockerfile':
      return `the Dockerfile command of the \`${site.process}\` process`;
  }
}

/**
 * The parsed commands of a site. Kept with the site (which its document keeps) so that the dozen rules that read
 * the same command parse it once: parseCommandLines' own cache is bounded, and a file with more distinct
 * commands than that bound (a long Procfile) was parsed again by every rule.
 */
export function linesOf(site: CommandSite): readonly CommandLine[] {
  let lines = linesBySite.get(site);
  if (!lines) {
    lines = parseCommandLines(site.value);
    linesBySite.set(site, lines);
  }
  return lines;
}

const linesBySite = new WeakMap<CommandSite, readonly CommandLine[]>();

/** Source range of `value.slice(from, to)` (the whole literal when the value is not verbatim). */
export function rangeOf(site: CommandSite, from: number, to: number): { start: number; end: number } {
  return spanOf(site, from, to);
}

/** Source range of part of a word. */
export function wordRange(site: CommandSite, word: ShellWord, from?: number, to?: number): { start: number; end: number } {
  const span = wordSpan(word, from, to);
  return spanOf(site, span.start, span.end);
}

/** An edit of `value.slice(from, to)`, or undefined when the value is not verbatim in the source. */
export function valueEdit(site: CommandSite, from: number, to: number, newText: string): SmallEdit | undefined {
  if (site.valueStart === undefined) return undefined;
  return { start: site.valueStart + from, end: site.valueStart + to, newText };
}

/** An edit that deletes a word of a command, with the whitespace on one side. */
export function deleteWordEdit(site: CommandSite, line: CommandLine, word: ShellWord): SmallEdit | undefined {
  const words = line.command.words;
  const index = words.indexOf(word);
  if (index < 0) return undefined;
  const range = wordDeletion(words, index);
  return valueEdit(site, range.start, range.end, '');
}

/**
 * An edit that deletes one whitespace-separated part `[from, to)` of a word (e.g. `--inspect` inside
 * `NODE_OPTIONS="--inspect --max-old-space-size=512"`), with the whitespace on one side.
 */
export function deletePartEdit(site: CommandSite, word: ShellWord, from: number, to: number, valueFrom: number): SmallEdit | undefined {
  let a = from;
  let b = to;
  const text = word.text;
  if (b < text.length && /\s/.test(text[b])) {
    while (b < text.length && /\s/.test(text[b])) b++;
  } else if (a > valueFrom && /\s/.test(text[a - 1])) {
    while (a > valueFrom && /\s/.test(text[a - 1])) a--;
  }
  const span = wordSpan(word, a, b);
  if (!isContiguous(word, a, b)) return undefined;
  return valueEdit(site, span.start, span.end, '');
}

/** Whether characters `[from, to)` of a word sit next to each other in the parsed string (no quotes or escapes between). */
export function isContiguous(word: ShellWord, from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (word.pos[k] !== word.pos[k - 1] + 1) return false;
  return true;
}

/**
 * An edit that replaces part of a word with `newText` (which must need no quoting, such as `$PORT`).
 * A part that is exactly one single-quoted segment loses its quotes, so that `$VAR` expands;
 * a part that is only part of a single-quoted segment is not edited.
 */
export function replacePartEdit(site: CommandSite, word: ShellWord, from: number, to: number, newText: string): SmallEdit | undefined {
  if (to <= from || !isContiguous(word, from, to)) return undefined;
  const inSingle = word.quote.slice(from, to).includes('s');
  if (inSingle) {
    const segment = word.segments.find((s) => s.kind === 's' && s.from === from && s.to === to);
    if (!segment || segment.close < 0) return undefined;
    return valueEdit(site, segment.open, segment.close + 1, newText);
  }
  const span = wordSpan(word, from, to);
  return valueEdit(site, span.start, span.end, newText);
}

/** `$PORT`, `${PORT}`, `${PORT:-5000}` anywhere in the text. */
export function referencesPort(text: string): boolean {
  return /\$(?:PORT(?![A-Za-z0-9_])|\{PORT(?:[}:?+=-]))/.test(text);
}

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** `localhost`, `127.x.x.x`, `::1`, `[::1]`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || LOOPBACK_V4.test(h) || h === '::1' || h === '[::1]' || h === 'ip6-localhost';
}

/** Splits `host:port`, `[v6]:port`, `tcp://host:port`; returns the host and the port text (possibly empty). */
export function splitHostPort(value: string): { host: string; hostFrom: number; port: string; portFrom: number } {
  let offset = 0;
  const scheme = /^(?:tcp|http|ssl):\/\//i.exec(value);
  if (scheme) offset = scheme[0].length;
  const rest = value.slice(offset);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close > 0) {
      const port = rest.slice(close + 1).startsWith(':') ? rest.slice(close + 2) : '';
      return { host: rest.slice(0, close + 1), hostFrom: offset, port, portFrom: offset + close + 2 };
    }
  }
  const colons = rest.split(':').length - 1;
  if (colons === 1) {
    const at = rest.indexOf(':');
    return { host: rest.slice(0, at), hostFrom: offset, port: rest.slice(at + 1), portFrom: offset + at + 1 };
  }
  if (colons > 1) {
    // Bare IPv6 such as `::` or `::1`, or `:::9229` (IPv6 any with a port).
    const at = rest.lastIndexOf(':');
    if (/^\d+$/.test(rest.slice(at + 1)) && rest.slice(0, at).includes(':')) {
      return { host: rest.slice(0, at), hostFrom: offset, port: rest.slice(at + 1), portFrom: offset + at + 1 };
    }
    return { host: rest, hostFrom: offset, port: '', portFrom: offset + rest.length };
  }
  return { host: rest, hostFrom: offset, port: '', portFrom: offset + rest.length };
}

/** Values that stand for a value rather than being one: `$VAR`, `${VAR}`, `$(cmd)`, or anything with an expansion. */
export function isDynamic(word: ShellWord, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const ch = word.text[k];
    if ((ch === '$' || ch === '`') && word.quote[k] !== 's') return true;
  }
  return false;
}

/**
 * The edit that removes an assignment: the `K=V ` word, or a whole `export K=V && ` / `K=V; ` command when
 * nothing else would be left of it. Undefined when it cannot be removed cleanly.
 */
export function removeAssignmentEdit(site: CommandSite, lines: readonly CommandLine[], line: CommandLine, assignment: Assignment): SmallEdit | undefined {
  const words = line.command.words;
  const at = words.indexOf(assignment.word);
  if (at < 0) return undefined;
  const emptied = assignment.via === 'export' ? words.length === 2 : words.length === 1;
  if (!emptied) {
    // `env K=V cmd` with nothing else for env to do: remove `env ` as well.
    const before = words[at - 1];
    const after = words[at + 1];
    if (assignment.via === 'env' && before && basename(before.text) === 'env' && after && !assignmentOf(after)) {
      return valueEdit(site, before.start, after.start, '');
    }
    const range = wordDeletion(words, at);
    return valueEdit(site, range.start, range.end, '');
  }
  const index = lines.indexOf(line);
  const next = lines.slice(index + 1).find((l) => l.command.depth === line.command.depth);
  if ((line.command.op === '&&' || line.command.op === ';') && next) return valueEdit(site, words[0].start, next.command.words[0].start, '');
  return undefined;
}

/** A whitespace-free token of a command: a whole word, or one part of an assignment's value (`NODE_OPTIONS="--a --b"`). */
export interface OptionToken {
  readonly word: ShellWord;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  /** Set when the token sits in the value of `K=V`. */
  readonly assignment?: Assignment;
  /** How many parts the assignment's value has. */
  readonly parts: number;
}

/** Every word of a command, with assignment values split into their parts. */
export function optionTokens(line: CommandLine): OptionToken[] {
  const tokens: OptionToken[] = [];
  for (const word of line.command.words) {
    const assignment = line.assignments.find((a) => a.word === word) ?? assignmentOf(word);
    if (!assignment) {
      tokens.push({ word, from: 0, to: word.text.length, text: word.text, parts: 1 });
      continue;
    }
    const parts = splitParts(word, assignment.valueFrom);
    for (const part of parts) tokens.push({ word, from: part.from, to: part.to, text: word.text.slice(part.from, part.to), assignment, parts: parts.length });
  }
  return tokens;
}

/**
 * The edit that deletes an option token: the whole word; or the part inside an assignment's value; or the
 * whole `K=V ` prefix when the token was its only part and a program follows.
 */
export function deleteTokenEdit(site: CommandSite, line: CommandLine, token: OptionToken): SmallEdit | undefined {
  const { assignment } = token;
  if (!assignment) return deleteWordEdit(site, line, token.word);
  const leading = line.assignments.includes(assignment) && assignment.via !== 'export' && line.argv.length > 0;
  if (token.parts === 1 && leading) return deleteWordEdit(site, line, token.word);
  return deletePartEdit(site, token.word, token.from, token.to, assignment.valueFrom);
}
