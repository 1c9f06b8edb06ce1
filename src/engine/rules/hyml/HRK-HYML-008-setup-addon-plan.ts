import { herokuYmlAddons, isPgEssential, type PlanProblem, planProblem, planProblemMessage } from '../../facts/addonPlans';
import { defineRule } from '../../rule';

type Data = { readonly spec: string } & ({ readonly kind: 'plan'; readonly problem: PlanProblem } | { readonly kind: 'essential' });

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-008',
    name: 'setup-addon-plan',
    title: 'setup add-on plan inappropriate for the profile',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'info', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A heroku.yml `setup.addons` plan does not fit the runtime profile (not Shield, not networked into a Private Space, space-only on the Common Runtime) or is an Essential-tier Postgres without rollback or HA.',
    recommendation: 'Use `shield-*` data plans in Shield Spaces and `private-*` plans in Private Spaces, and Standard or higher Postgres for data you must restore.',
    controls: [],
    sources: ['DC-SHIELD', 'DC-PG-PS', 'HK-CLI'],
    feature: 'Postgres / KVS / Kafka / Connect tiers',
    tags: ['heroku.yml', 'addons', 'data'],
  },
  *check({ document, profile }) {
    for (const addon of herokuYmlAddons(document)) {
      const spec = addon.spec.trim();
      const problem = planProblem(addon.service, addon.plan, profile);
      if (problem) yield { start: addon.planStart, end: addon.planEnd, data: { spec, kind: 'plan', problem } };
      else if (isPgEssential(addon.service, addon.plan)) yield { start: addon.planStart, end: addon.planEnd, data: { spec, kind: 'essential' } };
    }
  },
  message: (data) =>
    data.kind === 'plan'
      ? planProblemMessage(data.spec, data.problem)
      : `\`${data.spec}\` is an Essential-tier database with no rollback, followers or high availability.`,
});
