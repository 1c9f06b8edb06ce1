import { dataOf, listSome, plural, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly space: string;
  readonly emails: readonly string[];
}

const ADMIN_ROLES = new Set(['admin', 'owner']);

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-025',
    name: 'space-app-access',
    title: 'Space app access',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'Team members who are not admins hold the `create_apps` permission on the space, beyond those the policy allows (`allowedSpaceAppCreators`).',
    recommendation: 'Remove `create_apps` from members who do not need it (`heroku spaces:access` / the space\'s Access tab), or list them in the policy.',
    controls: [],
    sources: ['HK-API', 'TF-SPACE'],
    feature: 'Enterprise permissions',
    tags: ['live', 'access', 'permissions'],
  },
  *check(snapshot, { policy }) {
    const spaceMembers = dataOf(snapshot.spaceMembers);
    // Who is an admin comes from the team's members; without them the grants cannot be judged.
    const teamMembers = dataOf(snapshot.teamMembers);
    if (!spaceMembers || !teamMembers) return;
    const admins = new Set(
      teamMembers
        .filter((m) => typeof m.role === 'string' && ADMIN_ROLES.has(m.role))
        .flatMap((m) => [m.email, m.user?.email, m.user?.id])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase()),
    );
    const allowed = new Set(policy.allowedSpaceAppCreators.map((e) => e.toLowerCase()));
    const emails = spaceMembers
      .filter((m) => (m.permissions ?? []).some((p) => p.name === 'create_apps'))
      .filter((m) => ![m.user?.email, m.user?.id].some((v) => typeof v === 'string' && (admins.has(v.toLowerCase()) || allowed.has(v.toLowerCase()))))
      .map((m) => m.user?.email ?? m.user?.id ?? 'a member');
    if (emails.length > 0) yield { itemId: 'permissions', data: { space: spaceNameOf(snapshot) ?? 'the space', emails } };
  },
  message: ({ data }) =>
    `${plural(data.emails.length, 'non-admin')} (${listSome(data.emails)}) can create apps in \`${data.space}\` (\`create_apps\`).`,
});
