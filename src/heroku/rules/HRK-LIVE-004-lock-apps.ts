import { appOf, dataOf, isTeamApp, teamNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly team: string;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-004',
    name: 'team-app-not-locked',
    title: 'Lock Apps',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A team app is not locked (`team-app.locked` is false), so any member of the team can join it.',
    recommendation: 'Lock the app (`heroku apps:lock`, or the Access tab in the Dashboard) and grant access explicitly per user.',
    controls: [],
    sources: ['HK-API', 'TF-APP'],
    feature: 'Lock Apps',
    tags: ['live', 'access'],
  },
  *check(snapshot) {
    const app = appOf(snapshot);
    if (!app || !isTeamApp(snapshot)) return;
    if (dataOf(snapshot.teamApp)?.locked === false) yield { itemId: 'lock-apps', data: { team: teamNameOf(app) ?? 'the team' } };
  },
  message: ({ data }) => `The app is not locked, so any member of team \`${data.team}\` can join it without being granted access.`,
});
