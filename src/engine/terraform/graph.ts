/**
 * Links between the resources of a module (app ↔ space, app-owned resources → app, space-owned resources →
 * space) and the profile and generation of each resource. Links are computed on first use and memoized.
 */
import type { Generation } from '../types';
import type { AnalyzeOptions, ModuleImpl } from './module';
import type { TfBody, TfGraph, TfModule, TfProfileChoice, TfResource, Value } from './model';

/** Attributes of a `heroku_app` that identify it in `app_id`. */
const APP_KEYS = new Set(['id', 'uuid', 'name']);
/** Attributes of a `heroku_space` that identify it in `space`. */
const SPACE_KEYS = new Set(['id', 'uuid', 'name']);
/** Resources with more instances are linked from the resource as a whole only. */
const MAX_LINKED_INSTANCES = 1000;

export class ResourceGraph implements TfGraph {
  private readonly apps = new Map<TfResource, TfResource | null>();
  private readonly spaces = new Map<TfResource, TfResource | null>();
  private readonly profiles = new Map<TfResource, TfProfileChoice>();
  private appIndex?: Map<TfResource, TfResource[]>;
  private spaceIndex?: Map<TfResource, TfResource[]>;
  private appNames?: Map<string, TfResource>;
  private spaceNames?: Map<string, TfResource>;
  private moduleChoice?: TfProfileChoice;

  constructor(
    private readonly impl: ModuleImpl,
    private readonly options: AnalyzeOptions,
  ) {}

  get module(): TfModule {
    return this.impl;
  }

  appOf(resource: TfResource): TfResource | undefined {
    if (resource.type === 'heroku_app' || resource.mode !== 'managed') return undefined;
    const cached = this.apps.get(resource);
    if (cached !== undefined) return cached ?? undefined;
    this.apps.set(resource, null); // a cycle of app_id references links nothing
    const app = this.link(resource, 'app');
    this.apps.set(resource, app ?? null);
    return app;
  }

  spaceOf(resource: TfResource): TfResource | undefined {
    if (resource.type === 'heroku_space' || resource.mode !== 'managed') return undefined;
    const cached = this.spaces.get(resource);
    if (cached !== undefined) return cached ?? undefined;
    this.spaces.set(resource, null);
    const space = this.link(resource, 'space');
    this.spaces.set(resource, space ?? null);
    return space;
  }

  resourcesOfApp(app: TfResource, type: string): readonly TfResource[] {
    if (!this.appIndex) this.appIndex = this.index((r) => this.appOf(r));
    return (this.appIndex.get(app) ?? []).filter((r) => r.type === type);
  }

  resourcesOfSpace(space: TfResource, type: string): readonly TfResource[] {
    if (!this.spaceIndex) this.spaceIndex = this.index((r) => this.spaceOf(r));
    return (this.spaceIndex.get(space) ?? []).filter((r) => r.type === type);
  }

  /** The space that decides a resource's runtime: the resource itself for a space, its space, or its app's space. */
  runtimeSpaceOf(resource: TfResource): TfResource | undefined {
    if (resource.mode !== 'managed') return undefined;
    if (resource.type === 'heroku_space') return resource;
    const direct = this.spaceOf(resource);
    if (direct) return direct;
    const app = this.appOf(resource);
    if (!app) return undefined;
    return this.instanceSpaceOf(app, resource) ?? this.spaceOf(app);
  }

  /** The space of the one app instance that `resource` names in its `app_id` (`heroku_app.svc["api"].id`). */
  private instanceSpaceOf(app: TfResource, resource: TfResource): TfResource | undefined {
    const target = appTarget(resource, resource);
    const key = target && 'from' in target ? target.from?.key : undefined;
    if (key === undefined) return undefined;
    const instance = app.instances.find((body) => body.key === key);
    const space = instance ? spaceTarget(app, instance) : undefined;
    return space ? this.resolveSpace(space) : undefined;
  }

  profileOf(resource: TfResource): TfProfileChoice {
    const cached = this.profiles.get(resource);
    if (cached) return cached;
    const choice = this.chooseProfile(resource);
    this.profiles.set(resource, choice);
    return choice;
  }

