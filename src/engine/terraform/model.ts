/**
 * The Terraform module model that TF rules read: resources with evaluated attributes, and the links between
 * them. Implemented in module.ts (evaluation) and graph.ts (links and profiles).
 */
import type { Document } from '../document';
import type { Generation, Profile } from '../types';
import type { HclAttribute, HclBlock, HclExpression, Span } from './hcl';

/**
 * A statically evaluated value. `unknown` is anything that depends on input the module does not have
 * (a variable with no value, a data source, a computed attribute, a function we do not evaluate).
 * Rules must never report on `unknown`.
 */
export type Value =
  | { readonly kind: 'string'; readonly value: string; readonly from?: ResourceRef }
  | { readonly kind: 'number'; readonly value: number; readonly from?: ResourceRef }
  | { readonly kind: 'bool'; readonly value: boolean; readonly from?: ResourceRef }
  | { readonly kind: 'null' }
  /** `set`: made by `toset()`; iterating a set binds each element as both key and value, as Terraform does. */
  | { readonly kind: 'list'; readonly items: readonly Value[]; readonly from?: ResourceRef; readonly set?: boolean }
  | { readonly kind: 'map'; readonly entries: ReadonlyMap<string, Value>; readonly from?: ResourceRef }
  /** A computed attribute of a resource in this module (`heroku_space.main.id`): unknown value, known origin. */
  | { readonly kind: 'ref'; readonly from: ResourceRef }
  | { readonly kind: 'unknown' };

/** Where a value came from when it was read through a reference to a resource of this module. */
export interface ResourceRef {
  /** `heroku_space.main` */
  readonly address: string;
  /** `id`, `name`, `uuid`… */
  readonly attribute: string;
  /** The instance named by a static index (`heroku_app.svc["api"]` → `api`, `heroku_app.a[0]` → 0). */
  readonly key?: string | number;
}

/** An attribute as written, with its value evaluated in the scope of one resource instance. */
export interface TfAttribute {
  readonly syntax: HclAttribute;
  readonly value: Value;
  /** Evaluates any sub-expression of this attribute (e.g. one map entry) in the same scope. */
  evaluate(expression: HclExpression): Value;
}

/** A block body seen through one resource instance: a resource, or a nested block such as `organization {}`. */
export interface TfBody {
  /** The block as written; for an expanded `dynamic "rule"`, the `content` block. */
  readonly syntax: HclBlock;
  attribute(name: string): TfAttribute | undefined;
  /** Nested blocks of a type, including the expansion of `dynamic "<type>"` blocks whose `for_each` is static. */
  blocks(type: string): readonly TfBody[];
  /** True when this body came from a `dynamic` block whose `for_each` is unknown (its values are unknown). */
  readonly partial: boolean;
  /** For a resource instance of `count`/`for_each`: its index or key. */
  readonly key?: string | number;
}

export type ResourceMode = 'managed' | 'data';

export interface TfResource extends TfBody {
  /** `heroku_app.api`, or `data.heroku_space.main` for data sources. */
  readonly address: string;
  readonly mode: ResourceMode;
  /** `heroku_app` */
  readonly type: string;
  /** `api` */
  readonly name: string;
  /** The file that declares it. */
  readonly document: Document;
  /**
   * One view per instance: `count = 2` gives two, a static `for_each` one per key (with `each.*` bound), a
   * resource without either one. A static `count = 0` or empty `for_each` gives none. An unknown `count` or
   * `for_each` gives one instance whose `count.index` / `each.*` are unknown.
   */
  readonly instances: readonly TfBody[];
}

export interface TfVariable {
  readonly name: string;
  readonly syntax: HclBlock;
  readonly document: Document;
  /** From `terraform.tfvars`, `*.auto.tfvars`, then `default`; `unknown` when none gives a value. */
  readonly value: Value;
  /** Where the value was set (the tfvars attribute or the `default`), when it was. */
  readonly valueSource?: { readonly path: string; readonly span: Span };
  /** `sensitive = true` is present and statically true. */
  readonly sensitive: boolean;
}

export interface TfOutput {
  readonly name: string;
  readonly syntax: HclBlock;
  readonly document: Document;
  readonly body: TfBody;
}

export interface TfProvider {
  /** `heroku` */
  readonly name: string;
  readonly syntax: HclBlock;
  readonly document: Document;
  readonly body: TfBody;
}

/** All `.tf` and `.tfvars` files of one directory. */
export interface TfModule {
  readonly dir: string;
  readonly resources: readonly TfResource[];
  readonly variables: readonly TfVariable[];
  readonly outputs: readonly TfOutput[];
  readonly providers: readonly TfProvider[];
  resource(address: string): TfResource | undefined;
  variable(name: string): TfVariable | undefined;
  /** Evaluates an expression in module scope (variables, locals and resource references; no `each`/`count`). */
  evaluate(expression: HclExpression): Value;
}

/** Why a resource has its profile, for people and for related locations. */
export interface TfProfileChoice {
  readonly profile: Profile;
  readonly reason: string;
  /** The resource that decided it, e.g. the Shield space of an app. */
  readonly decidedBy?: TfResource;
}

/** Links between the module's resources (DESIGN.md "Resource graph"). */
export interface TfGraph {
  readonly module: TfModule;
  /** The app a resource belongs to through `app_id` (add-ons, drains, domains, features, formations, collaborators, ssl, webhooks, builds, config associations). */
  appOf(resource: TfResource): TfResource | undefined;
  /** The space an app (or any resource with a `space` argument, e.g. an inbound ruleset) points at. */
  spaceOf(resource: TfResource): TfResource | undefined;
  /**
   * The space a resource runs in: itself for a space, its own `space`, else the space of the app instance its
   * `app_id` names (`heroku_app.svc["api"].id`), else its app's space.
   */
  runtimeSpaceOf(resource: TfResource): TfResource | undefined;
  /** Resources of a type that belong to an app (by `app_id`). */
  resourcesOfApp(app: TfResource, type: string): readonly TfResource[];
  /** Resources of a type that point at a space (by `space`), e.g. `heroku_space_inbound_ruleset`. */
  resourcesOfSpace(space: TfResource, type: string): readonly TfResource[];
  /** Profile under the active setting: explicit profile, else the space's runtime, else the module's. */
  profileOf(resource: TfResource): TfProfileChoice;
  /** `fir` when the resource's space (or the space itself) has `generation = "fir"`, else `cedar`. */
  generationOf(resource: TfResource): Generation;
}

/** Helpers every TF rule uses. */
export function isKnown(value: Value | undefined): value is Exclude<Value, { kind: 'unknown' } | { kind: 'ref' }> {
  return value !== undefined && value.kind !== 'unknown' && value.kind !== 'ref';
}

export function stringValue(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

export function boolValue(value: Value | undefined): boolean | undefined {
  if (value?.kind === 'bool') return value.value;
  if (value?.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}
