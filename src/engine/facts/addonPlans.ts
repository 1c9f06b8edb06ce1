/**
 * Heroku data add-on plan facts (rules-catalog.md §0.3 PG_ESSENTIAL, §1.6), shared by HRK-APPJSON-010..013,
 * HRK-HYML-008 and the Terraform add-on rules. The classifiers are pure functions of `service`, `plan` and
 * the profile; the extractors at the end find add-on specs in app.json and heroku.yml.
 */
import { isMap, isSeq } from 'yaml';
import type { Document } from '../document';
import { appJsonScopes, jsonChild, jsonStringSite, type StringSite, yamlGet, yamlStringSite } from '../sites';
import type { Profile } from '../types';

/** The Heroku-operated data services whose plans carry runtime and security facts. */
export const DATA_SERVICES = ['heroku-postgresql', 'heroku-redis', 'heroku-kafka', 'herokuconnect'] as const;
export type DataService = (typeof DATA_SERVICES)[number];

/** Human names for messages. */
export const SERVICE_LABELS: Readonly<Record<DataService, string>> = {
  'heroku-postgresql': 'Heroku Postgres',
  'heroku-redis': 'Heroku Key-Value Store',
  'heroku-kafka': 'Apache Kafka on Heroku',
  herokuconnect: 'Heroku Connect',
};

export function isDataService(service: string): service is DataService {
  return (DATA_SERVICES as readonly string[]).includes(service.toLowerCase());
}

export interface AddonSpec {
  /** The service part, lowercased: `heroku-postgresql`. */
  readonly service: string;
  /** The plan part, lowercased; undefined when the spec has no `:plan` (or an empty one). */
  readonly plan?: string;
  /** Index of the plan part within the spec string. */
  readonly planIndex?: number;
}

/** Splits `service:plan` (app.json `addons[]`, heroku.yml `setup.addons[].plan`, Terraform `heroku_addon.plan`). */
export function parseAddonSpec(spec: string): AddonSpec {
  const colon = spec.indexOf(':');
  if (colon < 0) return { service: spec.trim().toLowerCase() };
  const service = spec.slice(0, colon).trim().toLowerCase();
  const rawPlan = spec.slice(colon + 1);
  const plan = rawPlan.trim().toLowerCase();
  if (plan === '') return { service };
  return { service, plan, planIndex: colon + 1 + (rawPlan.length - rawPlan.trimStart().length) };
}

/** Catalog PG_ESSENTIAL: Essential-tier Postgres (no fork, follow, rollback or HA), legacy names included. */
export const PG_ESSENTIAL = /^(essential-\d+|mini|basic|dev|hobby-dev|hobby-basic)/i;

export function isPgEssential(service: string, plan: string | undefined): boolean {
  return service.toLowerCase() === 'heroku-postgresql' && plan !== undefined && PG_ESSENTIAL.test(plan);
}

/** Heroku CI in-dyno services are not add-ons at all: no tier rule applies to them. */
export function isInDynoPlan(plan: string): boolean {
  return plan.toLowerCase() === 'in-dyno';
}

/** Legacy or retired plan names (HRK-APPJSON-013), with a current plan to suggest. */
export function legacyPlan(service: string, plan: string | undefined): { readonly current: string } | undefined {
  if (plan === undefined) return undefined;
  const s = service.toLowerCase();
  const p = plan.toLowerCase();
  // hobby-dev and dev became mini, then essential-0; hobby-basic became basic, then essential-1.
  if (s === 'heroku-postgresql' && (p === 'hobby-dev' || p === 'dev')) return { current: 'essential-0' };
  if (s === 'heroku-postgresql' && p === 'hobby-basic') return { current: 'essential-1' };
  if (s === 'heroku-redis' && p.startsWith('hobby')) return { current: 'mini' };
  if (s === 'heroku-kafka' && p.startsWith('hobby')) return { current: 'basic-0' };
  return undefined;
}

/** Plans that only provision inside a Private or Shield Space. */
export function isSpacePlan(service: DataService, plan: string): boolean {
  const p = plan.toLowerCase();
  switch (service) {
    case 'heroku-postgresql':
      return /^(private|shield)-/.test(p) || /^advanced-(private|shield)/.test(p);
    case 'heroku-redis':
      return /^(private|shield)-/.test(p);
    case 'heroku-kafka':
    case 'herokuconnect':
      return p.startsWith('private-') || p.includes('shield');
  }
}

/** Whether a plan is a Shield plan (the only kind allowed to hold regulated data in a Shield Space). */
export function isShieldPlan(service: DataService, plan: string): boolean {
  const p = plan.toLowerCase();
  switch (service) {
    case 'heroku-postgresql':
      return p.startsWith('shield-') || p.startsWith('advanced-shield');
    case 'heroku-redis':
      return p.startsWith('shield-');
    case 'heroku-kafka':
    case 'herokuconnect':
      return p.includes('shield');
  }
}

export type PlanProblemKind =
  /** shield profile: the plan is not a Shield plan. */
  | 'not-shield'
  /** private profile: a Common Runtime plan that is not networked into the space. */
  | 'not-networked'
  /** common profile: a Private or Shield plan that cannot be provisioned outside a space. */
  | 'space-only';

export interface PlanProblem {
  readonly kind: PlanProblemKind;
  readonly service: DataService;
  readonly plan: string;
}

/**
 * "Data add-on plan not appropriate for the runtime" (HRK-APPJSON-010, HRK-HYML-008, Terraform add-on rules).
 * An omitted plan is never a problem here: spaces default to their smallest private or shield plan (DC-PG-PS).
 */