  private chooseProfile(resource: TfResource): TfProfileChoice {
    const explicit = this.explicit();
    if (explicit) return explicit;
    const space = this.runtimeSpaceOf(resource);
    const config = this.options.configProfile;
    const configured: TfProfileChoice | undefined = config && config !== 'auto' ? { profile: config, reason: 'set in .heroku-compliance.yml' } : undefined;
    if (!space) {
      const app = this.appOf(resource);
      // Instances in different spaces (`space = each.value`): one of them in a Shield space makes the whole
      // resource Shield, so that its regulated instance is never checked under a weaker profile.
      const shieldInstance = this.instanceSpaces(app ?? resource).find(isShield);
      if (shieldInstance) return { profile: 'shield', reason: `an instance runs in Shield space ${shieldInstance.address}`, decidedBy: shieldInstance };
      // Team- and pipeline-level resources (members, pipelines, review-app configs) serve the whole module.
      if (!app && !placedByItself(resource)) return this.moduleProfile();
      // Per resource: a Shield space elsewhere in the module does not make an app outside it Shield.
      const spaceValue = (resource.attribute('space') ?? app?.attribute('space'))?.value;
      // `space = null` (or a variable defaulting to null) names no space.
      const inUndeclaredSpace = spaceValue !== undefined && spaceValue.kind !== 'null';
      if (configured) return configured;
      if (inUndeclaredSpace) return { profile: 'private', reason: 'runs in a space this module does not declare' };
      return { profile: 'common', reason: 'default (not in a space of this module)' };
    }
    const self = space === resource;
    if (isShield(space)) {
      return { profile: 'shield', reason: self ? `${space.address} is a Shield space` : `runs in Shield space ${space.address}`, decidedBy: space };
    }
    if (configured) return configured;
    return { profile: 'private', reason: self ? `${space.address} is a Private Space` : `runs in Private Space ${space.address}`, decidedBy: space };
  }

  /** The profile of blocks that belong to no resource: provider, variables, outputs and `.tfvars` files. */
  moduleProfile(): TfProfileChoice {
    if (this.moduleChoice) return this.moduleChoice;
    const explicit = this.explicit();
    const spaces = explicit ? [] : this.impl.resources.filter((r) => r.type === 'heroku_space' && r.instances.length > 0);
    const shield = spaces.find(isShield);
    const config = this.options.configProfile;
    if (explicit) this.moduleChoice = explicit;
    else if (shield) this.moduleChoice = { profile: 'shield', reason: `the module declares Shield space ${shield.address}`, decidedBy: shield };
    else if (config && config !== 'auto') this.moduleChoice = { profile: config, reason: 'set in .heroku-compliance.yml' };
    else if (spaces[0]) this.moduleChoice = { profile: 'private', reason: `the module declares Private Space ${spaces[0].address}`, decidedBy: spaces[0] };
    else this.moduleChoice = { profile: 'common', reason: 'default (the module declares no Private or Shield Space)' };
    return this.moduleChoice;
  }

  generationOf(resource: TfResource): Generation {
    const space = this.runtimeSpaceOf(resource);
    if (space) return stringOf(space.attribute('generation')?.value)?.toLowerCase() === 'fir' ? 'fir' : 'cedar';
    return this.options.configGeneration ?? 'cedar';
  }

  private explicit(): TfProfileChoice | undefined {
    const setting = this.options.profile;
    return setting && setting !== 'auto' ? { profile: setting, reason: 'set explicitly' } : undefined;
  }

  private index(link: (resource: TfResource) => TfResource | undefined): Map<TfResource, TfResource[]> {
    const out = new Map<TfResource, TfResource[]>();
    for (const resource of this.impl.resources) {
      if (resource.instances.length === 0) continue;
      const target = link(resource);
      if (!target || target.instances.length === 0) continue;
      const list = out.get(target);
      if (list) list.push(resource);
      else out.set(target, [resource]);
    }
    return out;
  }

  /**
   * The resource a link attribute points at: from the resource as a whole, else from its instances when they all
   * point at the same one (`for_each` instances whose `space` differs per key stay unlinked).
   */
  private link(resource: TfResource, to: 'app' | 'space'): TfResource | undefined {
    // A kind rather than two closures per call: every resource is linked both ways.
    const whole = targetOf(to, resource, resource);
    const direct = whole ? this.resolve(to, whole) : undefined;
    if (direct || resource.instances.length === 0 || resource.instances.length > MAX_LINKED_INSTANCES) return direct;
    let found: TfResource | undefined;
    for (const instance of resource.instances) {
      const target = targetOf(to, resource, instance);
      // A resource's only instance is its whole body: the same value, already resolved (resolving is memoized).
      const linked = target === whole ? direct : target ? this.resolve(to, target) : undefined;
      if (!linked || (found && linked !== found)) return undefined;
      found = linked;
    }
    return found;
  }

  /** The spaces that the instances of a resource point at, one per instance that resolves. */
  private instanceSpaces(resource: TfResource): TfResource[] {
    if (resource.instances.length < 2 || resource.instances.length > MAX_LINKED_INSTANCES) return [];
    const spaces: TfResource[] = [];
    for (const instance of resource.instances) {
      const target = spaceTarget(resource, instance);
      const space = target ? this.resolveSpace(target) : undefined;
      if (space) spaces.push(space);
    }
    return spaces;
  }

