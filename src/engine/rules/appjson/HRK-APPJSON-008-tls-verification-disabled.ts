import { jsonRemoveEdit, replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { envScopePath, type KeyedStringSite, spanOf } from '../../sites';
import type { Detection, TextEdit } from '../../types';
import type { Document } from '../../document';

type Data =
  | { readonly kind: 'node-tls'; readonly path: string; readonly entryPath: readonly string[] }
  | {
      readonly kind: 'pgsslmode' | 'sslmode';
      readonly path: string;
      readonly mode: string;
      /** The value with the mode replaced by `require`, and where the mode word sits, for the fix. */
      readonly fixed: string;
      readonly modeStart?: number;
      readonly modeEnd?: number;
      readonly literalStart: number;
      readonly literalEnd: number;
    }
  | { readonly kind: 'redis-cert'; readonly path: string; readonly setting: string; readonly whole: boolean };

const WEAK_MODE = /^(disable|allow|prefer)$/i;
const SSLMODE_PARAM = /\bsslmode=(disable|allow|prefer)\b/gi;
const REDIS_NO_VERIFY_PARAM = /\bssl_cert_reqs=(none|cert_none)\b/gi;

function modeData(site: KeyedStringSite, kind: 'pgsslmode' | 'sslmode', path: string, from: number, to: number): Detection<Data> {
  const mode = site.value.slice(from, to);
  const fixed = `${site.value.slice(0, from)}require${site.value.slice(to)}`;
  const verbatim = site.valueStart !== undefined;
  const modeSpan = spanOf(site, from, to);
  return {
    ...(kind === 'sslmode' ? spanOf(site, from - 'sslmode='.length, to) : spanOf(site, 0, site.value.length)),
    data: {
      kind,
      path,
      mode,
      fixed,
      modeStart: verbatim ? modeSpan.start : undefined,
      modeEnd: verbatim ? modeSpan.end : undefined,
      literalStart: site.start,
      literalEnd: site.end,
    },
  };
}

/**
 * Whether tlsDetections() can find anything in an entry: a necessary condition of each of its cases, checked
 * before building the entry's paths (most entries of a large env have nothing to report).
 */
function mayDisableTls(key: string, value: string): boolean {
  return key === 'NODE_TLS_REJECT_UNAUTHORIZED' || key === 'PGSSLMODE' || /SSL_CERT_REQS$/i.test(key) || /sslmode=|ssl_cert_reqs=/i.test(value);
}

function* tlsDetections(site: KeyedStringSite, path: string, entryPath: readonly string[]): Generator<Detection<Data>> {
  const key = site.key ?? '';
  const value = site.value.trim();
  if (key === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') {
    yield { ...spanOf(site, 0, site.value.length), data: { kind: 'node-tls', path, entryPath } };
    return;
  }
  if (key === 'PGSSLMODE' && WEAK_MODE.test(value)) {
    const from = site.value.indexOf(value);
    yield modeData(site, 'pgsslmode', path, from, from + value.length);
    return;
  }
  for (const match of site.value.matchAll(SSLMODE_PARAM)) {
    const from = match.index + 'sslmode='.length;
    yield modeData(site, 'sslmode', path, from, from + match[1].length);
  }
  for (const match of site.value.matchAll(REDIS_NO_VERIFY_PARAM)) {
    yield { ...spanOf(site, match.index, match.index + match[0].length), severity: 'info', data: { kind: 'redis-cert', path, setting: match[0], whole: false } };
  }
  if (/SSL_CERT_REQS$/i.test(key) && /^(none|cert_none)$/i.test(value)) {
    yield { ...spanOf(site, 0, site.value.length), severity: 'info', data: { kind: 'redis-cert', path, setting: value, whole: true } };
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-008',
    name: 'tls-verification-disabled',
    title: 'TLS verification disabled through config',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An app.json config var turns off TLS certificate verification (NODE_TLS_REJECT_UNAUTHORIZED=0) or lets Postgres connect without it (sslmode disable, allow or prefer).',
    recommendation: 'Delete NODE_TLS_REJECT_UNAUTHORIZED and use `sslmode=require` (or `verify-full` with Enhanced Certificates) for Postgres.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'HIPAA 164.312(e)(2)(ii)', 'SOC2 CC6.7'],
    sources: ['NODE-CLI', 'PG-LIBPQ', 'DC-PGPLANS', 'DC-PG-CERTS'],
    feature: 'Cipher suites / TLS',
    tags: ['app.json', 'tls', 'config-vars'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      const scope = envScopePath(site.context);
      if (!scope || site.key === undefined) continue;
      if (!mayDisableTls(site.key, site.value)) continue;
      yield* tlsDetections(site, `${site.context}.${site.key}`, [...scope, 'env', site.key]);
    }
  },
  message: (data) => {
    switch (data.kind) {
      case 'node-tls':
        return `\`${data.path}\` is "0", which turns off TLS certificate verification for every HTTPS connection the Node process makes.`;
      case 'pgsslmode':
      case 'sslmode': {
        const setting = data.kind === 'pgsslmode' ? `\`${data.path}\` is \`${data.mode}\`` : `\`${data.path}\` sets \`sslmode=${data.mode}\``;
        return data.mode.toLowerCase() === 'disable'
          ? `${setting}, which sends Postgres traffic unencrypted.`
          : `${setting}, which accepts an unencrypted Postgres connection and never verifies the server certificate.`;
      }
      case 'redis-cert':
        return `\`${data.path}\` ${data.whole ? 'is' : 'sets'} \`${data.setting}\`, which skips Redis certificate verification (Heroku Key-Value Store may need it for its self-signed certificates).`;
    }
  },
  fix: (detection, { document }) => {
    const data = detection.data;
    if (data.kind === 'node-tls') {
      const edit = jsonRemoveEdit(document, [...data.entryPath]);
      return edit && { title: 'Delete the `NODE_TLS_REJECT_UNAUTHORIZED` entry', safety: 'suggestion', edits: [edit] };
    }
    if (data.kind === 'redis-cert') return undefined;
    return { title: `Use \`${data.kind === 'pgsslmode' ? 'require' : 'sslmode=require'}\``, safety: 'suggestion', edits: [modeEdit(document, data, JSON.stringify(data.fixed))] };
  },
});

/** Replaces just the mode word when the value is verbatim in the source, else the whole literal. */
function modeEdit(document: Document, data: { modeStart?: number; modeEnd?: number; literalStart: number; literalEnd: number }, literal: string): TextEdit {
  if (data.modeStart !== undefined && data.modeEnd !== undefined) return replaceEdit(document, data.modeStart, data.modeEnd, 'require');
  return replaceEdit(document, data.literalStart, data.literalEnd, literal);
}
