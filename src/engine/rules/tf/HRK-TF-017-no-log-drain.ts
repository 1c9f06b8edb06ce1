import type { Document } from '../../document';
import { defineRule } from '../../rule';
import { detectionFor, type HclExpression, headerSpan, isKnown, resourcesIn, stringValue, type TfGraph, type TfModule, type TfResource, type Value } from '../../terraform/index';
import type { Generation } from '../../types';

interface Data {
  readonly app: string;
  readonly generation: Generation;
}

/** Where the log drains of a module go, as far as the module says. */
interface DrainCoverage {
  /** Addresses of apps with a drain (or a telemetry drain with `logs`). */
  readonly apps: ReadonlySet<string>;
  /** For apps whose drains all name instances (`heroku_app.svc["api"].id`): the instance keys they cover. */
  readonly instances: ReadonlyMap<string, ReadonlySet<string | number>>;
  /** Addresses of spaces with a space-level telemetry drain with `logs`. */
  readonly spaces: ReadonlySet<string>;
  /** Some drain's owner is unknown: it may be any app, so no app is reported. */
  readonly unknownOwner: boolean;
  /** Apps passed to a child module (`module "x" { app_id = heroku_app.api.id }`), which may declare drains. */
  readonly passedToModules: ReadonlySet<string>;
}

const cache = new WeakMap<TfModule, DrainCoverage>();

/** True when a value surely names nothing of this module: a known literal (an app outside the module). */
function isForeign(value: Value | undefined): boolean {
  return value !== undefined && isKnown(value);
}

/** Whether a telemetry drain's `signals` may include `logs` (unknown counts as yes). */
function mayCarryLogs(drain: TfResource): boolean {
  return drain.instances.some((instance) => {
    const value = instance.attribute('signals')?.value;
    if (!value || !isKnown(value)) return true;
    if (value.kind !== 'list') return false;
    return value.items.some((item) => !isKnown(item) || stringValue(item)?.toLowerCase() === 'logs');
  });
}

/** The app instance key a drain's `app_id` names, when it names one. */
function keyOf(value: Value | undefined): string | number | undefined {
  return value !== undefined && 'from' in value ? value.from?.key : undefined;
}

function coverageOf(module: TfModule, graph: TfGraph): DrainCoverage {
  const cached = cache.get(module);
  if (cached) return cached;
  const apps = new Set<string>();
  const instances = new Map<string, Set<string | number>>();
  const spaces = new Set<string>();
  let unknownOwner = false;
  for (const resource of module.resources) {
    if (resource.mode !== 'managed' || resource.instances.length === 0) continue;
    if (resource.type === 'heroku_drain') {
      const app = graph.appOf(resource);
      const keys = resource.instances.map((instance) => keyOf(instance.attribute('app_id')?.value));
      const named = keys.filter((key): key is string | number => key !== undefined);
      if (app && named.length === keys.length) {
        const covered = instances.get(app.address) ?? new Set<string | number>();
        for (const key of named) covered.add(key);
        instances.set(app.address, covered);
      } else if (app) apps.add(app.address);
      else if (!resource.instances.every((i) => isForeign(i.attribute('app_id')?.value))) unknownOwner = true;
    } else if (resource.type === 'heroku_telemetry_drain') {
      if (!mayCarryLogs(resource)) continue;
      const app = graph.appOf(resource);
      const space = graph.spaceOf(resource);
      if (app) apps.add(app.address);
      else if (space) spaces.add(space.address);
      else {
        for (const instance of resource.instances) {
          const owner = instance.attribute('owner_id')?.value;
          const type = stringValue(instance.attribute('owner_type')?.value)?.toLowerCase();
          const target = owner?.kind === 'ref' ? module.resource(owner.from.address) : undefined;
          if (target?.type === 'heroku_app' && type !== 'space') apps.add(target.address);
          else if (target?.type === 'heroku_space' && type !== 'app') spaces.add(target.address);
          else if (!isForeign(owner)) unknownOwner = true;
        }
      }
    }
  }
  // An app drained as a whole needs no per-instance bookkeeping.
  for (const address of apps) instances.delete(address);
  const coverage = { apps, instances, spaces, unknownOwner, passedToModules: appsPassedToModules(module) };
  cache.set(module, coverage);
  return coverage;
}

