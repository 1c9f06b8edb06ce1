/** Helpers for the engine's `/`-separated paths, relative to the scan root. */

/** The directory of a path (`''` for the root). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `path` relative to the directory `base` (which contains it). */
export function relativeTo(base: string, path: string): string {
  return base === '' ? path : path.slice(base.length + 1);
}
