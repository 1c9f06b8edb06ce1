import { defineRule } from '../../rule';
import { detectionFor, headerSpan, resourcesIn, type TfBody } from '../../terraform/index';

interface Data {
  readonly app: string;
}

/** The instance sets no space: `space` is absent or `null`. An unknown value may name a space: not reported. */
function hasNoSpace(instance: TfBody): boolean {
  const space = instance.attribute('space');
  return space === undefined || space.value.kind === 'null';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-007',
    name: 'app-in-common-runtime',
    title: 'App runs in the Common Runtime',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_app` has no `space`, so it runs in the multi-tenant Common Runtime although the profile asks for a Private or Shield Space.',
    recommendation:
      'Set `space` to a Private Space (or a Shield space for regulated data); `space` forces a new app, so plan the move of its data and config.',
    controls: [],
    sources: ['DC-SEC', 'TF-APP'],
    feature: 'Runtime (Private/Shield)',
    tags: ['terraform', 'runtime', 'spaces'],
  },
  *check(context) {
    for (const app of resourcesIn(context, 'heroku_app')) {
      if (!app.instances.some(hasNoSpace)) continue;
      yield detectionFor(context, app, headerSpan(app.syntax), { app: app.address });
    }
  },
  message: ({ app }) => `${app} has no \`space\`, so it runs in the Common Runtime instead of a Private or Shield Space.`,
});
