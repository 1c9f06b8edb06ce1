import { defineRule } from '../../rule';
import { boolValue, detectionFor, headerSpan, parsedWhole, resourcesIn } from '../../terraform';

interface Data {
  /** `heroku_app.api` */
  readonly address: string;
  /** `no-team`: no `organization` block; `personal`: `organization { personal = true }`. */
  readonly kind: 'no-team' | 'personal';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-029',
    name: 'personal-app-for-sensitive-data',
    title: 'Personal (non-team) app for sensitive data',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'Under the private or shield profile, a `heroku_app` has no `organization` block or sets `personal = true`, so it is a personal app outside the team\'s permissions, app locking and space.',
    recommendation: 'Create the app in a Heroku Team: add `organization { name = "<team>"  locked = true }` (without `personal = true`).',
    controls: [],
    sources: ['TF-APP', 'HK-API'],
    feature: 'Enterprise permissions',
    tags: ['terraform', 'access'],
  },
  *check(context) {
    for (const app of resourcesIn(context, 'heroku_app')) {
      const reported = new Set<number>();
      for (const instance of app.instances) {
        const organizations = instance.blocks('organization');
        // A `dynamic "organization"` whose `for_each` is unknown may or may not produce a block.
        const dynamic = instance.syntax.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0]?.value === 'organization');
        if (organizations.length === 0) {
          if (dynamic || reported.has(-1) || !parsedWhole(app.document, app.syntax)) continue;
          reported.add(-1);
          yield detectionFor(context, app, headerSpan(app.syntax), { address: app.address, kind: 'no-team' });
          continue;
        }
        for (const organization of organizations) {
          if (organization.partial) continue;
          const personal = organization.attribute('personal');
          if (!personal || boolValue(personal.value) !== true || reported.has(personal.syntax.start)) continue;
          reported.add(personal.syntax.start);
          yield detectionFor(context, app, personal.syntax, { address: app.address, kind: 'personal' });
        }
      }
    }
  },
  message: ({ address, kind }) =>
    kind === 'no-team'
      ? `\`${address}\` has no \`organization\` block, so it is a personal app without team permissions or app locking.`
      : `\`${address}\` sets \`organization.personal\` to true, so it is created in a personal account without team permissions or app locking.`,
});