/** The module's documents, found through what it declares. */
function documentsOf(module: TfModule): Set<Document> {
  const documents = new Set<Document>();
  for (const item of [...module.resources, ...module.variables, ...module.outputs, ...module.providers]) documents.add(item.document);
  return documents;
}

/** `heroku_app.<name>` references anywhere in the arguments of `module` blocks. */
function appsPassedToModules(module: TfModule): Set<string> {
  const out = new Set<string>();
  for (const document of documentsOf(module)) {
    for (const block of document.hcl?.body.blocks ?? []) {
      if (block.type !== 'module') continue;
      for (const attribute of block.body.attributes) collectAppReferences(attribute.value, out, 0);
    }
  }
  return out;
}

function collectAppReferences(expression: HclExpression, out: Set<string>, depth: number): void {
  if (depth > 32) return;
  const next = (e: HclExpression) => collectAppReferences(e, out, depth + 1);
  switch (expression.kind) {
    case 'traversal': {
      const first = expression.traversers[0];
      if (expression.root === 'heroku_app' && first?.kind === 'attr') out.add(`heroku_app.${first.name}`);
      for (const t of expression.traversers) if (t.kind === 'index') next(t.key);
      return;
    }
    case 'template':
      for (const part of expression.parts) if (part.expression) next(part.expression);
      return;
    case 'tuple':
      expression.items.forEach(next);
      return;
    case 'object':
      for (const item of expression.items) {
        next(item.key);
        next(item.value);
      }
      return;
    case 'call':
      expression.args.forEach(next);
      return;
    case 'conditional':
      next(expression.condition);
      next(expression.then);
      next(expression.otherwise);
      return;
    case 'operation':
      expression.operands.forEach(next);
      return;
    case 'relative':
      next(expression.source);
      return;
    default:
      return;
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-017',
    name: 'no-log-drain',
    title: 'No log drain for a sensitive app',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'An app under the private or shield profile has no `heroku_drain` (Cedar) and no `heroku_telemetry_drain` with `logs` (Fir), so its logs are only delivered, never retained.',
    recommendation:
      'Add a `heroku_drain` with a `syslog+tls://` or `https://` `sensitive_url` (Cedar) or a `heroku_telemetry_drain` with the `logs` signal (Fir); check Private Space Logging with HRK-LIVE-018.',
    controls: ['PCI 10.2.1', 'HIPAA 164.312(b)', 'SOC2 CC7.2'],
    sources: ['DC-LOGPLEX', 'TF-DRAIN', 'TF-TELEMETRY'],
    feature: 'Logging / Private Space Logging / audit',
    tags: ['terraform', 'logging', 'audit'],
  },
  *check(context) {
    const terraform = context.terraform;
    if (!terraform) return;
    const { module, graph } = terraform;
    const apps = resourcesIn(context, 'heroku_app');
    if (apps.length === 0) return;
    const coverage = coverageOf(module, graph);
    if (coverage.unknownOwner) return;
    for (const app of apps) {
      if (coverage.apps.has(app.address) || coverage.passedToModules.has(app.address)) continue;
      const space = graph.spaceOf(app);
      if (space && coverage.spaces.has(space.address)) continue;
      const covered = coverage.instances.get(app.address);
      if (covered) {
        // Drains name single instances: report the instances none of them names.
        const missing = app.instances.map((instance) => instance.key).filter((key) => key !== undefined && !covered.has(key));
        if (missing.length > 0) {
          const names = missing.map((key) => `${app.address}[${typeof key === 'number' ? key : JSON.stringify(key)}]`).join(', ');
          yield detectionFor(context, app, headerSpan(app.syntax), { app: names, generation: graph.generationOf(app) });
        }
        continue;
      }
      yield detectionFor(context, app, headerSpan(app.syntax), { app: app.address, generation: graph.generationOf(app) });
    }
  },
  message: ({ app, generation }) =>
    generation === 'fir'
      ? `${app} has no \`heroku_telemetry_drain\` with the \`logs\` signal, so its logs are not retained anywhere.`
      : `${app} has no \`heroku_drain\`, so its logs are only buffered by Logplex and not retained anywhere.`,
});
