import { appJsonAddons, legacyPlan } from '../../facts/addonPlans';
import { defineRule } from '../../rule';

interface Data {
  readonly spec: string;
  readonly service: string;
  readonly current: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-013',
    name: 'legacy-plan-name',
    title: 'Legacy or retired plan name',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'An add-on uses a retired plan name such as `heroku-postgresql:hobby-dev` or `heroku-redis:hobby-dev`.',
    recommendation: 'Replace the retired plan with a current one (`essential-0` for Postgres, `mini` for Key-Value Store, `basic-0` for Kafka) or a higher tier.',
    controls: [],
    sources: ['HK-CLIUTIL'],
    feature: 'Postgres',
    tags: ['app.json', 'addons'],
  },
  *check({ document }) {
    for (const addon of appJsonAddons(document)) {
      const legacy = legacyPlan(addon.service, addon.plan);
      if (legacy) yield { start: addon.planStart, end: addon.planEnd, data: { spec: addon.spec.trim(), service: addon.service, current: legacy.current } };
    }
  },
  message: ({ spec, service, current }) => `\`${spec}\` is a retired plan name; use a current plan such as \`${service}:${current}\`.`,
});
