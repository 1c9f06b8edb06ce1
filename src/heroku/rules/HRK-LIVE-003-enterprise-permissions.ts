import { appOf, dataOf, isTeamApp, teamNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  | { readonly kind: 'default-admin'; readonly team: string }
  | { readonly kind: 'too-many-admins'; readonly team: string; readonly admins: number; readonly max: number }
  | { readonly kind: 'manage'; readonly email: string; readonly role?: string };

const ADMIN_ROLES = new Set(['admin', 'owner']);

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-003',
    name: 'enterprise-permissions',
    title: 'Enterprise Teams permissions',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'Team permissions are broader than least privilege: new members get the admin permission by default, the team has more admins than the policy allows, or a non-admin holds `manage` on the app.',
    recommendation:
      'Set the team\'s default permission to member or viewer, keep the number of admins small, and grant `deploy` or `operate` instead of `manage` where that is enough.',
    controls: [],
    sources: ['HK-API', 'HK-CLI'],
    feature: 'Enterprise Teams permissions',
    tags: ['live', 'access', 'permissions'],
  },
  *check(snapshot, { policy }) {
    const app = appOf(snapshot);
    if (!app || !isTeamApp(snapshot)) return;
    const team = teamNameOf(app) ?? 'the team';
    if (dataOf(snapshot.teamPreferences)?.['default-permission'] === 'admin') yield { itemId: 'permissions', data: { kind: 'default-admin', team } };
    const members = dataOf(snapshot.teamMembers);
    if (members) {
      const admins = members.filter((m) => typeof m.role === 'string' && ADMIN_ROLES.has(m.role)).length;
      if (admins > policy.maxTeamAdmins) yield { itemId: 'permissions', data: { kind: 'too-many-admins', team, admins, max: policy.maxTeamAdmins } };
    }
    for (const collaborator of dataOf(snapshot.collaborators) ?? []) {
      const role = collaborator.role ?? undefined;
      if (role && ADMIN_ROLES.has(role)) continue; // admins hold every permission by role
      if (!(collaborator.permissions ?? []).some((p) => p.name === 'manage')) continue;
      yield { itemId: 'permissions', data: { kind: 'manage', email: collaborator.user?.email ?? 'a collaborator', ...(role ? { role } : {}) } };
    }
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'default-admin':
        return `Team \`${data.team}\` gives new members the admin permission by default.`;
      case 'too-many-admins':
        return `Team \`${data.team}\` has ${data.admins} admins, more than the policy's ${data.max}.`;
      case 'manage':
        return `\`${data.email}\`${data.role ? ` (team role ${data.role})` : ''} holds the \`manage\` permission on the app, which lets them change its access and settings.`;
    }
  },
});
