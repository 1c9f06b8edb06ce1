import { addonsOf, dataOf, listSome, plural } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly services: readonly string[];
}

/** Heroku-operated services: the data services, Scheduler, and everything named `heroku-*` (as heroku-guardian does). */
function isHerokuService(service: string): boolean {
  return service.startsWith('heroku') || service === 'scheduler';
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-026',
    name: 'third-party-addons',
    title: 'Third-party add-ons on sensitive apps',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'info', private: 'low', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'Add-ons from third-party providers are attached to the app; the data they receive may leave the space\'s boundary and its compliance scope.',
    recommendation: 'Review each third-party add-on: keep those whose provider meets your compliance needs (a BAA for HIPAA, PCI scope), and remove the others.',
    controls: [],
    sources: ['DC-ADDONCTL', 'DC-SHIELD'],
    feature: 'Add-on allowlist',
    tags: ['live', 'addons'],
  },
  *check(snapshot) {
    const addons = dataOf(snapshot.addons);
    if (!addons) return;
    const services = [...new Set(addonsOf(addons).map((a) => a.service))].filter((s) => !isHerokuService(s)).sort();
    if (services.length > 0) yield { itemId: 'addon-controls', data: { services } };
  },
  message: ({ data }) =>
    `${plural(data.services.length, 'third-party add-on')} (${listSome(data.services)}) ${data.services.length === 1 ? 'is' : 'are'} attached to the app and may receive its data.`,
});
