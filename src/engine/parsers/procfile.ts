/** A line parser for Procfiles that keeps exact offsets. */

export interface ProcfileEntry {
  /** The process type as written. */
  readonly key: string;
  /** Lowercase with `_` as `-`, the way the CNB parser normalises keys. */
  readonly normalizedKey: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The command without surrounding whitespace; may be empty. */
  readonly command: string;
  readonly commandStart: number;
  readonly commandEnd: number;
  /** 1-based line number. */
  readonly line: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

export interface ProcfileBadLine {
  readonly text: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface ParsedProcfile {
  readonly kind: 'procfile';
  readonly entries: readonly ProcfileEntry[];
  readonly badLines: readonly ProcfileBadLine[];
  /** True when the content is not text (NUL bytes or replacement characters from invalid UTF-8). */
  readonly binary: boolean;
}

// The command's trailing blanks are trimmed after the match: `(.*?)[ \t]*$` backtracks quadratically on a long run of
// blanks inside the command.
const ENTRY = /^([ \t]*)([A-Za-z0-9_-]+):[ \t]*(.*)$/;

/**
 * Whether decoded content is binary rather than text: a NUL byte, or more than one character in ten that is a
 * control character or a replacement for invalid UTF-8. A stray Latin-1 byte in a comment is still text.
 */
export function isBinaryText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13)) odd++;
  }
  return odd > 0 && odd * 10 > sample.length;
}

export function parseProcfile(text: string): ParsedProcfile {
  if (isBinaryText(text)) return { kind: 'procfile', entries: [], badLines: [], binary: true };
  const entries: ProcfileEntry[] = [];
  const badLines: ProcfileBadLine[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = 0;
  let line = 1;
  for (;;) {
    const match = lineBreak.exec(text);
    const lineEnd = match ? match.index : text.length;
    const lineText = text.slice(lineStart, lineEnd);
    const trimmed = lineText.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const entry = ENTRY.exec(lineText);
      if (entry) {
        const keyStart = lineStart + entry[1].length;
        const keyEnd = keyStart + entry[2].length;
        let commandLength = entry[3].length;
        while (commandLength > 0 && (entry[3][commandLength - 1] === ' ' || entry[3][commandLength - 1] === '\t')) commandLength--;
        const command = entry[3].slice(0, commandLength);
        const commandStart = command === '' ? lineStart + lineText.length : lineStart + lineText.indexOf(command, keyEnd - lineStart + 1);
        entries.push({
          key: entry[2],
          normalizedKey: entry[2].toLowerCase().replace(/_/g, '-'),
          keyStart,
          keyEnd,
          command,
          commandStart,
          commandEnd: commandStart + command.length,
          line,
          lineStart,
          lineEnd,
        });
      } else {
        const start = lineStart + (lineText.length - lineText.trimStart().length);
        badLines.push({ text: lineText, line, start, end: start + trimmed.length });
      }
    }
    if (!match) break;
    lineStart = match.index + match[0].length;
    line++;
  }
  return { kind: 'procfile', entries, badLines, binary: false };
}
