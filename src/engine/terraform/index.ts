/**
 * The Terraform module model for rule authors.
 *
 * How to write a TF rule:
 * - Iterate `resourcesIn(context, 'heroku_app')` (managed resources declared in the checked file, in source
 *   order; resources with a static `count = 0` or an empty `for_each` are left out because Terraform creates
 *   nothing for them). Data sources come from `dataSourcesIn`; provider, variable, output, locals and terraform
 *   blocks from `blocksIn` (syntax only) or `context.terraform.module.providers/variables/outputs` (evaluated).
 * - Read attributes with `resource.attribute('name')?.value`, or per instance through `resource.instances`
 *   (`count.index`, `each.key`/`each.value` bound). Nested blocks: `resource.blocks('organization')`; `dynamic`
 *   blocks with a static `for_each` are expanded there, one body per element; an unknown `for_each` gives one
 *   body with `partial: true` whose values are all unknown. `module.resources` holds managed resources only
 *   (data sources: `dataSourcesOf(module)`); it keeps `count = 0` resources, so check `instances.length`.
 * - UNKNOWN NEVER PRODUCES A FINDING. A value is `unknown` when it depends on input the module does not have: a
 *   variable with no value in `terraform.tfvars`, `*.auto.tfvars` or its `default`; a data source; a function the
 *   evaluator does not run; a `for` expression; a cycle. A computed attribute of a resource of this module
 *   (`heroku_app.api.id`) is a `ref`: unknown value, known origin. Test with `isKnown(value)` (false for both),
 *   or with `stringValue`/`boolValue`, which return undefined for them, before reporting on a value. A missing
 *   attribute (`attribute('acm') === undefined`) is known to be absent; an attribute whose value is unknown is not.
 * - Report through `detectionFor(context, resource, span, data)` so that the finding carries the resource's
 *   profile (and the space that decides it as a related location), or `moduleDetection` for blocks that are not
 *   resources (provider, variable, output).
 *
 * Profiles under `--profile auto` (graph.profileOf). An explicit profile (`--profile`, the editor setting)
 * wins for every resource. Otherwise, for a resource R whose space S is the space R points at, else the space
 * of R's app, else R itself when R is a `heroku_space`:
 *   1. S has `shield = true` → `shield` ("runs in Shield space heroku_space.secure"); also when S is not one
 *      space because the instances differ (`space = each.value`) and one instance's space is Shield.
 *   2. S exists but is not known to be Shield → the profile of `.heroku-compliance.yml` when it sets one, else
 *      `private` ("runs in Private Space heroku_space.main").
 *   3. An app, or a resource bound to an app or space, with no space of this module: the config profile when
 *      set; else `private` when it names a space the module does not declare (a data source); else `common`.
 *      A Shield space elsewhere in the module does not make it Shield.
 *   4. Everything else — provider, variables, outputs, `.tfvars`, and team- or pipeline-level resources (team
 *      members, pipelines, review-app configs, shared `heroku_config`): the module's profile, which is `shield`
 *      when the module declares a Shield space; else the config profile; else `private` when it declares any
 *      `heroku_space`; else `common`.
 * Generation (graph.generationOf): `fir` when S has `generation = "fir"`, `cedar` when S exists otherwise, and
 * the config's generation (default `cedar`) when there is no space.
 */
import type { Document } from '../document';
import type { RuleContext } from '../rule';
import type { Detection } from '../types';
import { moduleProfileOf, runtimeSpaceOf } from './graph';
import type { HclBlock, Span } from './hcl';
import { declaredResources, hclOf } from './module';
import { boolValue, isKnown, stringValue, type TfAttribute, type TfBody, type TfGraph, type TfModule, type TfProfileChoice, type TfProvider, type TfResource } from './model';
import { countBefore } from '../sorted';

export * from './model';
export type * from './hcl';
export { analyzeModule, type AnalyzeOptions } from './module';
export { moduleProfileOf, runtimeSpaceOf } from './graph';
export { dataSourcesOf } from './module';

type RelatedLocation = NonNullable<Detection['related']>[number];

/**
 * Managed resources declared in `context.document` (optionally of one type), in source order, that surely exist:
 * a static `count = 0` or an unknown `count`/`for_each` leaves a resource out.
 */
