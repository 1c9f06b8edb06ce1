import { dynoRuntimeOf, dynoSizeCompatibility, expectedDynoFamily } from '../../engine/facts/dynoSizes';
import { dataOf, generationOf, runtimeOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  | { readonly kind: 'eco-web'; readonly type: string; readonly size: string }
  | { readonly kind: 'incompatible'; readonly type: string; readonly size: string; readonly expected: string };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-009',
    name: 'formation',
    title: 'Formation',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The running formation has an Eco `web` dyno, which sleeps after 30 minutes without traffic, or a dyno size that does not belong to the runtime the app runs in.',
    recommendation:
      'Scale `web` to Basic or larger (`heroku ps:type web=standard-1x`), and use `private-*` sizes in Private Spaces, `shield-*` in Shield spaces and `dyno-*` on Fir.',
    controls: [],
    sources: ['HELP-ECO', 'DC-DYNOS', 'HK-CLI', 'DC-SHIELD'],
    feature: 'Runtime (dyno types)',
    tags: ['live', 'runtime', 'dynos'],
  },
  *check(snapshot) {
    const formation = dataOf(snapshot.formation);
    const runtime = runtimeOf(snapshot);
    if (!formation || !runtime) return;
    const generation = generationOf(snapshot);
    for (const process of formation) {
      const size = process.size;
      const type = process.type ?? 'process';
      if (typeof size !== 'string' || process.quantity === 0) continue;
      if (type === 'web' && size.toLowerCase() === 'eco') {
        yield { itemId: 'dynos', data: { kind: 'eco-web', type, size } };
        continue;
      }
      // Measured against where the app runs. The API reports `Private-*` sizes for Shield apps (catalog caveat
      // 0.4-3), so those fit; an app in the wrong runtime is HRK-LIVE-001's finding.
      if (dynoRuntimeOf(size) === undefined) continue;
      const fit = dynoSizeCompatibility(size, runtime, generation);
      if (fit === 'incompatible') yield { itemId: 'dynos', data: { kind: 'incompatible', type, size, expected: expectedDynoFamily(runtime, generation) } };
    }
  },
  message: ({ data }) =>
    data.kind === 'eco-web'
      ? `The \`web\` process runs on Eco dynos, which sleep after 30 minutes without web traffic.`
      : `The \`${data.type}\` process runs on \`${data.size}\` dynos, which do not belong to the app's runtime (expected ${data.expected}).`,
});
