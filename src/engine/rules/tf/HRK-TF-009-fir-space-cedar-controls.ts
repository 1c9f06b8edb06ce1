import { defineRule } from '../../rule';
import { boolValue, detectionFor, isKnown, resourcesIn, stringValue, type TfBody } from '../../terraform/index';
import type { Profile } from '../../types';

interface Data {
  readonly space: string;
  /** `shield = true` on a Fir space (the provider rejects it), Shield needed, or Private controls lost. */
  readonly problem: 'shield-on-fir' | 'shield-profile' | 'controls-lost';
}

function isFir(instance: TfBody): boolean {
  const generation = instance.attribute('generation')?.value;
  return isKnown(generation) && stringValue(generation)?.toLowerCase() === 'fir';
}

function problemFor(instances: readonly TfBody[], profile: Profile): Data['problem'] | undefined {
  const fir = instances.filter(isFir);
  if (fir.length === 0) return undefined;
  if (fir.some((i) => boolValue(i.attribute('shield')?.value) === true)) return 'shield-on-fir';
  return profile === 'shield' ? 'shield-profile' : 'controls-lost';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-009',
    name: 'fir-space-cedar-controls',
    title: 'Fir space where Cedar-only controls are needed',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A `heroku_space` uses `generation = "fir"`, which cannot be Shield and has no trusted IP ranges, VPN, peering, outbound IPs, Private Space Logging or internal routing.',
    recommendation:
      'Use a Cedar space (`generation = "cedar"`, the default) for workloads that need Shield or the Cedar-only network controls; keep Fir for workloads that do not.',
    controls: [],
    sources: ['TF-SPACE'],
    feature: 'Fir gaps',
    tags: ['terraform', 'runtime', 'spaces', 'fir'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    for (const space of resourcesIn(context, 'heroku_space')) {
      const problem = problemFor(space.instances, graph.profileOf(space).profile);
      const generation = space.attribute('generation')?.syntax;
      if (!problem || !generation) continue;
      yield detectionFor(context, space, generation, { space: space.address, problem });
    }
  },
  message: ({ space, problem }) => {
    switch (problem) {
      case 'shield-on-fir':
        return `${space} sets \`shield = true\` on a Fir space, which the provider rejects because Shield spaces exist only on Cedar.`;
      case 'shield-profile':
        return `${space} is a Fir space, which cannot be Shield, although the \`shield\` profile requires a Cedar Shield space.`;
      case 'controls-lost':
        return `${space} is a Fir space, which has no trusted IP ranges, VPN, peering, outbound IPs, Private Space Logging or internal routing.`;
    }
  },
});
