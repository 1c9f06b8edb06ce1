/** Small file-system helpers shared by discovery, config loading, the CLI and the extension. */
import * as path from 'node:path';

export function toSlashes(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** `absolute` relative to `base`, with `/` separators. */
export function relativePath(base: string, absolute: string): string {
  return toSlashes(path.relative(base, absolute));
}

/** A short reason for a file-system error, without the absolute path Node puts in its messages. */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist (removed during the scan, or a broken symbolic link)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'its path is longer than the system allows';
    case 'ENOTREG':
      return 'not a regular file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}
