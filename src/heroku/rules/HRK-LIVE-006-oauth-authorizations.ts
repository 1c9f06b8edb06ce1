import { ageInDays, dataOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Reason = 'global' | 'no-description' | 'old';

interface Data {
  /** The client's name, the authorization's description, or its creation date: never its tokens. */
  readonly label: string;
  readonly reasons: readonly Reason[];
  readonly ageDays?: number;
  readonly maxAgeDays: number;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-006',
    name: 'oauth-authorizations',
    title: 'OAuth authorizations',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'An OAuth authorization of the signed-in account has the `global` scope (full access, like the API key), has no description, or is older than the policy allows.',
    recommendation:
      'Revoke authorizations that are no longer used (`heroku authorizations:revoke`), give integrations the narrowest scope that works (`read`, `write`, `identity`), and describe each one.',
    controls: [],
    sources: ['HK-API'],
    feature: 'OAuth restriction',
    tags: ['live', 'access', 'oauth'],
  },
  *check(snapshot, { policy }) {
    for (const authorization of dataOf(snapshot.oauthAuthorizations) ?? []) {
      const reasons: Reason[] = [];
      if ((authorization.scope ?? []).includes('global')) reasons.push('global');
      // Only a description the API sends as empty is "missing"; an API that never sends the field reports nothing.
      const description = authorization.description;
      if ('description' in authorization && (description === null || (typeof description === 'string' && description.trim() === ''))) reasons.push('no-description');
      const ageDays = ageInDays(snapshot, authorization.created_at);
      if (ageDays !== undefined && ageDays > policy.oauthMaxAgeDays) reasons.push('old');
      if (reasons.length === 0) continue;
      const named = authorization.client?.name ?? (typeof description === 'string' && description.trim() !== '' ? description.trim() : undefined);
      const created = typeof authorization.created_at === 'string' ? authorization.created_at.slice(0, 10) : undefined;
      const label = named ?? (created ? `authorization created ${created}` : 'an authorization without a client');
      // A full-access grant is the catalog's finding; an old or undescribed one with a narrow scope is one level lower.
      yield { itemId: 'oauth', data: { label, reasons, ...(ageDays !== undefined ? { ageDays } : {}), maxAgeDays: policy.oauthMaxAgeDays }, ...(reasons.includes('global') ? {} : { shift: -1 }) };
    }
  },
  message: ({ data }) => {
    const parts: string[] = [];
    if (data.reasons.includes('global')) parts.push('has the full-access `global` scope');
    if (data.reasons.includes('no-description')) parts.push('has no description');
    if (data.reasons.includes('old')) parts.push(`is ${data.ageDays} days old (policy: ${data.maxAgeDays})`);
    const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
    return `OAuth authorization \`${data.label}\` ${joined}.`;
  },
});
