import { isPgEssential, parseAddonSpec } from '../../facts/addonPlans';
import { defineRule } from '../../rule';
import { detectionFor, resourcesIn, stringValue } from '../../terraform';
import { planSpan } from '../../terraform/literals';

interface Data {
  /** `heroku_addon.db` */
  readonly address: string;
  /** The plan as evaluated, e.g. `heroku-postgresql:essential-0`. */
  readonly spec: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-025',
    name: 'pg-tier-without-rollback',
    title: 'Postgres without rollback or HA',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_addon` provisions Heroku Postgres on an Essential-tier plan, which has no rollback, no followers and no high availability.',
    recommendation: 'Use a Standard plan or higher (a Private or Shield plan in a space) for data you must be able to restore to a point in time.',
    controls: [],
    sources: ['DC-PGPLANS', 'HK-CLIUTIL', 'TF-INDEX'],
    feature: 'Postgres rollbacks & backups',
    tags: ['terraform', 'addons', 'data', 'backups'],
  },
  *check(context) {
    for (const addon of resourcesIn(context, 'heroku_addon')) {
      // One finding per source location: the instances of a `for_each` share the attribute.
      const reported = new Set<string>();
      for (const instance of addon.instances) {
        const attribute = instance.attribute('plan');
        const spec = stringValue(attribute?.value);
        if (attribute === undefined || spec === undefined) continue;
        const parsed = parseAddonSpec(spec);
        if (!isPgEssential(parsed.service, parsed.plan)) continue;
        const span = planSpan(attribute, spec);
        const key = `${span.start}:${span.end}`;
        if (reported.has(key)) continue;
        reported.add(key);
        yield detectionFor(context, addon, span, { address: addon.address, spec: spec.trim() });
      }
    }
  },
  message: ({ address, spec }) => `\`${address}\` uses \`${spec}\`, an Essential-tier Postgres plan with no rollback, followers or high availability.`,
});
