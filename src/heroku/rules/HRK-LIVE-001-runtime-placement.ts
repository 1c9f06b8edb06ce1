import type { Profile } from '../../engine/types';
import { appOf, dataOf, isFir, isShieldSpace, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** No space although the profile needs one. */
  | { readonly kind: 'common-runtime'; readonly profile: Profile }
  /** A Private Space where the shield profile needs a Shield space. */
  | { readonly kind: 'not-shield'; readonly space: string }
  /** A Fir space: no Shield and none of the Cedar-only network controls. */
  | { readonly kind: 'fir'; readonly space: string; readonly profile: Profile };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-001',
    name: 'runtime-placement',
    title: 'Runtime placement',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The app does not run where its profile needs it: on the Common Runtime under private or shield, in a Private Space that is not Shield under shield, or in a Fir space where Cedar-only controls are needed.',
    recommendation:
      'Move the app into a Private Space (private) or a Shield Private Space (shield) of the Cedar generation, for example with a new app in the space and a pipeline promotion, or lower the profile if the data allows it.',
    controls: [],
    sources: ['DC-SEC', 'DC-PRIVSP', 'DC-SHIELD', 'HK-API', 'TF-SPACE'],
    feature: 'Runtimes (Common, Private, Shield; Cedar or Fir)',
    tags: ['live', 'runtime'],
  },
  *check(snapshot, { profile }) {
    const app = appOf(snapshot);
    if (!app || profile === 'common') return;
    if (!app.space) {
      yield { itemId: 'runtime', data: { kind: 'common-runtime', profile } };
      return;
    }
    const space = spaceNameOf(snapshot) ?? 'its space';
    // `app.space.shield` is part of GET /apps; without it (and without GET /spaces) Shield is unknown: no finding.
    const shieldKnown = typeof app.space.shield === 'boolean' || dataOf(snapshot.space) !== undefined;
    if (profile === 'shield' && shieldKnown && !isShieldSpace(snapshot)) yield { itemId: 'runtime', data: { kind: 'not-shield', space } };
    // A Private Space on Fir loses trusted IPs, VPN, peering and internal routing; one level lower, as HRK-TF-009 does.
    if (isFir(snapshot)) yield { itemId: 'generation', data: { kind: 'fir', space, profile }, ...(profile === 'private' ? { shift: -1 } : {}) };
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'common-runtime':
        return `The app runs on the multi-tenant Common Runtime, but the ${data.profile} profile needs a ${data.profile === 'shield' ? 'Shield Private Space' : 'Private Space'}.`;
      case 'not-shield':
        return `The app runs in \`${data.space}\`, a Private Space without Shield, but the shield profile needs a Shield Private Space for regulated data.`;
      case 'fir':
        return data.profile === 'shield'
          ? `The app runs in \`${data.space}\`, a Fir space: Fir has no Shield spaces, keystroke logging or Private Space Logging.`
          : `The app runs in \`${data.space}\`, a Fir space, which lacks the Cedar-only controls trusted IP ranges, VPN, peering, internal routing and stable outbound IPs.`;
    }
  },
});
