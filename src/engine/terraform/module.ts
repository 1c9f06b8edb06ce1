/**
 * The module of one directory: its resources, data sources, variables (with `terraform.tfvars` and
 * `*.auto.tfvars`), locals, outputs and providers. Everything is evaluated lazily and memoized, so building a
 * module costs one pass over the top-level blocks and a rule pays only for the values it reads.
 */
import { Document } from '../document';
import type { RuleContext, TerraformContext } from '../rule';
import type { Generation, ProfileSetting } from '../types';
import { applyTraversers, type EvalHost, evaluate, keyOf, nested, type Scope, toNumber, UNKNOWN, withFrom } from './evaluate';
import { ResourceGraph } from './graph';
import type { HclAttribute, HclBlock, HclExpression, HclFile, HclTraverser } from './hcl';
import type { ResourceMode, ResourceRef, TfAttribute, TfBody, TfModule, TfOutput, TfProvider, TfResource, TfVariable, Value } from './model';

export interface AnalyzeOptions {
  /** The request's profile (`--profile`, the editor setting); anything but `auto` wins for every resource. */
  readonly profile?: ProfileSetting;
  /** The profile of the `.heroku-compliance.yml` that applies to the module's directory. */
  readonly configProfile?: ProfileSetting;
  /** The generation of that config file. */
  readonly configGeneration?: Generation;
}

/** The parsed HCL of a `.tf` or `.tfvars` document (undefined when the parser is not loaded or for other kinds). */
export function hclOf(document: Document): HclFile | undefined {
  return document.hcl;
}

/**
 * Builds the module of a directory from its `terraform` and `tfvars` documents (other kinds are ignored) and
 * its resource graph. Never throws; values are computed when first read.
 */
export function analyzeModule(documents: readonly Document[], options: AnalyzeOptions = {}): TerraformContext {
  const module = new ModuleImpl(documents);
  return { module, graph: new ResourceGraph(module, options) };
}

/** Data sources of a module built by analyzeModule (they are not in `module.resources`). */
export function dataSourcesOf(module: TfModule): readonly TfResource[] {
  return module instanceof ModuleImpl ? module.dataSources : [];
}

/** Resources (or data sources) of a document (optionally of one type) that Terraform creates, in source order. */
export function declaredResources(module: TfModule, document: Document, mode: ResourceMode, type?: string): readonly TfResource[] {
  if (module instanceof ModuleImpl) return module.declaredIn(document, mode, type);
  return module.resources.filter((r) => r.mode === mode && r.document === document && (type === undefined || r.type === type) && r.instances.length > 0);
}

/** The module of a rule context, if any. */
export function moduleOf(context: RuleContext): TfModule | undefined {
  return context.terraform?.module;
}

/** More instances than this are not enumerated: the resource gets one instance with unknown `count.index` / `each.*`. */
const MAX_INSTANCES = 10_000;
const IN_PROGRESS: Value = { kind: 'unknown' };

/** A scope that knows nothing: tfvars values and `sensitive` flags are literals. */
const EMPTY_HOST: EvalHost = { variable: () => UNKNOWN, local: () => UNKNOWN, resource: () => undefined };
const EMPTY_SCOPE: Scope = { host: EMPTY_HOST };

class AttributeImpl implements TfAttribute {
  private cached?: Value;
  private busy = false;

  constructor(
    readonly syntax: HclAttribute,
    private readonly scope: Scope,
    private readonly partial: boolean,
  ) {}

  get value(): Value {
    if (this.cached) return this.cached;
    // A partial body (dynamic block with an unknown for_each) may not exist at all; a cycle has no value.
    if (this.partial || this.busy) return UNKNOWN;
    this.busy = true;
    try {
      const value = evaluate(this.syntax.value, this.scope);
      this.cached = value;
      return value;
    } finally {
      this.busy = false;
    }
  }

  evaluate(expression: HclExpression): Value {
    return this.partial ? UNKNOWN : evaluate(expression, this.scope);
  }
}

