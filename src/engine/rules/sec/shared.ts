/**
 * What the SEC rules (and HRK-HYML-006/007) share: the scanned values of a file with their keys, exact
 * source ranges inside values that are not verbatim (escaped JSON, YAML block scalars), the wording of
 * locations, and the "most specific secret" classification of one value.
 */
import {
  findAssignments,
  findKnownTokens,
  findPrivateKeys,
  findUrlCredentials,
  isLiteralSecretValue,
  isSecretName,
} from '../../detectors/secrets';
import type { Document } from '../../document';
import type { KeyedStringSite } from '../../sites';
import { spanOf } from '../../sites';
import { maskSecret } from '../../text';
import type { FileKind } from '../../types';

/** The file kinds whose values the SEC rules scan. Terraform joins when its sites exist. */
export const SCANNED_KINDS: readonly FileKind[] = ['app.json', 'procfile', 'heroku.yml', 'terraform', 'tfvars'];

/**
 * The source range of `site.value.slice(from, to)`. Verbatim values map directly; otherwise the text is looked
 * up in the literal's source (a token inside an escaped JSON string or a YAML block scalar is usually written
 * as is), and the whole literal is the fallback.
 */
export function locate(document: Document, site: KeyedStringSite, from: number, to: number): { start: number; end: number } {
  if (site.valueStart !== undefined) return spanOf(site, from, to);
  const needle = site.value.slice(from, to);
  if (needle.length >= 4 && !/[\r\n]/.test(needle)) {
    const raw = document.text.slice(site.start, site.end);
    const at = raw.indexOf(needle);
    if (at >= 0 && raw.indexOf(needle, at + 1) < 0) return { start: site.start + at, end: site.start + at + needle.length };
  }
  return { start: site.start, end: site.end };
}

function commandName(site: KeyedStringSite): string {
  const command = site.command;
  switch (command?.origin) {
    case 'procfile':
      return `the \`${command.process}\` process`;
    case 'heroku.yml run':
      return `\`run.${command.process}\``;
    case 'heroku.yml release':
      return '`release.command`';
    case 'dockerfile':
      return `the Dockerfile command of the \`${command.process}\` process`;
    case 'app.json script':
      return `the \`${command.process}\` script${command.environment ? ` of \`environments.${command.environment}\`` : ''}`;
    default:
      return 'a command';
  }
}

/** How a message names where a value sits: `` `DATABASE_URL` ``, `` `setup.config.KEY` ``, `` `SECRET` in the `web` process ``. */
export function describeSite(site: KeyedStringSite, assignment?: string): string {
  if (site.context === 'command') return assignment !== undefined ? `\`${assignment}\` in ${commandName(site)}` : commandName(site);
  if (site.key === undefined) return site.context === 'buildpacks' ? 'a buildpack' : `\`${site.context}\``;
  const key = site.key;
  if (site.context.endsWith('addons.options')) return `add-on option \`${key}\``;
  if (site.context === 'setup.config' || site.context === 'build.config') return `\`${site.context}.${key}\``;
  return `\`${key}\``;
}

/** `sk_l…9f`; for a webhook URL, its public host and path prefix: `https://hooks.slack.com/services/…9f`. */
export function maskToken(text: string): string {
  const url = /^(https?:\/\/[^/]+\/[a-z]+\/)/.exec(text);
  return url && text.length > url[1].length + 12 ? `${url[1]}…${text.slice(-2)}` : maskSecret(text);
}

/** `a`/`an` for a label. */
export function article(label: string): string {
  return /^([aeiou]|npm\b|SSH\b|RSA\b|EC\b|HMAC\b|S3\b)/i.test(label) ? 'an' : 'a';
}

export function capitalize(text: string): string {
  return text.length > 0 && /[a-z]/.test(text[0]) ? text[0].toUpperCase() + text.slice(1) : text;
}

/** A value with the key that names it: keyed sites, and `NAME=value` assignments inside commands. */
export interface KeyedValue {
  readonly site: KeyedStringSite;
  readonly key: string;
  readonly value: string;
  /** `[from, to)` of the value within `site.value`. */
  readonly from: number;
  readonly to: number;
  /** Set for assignments inside a command. */
  readonly assignment: boolean;
  /** Whether `site.value.slice(from, to) === value` (false for a quoted shell word with escapes). */
  readonly verbatim: boolean;
}

/** The source range of a keyed value, without surrounding blanks. */
export function valueRange(document: Document, item: KeyedValue): { start: number; end: number } {
  if (!item.verbatim) return locate(document, item.site, item.from, item.to);
  const trimmed = item.value.trim();
  const from = item.from + Math.max(0, item.value.indexOf(trimmed));
  return locate(document, item.site, from, from + trimmed.length);
}

export function* keyedValues(document: Document): Generator<KeyedValue> {
  for (const site of document.strings()) {
    if (site.context === 'command') {
      for (const a of findAssignments(site.value)) {
        yield { site, key: a.name, value: a.value, from: a.valueStart, to: a.valueEnd, assignment: true, verbatim: a.verbatim };
      }
    } else if (typeof site.key === 'string') {
      yield { site, key: site.key, value: site.value, from: 0, to: site.value.length, assignment: false, verbatim: true };
    }
  }
}

/** The most specific reason a value is a secret, as HRK-SEC-001, -002, -004 and -003 would report it. */
export type SecretHit =
  | { readonly kind: 'token'; readonly id: string; readonly label: string; readonly masked: string; readonly from: number; readonly to: number }
  | { readonly kind: 'url'; readonly scheme: string; readonly masked: string; readonly from: number; readonly to: number }
  | { readonly kind: 'private-key'; readonly type: string; readonly from: number; readonly to: number }
  | { readonly kind: 'name'; readonly from: number; readonly to: number };

/** Classifies a keyed value: a known token first, then URL credentials, a private key, then a literal under a secret name. */
export function secretHit(value: string, key: string | undefined): SecretHit | undefined {
  if (typeof value !== 'string') return undefined;
  const privateKey = findPrivateKeys(value)[0];
  const token = findKnownTokens(value, key).find((t) => t.id !== 'private-key');
  if (token) return { kind: 'token', id: token.id, label: token.label, masked: maskToken(token.text), from: token.start, to: token.end };
  const url = findUrlCredentials(value)[0];
  if (url) return { kind: 'url', scheme: url.scheme, masked: maskSecret(url.text), from: url.start, to: url.end };
  if (privateKey) return { kind: 'private-key', type: privateKey.type, from: privateKey.headerStart, to: privateKey.headerEnd };
  if (key !== undefined && isSecretName(key) && isLiteralSecretValue(value, 8)) {
    const trimmed = value.trim();
    const from = value.indexOf(trimmed);
    return { kind: 'name', from, to: from + trimmed.length };
  }
  return undefined;
}

/** `RSA PRIVATE KEY` → `RSA private key`, `PGP PRIVATE KEY BLOCK` → `PGP private key`. */
export function privateKeyLabel(type: string): string {
  const prefix = type.replace(/\s*PRIVATE KEY(?: BLOCK)?$/, '').trim();
  const words: Record<string, string> = { OPENSSH: 'OpenSSH', ENCRYPTED: 'encrypted' };
  return prefix ? `${words[prefix] ?? prefix} private key` : 'private key';
}
