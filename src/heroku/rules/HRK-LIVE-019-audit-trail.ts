import { ageInDays, dataOf, enterpriseOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  | { readonly kind: 'no-archive'; readonly enterprise: string }
  | { readonly kind: 'stale'; readonly enterprise: string; readonly latest: string; readonly days: number; readonly max: number };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-019',
    name: 'audit-trail',
    title: 'Audit trail',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'The enterprise account has no audit-trail archive, or none from the last two months, so there is no monthly record of who changed what to retrieve and keep.',
    recommendation: 'Download each monthly archive (`GET /enterprise-accounts/{id}/archives/{year}/{month}`) and keep it with your audit evidence; ask Heroku support if archives stop appearing.',
    controls: ['PCI 10.2.1', 'HIPAA 164.312(b)'],
    sources: ['HK-API'],
    feature: 'Audit trails',
    tags: ['live', 'logging', 'audit'],
  },
  *check(snapshot, { policy }) {
    const archives = dataOf(snapshot.enterpriseArchives);
    if (!archives) return;
    const enterprise = enterpriseOf(snapshot)?.name ?? 'the enterprise account';
    if (archives.length === 0) {
      yield { itemId: 'audit-trail', data: { kind: 'no-archive', enterprise } };
      return;
    }
    const dated = archives
      .map((a) => ({ label: a.year && a.month ? `${a.year}-${a.month}` : (a.created_at ?? '').slice(0, 7), days: ageInDays(snapshot, a.created_at ?? (a.year && a.month ? `${a.year}-${a.month}-01T00:00:00Z` : undefined)) }))
      .filter((a): a is { label: string; days: number } => a.days !== undefined)
      .sort((a, b) => a.days - b.days);
    const latest = dated[0];
    if (latest && latest.days > policy.auditArchiveMaxAgeDays) {
      yield { itemId: 'audit-trail', data: { kind: 'stale', enterprise, latest: latest.label, days: latest.days, max: policy.auditArchiveMaxAgeDays } };
    }
  },
  message: ({ data }) =>
    data.kind === 'no-archive'
      ? `Enterprise account \`${data.enterprise}\` has no audit-trail archive to retrieve.`
      : `The newest audit-trail archive of \`${data.enterprise}\` is ${data.latest}, ${data.days} days old (policy: ${data.max}).`,
});