class BodyImpl implements TfBody {
  // Made on first use: most instance bodies are read for a few attributes, many never for blocks.
  /** The view of each written attribute, by its index in the block (a body has few: no map needed). */
  private attributeViews?: (AttributeImpl | undefined)[];
  private blockCache?: Map<string, readonly TfBody[]>;

  constructor(
    readonly syntax: HclBlock,
    readonly scope: Scope,
    readonly partial: boolean,
    readonly key?: string | number,
  ) {}

  attribute(name: string): TfAttribute | undefined {
    const attributes = this.syntax.body.attributes;
    // The first attribute of that name, as written: a name written twice reads the first.
    for (let i = 0; i < attributes.length; i++) {
      if (attributes[i].name !== name) continue;
      const views = (this.attributeViews ??= new Array<AttributeImpl | undefined>(attributes.length));
      return (views[i] ??= new AttributeImpl(attributes[i], this.scope, this.partial));
    }
    return undefined;
  }

  blocks(type: string): readonly TfBody[] {
    const cache = (this.blockCache ??= new Map<string, readonly TfBody[]>());
    let cached = cache.get(type);
    if (!cached) {
      const out: TfBody[] = [];
      for (const block of this.syntax.body.blocks) {
        if (block.type === type) out.push(new BodyImpl(block, this.scope, this.partial));
        else if (block.type === 'dynamic' && block.labels[0]?.value === type) out.push(...this.expandDynamic(block));
      }
      cached = out;
      cache.set(type, cached);
    }
    return cached;
  }

  /** `dynamic "rule" { for_each = …  iterator = r  content { … } }`: one body per element, `rule.key`/`rule.value` bound. */
  private expandDynamic(block: HclBlock): TfBody[] {
    const content = block.body.blocks.find((b) => b.type === 'content');
    if (!content) return [];
    const iteratorSyntax = block.body.attributes.find((a) => a.name === 'iterator')?.value;
    const iterator = iteratorSyntax?.kind === 'traversal' && iteratorSyntax.traversers.length === 0 ? iteratorSyntax.root : block.labels[0].value;
    const forEach = block.body.attributes.find((a) => a.name === 'for_each');
    const collection = forEach && !this.partial ? evaluate(forEach.value, this.scope) : UNKNOWN;
    const bind = (key: Value, value: Value) => {
      const bindings = new Map(this.scope.bindings ?? []);
      bindings.set(iterator, { kind: 'map', entries: new Map([['key', key], ['value', value]]) });
      return { host: this.scope.host, bindings };
    };
    const elements = elementsOf(collection);
    if (!elements) return [new BodyImpl(content, bind(UNKNOWN, UNKNOWN), true)];
    return elements.map(([key, value]) => new BodyImpl(content, bind(key, value), false));
  }
}

/** The `[key, value]` pairs a `for_each` iterates, or undefined when they are not known. */
function elementsOf(collection: Value): [Value, Value][] | undefined {
  if (collection.kind === 'map') {
    if (collection.entries.size > MAX_INSTANCES) return undefined;
    return [...collection.entries].map(([k, v]) => [{ kind: 'string', value: k }, v]);
  }
  if (collection.kind === 'list') {
    if (collection.items.length > MAX_INSTANCES) return undefined;
    return collection.items.map((item, i) => [collection.set ? item : { kind: 'number', value: i }, item]);
  }
  return undefined;
}

type InstanceKey = number | string;

/** What a resource's instances are while they are being worked out (a reference to itself finds none). */
const EXPANDING: { readonly keys: readonly InstanceKey[] | undefined; readonly bodies: readonly BodyImpl[] } = { keys: undefined, bodies: [] };
/** The instance keys of a resource without `count` or `for_each`: shared, never changed. */
const SINGLE_KEY: readonly InstanceKey[] = [0];

class ResourceImpl implements TfResource {
  readonly address: string;
  private instanceList?: { readonly keys: readonly InstanceKey[] | undefined; readonly bodies: readonly BodyImpl[] };
  private mainBody?: BodyImpl;
  /** The first `count` and `for_each` attributes, found once: every reference to the resource asks. */
  private readonly count: HclAttribute | undefined;
  private readonly forEach: HclAttribute | undefined;

