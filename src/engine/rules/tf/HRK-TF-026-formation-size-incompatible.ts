import {
  type DynoCompatibility,
  dynoRuntimeOf,
  dynoSizeCompatibility,
  isKnownDynoSize,
  suggestDynoSize,
} from '../../facts/dynoSizes';
import { defineRule, type RuleContext } from '../../rule';
import { boolValue, detectionFor, isKnown, resourcesIn, stringValue, type TfGraph, type TfResource } from '../../terraform';
import type { Generation, Profile } from '../../types';

/** Why the size does not fit (as in HRK-APPJSON-015), or `unknown-size` for a name that is no dyno size at all. */
type Reason = 'unknown-size' | 'shield' | 'private-in-shield' | 'fir' | 'cedar' | 'private' | 'common';

interface Data {
  /** `heroku_formation.web` */
  readonly address: string;
  readonly size: string;
  readonly reason: Reason;
  /** For `unknown-size`: the size the value obviously meant. */
  readonly suggestion?: string;
  /** `heroku_app.api`, when the formation's app is declared in the module. */
  readonly app?: string;
}

/**
 * Where the formation's app runs, as far as the module tells: the candidate runtimes (as profiles: `common` for the
 * Common Runtime, `private` or `shield` for the kind of space) and generations. The placement, not the profile,
 * decides compatibility (the catalog compares the size with "the app's space, shield or generation"); the profile
 * only sets the severity. A size is reported only when it fits none of the candidates, so that a value the module
 * does not know (a space from a data source, `shield = var.x` without a value) never produces a finding.
 * Undefined: nothing is known about the placement.
 */
interface Placement {
  readonly runtimes: readonly Profile[];
  readonly generations: readonly Generation[];
}

const BOTH_GENERATIONS: readonly Generation[] = ['cedar', 'fir'];

function placementOf(graph: TfGraph, formation: TfResource): Placement | undefined {
  const app = graph.appOf(formation);
  if (!app) return undefined;
  const spaceAttribute = app.attribute('space');
  if (spaceAttribute === undefined || spaceAttribute.value.kind === 'null') {
    // The Common Runtime (an app without a space), on the configured generation.
    return { runtimes: ['common'], generations: [graph.generationOf(app)] };
  }
  // The space of the app instance the formation names (`heroku_app.svc["api"].id`), else the app's.
  const space = graph.runtimeSpaceOf(formation);
  // A space the module does not declare (a data source, a name from a variable): nothing is known.
  if (!space) return undefined;
  const shieldAttribute = space.attribute('shield');
  const shield = shieldAttribute === undefined ? false : boolValue(shieldAttribute.value);
  const generationAttribute = space.attribute('generation');
  const generationValue = generationAttribute === undefined ? 'cedar' : stringValue(generationAttribute.value)?.trim().toLowerCase();
  const generations: readonly Generation[] = generationValue === 'cedar' || generationValue === 'fir' ? [generationValue] : BOTH_GENERATIONS;
  const runtimes: readonly Profile[] = shield === undefined ? ['private', 'shield'] : shield ? ['shield'] : ['private'];
  return { runtimes, generations };
}

/** The problem with a known size in a placement, or undefined when it fits at least one candidate. */
function incompatibility(size: string, placement: Placement): { reason: Reason; compatibility: DynoCompatibility } | undefined {
  let first: { profile: Profile; generation: Generation; compatibility: DynoCompatibility } | undefined;
  for (const profile of placement.runtimes) {
    for (const generation of placement.generations) {
      const compatibility = dynoSizeCompatibility(size, profile, generation);
      if (compatibility === 'ok' || compatibility === 'unknown') return undefined;
      first ??= { profile, generation, compatibility };
    }
  }
  if (!first) return undefined;
  const { profile, generation, compatibility } = first;
  const runtime = dynoRuntimeOf(size);
  let reason: Reason;
  if (compatibility === 'private-in-shield') reason = 'private-in-shield';
  else if (profile === 'shield') reason = 'shield';
  else if (generation === 'fir' && placement.generations.length === 1) reason = 'fir';
  else if (runtime === 'fir') reason = 'cedar';
  else if (profile === 'private') reason = 'private';
  else reason = 'common';
  return { reason, compatibility };
}

function* check(context: RuleContext) {
  const graph = context.terraform?.graph;
  if (!graph) return;
  for (const formation of resourcesIn(context, 'heroku_formation')) {
    const reported = new Set<string>();
    for (const instance of formation.instances) {
      const attribute = instance.attribute('size');
      if (!attribute || !isKnown(attribute.value)) continue;
      const size = stringValue(attribute.value);
      if (size === undefined) continue;
      const span = attribute.syntax.value;
      const app = graph.appOf(formation)?.address;
      let data: Data;
      let info = false;
      if (!isKnownDynoSize(size)) {
        const suggestion = suggestDynoSize(size);
        data = { address: formation.address, size, reason: 'unknown-size', ...(suggestion !== undefined ? { suggestion } : {}) };
      } else {
        const placement = placementOf(graph, formation);
        const problem = placement && incompatibility(size, placement);
        if (!problem) continue;
        data = { address: formation.address, size, reason: problem.reason, ...(app !== undefined ? { app } : {}) };
        // A `private-*` size in a Shield space is mapped to `shield-*` by Heroku (catalog caveat 0.4-3): info only.
        info = problem.reason === 'private-in-shield';
      }
      const key = `${span.start}:${data.reason}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const detection = detectionFor(context, formation, span, data);
      yield info ? { ...detection, severity: 'info' as const } : detection;
    }
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-026',
    name: 'formation-size-incompatible',
    title: 'Formation size incompatible',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_formation.size` is not a Heroku dyno size, or cannot run where the app runs (Common Runtime, Private or Shield Space, Cedar or Fir).',
    recommendation: 'Use a size of the app\'s runtime: `private-*` in a Private Space, `shield-*` in a Shield Space, `dyno-*` on Fir, Common Runtime sizes elsewhere.',
    controls: [],
    sources: ['TF-FORMATION', 'HK-CLI', 'DC-SHIELD'],
    feature: 'Runtime',
    tags: ['terraform', 'dynos', 'runtime'],
  },
  check,
  message: ({ address, size, reason, suggestion, app }) => {
    const what = `\`${address}\` sets size \`${size}\``;
    const where = app !== undefined ? ` for \`${app}\`` : '';
    switch (reason) {
      case 'unknown-size':
        return size.trim().length === 0
          ? `\`${address}\` sets an empty size, which is not a Heroku dyno size.`
          : `${what}, which is not a Heroku dyno size${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : '.'}`;
      case 'shield':
        return `${what}${where}, which cannot run in a Shield Private Space, where only \`shield-*\` dynos run.`;
      case 'private-in-shield':
        return `${what}${where}, a Private Space name; Shield Private Spaces run \`shield-*\` dynos, so write \`${size.replace(/^private-/i, 'shield-')}\`.`;
      case 'fir':
        return `${what}${where}, which is not a Fir size; Fir apps run only \`dyno-*\` sizes.`;
      case 'cedar':
        return `${what}${where}, a Fir size that cannot run on a Cedar app.`;
      case 'private':
        return `${what}${where}, which cannot run in a Private Space, where dynos are \`private-*\` sizes.`;
      case 'common':
        return `${what}${where}, which runs only in a Private or Shield Space, not in the Common Runtime.`;
    }
  },
});
