/**
 * Just enough of a Dockerfile to know the command a container runs: the final stage's CMD and ENTRYPOINT.
 * heroku.yml apps without a `run` entry for a process run that command (DC-HYML).
 */

export interface DockerInstruction {
  /** `CMD` or `ENTRYPOINT`. */
  readonly keyword: string;
  /** `exec` for the JSON-array form, `shell` otherwise. */
  readonly form: 'exec' | 'shell';
  /** The words of the exec form, or the shell command. */
  readonly args: readonly string[];
  /** `[start, end)` of the arguments in the source. */
  readonly start: number;
  readonly end: number;
  /** Source offset of the shell command's first character when it is verbatim (one line, shell form). */
  readonly valueStart?: number;
}

export interface ParsedDockerfile {
  readonly kind: 'dockerfile';
  readonly cmd?: DockerInstruction;
  readonly entrypoint?: DockerInstruction;
}

const INSTRUCTION = /^[ \t]*([A-Za-z]+)[ \t]+/;

export function parseDockerfile(text: string): ParsedDockerfile {
  let cmd: DockerInstruction | undefined;
  let entrypoint: DockerInstruction | undefined;
  const escape = /^#\s*escape\s*=\s*`/im.test(text.slice(0, 200)) ? '`' : '\\';
  let offset = 0;
  while (offset < text.length) {
    const { start, end, next } = logicalLine(text, offset, escape);
    offset = next;
    const line = text.slice(start, end);
    const match = INSTRUCTION.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const keyword = match[1].toUpperCase();
    if (keyword === 'FROM') {
      // A new stage: only the final stage's command runs.
      cmd = undefined;
      entrypoint = undefined;
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      const argsStart = start + match[0].length;
      const instruction = parseArguments(text, keyword, argsStart, trimmedEnd(text, argsStart, end), escape);
      if (keyword === 'CMD') cmd = instruction;
      else entrypoint = instruction;
    }
  }
  return { kind: 'dockerfile', cmd, entrypoint };
}

/** One instruction, joined over escaped line breaks: `[start, end)` and the offset after it. */
function logicalLine(text: string, from: number, escape: string): { start: number; end: number; next: number } {
  let i = from;
  for (;;) {
    const lineEnd = text.indexOf('\n', i);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const content = text.slice(i, end).replace(/\r$/, '').trimEnd();
    if (lineEnd < 0 || !content.endsWith(escape)) return { start: from, end, next: lineEnd < 0 ? text.length : lineEnd + 1 };
    i = lineEnd + 1;
  }
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function parseArguments(text: string, keyword: string, start: number, end: number, escape: string): DockerInstruction {
  const raw = text.slice(start, end);
  if (raw.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(raw.replace(continuation(escape), ''));
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return { keyword, form: 'exec', args: words, start, end };
    } catch {
      // Not valid JSON: Docker runs it in the shell form.
    }
  }
  const verbatim = !/[\r\n]/.test(raw);
  const command = raw.replace(continuation(escape), ' ');
  return { keyword, form: 'shell', args: [command], start, end, ...(verbatim ? { valueStart: start } : {}) };
}

/** An escaped line break inside an instruction. */
function continuation(escape: string): RegExp {
  return new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*\\r?\\n`, 'g');
}

/** The command line Docker runs for the final stage: ENTRYPOINT followed by CMD, as shell words. */
export function effectiveCommand(parsed: ParsedDockerfile): { text: string; start: number; end: number; valueStart?: number } | undefined {
  const { cmd, entrypoint } = parsed;
  if (!cmd && !entrypoint) return undefined;
  // A shell-form ENTRYPOINT ignores CMD.
  const parts = entrypoint?.form === 'shell' ? [entrypoint] : [entrypoint, cmd].filter((p): p is DockerInstruction => p !== undefined);
  const text = parts.map((p) => (p.form === 'shell' ? p.args[0] : p.args.map(shellQuote).join(' '))).join(' ');
  const anchor = cmd && parts.includes(cmd) ? cmd : parts[0];
  const verbatimStart = parts.length === 1 && anchor.valueStart !== undefined ? anchor.valueStart : undefined;
  return { text, start: anchor.start, end: anchor.end, ...(verbatimStart !== undefined ? { valueStart: verbatimStart } : {}) };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./$-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
