import { dataOf, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly space: string;
  readonly state: string;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-014',
    name: 'stable-outbound-ips',
    title: 'Stable outbound IPs',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'The space\'s stable outbound IPs (NAT) are not enabled, so partners cannot allowlist the addresses its apps connect from.',
    recommendation: 'Enable stable outbound IPs from the space\'s Network tab in the Dashboard when services you call allowlist source addresses.',
    controls: [],
    sources: ['HK-API', 'HK-CLI'],
    feature: 'Stable Outbound IPs',
    tags: ['live', 'network'],
  },
  *check(snapshot) {
    const nat = dataOf(snapshot.nat);
    if (!nat || typeof nat.state !== 'string' || nat.state === 'enabled') return;
    yield { itemId: 'outbound-ips', data: { space: spaceNameOf(snapshot) ?? 'the space', state: nat.state } };
  },
  message: ({ data }) => `Stable outbound IPs of \`${data.space}\` are \`${data.state}\`, not \`enabled\`.`,
});
