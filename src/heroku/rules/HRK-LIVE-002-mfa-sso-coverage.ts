import { appOf, dataOf, isTeamApp, listSome, plural, teamNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** Team members who neither sign in through SSO nor have MFA. */
  | { readonly kind: 'members'; readonly team: string; readonly emails: readonly string[]; readonly total: number }
  /** The signed-in user of a personal app. */
  | { readonly kind: 'account'; readonly email?: string }
  /** The team has no identity provider (SSO) under the private or shield profile. */
  | { readonly kind: 'no-idp'; readonly team: string };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-002',
    name: 'mfa-sso-coverage',
    title: 'MFA and SSO coverage',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A team member (or the owner of a personal app) signs in without SSO and without multi-factor authentication, or a team that runs private or shield workloads has no identity provider.',
    recommendation:
      'Turn on SSO for the team with an identity provider that enforces MFA, or have every member register an MFA verification method; remove members who cannot.',
    controls: ['PCI 8.4.1', 'PCI 8.4.2', 'HIPAA 164.312(d)', 'CCM IAM-14'],
    sources: ['DC-MFA', 'HK-API'],
    feature: 'SSO, MFA',
    tags: ['live', 'access', 'mfa', 'sso'],
  },
  *check(snapshot, { profile }) {
    const app = appOf(snapshot);
    if (!app) return;
    if (!isTeamApp(snapshot)) {
      const account = dataOf(snapshot.account);
      if (account && account.federated === false && account.two_factor_authentication === false) {
        yield { itemId: 'mfa', data: { kind: 'account', ...(account.email ? { email: account.email } : {}) } };
      }
      return;
    }
    const team = teamNameOf(app) ?? 'the team';
    const members = dataOf(snapshot.teamMembers);
    if (members) {
      const exposed = members.filter((m) => m.federated === false && m.two_factor_authentication === false).map((m) => m.email ?? m.user?.email ?? 'a member');
      if (exposed.length > 0) yield { itemId: 'mfa', data: { kind: 'members', team, emails: exposed, total: members.length } };
    }
    // "SSO users must enforce MFA at their IdP" (DC-MFA): an IdP is what the private and shield profiles ask for.
    const teamData = dataOf(snapshot.team);
    if (profile !== 'common' && teamData && !teamData.identity_provider) yield { itemId: 'sso', data: { kind: 'no-idp', team } };
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'members':
        return `${plural(data.emails.length, 'member')} of team \`${data.team}\` (${listSome(data.emails)}) sign in without SSO and have no multi-factor authentication.`;
      case 'account':
        return `The app's owner${data.email ? ` \`${data.email}\`` : ''} signs in without SSO and has no multi-factor authentication.`;
      case 'no-idp':
        return `Team \`${data.team}\` has no identity provider, so its members do not sign in through SSO with MFA enforced at the IdP.`;
    }
  },
});
