import { dynoRuntimeOf, dynoSizeCompatibility } from '../../facts/dynoSizes';
import { defineRule } from '../../rule';
import { dynoSizeSites } from './manifest';

/** Why the size does not fit. */
type Reason =
  /** Shield space: only `shield-*` sizes run there. */
  | 'shield'
  /** Shield space with a `private-*` size: Heroku maps it to `shield-*` (caveat 0.4-3); info only. */
  | 'private-in-shield'
  /** Fir app with a Cedar size. */
  | 'fir'
  /** Cedar app with a Fir `dyno-*` size. */
  | 'cedar'
  /** Private Space (Cedar) with a size that is not `private-*`. */
  | 'private'
  /** Common Runtime with a space-only size. */
  | 'common';

interface Data {
  readonly size: string;
  readonly label: string;
  readonly reason: Reason;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-015',
    name: 'dyno-size-incompatible-with-runtime',
    title: 'Dyno size incompatible with the runtime profile',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: null, private: 'high', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A formation or script `size` cannot run in the app\'s runtime (Private or Shield Space, Cedar or Fir).',
    recommendation: 'Use the size family of the runtime: `private-*` in a Private Space, `shield-*` in a Shield Space, `dyno-*` on Fir.',
    controls: [],
    sources: ['DC-SHIELD', 'HK-CLI', 'TF-FORMATION'],
    feature: 'Runtime (Private/Shield)',
    tags: ['app.json', 'dynos', 'runtime'],
  },
  *check({ document, profile, generation }) {
    for (const site of dynoSizeSites(document.appJson)) {
      // Heroku CI sizes its test dynos itself (Performance-M by default); the space's size rules do not apply there.
      if (site.environment === 'test') continue;
      const compatibility = dynoSizeCompatibility(site.size, profile, generation);
      if (compatibility === 'ok' || compatibility === 'unknown') continue;
      const runtime = dynoRuntimeOf(site.size);
      let reason: Reason;
      if (compatibility === 'private-in-shield') reason = 'private-in-shield';
      else if (profile === 'shield') reason = 'shield';
      else if (generation === 'fir') reason = 'fir';
      else if (runtime === 'fir') reason = 'cedar';
      else if (profile === 'private') reason = 'private';
      else reason = 'common';
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: { size: site.size, label: site.label, reason },
        ...(reason === 'private-in-shield' ? { severity: 'info' as const } : {}),
      };
    }
  },
  message: ({ size, label, reason }) => {
    const what = `Dyno size \`${size}\` in \`${label}\``;
    switch (reason) {
      case 'shield':
        return `${what} cannot run in a Shield Private Space, where only \`shield-*\` dynos run.`;
      case 'private-in-shield':
        return `${what} is a Private Space name; Shield Private Spaces run only \`shield-*\` dynos, so write \`${size.replace(/^private-/i, 'shield-')}\`.`;
      case 'fir':
        return `${what} is not a Fir size; Fir apps run only \`dyno-*\` sizes.`;
      case 'cedar':
        return `${what} is a Fir size and cannot run on a Cedar app.`;
      case 'private':
        return `${what} cannot run in a Private Space, where dynos are \`private-*\` sizes.`;
      case 'common':
        return `${what} runs only in a Private or Shield Space, not in the Common Runtime.`;
    }
  },
});
