/** Facts about buildpack URLs: official or third-party, pinned or moving, Heroku Exec. */

/** `https://user:pass@host/…` → `https://…@host/…`, so that messages never carry credentials. */
export function displayBuildpackUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1…@');
}

interface ParsedUrl {
  readonly host: string;
  readonly path: string;
  readonly fragment: string;
}

function parseUrl(url: string): ParsedUrl | undefined {
  const trimmed = url.trim();
  // scp-like `git@github.com:owner/repo.git`
  const scp = /^[\w.-]+@([\w.-]+):([^#]*)(?:#(.*))?$/.exec(trimmed);
  if (scp && !trimmed.includes('://')) return { host: scp[1].toLowerCase(), path: `/${scp[2]}`, fragment: scp[3] ?? '' };
  try {
    const parsed = new URL(trimmed);
    return { host: parsed.hostname.toLowerCase(), path: decodeURIComponentSafe(parsed.pathname), fragment: decodeURIComponentSafe(parsed.hash.replace(/^#/, '')) };
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const GITHUB_HOSTS = new Set(['github.com', 'www.github.com']);
/** Heroku-operated buildpack tarball hosts; only their `heroku` namespace is official. */
const HEROKU_TARBALL_HOSTS = new Set(['codon-buildpacks.s3.amazonaws.com', 'buildpack-registry.s3.amazonaws.com']);

/** Official Heroku buildpacks: `heroku/<name>`, `urn:buildpack:heroku/<name>`, `github.com/heroku/…`, Heroku's tarballs. */
export function isOfficialBuildpack(url: string): boolean {
  const trimmed = url.trim();
  if (/^heroku\/[a-z0-9][\w.-]*(#.*)?$/i.test(trimmed)) return true;
  if (/^urn:buildpack:heroku\/[a-z0-9][\w.-]*(#.*)?$/i.test(trimmed)) return true;
  const parsed = parseUrl(trimmed);
  if (!parsed) return false;
  if (GITHUB_HOSTS.has(parsed.host)) return /^\/heroku\//i.test(parsed.path);
  if (HEROKU_TARBALL_HOSTS.has(parsed.host)) return /^\/buildpacks\/heroku\//i.test(parsed.path);
  return false;
}

/** Registry shorthand such as `heroku-community/apt` or `urn:buildpack:mars/create-react-app`. */
export function isRegistryShorthand(url: string): boolean {
  return /^(urn:buildpack:)?[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i.test(url.trim());
}

/** Ref names that move: a `#main` suffix follows the branch rather than pinning a version. */
const BRANCH_REFS = new Set(['main', 'master', 'develop', 'development', 'dev', 'trunk', 'head', 'latest']);

export type BuildpackPin =
  | { readonly pinned: true }
  /** `branch` is set when the URL names a moving branch rather than a tag or commit. */
  | { readonly pinned: false; readonly branch?: string };

/**
 * Whether a buildpack URL names a fixed version: a `#<tag-or-sha>` suffix, or a GitHub tag/commit archive or release
 * asset (`/archive/refs/tags/v1.tar.gz`, `/archive/<sha>.tar.gz`, `/releases/download/v1/…`).
 */
export function buildpackPin(url: string): BuildpackPin {
  const trimmed = url.trim();
  const hash = trimmed.indexOf('#');
  const fragment = hash >= 0 ? trimmed.slice(hash + 1).trim() : '';
  if (fragment.length > 0) {
    const ref = fragment.replace(/^refs\/heads\//i, '');
    if (BRANCH_REFS.has(ref.toLowerCase()) || /^refs\/heads\//i.test(fragment)) return { pinned: false, branch: ref };
    return { pinned: true };
  }
  const path = parseUrl(trimmed)?.path ?? '';
  const heads = /\/archive\/refs\/heads\/([^/]+?)(?:\.tar\.gz|\.tgz|\.zip)$/i.exec(path);
  if (heads) return { pinned: false, branch: heads[1] };
  if (/\/archive\/refs\/tags\/[^/]+$/i.test(path) || /\/releases\/download\/[^/]+\/[^/]+$/i.test(path)) return { pinned: true };
  const archive = /\/archive\/([^/]+?)(?:\.tar\.gz|\.tgz|\.zip)$/i.exec(path);
  if (archive) {
    const ref = archive[1];
    if (BRANCH_REFS.has(ref.toLowerCase())) return { pinned: false, branch: ref };
    if (/^[0-9a-f]{7,40}$/i.test(ref) || /^v?\d+([._-]\w+)*$/i.test(ref)) return { pinned: true };
    return { pinned: false };
  }
  return { pinned: false };
}

/** `heroku/exec`, `urn:buildpack:heroku/exec`, or the `github.com/heroku/exec-buildpack` repository (any scheme, tag). */
export function isExecBuildpack(url: string): boolean {
  const trimmed = url.trim().toLowerCase();
  if (/^(urn:buildpack:)?heroku\/exec(#.*)?$/.test(trimmed)) return true;
  return /^(?:[a-z+]+:\/\/)?(?:www\.)?github\.com\/heroku\/exec-buildpack(?:\.git)?\/?(?:#.*)?$/.test(trimmed);
}
