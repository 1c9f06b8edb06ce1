/**
 * The Heroku apps a folder's git remotes point at, read from the git config file without running git.
 * Any remote name counts (not only `heroku`), as in the Heroku CLI; the caller asks the user when there are several.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface GitRemote {
  readonly name: string;
  /** `url` values, then `pushurl` values, in file order. */
  readonly urls: readonly string[];
}

export interface LinkedApp {
  readonly app: string;
  /** The remotes that point at it, in config order. */
  readonly remotes: readonly string[];
}

/**
 * The `[remote "name"]` sections of a git config text. Handles comments (`#`, `;`), quoted values with escapes,
 * line continuations, case-insensitive keys and the old `[remote.name]` form. `include`/`includeIf` are not followed.
 */
export function parseGitRemotes(text: string): GitRemote[] {
  const remotes = new Map<string, string[]>();
  const pushUrls = new Map<string, string[]>();
  let remote: string | undefined;
  const lines = joinContinuations(text.replace(/^\uFEFF/, ''));
  for (const raw of lines) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const header = parseSectionHeader(line);
      remote = header?.section === 'remote' ? header.subsection : undefined;
      if (remote !== undefined && !remotes.has(remote)) {
        remotes.set(remote, []);
        pushUrls.set(remote, []);
      }
      if (!header) continue;
      line = header.rest.trim(); // `[remote "x"] url = …` on one line is valid git config
      if (line === '') continue;
    }
    if (remote === undefined) continue;
    const match = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!match) continue;
    const key = match[1].toLowerCase();
    if (key !== 'url' && key !== 'pushurl') continue;
    const value = parseValue(match[2] ?? '');
    (key === 'url' ? remotes : pushUrls).get(remote)?.push(value);
  }
  return [...remotes].map(([name, urls]) => ({ name, urls: [...urls, ...(pushUrls.get(name) ?? [])] }));
}

/**
 * The app name of a Heroku git URL: `https://git.heroku.com/<app>.git`, `git@heroku.com:<app>.git` or
 * `ssh://git@heroku.com/<app>.git` (`.git` and a trailing slash optional; credentials in an https URL are ignored).
 * `host` is the Heroku host (`heroku.com`; git URLs use `git.<host>` for https).
 */
export function appFromGitUrl(url: string, host = 'heroku.com'): string | undefined {
  const name = '([a-z0-9][a-z0-9-]*)';
  const tail = `(?:\\.git)?/?$`;
  const h = escapeRegExp(host);
  const patterns = [
    new RegExp(`^https?://(?:[^@/]*@)?git\\.${h}(?::443)?/${name}${tail}`, 'i'),
    new RegExp(`^(?:[\\w.-]+@)?${h}:${name}${tail}`, 'i'),
    new RegExp(`^ssh://(?:[\\w.-]+@)?${h}(?::22)?/${name}${tail}`, 'i'),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(url.trim());
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}

/** Every distinct app in the remotes, with the remotes that name it. */
export function herokuAppsFromRemotes(remotes: readonly GitRemote[], host?: string): LinkedApp[] {
  const apps = new Map<string, string[]>();
  for (const remote of remotes) {
    for (const url of remote.urls) {
      const app = appFromGitUrl(url, host);
      if (!app) continue;
      const names = apps.get(app) ?? [];
      if (!names.includes(remote.name)) names.push(remote.name);
      apps.set(app, names);
    }
  }
  return [...apps].map(([app, remoteNames]) => ({ app, remotes: remoteNames }));
}

/**
 * The git config file of the repository holding `folder`: walks up to the first `.git`. A `.git` directory has
 * `config`; a `.git` file (worktree, submodule) says `gitdir: <dir>`, and a worktree's dir names the main
 * repository through `commondir`.
 */
export async function findGitConfig(folder: string): Promise<string | undefined> {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const stat = await fs.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return path.join(gitCommonDir(dotGit, await readOptional(path.join(dotGit, 'commondir'))), 'config');
    if (stat?.isFile()) {
      const match = /^gitdir:\s*(.+?)\s*$/m.exec((await readOptional(dotGit)) ?? '');
      if (!match) return undefined;
      const gitDir = path.resolve(dir, match[1]);
      return path.join(gitCommonDir(gitDir, await readOptional(path.join(gitDir, 'commondir'))), 'config');
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The Heroku apps of a folder's git remotes; empty when it is not in a git repository. */
export async function herokuAppsInFolder(folder: string, host?: string): Promise<LinkedApp[]> {
  const config = await findGitConfig(folder);
  const text = config ? await readOptional(config) : undefined;
  return text === undefined ? [] : herokuAppsFromRemotes(parseGitRemotes(text), host);
}

function gitCommonDir(gitDir: string, commondir: string | undefined): string {
  const common = commondir?.trim();
  return common ? path.resolve(gitDir, common) : gitDir;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function joinContinuations(text: string): string[] {
  // A backslash at the end of a line continues the value on the next line (outside quotes, as git allows inside too).
  return text.replace(/\\\r?\n/g, '').split(/\r?\n/);
}

/** `[remote "origin"]` → remote/origin; `[remote.origin]` → remote/origin (old form, lower-cased by git). */
function parseSectionHeader(line: string): { section: string; subsection?: string; rest: string } | undefined {
  const quoted = /^\[\s*([A-Za-z0-9.-]+)\s+"((?:[^"\\]|\\.)*)"\s*\](.*)$/.exec(line);
  if (quoted) return { section: quoted[1].toLowerCase(), subsection: quoted[2].replace(/\\(.)/g, '$1'), rest: quoted[3] };
  const plain = /^\[\s*([A-Za-z0-9-]+)(?:\.([A-Za-z0-9.-]+))?\s*\](.*)$/.exec(line);
  if (plain) return { section: plain[1].toLowerCase(), subsection: plain[2]?.toLowerCase(), rest: plain[3] };
  return undefined;
}

/** A git config value: quotes removed, escapes resolved, an unquoted `#`/`;` comment dropped, outer space trimmed. */
function parseValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') {
      quoted = !quoted;
    } else if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
    } else if (!quoted && (ch === '#' || ch === ';')) {
      break;
    } else {
      out += ch;
    }
  }
  return out.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
