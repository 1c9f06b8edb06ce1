import { defineRule } from '../../rule';
import { detectionFor, headerSpan, isKnown, resourcesIn, stringValue } from '../../terraform/index';

interface Data {
  readonly ruleset: string;
  readonly space: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-012',
    name: 'ruleset-on-fir-space',
    title: 'Inbound ruleset on a Fir space',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_space_inbound_ruleset` targets a `generation = "fir"` space, where inbound rulesets (trusted IP ranges) are not available.',
    recommendation:
      'Remove the ruleset, or run the apps that need trusted IP ranges in a Cedar space; on Fir restrict access in the application or in front of it.',
    controls: [],
    sources: ['TF-RULESET'],
    feature: 'Fir gaps',
    tags: ['terraform', 'network', 'spaces', 'fir'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    for (const ruleset of resourcesIn(context, 'heroku_space_inbound_ruleset')) {
      const space = graph.spaceOf(ruleset);
      if (!space || space.mode !== 'managed') continue;
      const fir = space.instances.some((i) => {
        const generation = i.attribute('generation')?.value;
        return isKnown(generation) && stringValue(generation)?.toLowerCase() === 'fir';
      });
      if (!fir) continue;
      const span = ruleset.attribute('space')?.syntax ?? headerSpan(ruleset.syntax);
      const detection = detectionFor(context, ruleset, span, { ruleset: ruleset.address, space: space.address });
      const generation = space.attribute('generation')?.syntax ?? headerSpan(space.syntax);
      const related = { path: space.document.path, start: generation.start, end: generation.end, message: `${space.address} uses the Fir generation.` };
      yield { ...detection, related: [...(detection.related ?? []), related] };
    }
  },
  message: ({ ruleset, space }) => `${ruleset} targets Fir space ${space}, where inbound rulesets are not supported, so it does not restrict access.`,
});