  private resolve(to: 'app' | 'space', value: Value): TfResource | undefined {
    return to === 'app' ? this.resolveApp(value) : this.resolveSpace(value);
  }

  /** `app_id = heroku_app.api.id` (or `.uuid`, `.name`), a literal app name, or another resource's `app_id`. */
  private resolveApp(value: Value): TfResource | undefined {
    const from = 'from' in value ? value.from : undefined;
    if (from) {
      const target = this.impl.resource(from.address);
      if (!target) return undefined;
      if (target.type === 'heroku_app') return APP_KEYS.has(from.attribute) ? target : undefined;
      return from.attribute === 'app_id' ? this.appOf(target) : undefined;
    }
    if (value.kind !== 'string') return undefined;
    if (!this.appNames) this.appNames = this.byName('heroku_app');
    return this.appNames.get(value.value);
  }

  /** `space = heroku_space.main.id` (or `.name`, `.uuid`), a literal space name, or another resource's `space`. */
  private resolveSpace(value: Value): TfResource | undefined {
    const from = 'from' in value ? value.from : undefined;
    if (from) {
      const target = this.impl.resource(from.address);
      if (!target) return undefined;
      if (target.type === 'heroku_space') return SPACE_KEYS.has(from.attribute) ? target : undefined;
      return from.attribute === 'space' ? this.spaceOf(target) : undefined;
    }
    if (value.kind !== 'string') return undefined;
    if (!this.spaceNames) this.spaceNames = this.byName('heroku_space');
    return this.spaceNames.get(value.value);
  }

  private byName(type: string): Map<string, TfResource> {
    const out = new Map<string, TfResource>();
    for (const resource of this.impl.resources) {
      if (resource.type !== type || resource.instances.length === 0) continue;
      for (const instance of resource.instances) {
        const name = stringOf(instance.attribute('name')?.value);
        if (name !== undefined && !out.has(name)) out.set(name, resource);
      }
    }
    return out;
  }
}

/** The module-level profile of a graph built by analyzeModule (rule 3 of the profile order in index.ts). */
/** An app, or a resource that names its app or space itself: its own placement decides its profile. */
function placedByItself(resource: TfResource): boolean {
  return resource.type === 'heroku_app' || resource.type.startsWith('heroku_space') || resource.attribute('app_id') !== undefined || resource.attribute('space') !== undefined;
}

export function moduleProfileOf(graph: TfGraph): TfProfileChoice {
  if (graph instanceof ResourceGraph) return graph.moduleProfile();
  return { profile: 'common', reason: 'default' };
}

/** The space that decides a resource's runtime (itself for a space), for graphs built by analyzeModule. */
export function runtimeSpaceOf(graph: TfGraph, resource: TfResource): TfResource | undefined {
  if (graph instanceof ResourceGraph) return graph.runtimeSpaceOf(resource);
  if (resource.type === 'heroku_space') return resource;
  const app = graph.appOf(resource);
  return graph.spaceOf(resource) ?? (app ? graph.spaceOf(app) : undefined);
}

/** What the link attribute of a body holds: appTarget or spaceTarget. */
function targetOf(to: 'app' | 'space', resource: TfResource, body: TfBody): Value | undefined {
  return to === 'app' ? appTarget(resource, body) : spaceTarget(resource, body);
}

/** What `app_id` (or a telemetry drain's app `owner_id`) of a body holds. */
function appTarget(resource: TfResource, body: TfBody): Value | undefined {
  const appId = body.attribute('app_id')?.value;
  if (appId) return appId;
  if (resource.type === 'heroku_telemetry_drain' && stringOf(body.attribute('owner_type')?.value) !== 'space') return body.attribute('owner_id')?.value;
  return undefined;
}

/** What `space` (or a telemetry drain's space `owner_id`, or a review app config's space `deploy_target`) of a body holds. */
function spaceTarget(resource: TfResource, body: TfBody): Value | undefined {
  const space = body.attribute('space')?.value;
  if (space) return space;
  if (resource.type === 'heroku_telemetry_drain' && stringOf(body.attribute('owner_type')?.value) === 'space') return body.attribute('owner_id')?.value;
  if (resource.type === 'heroku_review_app_config') {
    const deployTarget = body.blocks('deploy_target')[0];
    if (deployTarget && stringOf(deployTarget.attribute('type')?.value) === 'space') return deployTarget.attribute('id')?.value;
  }
  return undefined;
}

function isShield(space: TfResource): boolean {
  const value = space.attribute('shield')?.value;
  if (value?.kind === 'bool') return value.value;
  return value?.kind === 'string' && value.value === 'true';
}

function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}
