import { cidrPrefix, dataOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

/** Never the tunnels: they carry the pre-shared keys. */
type Data =
  | { readonly kind: 'status'; readonly name: string; readonly status: string }
  | { readonly kind: 'ikev1'; readonly name: string }
  | { readonly kind: 'broad'; readonly name: string; readonly cidr: string; readonly min: number };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-015',
    name: 'vpn-connections',
    title: 'VPN connections',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'low', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A Private Space VPN connection is not active, uses IKEv1, or routes an overly broad CIDR into the space.',
    recommendation: 'Fix or remove connections that are not active, recreate IKEv1 connections with IKEv2, and route only the on-premises ranges that need the space.',
    controls: [],
    sources: ['HK-API', 'TF-VPN'],
    feature: 'VPN',
    tags: ['live', 'network', 'vpn'],
  },
  *check(snapshot, { policy }) {
    for (const vpn of dataOf(snapshot.vpnConnections) ?? []) {
      const name = vpn.name ?? vpn.id ?? 'a VPN connection';
      if (typeof vpn.status === 'string' && vpn.status !== 'active') yield { itemId: 'vpn', data: { kind: 'status', name, status: vpn.status } };
      // IKEv1 being weaker is an inference (catalog U); it is reported at the rule's level all the same.
      if (vpn.ike_version === 1) yield { itemId: 'vpn', data: { kind: 'ikev1', name } };
      for (const cidr of vpn.routable_cidrs ?? []) {
        const prefix = cidrPrefix(cidr);
        if (prefix !== undefined && prefix < policy.vpnMinCidrPrefix) yield { itemId: 'vpn', data: { kind: 'broad', name, cidr, min: policy.vpnMinCidrPrefix } };
      }
    }
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'status':
        return `VPN connection \`${data.name}\` is \`${data.status}\`, not \`active\`.`;
      case 'ikev1':
        return `VPN connection \`${data.name}\` uses IKEv1; IKEv2 is the stronger key exchange.`;
      case 'broad':
        return `VPN connection \`${data.name}\` routes \`${data.cidr}\` into the space, broader than a /${data.min}.`;
    }
  },
});
