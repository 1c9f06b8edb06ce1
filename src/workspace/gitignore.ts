/**
 * A small .gitignore matcher (gitignore(5)): comments, `!` negation, directory-only patterns (trailing `/`),
 * anchored patterns (a `/` at the start or in the middle), `*`, `?`, `[...]` and `**` (leading `**\/`,
 * trailing `/**`, `/**\/` in the middle). Not supported: `.git/info/exclude` and the global excludes file.
 *
 * Patterns are tested against every entry while walking, so an excluded directory is never entered and
 * nothing below it can be re-included, exactly as in git.
 */

export interface IgnoreRule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly regExp: RegExp;
}

/** The rules of one .gitignore file; `base` is the directory it lives in. */
export interface IgnoreFile {
  readonly base: string;
  readonly rules: readonly IgnoreRule[];
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const rule = parseLine(rawLine);
    if (rule) rules.push(rule);
  }
  return rules;
}

function parseLine(rawLine: string): IgnoreRule | undefined {
  let line = rawLine.replace(/\r$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  // Trailing spaces are ignored unless escaped with a backslash.
  line = line.replace(/(?<!\\)[ \t]+$/, '');
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  line = line.replace(/^\//, '');
  if (line === '') return undefined;
  const source = patternSource(line);
  // An unanchored pattern matches the name at any depth.
  return { negate, dirOnly, regExp: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`) };
}

function patternSource(pattern: string): string {
  const segments = pattern.split('/');
  let source = '';
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s];
    const last = s === segments.length - 1;
    if (segment === '**') {
      if (segments.length === 1) return '.*';
      if (s === 0) source += '(?:.*/)?'; // leading **/: any number of directories, including none
      else if (last) source += '.*'; // trailing /**: everything inside (the previous '/' is already there)
      else source += '(?:.*/)?'; // a/**/b: zero or more directories
      continue;
    }
    source += segmentSource(segment);
    if (!last) source += '/';
  }
  return source;
}

function segmentSource(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === '*') {
      while (segment[i + 1] === '*') i++; // other consecutive asterisks are a plain `*`
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const end = classEnd(segment, i);
      if (end < 0) {
        source += '\\[';
      } else {
        let body = segment.slice(i + 1, end);
        let negated = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          negated = true;
          body = body.slice(1);
        }
        const escaped = body.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, '\\$&');
        source += `[${negated ? '^/' : ''}${escaped}]`;
        i = end;
      }
    } else if (ch === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment[++i]);
    } else {
      source += escapeRegExp(ch);
    }
  }
  return source;
}

/** Index of the `]` closing the class that opens at `open`, or -1. A `]` right after `[`, `[!` or `[^` is literal. */
function classEnd(segment: string, open: number): number {
  let i = open + 1;
  if (segment[i] === '!' || segment[i] === '^') i++;
  if (segment[i] === ']') i++;
  for (; i < segment.length; i++) {
    if (segment[i] === '\\') i++;
    else if (segment[i] === ']') return i;
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Whether an entry is ignored by the given .gitignore files, ordered from the outermost directory to the
 * innermost. `absolutePath` uses `/` separators, like each file's `base`. The last matching rule wins.
 */
export function isIgnored(files: readonly IgnoreFile[], absolutePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    const relative = relativeTo(file.base, absolutePath);
    if (relative === undefined) continue;
    for (const rule of file.rules) {
      if (rule.dirOnly && !isDirectory) continue;
      if (rule.negate === ignored && rule.regExp.test(relative)) ignored = !rule.negate;
    }
  }
  return ignored;
}

function relativeTo(base: string, absolutePath: string): string | undefined {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return absolutePath.startsWith(prefix) ? absolutePath.slice(prefix.length) : undefined;
}