  constructor(
    readonly mode: ResourceMode,
    readonly type: string,
    readonly name: string,
    readonly syntax: HclBlock,
    readonly document: Document,
    private readonly module: ModuleImpl,
  ) {
    this.address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    let count: HclAttribute | undefined;
    let forEach: HclAttribute | undefined;
    for (const attribute of syntax.body.attributes) {
      if (attribute.name === 'count') count ??= attribute;
      else if (attribute.name === 'for_each') forEach ??= attribute;
    }
    this.count = count;
    this.forEach = forEach;
  }

  get partial(): boolean {
    return false;
  }

  /** Whether the resource has `count` or `for_each` (so that references need an instance key). */
  get multi(): boolean {
    return this.count !== undefined || this.forEach !== undefined;
  }

  get instances(): readonly TfBody[] {
    return this.expand().bodies;
  }

  attribute(name: string): TfAttribute | undefined {
    return this.body().attribute(name);
  }

  blocks(type: string): readonly TfBody[] {
    return this.body().blocks(type);
  }

  /** The resource seen as a whole: its only instance, or one with unknown `count.index` / `each.*`. */
  private body(): BodyImpl {
    if (!this.mainBody) {
      const { bodies } = this.expand();
      this.mainBody = bodies.length === 1 ? bodies[0] : this.instanceBody(this.countAttribute() ? { count: UNKNOWN } : { each: UNKNOWN });
    }
    return this.mainBody;
  }

  private countAttribute(): HclAttribute | undefined {
    return this.count;
  }

  private instanceBody(bindings: Record<string, Value>, key?: InstanceKey): BodyImpl {
    return new BodyImpl(this.syntax, { host: this.module.scope.host, bindings: new Map(Object.entries(bindings)) }, false, key);
  }

  private expand(): { readonly keys: readonly InstanceKey[] | undefined; readonly bodies: readonly BodyImpl[] } {
    if (this.instanceList) return this.instanceList;
    // Guards against `count = length(heroku_app.x)` style self-references while the list is being built.
    this.instanceList = EXPANDING;
    const count = this.count;
    const forEach = this.forEach;
    let result: { keys: readonly InstanceKey[] | undefined; bodies: BodyImpl[] };
    if (count) {
      const n = toNumber(evaluate(count.value, this.module.scope));
      if (n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_INSTANCES) {
        result = { keys: undefined, bodies: [this.instanceBody({ count: UNKNOWN })] };
      } else {
        const keys = Array.from({ length: n }, (_, i) => i);
        result = { keys, bodies: keys.map((index) => this.instanceBody({ count: mapOf({ index: { kind: 'number', value: index } }) }, index)) };
      }
    } else if (forEach) {
      const pairs = forEachPairs(evaluate(forEach.value, this.module.scope));
      if (!pairs) result = { keys: undefined, bodies: [this.instanceBody({ each: UNKNOWN })] };
      else {
        result = {
          keys: pairs.map(([key]) => key),
          bodies: pairs.map(([key, value]) => this.instanceBody({ each: mapOf({ key: { kind: 'string', value: key }, value }) }, key)),
        };
      }
    } else {
      result = { keys: SINGLE_KEY, bodies: [new BodyImpl(this.syntax, this.module.scope, false)] };
    }
    this.instanceList = result;
    return result;
  }

