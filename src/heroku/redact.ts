/**
 * A copy of a LiveSnapshot that is safe to log, store or print: config var values, VPN pre-shared keys, drain
 * tokens, OAuth tokens and grant codes, telemetry exporter headers, and credentials or query strings in URLs are
 * removed. Keys and structure stay, so that a redacted snapshot still shows what was read.
 */
import { safeUrl } from './liveFacts';
import type { LiveSnapshot } from './snapshot';

export const REDACTED = '[redacted]';

/** Object keys whose values are secrets wherever they appear in an API response. */
const SECRET_KEYS = new Set(['pre_shared_key', 'token', 'password', 'secret', 'private_key', 'code', 'headers']);
/** Keys whose values are URLs that may carry userinfo or query tokens (drains, telemetry exporters). */
const URL_KEYS = new Set(['url', 'endpoint', 'log_drain_url']);

function redactValue(key: string | undefined, value: unknown): unknown {
  if (key !== undefined && SECRET_KEYS.has(key) && value !== null && value !== undefined) return REDACTED;
  if (key !== undefined && URL_KEYS.has(key) && typeof value === 'string') return safeUrl(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(undefined, item));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(k, v);
    return out;
  }
  return value;
}

export function redactSnapshot(snapshot: LiveSnapshot): LiveSnapshot {
  const copy = redactValue(undefined, snapshot) as LiveSnapshot & { configVars?: unknown };
  const vars = snapshot.configVars;
  if (vars?.ok) {
    // Every value, whatever its key: config vars are where an app keeps its secrets.
    const masked = Object.fromEntries(Object.entries(vars.data).map(([k, v]) => [k, v === null ? null : REDACTED]));
    return { ...copy, configVars: { ok: true, data: masked } };
  }
  return copy;
}
