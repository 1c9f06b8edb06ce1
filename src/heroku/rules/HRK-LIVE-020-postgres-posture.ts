import { isPgEssential, planProblem, type PlanProblemKind } from '../../engine/facts/addonPlans';
import { addonsOf, dataOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** Essential tier: no rollback, no followers, no high availability. */
  | { readonly kind: 'essential'; readonly addon: string; readonly spec: string }
  /** A plan that does not fit the profile: not Shield under shield, not networked into a Private Space. */
  | { readonly kind: PlanProblemKind; readonly addon: string; readonly spec: string };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-020',
    name: 'postgres-posture',
    title: 'Postgres posture',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'high', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'A Heroku Postgres database of the app is on the Essential tier (no rollback or high availability), or on a plan that does not fit the profile (not Shield under shield, not networked into a Private Space). Backups, credentials, BYOK, PrivateLink and mTLS live in the Data API, which this check does not read.',
    recommendation:
      'Use Standard or higher for data you cannot lose (Premium, Private or Shield for high availability and a one-week rollback), Shield plans in Shield spaces and Private plans in Private Spaces; schedule PG Backups.',
    controls: ['CCM BCR-08', 'CCM CEK-03'],
    sources: ['DC-PGPLANS', 'DC-PG-PS', 'DC-SHIELD', 'HK-CLIUTIL'],
    feature: 'Postgres credentials, rollbacks and backups, BYOK, PrivateLink, mTLS',
    tags: ['live', 'data', 'postgres', 'backups'],
  },
  *check(snapshot, { profile }) {
    const addons = dataOf(snapshot.addons);
    if (!addons) return;
    for (const addon of addonsOf(addons)) {
      if (addon.service !== 'heroku-postgresql') continue;
      if (isPgEssential(addon.service, addon.plan)) yield { itemId: 'backups', data: { kind: 'essential', addon: addon.name, spec: addon.spec } };
      const problem = planProblem(addon.service, addon.plan, profile);
      // A space-only plan on the Common Runtime cannot be provisioned at all: nothing live to report.
      if (problem && problem.kind !== 'space-only') yield { itemId: 'postgres', data: { kind: problem.kind, addon: addon.name, spec: addon.spec } };
    }
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'essential':
        return `Postgres \`${data.addon}\` is on \`${data.spec}\`, an Essential plan without rollback, followers or high availability.`;
      case 'not-shield':
        return `Postgres \`${data.addon}\` is on \`${data.spec}\`, not a Shield plan; regulated data in a Shield space needs a Shield database.`;
      case 'not-networked':
        return `Postgres \`${data.addon}\` is on \`${data.spec}\`, a Common Runtime plan that is not networked into the Private Space.`;
      case 'space-only':
        return `Postgres \`${data.addon}\` is on \`${data.spec}\`, a Private or Shield Space plan.`;
    }
  },
});
