import { defineRule } from '../../rule';
import { detectionFor, headerSpan, isKnown, resourcesIn, stringValue, type TfBody, type TfGraph, type TfResource } from '../../terraform/index';

interface Data {
  readonly space: string;
}

const RULESET = 'heroku_space_inbound_ruleset';

/** A Cedar space: `generation` absent, null or `cedar`. Unknown or Fir is not reported (Fir has no inbound rulesets). */
function isCedar(instance: TfBody): boolean {
  const generation = instance.attribute('generation');
  if (!generation || generation.value.kind === 'null') return true;
  return isKnown(generation.value) && stringValue(generation.value)?.toLowerCase() === 'cedar';
}

/**
 * Whether some inbound ruleset of the module might point at a space the graph cannot see: its `space` is
 * unknown (a variable with no value, a data source), or a name while some space's name is unknown.
 */
function someRulesetUnresolved(graph: TfGraph): boolean {
  // A property of the whole module, asked once per file: computed once per graph.
  let unresolved = unresolvedByGraph.get(graph);
  if (unresolved === undefined) unresolvedByGraph.set(graph, (unresolved = findUnresolvedRuleset(graph)));
  return unresolved;
}

const unresolvedByGraph = new WeakMap<TfGraph, boolean>();

function findUnresolvedRuleset(graph: TfGraph): boolean {
  const spaces = graph.module.resources.filter((r) => r.type === 'heroku_space' && r.mode === 'managed');
  const spaceNameUnknown = spaces.some((s) => s.instances.some((i) => !isKnown(i.attribute('name')?.value)));
  return graph.module.resources.some((r) => {
    if (r.type !== RULESET || r.mode !== 'managed' || r.instances.length === 0 || graph.spaceOf(r)) return false;
    return r.instances.some((i) => {
      const value = i.attribute('space')?.value;
      return !isKnown(value) || spaceNameUnknown;
    });
  });
}

function hasRuleset(graph: TfGraph, space: TfResource): boolean {
  return graph.resourcesOfSpace(space, RULESET).length > 0;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-010',
    name: 'space-without-trusted-ips',
    title: 'Space without trusted IP ranges',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A Cedar `heroku_space` has no `heroku_space_inbound_ruleset`, so its trusted IP ranges stay at the default `0.0.0.0/0` and any address can reach its web processes.',
    recommendation:
      'Add a `heroku_space_inbound_ruleset` for the space that allows only the address ranges that must reach its apps (offices, VPN egress, CDN or load balancer ranges).',
    controls: ['SOC2 CC6.6'],
    sources: ['HK-CLI', 'TF-RULESET'],
    feature: 'Trusted IP Ranges',
    tags: ['terraform', 'network', 'spaces'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    const spaces = resourcesIn(context, 'heroku_space').filter((s) => s.instances.some(isCedar) && !hasRuleset(graph, s));
    if (spaces.length === 0 || someRulesetUnresolved(graph)) return;
    for (const space of spaces) yield detectionFor(context, space, headerSpan(space.syntax), { space: space.address });
  },
  message: ({ space }) =>
    `${space} has no heroku_space_inbound_ruleset, so its trusted IP ranges stay at the default 0.0.0.0/0 and any address can reach its apps.`,
});
