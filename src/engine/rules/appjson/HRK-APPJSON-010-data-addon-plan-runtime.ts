import { appJsonAddons, ephemeralNote, type PlanProblem, planProblem, planProblemMessage } from '../../facts/addonPlans';
import { defineRule } from '../../rule';

interface Data {
  readonly spec: string;
  readonly problem: PlanProblem;
  readonly environment?: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-010',
    name: 'data-addon-plan-runtime',
    title: 'Data add-on plan not appropriate for the runtime',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A Heroku Postgres, Key-Value Store, Kafka or Connect plan does not fit the runtime profile: not Shield under shield, not networked into a Private Space, or space-only on the Common Runtime.',
    recommendation: 'Use `shield-*` data plans in Shield Spaces and `private-*` plans in Private Spaces; use Common Runtime plans elsewhere.',
    controls: [],
    sources: ['DC-SHIELD', 'DC-PG-PS', 'DC-KVS-PS', 'DC-APPJSON'],
    feature: 'Postgres / KVS / Kafka / Connect shield tiers',
    tags: ['app.json', 'addons', 'data'],
  },
  *check({ document, profile }) {
    for (const addon of appJsonAddons(document)) {
      const problem = planProblem(addon.service, addon.plan, profile);
      if (!problem) continue;
      // Review and CI apps replace the plan with the provider's ephemeral default (DC-APPJSON; catalog caveat 0.4-2).
      const ephemeral = addon.environment === 'review' || addon.environment === 'test';
      yield {
        start: addon.planStart,
        end: addon.planEnd,
        data: { spec: addon.spec.trim(), problem, environment: addon.environment },
        ...(ephemeral ? { severity: 'info' as const } : {}),
      };
    }
  },
  message: ({ spec, problem, environment }) => ephemeralNote(planProblemMessage(spec, problem), environment),
});
