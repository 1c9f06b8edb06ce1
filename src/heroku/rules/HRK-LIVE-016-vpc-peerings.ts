import { dataOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly pcx: string;
  readonly account?: string;
  readonly vpc?: string;
  readonly status: string;
  /** No expected list is set: every live peering is listed for review. */
  readonly noList: boolean;
}

/** Peerings that connect (or are about to connect) the space to another network. */
const LIVE_STATUSES = new Set(['active', 'pending-acceptance', 'provisioning', 'initiating-request']);

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-016',
    name: 'vpc-peerings',
    title: 'VPC peerings',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The space is peered with an AWS VPC that is not on the expected list (by peering id or AWS account); without a list, every live peering is listed for review.',
    recommendation: 'Review each peering; remove the ones nobody needs and record the rest in the expected list (`expectedPeerings`).',
    controls: [],
    sources: ['HK-API', 'TF-PEER'],
    feature: 'Peering',
    tags: ['live', 'network'],
  },
  *check(snapshot, { policy }) {
    const expected = policy.expectedPeerings ? new Set(policy.expectedPeerings.map((e) => e.toLowerCase())) : undefined;
    for (const peering of dataOf(snapshot.peerings) ?? []) {
      const status = peering.status ?? 'unknown';
      if (!LIVE_STATUSES.has(status)) continue;
      const pcx = peering.pcx_id ?? 'a peering';
      const known = expected && [peering.pcx_id, peering.aws_account_id].some((id) => typeof id === 'string' && expected.has(id.toLowerCase()));
      if (known) continue;
      yield {
        itemId: 'peering',
        data: { pcx, status, noList: expected === undefined, ...(peering.aws_account_id ? { account: peering.aws_account_id } : {}), ...(peering.aws_vpc_id ? { vpc: peering.aws_vpc_id } : {}) },
      };
    }
  },
  message: ({ data }) => {
    const peer = [data.vpc ? `VPC \`${data.vpc}\`` : undefined, data.account ? `AWS account \`${data.account}\`` : undefined].filter(Boolean).join(' in ');
    const what = `Peering \`${data.pcx}\`${peer ? ` to ${peer}` : ''} (${data.status})`;
    return data.noList ? `${what} connects the space to another network; review it and record it in the expected peerings.` : `${what} is not on the expected peerings list.`;
  },
});
