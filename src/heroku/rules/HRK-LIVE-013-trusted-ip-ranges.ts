import { cidrPrefix, dataOf, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  | { readonly kind: 'allows-world'; readonly space: string; readonly source: string }
  | { readonly kind: 'not-applied'; readonly space: string };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-013',
    name: 'trusted-ip-ranges',
    title: 'Trusted IP ranges',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The space\'s trusted IP ranges allow every address (an `allow` rule for a `/0` source, the default of new spaces), or its rules are not applied.',
    recommendation:
      'Replace `0.0.0.0/0` with the ranges of your offices, VPN egress or CDN (`heroku trusted-ips:add <cidr> --space <space>`, then remove `0.0.0.0/0`).',
    controls: ['SOC2 CC6.6'],
    sources: ['HK-CLI', 'HK-API', 'SFDCINSIDER'],
    feature: 'Trusted IP Ranges',
    tags: ['live', 'network'],
  },
  *check(snapshot) {
    const ruleset = dataOf(snapshot.inboundRuleset);
    if (!ruleset) return;
    const space = spaceNameOf(snapshot) ?? ruleset.space?.name ?? 'the space';
    const world = (ruleset.rules ?? []).find((r) => r.action === 'allow' && cidrPrefix(r.source) === 0);
    if (world) yield { itemId: 'trusted-ips', data: { kind: 'allows-world', space, source: world.source } };
    // `applied` is optional ("for backward compatibility"): only an explicit false counts.
    if (ruleset.applied === false) yield { itemId: 'trusted-ips', data: { kind: 'not-applied', space } };
  },
  message: ({ data }) =>
    data.kind === 'allows-world'
      ? `The trusted IP ranges of \`${data.space}\` allow \`${data.source}\`, so every address on the internet can reach its web processes.`
      : `The trusted IP ranges of \`${data.space}\` are not applied to the space.`,
});
