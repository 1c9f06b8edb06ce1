import { defineRule } from '../../rule';
import { detectionFor, headerSpan, resourcesIn } from '../../terraform';

interface Data {
  /** `heroku_space_vpn_connection.office` */
  readonly address: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-032',
    name: 'vpn-psk-in-state',
    title: 'VPN pre-shared keys in state',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_space_vpn_connection` keeps its tunnels\' pre-shared keys in Terraform state, and the provider does not mark them sensitive.',
    recommendation: 'Keep the state in an encrypted remote backend with restricted access, and never expose `tunnels[*].pre_shared_key` in outputs.',
    controls: [],
    sources: ['TF-VPN'],
    feature: 'VPN',
    tags: ['terraform', 'vpn', 'state', 'secrets'],
  },
  *check(context) {
    for (const vpn of resourcesIn(context, 'heroku_space_vpn_connection')) {
      yield detectionFor(context, vpn, headerSpan(vpn.syntax), { address: vpn.address });
    }
  },
  message: ({ address }) =>
    `\`${address}\` stores its tunnels' pre-shared keys in Terraform state without the sensitive flag; keep the state in an encrypted remote backend and never output them.`,
});
