/** Glob matching for config ignores and .gitignore patterns, over `/`-separated relative paths. */

const cache = new Map<string, RegExp>();

/**
 * Converts a glob to a regular expression. `**` spans directories, `*` and `?` stay within one segment,
 * `[...]` is a character class. A pattern without a `/` (other than a trailing one) matches at any depth,
 * and every pattern also matches everything below a directory it names.
 */
export function globToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let body = pattern.replace(/\/+$/, '');
  const anchored = body.startsWith('/') || body.slice(0, -1).includes('/');
  body = body.replace(/^\/+/, '');
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '*') {
      if (body[i + 1] === '*') {
        const slashAfter = body[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const close = body.indexOf(']', i + 1);
      if (close < 0) {
        source += '\\[';
      } else {
        const inner = body.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${inner}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < body.length) {
      source += escapeRegExp(body[++i]);
    } else {
      source += escapeRegExp(ch);
    }
  }
  const regExp = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}(?:/.*)?$`);
  cache.set(pattern, regExp);
  return regExp;
}

export function matchesGlob(path: string, pattern: string): boolean {
  return globToRegExp(pattern).test(path);
}

export function matchesAnyGlob(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(path, pattern));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
