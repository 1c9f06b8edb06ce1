import { appJsonAddons, ephemeralNote, isPgEssential } from '../../facts/addonPlans';
import { defineRule } from '../../rule';

interface Data {
  readonly spec: string;
  readonly environment?: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-011',
    name: 'pg-tier-without-rollback',
    title: 'Postgres tier without rollback or HA for sensitive data',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A Heroku Postgres plan is Essential tier (or a legacy name for it), which has no rollback, no followers and no high availability.',
    recommendation: 'Use a Standard plan or higher (Private or Shield in a space) for data you must be able to restore to a point in time.',
    controls: [],
    sources: ['DC-PGPLANS', 'HK-CLIUTIL'],
    feature: 'Postgres rollbacks & backups',
    tags: ['app.json', 'addons', 'data', 'backups'],
  },
  *check({ document }) {
    for (const addon of appJsonAddons(document)) {
      if (!isPgEssential(addon.service, addon.plan)) continue;
      // Review and CI apps replace the plan with the provider's ephemeral default (DC-APPJSON; catalog caveat 0.4-2).
      const ephemeral = addon.environment === 'review' || addon.environment === 'test';
      yield { start: addon.planStart, end: addon.planEnd, data: { spec: addon.spec.trim(), environment: addon.environment }, ...(ephemeral ? { severity: 'info' as const } : {}) };
    }
  },
  message: ({ spec, environment }) => ephemeralNote(`\`${spec}\` is an Essential-tier database with no rollback, followers or high availability.`, environment),
});
