/**
 * The secret values a fake Platform API scenario serves, for tests that assert no output carries them: config var
 * values (and the passwords inside URL values), VPN pre-shared keys, telemetry drain headers, and credentials in
 * drain URLs.
 */
import type { Scenario } from '../fake-heroku/scenario';

/**
 * Values shorter than this, or plain lowercase words (`production`, `info`), are not secrets and appear in reports
 * for other reasons (`production stage of a pipeline`), so they are left out.
 */
const MIN_SECRET_LENGTH = 8;

function passwordOf(value: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(value).password);
    return password.length >= MIN_SECRET_LENGTH ? password : undefined;
  } catch {
    return undefined;
  }
}

function addValue(out: Set<string>, value: string | null | undefined): void {
  if (!value) return;
  if (value.length >= MIN_SECRET_LENGTH && !/^[a-z]+$/.test(value)) out.add(value);
  const password = passwordOf(value);
  if (password) out.add(password);
}

/** Every secret of the scenario, each at least 8 characters long. */
export function scenarioSecrets(scenario: Scenario): string[] {
  const out = new Set<string>();
  for (const entry of scenario.apps) {
    for (const value of Object.values(entry.configVars ?? {})) addValue(out, value);
    for (const drain of entry.telemetryDrains ?? []) for (const header of Object.values(drain.exporter?.headers ?? {})) addValue(out, header);
    for (const drain of entry.logDrains ?? []) if (drain.url) addValue(out, passwordOf(drain.url));
  }
  for (const space of scenario.spaces ?? []) {
    for (const vpn of space.vpnConnections ?? []) for (const tunnel of vpn.tunnels ?? []) addValue(out, tunnel.pre_shared_key);
    for (const drain of space.telemetryDrains ?? []) for (const header of Object.values(drain.exporter?.headers ?? {})) addValue(out, header);
    if (space.logDrain?.url) addValue(out, passwordOf(space.logDrain.url));
  }
  return [...out];
}

/** The secrets that `text` contains, masked (`Qm7r…`), for an assertion message that does not repeat them. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…`);
}
