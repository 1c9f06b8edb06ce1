/**
 * Facts read from a LiveSnapshot, shared by the HRK-LIVE rules and securityState: where the app runs, which team
 * owns it, its add-ons by service, and safe renderings of URLs. Pure.
 */
import type * as Heroku from '@heroku-cli/schema';
import { parseAddonSpec } from '../engine/facts/addonPlans';
import type { Generation, Profile } from '../engine/types';
import type { EndpointResult, LiveSnapshot } from './snapshot';

/** The data of an endpoint that answered, or undefined (not read, not applicable, or failed). */
export function dataOf<T>(result: EndpointResult<T> | undefined): T | undefined {
  return result?.ok ? result.data : undefined;
}

/** Whether an endpoint answered 404: for the space log drain and the pipeline coupling that means "none". */
export function isNotFound(result: EndpointResult<unknown> | undefined): boolean {
  return result !== undefined && !result.ok && result.error.kind === 'not-found';
}

export function appOf(snapshot: LiveSnapshot): Heroku.App | undefined {
  return dataOf(snapshot.app);
}

/** `generation` is a string in the 3.sdk schema and `{id, name}` in go-v6; absent means Cedar (heroku-platform.md §3.1). */
export function generationValue(value: unknown): Generation | undefined {
  const name = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  if (typeof name !== 'string') return undefined;
  const lower = name.trim().toLowerCase();
  return lower === 'fir' ? 'fir' : lower === 'cedar' ? 'cedar' : undefined;
}

export function generationOf(snapshot: LiveSnapshot): Generation {
  const app = appOf(snapshot);
  return generationValue(app?.generation) ?? generationValue(dataOf(snapshot.space)?.generation) ?? 'cedar';
}

export function isFir(snapshot: LiveSnapshot): boolean {
  return generationOf(snapshot) === 'fir';
}

/** The space the app runs in, or undefined on the Common Runtime. */
export function spaceNameOf(snapshot: LiveSnapshot): string | undefined {
  const app = appOf(snapshot);
  return app?.space ? (text(app.space.name) ?? text(app.space.id) ?? text(dataOf(snapshot.space)?.name)) : undefined;
}

/** A non-empty string, or undefined: a field of another type than the schema's counts as absent. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function inSpace(snapshot: LiveSnapshot): boolean {
  return Boolean(appOf(snapshot)?.space);
}

/** `app.space.shield`, or the space's own `shield` when the app's copy lacks it. */
export function isShieldSpace(snapshot: LiveSnapshot): boolean {
  const app = appOf(snapshot);
  if (!app?.space) return false;
  return app.space.shield === true || dataOf(snapshot.space)?.shield === true;
}

/** Where the app runs: Common Runtime, Private Space or Shield Private Space. */
export function runtimeOf(snapshot: LiveSnapshot): Profile | undefined {
  if (!snapshot.app.ok) return undefined;
  if (!inSpace(snapshot)) return 'common';
  return isShieldSpace(snapshot) ? 'shield' : 'private';
}

/**
 * The team that owns the app: `team` (or the legacy `organization`), else the owner e-mail `<team>@herokumanager.com`
 * that the CLI recognises (heroku/cli `src/lib/team-utils.ts`). Undefined for personal apps.
 */
export function teamNameOf(app: Heroku.App | undefined): string | undefined {
  if (!app) return undefined;
  const named = text(app.team?.name) ?? text(app.organization?.name);
  if (named) return named;
  const email = app.owner?.email;
  const match = typeof email === 'string' ? /^(.+)@herokumanager\.com$/i.exec(email) : null;
  return match ? match[1] : undefined;
}

export function isTeamApp(snapshot: LiveSnapshot): boolean {
  return teamNameOf(appOf(snapshot)) !== undefined;
}

/** The enterprise account of the app's team, when the team answered and belongs to one. */
export function enterpriseOf(snapshot: LiveSnapshot): { readonly id?: string; readonly name?: string } | undefined {
  const account = dataOf(snapshot.team)?.enterprise_account;
  return account && (account.id || account.name) ? { id: account.id, name: account.name } : undefined;
}

export interface AttachedAddon {
  readonly name: string;
  readonly service: string;
  /** The plan part, lower-cased, or undefined. */
  readonly plan?: string;
  /** `service:plan` as the API reports it. */
  readonly spec: string;
  readonly configVars: readonly string[];
}

function serviceNameOf(addon: Heroku.AddOn): string | undefined {
  const name = addon.addon_service?.name;
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}

/**
 * The app's add-ons with their service and plan (`plan.name` is `service:plan`). Deprovisioned ones are left out, and
 * so are entries that are not objects.
 */
export function addonsOf(addons: readonly Heroku.AddOn[]): AttachedAddon[] {
  const out: AttachedAddon[] = [];
  for (const addon of addons) {
    if (typeof addon !== 'object' || addon === null || addon.state === 'deprovisioned') continue;
    const spec = typeof addon.plan?.name === 'string' ? addon.plan.name : '';
    const parsed = parseAddonSpec(spec);
    const service = serviceNameOf(addon) ?? parsed.service;
    if (!service) continue;
    out.push({
      name: typeof addon.name === 'string' ? addon.name : service,
      service,
      plan: parsed.plan,
      spec: spec || service,
      configVars: Array.isArray(addon.config_vars) ? addon.config_vars.filter((v): v is string => typeof v === 'string') : [],
    });
  }
  return out;
}

/** Milliseconds since the epoch of the snapshot's read: the "now" of every age check, so that rules stay pure. */
export function snapshotTime(snapshot: LiveSnapshot): number {
  const time = Date.parse(snapshot.fetchedAt);
  return Number.isNaN(time) ? Date.now() : time;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to the snapshot's time, or undefined when `iso` is not a date. */
export function ageInDays(snapshot: LiveSnapshot, iso: unknown): number | undefined {
  if (typeof iso !== 'string') return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : Math.floor((snapshotTime(snapshot) - time) / DAY_MS);
}

/**
 * A URL safe to show: userinfo replaced by `***`, query and fragment dropped (drain URLs carry credentials in
 * either). Something that does not parse as a URL is reduced to what precedes any `@`, `?` or `#`.
 */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const userinfo = parsed.username || parsed.password ? '***@' : '';
    const path = parsed.pathname === '/' && !url.replace(/[?#].*$/, '').endsWith('/') ? '' : parsed.pathname;
    return `${parsed.protocol}//${userinfo}${parsed.host}${path}`;
  } catch {
    const at = url.lastIndexOf('@');
    const rest = at >= 0 ? `***@${url.slice(at + 1)}` : url;
    return rest.replace(/[?#].*$/, '');
  }
}

/** The lower-cased scheme of a URL, without `://`, or undefined. */
export function schemeOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim());
  return match ? match[1].toLowerCase() : undefined;
}

/** The prefix length of an IPv4 or IPv6 CIDR (`10.0.0.0/8` → 8), or undefined. */
export function cidrPrefix(cidr: unknown): number | undefined {
  if (typeof cidr !== 'string') return undefined;
  const match = /\/(\d{1,3})$/.exec(cidr.trim());
  return match ? Number(match[1]) : undefined;
}

/** `a, b, c and 4 more`: a short list for messages. */
export function listSome(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map((item) => `\`${item}\``);
  if (items.length <= max) return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `${shown.join(', ')} and ${items.length - max} more`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