  /** A reference to this resource: the traversers from `start` on are those after `type.name`. */
  reference(traversers: readonly HclTraverser[], start: number, scope: Scope): Value {
    let instance: BodyImpl | undefined;
    let instanceKey: InstanceKey | undefined;
    let i = start;
    const { keys, bodies } = this.expand();
    if (this.multi) {
      const step = traversers[start] as HclTraverser | undefined;
      if (step?.kind === 'index') {
        i = start + 1;
        const key = evaluate(step.key, scope);
        const wanted = this.countAttribute() ? toNumber(key) : keyOf(key);
        const at = wanted === undefined || !keys ? -1 : keys.indexOf(wanted);
        instance = at >= 0 ? bodies[at] : undefined;
        if (instance) instanceKey = wanted;
      } else if (step?.kind === 'splat') return UNKNOWN;
    } else {
      if ((traversers[start] as HclTraverser | undefined)?.kind !== 'attr') return UNKNOWN;
      instance = bodies[0];
    }
    const attr = traversers[i] as HclTraverser | undefined;
    if (attr?.kind !== 'attr') return UNKNOWN;
    const from: ResourceRef = instanceKey !== undefined ? { address: this.address, attribute: attr.name, key: instanceKey } : { address: this.address, attribute: attr.name };
    if (this.mode === 'data') return UNKNOWN;
    const attribute = instance?.attribute(attr.name);
    // Not written in the configuration: computed by the provider (`id`, `uuid`) or defaulted.
    if (!attribute) return { kind: 'ref', from };
    const value = nested(() => withFrom(attribute.value, from), UNKNOWN);
    return applyTraversers(value, traversers, scope, i + 1);
  }
}

function mapOf(entries: Record<string, Value>): Value {
  return { kind: 'map', entries: new Map(Object.entries(entries)) };
}

/** `for_each` over a map (keys) or a set of strings (each value is its key); undefined when unknown. */
function forEachPairs(collection: Value): [string, Value][] | undefined {
  if (collection.kind === 'map') {
    if (collection.entries.size > MAX_INSTANCES) return undefined;
    return [...collection.entries];
  }
  if (collection.kind === 'list') {
    if (collection.items.length > MAX_INSTANCES) return undefined;
    const seen = new Map<string, Value>();
    for (const item of collection.items) {
      if (item.kind !== 'string') return undefined;
      seen.set(item.value, item);
    }
    return [...seen];
  }
  return undefined;
}

class VariableImpl implements TfVariable {
  private resolved?: { value: Value; source?: { path: string; span: { start: number; end: number } } };

  constructor(
    readonly name: string,
    readonly syntax: HclBlock,
    readonly document: Document,
    private readonly module: ModuleImpl,
  ) {}

  get value(): Value {
    return this.resolve().value;
  }

  get valueSource(): { readonly path: string; readonly span: { start: number; end: number } } | undefined {
    return this.resolve().source;
  }

  get sensitive(): boolean {
    const attribute = this.syntax.body.attributes.find((a) => a.name === 'sensitive');
    const value = attribute ? evaluate(attribute.value, EMPTY_SCOPE) : UNKNOWN;
    return value.kind === 'bool' && value.value;
  }

  private resolve(): { value: Value; source?: { path: string; span: { start: number; end: number } } } {
    if (this.resolved) return this.resolved;
    const assigned = this.module.tfvarsValue(this.name);
    if (assigned) {
      this.resolved = { value: evaluate(assigned.attribute.value, EMPTY_SCOPE), source: { path: assigned.document.path, span: spanOf(assigned.attribute) } };
    } else {
      const fallback = this.syntax.body.attributes.find((a) => a.name === 'default');
      this.resolved = fallback
        ? { value: evaluate(fallback.value, EMPTY_SCOPE), source: { path: this.document.path, span: spanOf(fallback) } }
        : { value: UNKNOWN };
    }
    return this.resolved;
  }
}

function spanOf(span: { start: number; end: number }): { start: number; end: number } {
  return { start: span.start, end: span.end };
}

export class ModuleImpl implements TfModule {
  readonly dir: string;
  readonly resources: TfResource[] = [];
  readonly dataSources: TfResource[] = [];
  readonly variables: TfVariable[] = [];
  readonly outputs: TfOutput[] = [];
  readonly providers: TfProvider[] = [];
  readonly scope: Scope;
  private readonly byAddress = new Map<string, ResourceImpl>();
  private readonly byType = new Map<string, Map<string, ResourceImpl>>();
  private readonly variableByName = new Map<string, VariableImpl>();
  private readonly locals = new Map<string, HclExpression>();
  private readonly localValues = new Map<string, Value>();
  private readonly tfvars = new Map<string, { attribute: HclAttribute; document: Document }>();
  /** declaredIn() lists by document, then by type (`''` for all types). */
  private readonly managedByDocument = new Map<Document, Map<string, readonly TfResource[]>>();
  private readonly dataByDocument = new Map<Document, Map<string, readonly TfResource[]>>();

