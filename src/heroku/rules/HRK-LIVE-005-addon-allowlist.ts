import { addonsOf, appOf, dataOf, isTeamApp, listSome, plural, teamNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  | { readonly kind: 'controls-off'; readonly team: string }
  /** Add-on services installed in the team's apps that the allowlist does not hold ("allowlist exceptions"). */
  | { readonly kind: 'exceptions'; readonly team: string; readonly services: readonly string[] };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-005',
    name: 'addon-allowlist',
    title: 'Add-on allowlist',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The team does not enforce its add-on allowlist (add-on controls), or add-ons that are not on the allowlist are installed in its apps (allowlist exceptions).',
    recommendation:
      'Enable add-on controls in the team\'s settings, keep the allowlist to reviewed services, and review each allowlist exception: remove it or add its service to the allowlist.',
    controls: [],
    sources: ['DC-ADDONCTL', 'HK-API'],
    feature: 'Add-on allowlist',
    tags: ['live', 'access', 'addons'],
  },
  *check(snapshot) {
    const app = appOf(snapshot);
    if (!app || !isTeamApp(snapshot)) return;
    const team = teamNameOf(app) ?? 'the team';
    const preferences = dataOf(snapshot.teamPreferences);
    if (!preferences) return;
    if (preferences['addons-controls'] !== true) {
      yield { itemId: 'addon-controls', data: { kind: 'controls-off', team } };
      return;
    }
    // "Enabling add-on controls doesn't remove existing installed add-ons that aren't on the allowlist" (DC-ADDONCTL).
    const allowed = dataOf(snapshot.allowedAddonServices);
    const installed = dataOf(snapshot.teamAddons);
    if (!allowed || !installed) return;
    const allowedNames = new Set(allowed.map((a) => a.addon_service?.name?.toLowerCase()).filter((n): n is string => typeof n === 'string'));
    const exceptions = [...new Set(addonsOf(installed).map((a) => a.service))].filter((s) => !allowedNames.has(s)).sort();
    if (exceptions.length > 0) yield { itemId: 'addon-controls', data: { kind: 'exceptions', team, services: exceptions } };
  },
  message: ({ data }) =>
    data.kind === 'controls-off'
      ? `Team \`${data.team}\` does not enforce add-on controls, so any member can install any add-on, and with it send app data to its provider.`
      : `${plural(data.services.length, 'add-on service')} installed in team \`${data.team}\` (${listSome(data.services)}) ${data.services.length === 1 ? 'is' : 'are'} not on the add-on allowlist.`,
});
