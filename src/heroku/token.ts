/**
 * Finding a Platform API token without VS Code: `HEROKU_API_KEY`, then the netrc file the Heroku CLI writes
 * (`machine api.heroku.com … password <token>`). The extension puts its SecretStorage in front of these.
 * Nothing here logs; a token only ever leaves in the returned value.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_API_URL } from './api';

export type TokenSource = 'HEROKU_API_KEY' | '~/.netrc';

export interface FoundToken {
  readonly token: string;
  readonly source: TokenSource;
}

export interface NetrcEntry {
  /** Undefined for the `default` entry. */
  readonly machine?: string;
  readonly login?: string;
  readonly password?: string;
  readonly account?: string;
}

export function tokenFromEnvironment(env: Readonly<Record<string, string | undefined>>): FoundToken | undefined {
  const token = env.HEROKU_API_KEY?.trim();
  return token ? { token, source: 'HEROKU_API_KEY' } : undefined;
}

/** The netrc machine for an API URL: `api.heroku.com` by default, the URL's host name otherwise. */
export function netrcMachine(apiUrl: string = DEFAULT_API_URL): string {
  try {
    return new URL(apiUrl).hostname || 'api.heroku.com';
  } catch {
    return 'api.heroku.com';
  }
}

/**
 * The entries of a netrc file, in order. Follows ftp(1)/curl: tokens are separated by white space (several
 * machines may share a line), a value may be double-quoted with backslash escapes, `#` starts a comment where a
 * keyword is expected, and `macdef NAME` skips its macro body up to the next empty line.
 */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  let entry: { machine?: string; login?: string; password?: string; account?: string } | undefined;
  const lexer = new NetrcLexer(text);
  for (let word = lexer.next(); word !== undefined; word = lexer.next()) {
    if (!word.quoted && word.text.startsWith('#')) {
      lexer.skipLine();
      continue;
    }
    switch (word.text) {
      case 'machine':
        entry = { machine: lexer.next()?.text ?? '' };
        entries.push(entry);
        break;
      case 'default':
        entry = {};
        entries.push(entry);
        break;
      case 'login':
      case 'password':
      case 'account': {
        const value = lexer.next()?.text;
        if (entry && value !== undefined) entry[word.text] = value;
        break;
      }
      case 'macdef':
        lexer.next(); // the macro's name
        lexer.skipMacro();
        break;
      default:
        break; // unknown keywords (`port`…) are ignored, like curl does
    }
  }
  return entries;
}

/** The password of `machine` (its first entry), else of `default`. */
export function tokenFromNetrc(text: string, machine = 'api.heroku.com'): FoundToken | undefined {
  const entries = parseNetrc(text);
  const entry = entries.find((e) => e.machine === machine) ?? entries.find((e) => e.machine === undefined);
  const token = entry?.password?.trim();
  return token ? { token, source: '~/.netrc' } : undefined;
}

/**
 * Reads `~/.netrc` (on Windows `~/_netrc` first, as the Heroku CLI does, then `~/.netrc`). A missing or unreadable
 * file gives undefined. `.netrc.gpg` is not decrypted.
 */
export async function readNetrcToken(home: string, machine = 'api.heroku.com', platform: NodeJS.Platform = process.platform): Promise<FoundToken | undefined> {
  const names = platform === 'win32' ? ['_netrc', '.netrc'] : ['.netrc'];
  for (const name of names) {
    let text: string;
    try {
      text = await fs.readFile(path.join(home, name), 'utf8');
    } catch {
      continue;
    }
    return tokenFromNetrc(text, machine);
  }
  return undefined;
}

/** The home directory as the Heroku CLI finds it: HOME, then HOMEDRIVE+HOMEPATH, then USERPROFILE. */
export function homeDirectory(env: Readonly<Record<string, string | undefined>>, fallback: string): string {
  if (env.HOME) return env.HOME;
  if (env.HOMEDRIVE && env.HOMEPATH) return path.join(env.HOMEDRIVE, env.HOMEPATH);
  return env.USERPROFILE || fallback;
}

/** `HEROKU_API_KEY`, then the netrc machine of the API URL. */
export async function discoverToken(options: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly apiUrl?: string;
  readonly platform?: NodeJS.Platform;
}): Promise<FoundToken | undefined> {
  return tokenFromEnvironment(options.env) ?? (await readNetrcToken(options.home, netrcMachine(options.apiUrl), options.platform));
}

interface Word {
  readonly text: string;
  readonly quoted: boolean;
}

class NetrcLexer {
  private pos = 0;

  constructor(private readonly text: string) {}

  next(): Word | undefined {
    const { text } = this;
    while (this.pos < text.length && /\s/.test(text[this.pos])) this.pos++;
    if (this.pos >= text.length) return undefined;
    if (text[this.pos] === '"') {
      let value = '';
      this.pos++;
      while (this.pos < text.length && text[this.pos] !== '"') {
        if (text[this.pos] === '\\' && this.pos + 1 < text.length) this.pos++;
        value += text[this.pos++];
      }
      this.pos++; // the closing quote
      return { text: value, quoted: true };
    }
    const start = this.pos;
    while (this.pos < text.length && !/\s/.test(text[this.pos])) this.pos++;
    return { text: text.slice(start, this.pos), quoted: false };
  }

  skipLine(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end + 1;
  }

  /** A macro body starts on the next line and ends at the first empty line. */
  skipMacro(): void {
    this.skipLine();
    const end = this.text.slice(this.pos).search(/\n[ \t]*\r?\n|^[ \t]*\r?\n/);
    this.pos = end < 0 ? this.text.length : this.pos + end + 1;
  }
}
