import { defineRule } from '../../rule';
import { boolValue, detectionFor, parsedWhole, resourcesIn } from '../../terraform';

interface Data {
  /** `heroku_app.internal` */
  readonly address: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-036',
    name: 'internal-routing-without-space',
    title: '`internal_routing` without a space',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_app` sets `internal_routing = true` but no `space`; internal routing exists only for apps in a Private Space.',
    recommendation: 'Put the app in a Private Space with `space = heroku_space.<name>.id`, or drop `internal_routing`.',
    controls: [],
    sources: ['TF-APP'],
    feature: 'Internal Routing',
    tags: ['terraform', 'routing', 'spaces'],
  },
  *check(context) {
    for (const app of resourcesIn(context, 'heroku_app')) {
      for (const instance of app.instances) {
        const routing = instance.attribute('internal_routing');
        if (!routing || boolValue(routing.value) !== true) continue;
        const space = instance.attribute('space');
        // No space: the attribute is absent or statically null. An unknown space (a variable without a value) may be set.
        if (space !== undefined ? space.value.kind !== 'null' : !parsedWhole(app.document, app.syntax)) continue;
        yield detectionFor(context, app, routing.syntax, { address: app.address });
        break;
      }
    }
  },
  message: ({ address }) => `\`${address}\` sets \`internal_routing = true\` without a \`space\`; internal routing works only for apps in a Private Space.`,
});