  constructor(documents: readonly Document[]) {
    this.dir = documents[0]?.dir ?? '';
    const host: EvalHost = {
      variable: (name) => this.variableValue(name),
      local: (name) => this.local(name),
      resource: (type, traversers, scope) => this.resourceValue(type, traversers, scope),
    };
    this.scope = { host };
    const sorted = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const document of sorted) {
      if (document.kind !== 'terraform') continue;
      const hcl = hclOf(document);
      if (hcl) this.addFile(document, hcl);
    }
    // Terraform reads terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order; a later
    // file wins.
    const rank = (name: string) => (name === 'terraform.tfvars' ? 0 : name === 'terraform.tfvars.json' ? 1 : 2);
    const tfvarsFiles = sorted.filter((d) => d.kind === 'tfvars' && (rank(d.basename) < 2 || /\.auto\.tfvars(\.json)?$/.test(d.basename)));
    tfvarsFiles.sort((a, b) => rank(a.basename) - rank(b.basename) || (a.basename < b.basename ? -1 : a.basename > b.basename ? 1 : 0));
    for (const document of tfvarsFiles) {
      for (const attribute of hclOf(document)?.body.attributes ?? []) this.tfvars.set(attribute.name, { attribute, document });
    }
  }

  private addFile(document: Document, hcl: HclFile): void {
    for (const block of hcl.body.blocks) {
      // The first two labels' values (no copy of the list per block).
      const first = block.labels.length > 0 ? block.labels[0].value : undefined;
      const second = block.labels.length > 1 ? block.labels[1].value : undefined;
      switch (block.type) {
        case 'resource':
        case 'data': {
          if (!first || !second) break;
          const mode: ResourceMode = block.type === 'data' ? 'data' : 'managed';
          const resource = new ResourceImpl(mode, first, second, block, document, this);
          (mode === 'data' ? this.dataSources : this.resources).push(resource);
          if (!this.byAddress.has(resource.address)) {
            this.byAddress.set(resource.address, resource);
            if (mode === 'managed') {
              let ofType = this.byType.get(resource.type);
              if (!ofType) this.byType.set(resource.type, (ofType = new Map<string, ResourceImpl>()));
              ofType.set(resource.name, resource);
            }
          }
          break;
        }
        case 'variable': {
          if (!first || this.variableByName.has(first)) break;
          const variable = new VariableImpl(first, block, document, this);
          this.variables.push(variable);
          this.variableByName.set(variable.name, variable);
          break;
        }
        case 'locals':
          for (const attribute of block.body.attributes) if (!this.locals.has(attribute.name)) this.locals.set(attribute.name, attribute.value);
          break;
        case 'output':
          if (first) this.outputs.push({ name: first, syntax: block, document, body: new BodyImpl(block, this.scope, false) });
          break;
        case 'provider':
          if (first) this.providers.push({ name: first, syntax: block, document, body: new BodyImpl(block, this.scope, false) });
          break;
        default:
          break;
      }
    }
  }

  resource(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /** EvalHost: `type.name…`, or undefined when the module declares no such resource. */
  private resourceValue(type: string, traversers: readonly HclTraverser[], scope: Scope): Value | undefined {
    const first = traversers[0];
    if (first?.kind !== 'attr') return undefined;
    const resource = this.byType.get(type)?.get(first.name);
    return resource ? resource.reference(traversers, 1, scope) : undefined;
  }

  variable(name: string): TfVariable | undefined {
    return this.variableByName.get(name);
  }

  /** EvalHost: `var.<name>`. */
  private variableValue(name: string): Value {
    return this.variableByName.get(name)?.value ?? UNKNOWN;
  }

  /** EvalHost: `local.<name>`; a cycle is unknown. */
  private local(name: string): Value {
    const cached = this.localValues.get(name);
    if (cached) return cached === IN_PROGRESS ? UNKNOWN : cached;
    const expression = this.locals.get(name);
    if (!expression) return UNKNOWN;
    this.localValues.set(name, IN_PROGRESS);
    const value = evaluate(expression, this.scope);
    this.localValues.set(name, value);
    return value;
  }

  tfvarsValue(name: string): { attribute: HclAttribute; document: Document } | undefined {
    return this.tfvars.get(name);
  }

  evaluate(expression: HclExpression): Value {
    return evaluate(expression, this.scope);
  }

  /** Resources (or data sources) of one document (optionally of one type) that Terraform creates (at least one instance), in source order. */
  declaredIn(document: Document, mode: ResourceMode, type?: string): readonly TfResource[] {
    const cache = mode === 'data' ? this.dataByDocument : this.managedByDocument;
    let byType = cache.get(document);
    if (!byType) cache.set(document, (byType = new Map<string, readonly TfResource[]>()));
    const key = type ?? '';
    let list = byType.get(key);
    if (!list) {
      list = type === undefined
        ? (mode === 'data' ? this.dataSources : this.resources).filter((r) => r.document === document && r.instances.length > 0)
        : this.declaredIn(document, mode).filter((r) => r.type === type);
      byType.set(key, list);
    }
    return list;
  }

  /** Managed resources of a type, in file and source order. */
  resourcesOfType(type: string): readonly TfResource[] {
    return this.resources.filter((r) => r.type === type);
  }
}