export function resourcesIn(context: RuleContext, type?: string): readonly TfResource[] {
  const module = context.terraform?.module;
  if (!module) return [];
  // Every rule asks for the same few lists of each file: built once per module, file and type.
  const memo = memoOf(module);
  let byType = memo.existing.get(context.document);
  if (!byType) memo.existing.set(context.document, (byType = new Map<string, readonly TfResource[]>()));
  const key = type ?? '';
  let list = byType.get(key);
  if (!list) {
    // A resource whose `count`/`for_each` is unknown may not exist at all: like any unknown value, it is not reported.
    list = declaredIn(context, 'managed', type).filter((resource) => existenceKnown(context, resource));
    byType.set(key, list);
  }
  return list;
}

/** What the helpers below compute once per module. */
interface ModuleMemo {
  /** resourcesIn() lists by file, then by type (`''` for all types). */
  readonly existing: Map<Document, Map<string, readonly TfResource[]>>;
  /** existenceKnown() by resource (a resource belongs to one module). */
  readonly existence: Map<TfResource, boolean>;
}

const memos = new WeakMap<TfModule, ModuleMemo>();

function memoOf(module: TfModule): ModuleMemo {
  let memo = memos.get(module);
  if (!memo) memos.set(module, (memo = { existing: new Map(), existence: new Map() }));
  return memo;
}

/** Data sources declared in `context.document` (optionally of one type), in source order. */
export function dataSourcesIn(context: RuleContext, type?: string): readonly TfResource[] {
  return declaredIn(context, 'data', type);
}

/** Top-level blocks of a type in `context.document`, in source order. */
export function blocksIn(context: RuleContext, blockType: 'provider' | 'variable' | 'output' | 'locals' | 'terraform'): readonly HclBlock[] {
  const hcl = hclOf(context.document);
  return hcl ? hcl.body.blocks.filter((block) => block.type === blockType) : [];
}

/**
 * A detection on a resource: the engine picks the catalog severity for the resource's profile (and drops the
 * detection when the rule is off for it). When a space decides the profile, the space is a related location.
 */
export function detectionFor<D>(context: RuleContext, resource: TfResource, span: Span, data: D): Detection<D> {
  const graph = context.terraform?.graph;
  if (!graph) return { start: span.start, end: span.end, data };
  const choice = graph.profileOf(resource);
  const related = relatedFor(graph, choice, resource);
  // Two literals rather than a spread: the same properties in the same order, and hidden classes that V8 keeps.
  return related ? { start: span.start, end: span.end, data, profile: choice.profile, related: [related] } : { start: span.start, end: span.end, data, profile: choice.profile };
}

/** A detection on a block that is not a resource (provider, variable, output): the module-level profile. */
export function moduleDetection<D>(context: RuleContext, span: Span, data: D): Detection<D> {
  const graph = context.terraform?.graph;
  if (!graph) return { start: span.start, end: span.end, data };
  const choice = moduleProfileOf(graph);
  const related = relatedFor(graph, choice, undefined);
  return related ? { start: span.start, end: span.end, data, profile: choice.profile, related: [related] } : { start: span.start, end: span.end, data, profile: choice.profile };
}

/**
 * The related location of the space that decides a profile (its `shield = true` attribute for Shield, else its
 * labels), or undefined when no space decides it or the resource is that space.
 */
export function relatedFor(graph: TfGraph, choice: TfProfileChoice, resource: TfResource | undefined): RelatedLocation | undefined {
  const space = choice.decidedBy;
  if (!space || space === resource) return undefined;
  const shield = choice.profile === 'shield';
  const kind = shield ? 'Shield space' : 'Private Space';
  const inSpace = resource !== undefined && runtimeSpaceOf(graph, resource) === space;
  const subject = resource ? resource.address : 'this block';
  const message = inSpace
    ? `${kind} ${space.address} makes ${subject} ${shield ? 'Shield' : 'Private'}.`
    : choice.reason.startsWith('an instance')
      ? `An instance of ${subject} (or of its app) runs in ${kind} ${space.address}, so it is checked under the ${choice.profile} profile.`
      : `The module declares ${kind} ${space.address}, so ${subject} is checked under the ${choice.profile} profile.`;
  const at = spaceSpan(space, shield);
  return { path: space.document.path, start: at.start, end: at.end, message };
}

/** A related location for the space a resource runs in (e.g. for a rule that compares the two), if it has one. */
export function relatedSpace(graph: TfGraph, resource: TfResource, message?: string): RelatedLocation | undefined {
  const space = runtimeSpaceOf(graph, resource);
  if (!space || space === resource) return undefined;
  const shield = graph.profileOf(space).profile === 'shield' && space.attribute('shield') !== undefined;
  const at = spaceSpan(space, shield);
  return {
    path: space.document.path,
    start: at.start,
    end: at.end,
    message: message ?? `${resource.address} runs in ${shield ? 'Shield space' : 'space'} ${space.address}.`,
  };
}