export function planProblem(service: string, plan: string | undefined, profile: Profile): PlanProblem | undefined {
  const s = service.toLowerCase();
  if (!isDataService(s) || plan === undefined || plan === '' || isInDynoPlan(plan)) return undefined;
  const p = plan.toLowerCase();
  const problem = (kind: PlanProblemKind): PlanProblem => ({ kind, service: s, plan: p });
  switch (profile) {
    case 'shield':
      return isShieldPlan(s, p) ? undefined : problem('not-shield');
    case 'private':
      if (s === 'heroku-postgresql' && (PG_ESSENTIAL.test(p) || /^(standard|premium)-/.test(p))) return problem('not-networked');
      if (s === 'heroku-redis' && (p === 'mini' || p.startsWith('premium-'))) return problem('not-networked');
      return undefined;
    case 'common':
      return isSpacePlan(s, p) ? problem('space-only') : undefined;
  }
}

/** One sentence for a plan problem (HRK-APPJSON-010, HRK-HYML-008, Terraform add-on rules). */
export function planProblemMessage(spec: string, problem: PlanProblem): string {
  const label = SERVICE_LABELS[problem.service];
  switch (problem.kind) {
    case 'not-shield':
      return `\`${spec}\` is not a Shield plan; ${label} in a Shield Private Space needs a Shield plan to hold regulated data.`;
    case 'not-networked':
      return `\`${spec}\` is a Common Runtime plan that is not networked into a Private Space; use a \`private-*\` ${label} plan.`;
    case 'space-only':
      return `\`${spec}\` is a Private or Shield Space plan; provisioning it fails on the Common Runtime.`;
  }
}

/**
 * Appends why a plan finding is only `info` under `environments.review` or `environments.test`: "Ephemeral apps,
 * such as Review and CI apps, override the plan" (DC-APPJSON; catalog caveat 0.4-2).
 */
export function ephemeralNote(message: string, environment: string | undefined): string {
  if (environment !== 'review' && environment !== 'test') return message;
  const apps = environment === 'review' ? 'review apps' : 'Heroku CI apps';
  return `${message.replace(/\.$/, '')}, though ${apps} use the provider's ephemeral plan instead.`;
}

/**
 * Config vars that a data add-on attachment sets and manages (HRK-APPJSON-006): `DATABASE_URL`,
 * `HEROKU_POSTGRESQL_<COLOR>_URL`, `REDIS_URL`, `REDIS_TLS_URL`, `KAFKA_URL`.
 */
export function isAddonManagedUrlKey(key: string): boolean {
  return /^(DATABASE_URL|REDIS_URL|REDIS_TLS_URL|KAFKA_URL)$/.test(key) || /^HEROKU_POSTGRESQL_[A-Z0-9_]+_URL$/.test(key);
}

// ---------- where add-on specs live ----------

export interface AddonSite {
  /** The full spec string, e.g. `heroku-postgresql:essential-0`. */
  readonly spec: string;
  readonly service: string;
  readonly plan?: string;
  /** The string literal holding the spec. */
  readonly site: StringSite;
  /** `[start, end)` of the plan part when it can be located, else of the whole literal. */
  readonly planStart: number;
  readonly planEnd: number;
  /** `[start, end)` of the spec text (without quotes when verbatim). */
  readonly specStart: number;
  readonly specEnd: number;
  /** For app.json add-ons under `environments.<env>`, that environment. */
  readonly environment?: string;
}

function toAddonSite(site: StringSite, environment: string | undefined): AddonSite {
  const spec = parseAddonSpec(site.value);
  const verbatim = site.valueStart !== undefined;
  const specStart = verbatim ? site.valueStart : site.start;
  const specEnd = verbatim ? site.valueStart + site.value.length : site.end;
  const planStart = verbatim && spec.planIndex !== undefined ? site.valueStart + spec.planIndex : specStart;
  const planEnd = verbatim && spec.planIndex !== undefined ? site.valueStart + site.value.trimEnd().length : specEnd;
  return { spec: site.value, service: spec.service, plan: spec.plan, site, planStart, planEnd, specStart, specEnd, environment };
}

/** Every add-on spec in app.json: `addons[i]` strings and `addons[i].plan`, in the base and each environment. */
export function appJsonAddons(document: Document): AddonSite[] {
  const parsed = document.appJson;
  if (!parsed) return [];
  const out: AddonSite[] = [];
  for (const scope of appJsonScopes(parsed)) {
    const addons = jsonChild(scope.node, 'addons');
    if (addons?.type !== 'array') continue;
    for (const item of addons.children ?? []) {
      const node = item.type === 'object' ? jsonChild(item, 'plan') : item;
      const site = node && jsonStringSite(node, document.text);
      if (site) out.push(toAddonSite(site, scope.environment));
    }
  }
  return out;
}

/** Every add-on spec in heroku.yml `setup.addons`: `- plan: service:plan` items (or plain strings). */
export function herokuYmlAddons(document: Document): AddonSite[] {
  const parsed = document.herokuYml;
  if (!parsed) return [];
  const addons = yamlGet(yamlGet(parsed.document.contents, 'setup'), 'addons');
  if (!isSeq(addons)) return [];
  const out: AddonSite[] = [];
  for (const item of addons.items) {
    const node: unknown = isMap(item) ? yamlGet(item, 'plan') : item;
    const site = yamlStringSite(node, document.text);
    if (site) out.push(toAddonSite(site, undefined));
  }
  return out;
}