/**
 * A tiny module kept for the life of the process, with its values read once. V8 drops the hidden class an object
 * reaches by adding its fields when no live object has it at a full GC, and deoptimises every function that was
 * specialised on it ("weak objects"). A lint keeps none of its modules, so after each full GC the hot Terraform
 * code (and the line index, documents, resources, bodies, attributes, variables) ran unoptimised again until V8
 * re-optimised it. One live instance of each class keeps their hidden classes, and the optimised code with them.
 */
export const SHAPE_WITNESS: TerraformContext = witnessModule();

function witnessModule(): TerraformContext {
  const span = (start: number, end: number) => ({ start, end });
  const text = 'resource "heroku_app" "a" {\n  count = 1\n}\nvariable "v" {\n  default = "x"\n}\n';
  const attribute = (name: string, start: number, value: HclExpression): HclAttribute => ({ ...span(start, value.end), name, nameSpan: span(start, start + name.length), value });
  const block = (type: string, labels: readonly string[], start: number, attributes: HclAttribute[], end: number): HclBlock => ({
    ...span(start, end),
    type,
    typeSpan: span(start, start + type.length),
    labels: labels.map((value) => ({ ...span(start, start), value })),
    body: { ...span(start, end), attributes, blocks: [] },
  });
  const hcl: HclFile = {
    body: {
      ...span(0, text.length),
      attributes: [],
      blocks: [
        block('resource', ['heroku_app', 'a'], 0, [attribute('count', 30, { ...span(38, 39), kind: 'number', value: 1 })], 41),
        block('variable', ['v'], 42, [attribute('default', 59, { ...span(69, 72), kind: 'string', value: 'x' })], 74),
      ],
    },
    errors: [],
    comments: [],
  };
  const document = Document.parse({ path: 'main.tf', kind: 'terraform', text, hcl });
  const context = analyzeModule([document]);
  const reads: unknown[] = [];
  for (const resource of context.module.resources) {
    for (const instance of resource.instances) reads.push(instance.attribute('count')?.value);
    reads.push(resource.attribute('count')?.value);
    resource.blocks('lifecycle');
    context.graph.profileOf(resource);
  }
  for (const variable of context.module.variables) reads.push(variable.value);
  document.lines.range(0, text.length);
  document.strings();
  return context;
}