/** `resource "heroku_space" "main"`: the labels of a block, as the header span rules point at. */
export function headerSpan(block: HclBlock): Span {
  const first = block.labels[0];
  const last = block.labels[block.labels.length - 1];
  if (!first || !last) return block.typeSpan;
  return { start: block.typeSpan.start, end: last.end };
}

function spaceSpan(space: TfResource, shield: boolean): Span {
  const attribute = shield ? space.attribute('shield')?.syntax : undefined;
  if (attribute) return { start: attribute.start, end: attribute.end };
  return headerSpan(space.syntax);
}

function declaredIn(context: RuleContext, mode: TfResource['mode'], type: string | undefined): readonly TfResource[] {
  const module = context.terraform?.module;
  if (!module) return [];
  return declaredResources(module, context.document, mode, type);
}

/**
 * Whether Terraform surely creates the resource: it has no `count`/`for_each`, or they are known. An unknown
 * `count` (`var.enabled ? 1 : 0` without a value) may create nothing, so rules whose finding depends on the
 * resource existing stay silent. Shared by the TF rules 013–024 (a candidate for terraform/index.ts).
 */
export function existenceKnown(context: RuleContext, resource: TfResource): boolean {
  const module = context.terraform?.module;
  if (!module) return true;
  // Its `count`/`for_each` evaluate once.
  const { existence } = memoOf(module);
  let known = existence.get(resource);
  if (known === undefined) existence.set(resource, (known = evaluateExistence(module, resource)));
  return known;
}

function evaluateExistence(module: TfModule, resource: TfResource): boolean {
  const meta = resource.syntax.body.attributes.find((a) => a.name === 'count' || a.name === 'for_each');
  if (!meta) return true;
  const value = module.evaluate(meta.value);
  const n = resource.instances.length;
  if (meta.name === 'count') return (value.kind === 'number' || value.kind === 'string') && Number(value.value) === n;
  if (value.kind === 'map') return value.entries.size === n;
  if (value.kind === 'list') return value.items.every((item) => item.kind === 'string');
  return false;
}

/** `provider "heroku"` blocks declared in the checked file. */
export function herokuProviders(document: Document, module: TfModule): TfProvider[] {
  return module.providers.filter((p) => p.name === 'heroku' && (p.document === document || p.document.path === document.path));
}

export function providerLabel(provider: TfProvider): string {
  const alias = stringValue(provider.body.attribute('alias')?.value);
  return alias ? `provider "heroku" (alias "${alias}")` : 'provider "heroku"';
}

/**
 * Whether `var.<name>` can stand in for a literal: the variable is not declared yet (the fix declares it), or
 * is declared without any value in the module (the value comes from outside, as it should).
 */
export function variableUsable(module: TfModule, name: string): 'declare' | 'reuse' | undefined {
  const variable = module.variable(name);
  if (!variable) return 'declare';
  return isKnown(variable.value) ? undefined : 'reuse';
}

/** Whether a block parsed whole: its closing brace is there and no syntax error lies inside it (an absent attribute may just not have parsed). */
export function parsedWhole(document: Document, block: HclBlock): boolean {
  if (block.closeBraceStart === undefined) return false;
  // The errors are in source order: look at the first one at or after the block's start, and the one before it.
  const errors = document.hcl?.errors ?? [];
  const low = countBefore(errors, (error) => error.start, block.start);
  const after = errors[low] as (typeof errors)[number] | undefined;
  const before = low > 0 ? errors[low - 1] : undefined;
  return !((after !== undefined && after.start < block.end) || (before !== undefined && before.end > block.start));
}

/**
 * A boolean attribute that is off: absent or `null` (the provider's default, false) or known false. An unknown
 * value is not off. `valueSpan` is the written value when a fix can replace it.
 */
export function flagOff(body: TfBody, name: string): { attribute?: TfAttribute; valueSpan?: Span } | undefined {
  const attribute = body.attribute(name);
  if (attribute && attribute.value.kind !== 'null' && boolValue(attribute.value) !== false) return undefined;
  const value = attribute?.syntax.value;
  const valueSpan = value && (value.kind === 'bool' || value.kind === 'string' || value.kind === 'null') ? { start: value.start, end: value.end } : undefined;
  return { ...(attribute ? { attribute } : {}), ...(valueSpan ? { valueSpan } : {}) };
}
