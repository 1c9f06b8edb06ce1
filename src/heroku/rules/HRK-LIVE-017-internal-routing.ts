import { appOf, isFir } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly app: string;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-017',
    name: 'internal-routing',
    title: 'Internal routing',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'An app that the policy lists as internal (`internalApps`) is reachable from the internet: `internal_routing` is not true.',
    recommendation: 'Internal routing is chosen when the app is created: create the app again in the space with `--internal-routing` and move its deployment there.',
    controls: [],
    sources: ['HK-API', 'TF-APP'],
    feature: 'Internal Routing',
    tags: ['live', 'network'],
  },
  *check(snapshot, { policy }) {
    const app = appOf(snapshot);
    if (!app?.space || isFir(snapshot)) return;
    const names = new Set(policy.internalApps.map((n) => n.toLowerCase()));
    const name = app.name ?? snapshot.appName;
    if (!names.has(name.toLowerCase()) && !(app.id && names.has(app.id.toLowerCase()))) return;
    if (app.internal_routing !== true) yield { itemId: 'internal-routing', data: { app: name } };
  },
  message: ({ data }) => `\`${data.app}\` is listed as internal but has no internal routing, so its web process is reachable from the internet.`,
});
