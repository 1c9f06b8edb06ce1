import { appJsonAddons } from '../../facts/addonPlans';
import { defineRule } from '../../rule';

interface Data {
  readonly service: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-012',
    name: 'addon-plan-omitted',
    title: 'Add-on plan omitted',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: "An add-on is declared without `:plan`, so the provider's default plan is provisioned, whatever tier that is.",
    recommendation: 'Write the plan explicitly (`heroku-postgresql:essential-0`, `heroku-redis:premium-0`, …) so reviews and allowlists see the tier.',
    controls: [],
    sources: ['DC-APPJSON', 'DC-PG-PS'],
    feature: 'Add-on allowlist',
    tags: ['app.json', 'addons'],
  },
  *check({ document }) {
    for (const addon of appJsonAddons(document)) {
      if (addon.plan !== undefined || addon.service === '') continue;
      yield { start: addon.specStart, end: addon.specEnd, data: { service: addon.spec.trim() } };
    }
  },
  message: ({ service }) => `Add-on \`${service}\` has no plan, so Heroku provisions the add-on's default plan.`,
});
