import { appOf, dataOf, isFir, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  readonly space: string;
  /** `disabled`: the feature is listed and off; `absent`: the app's features do not list it. */
  readonly state: 'disabled' | 'absent';
}

export const STRICT_TLS_FEATURE = 'spaces-strict-tls';

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-011',
    name: 'strict-tls-not-enabled',
    title: 'Strict TLS feature',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'An app in a Private Space does not have the `spaces-strict-tls` feature enabled, so clients can still connect over TLS 1.0.',
    recommendation: 'Enable the feature (`heroku labs:enable spaces-strict-tls --app <app>`); Shield spaces enable it for their apps.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['HK-CLI', 'DC-SHIELD'],
    feature: 'Cipher suites / TLS 1.2',
    tags: ['live', 'tls'],
  },
  *check(snapshot) {
    const app = appOf(snapshot);
    const features = dataOf(snapshot.features);
    if (!app?.space || !features) return;
    const feature = features.find((f) => f.name === STRICT_TLS_FEATURE);
    const space = spaceNameOf(snapshot) ?? 'its space';
    if (feature) {
      if (feature.enabled === false) yield { itemId: 'strict-tls', data: { space, state: 'disabled' } };
      return;
    }
    // Whether Fir spaces offer the feature is unconfirmed: on Fir only a listed, disabled feature is reported.
    if (!isFir(snapshot)) yield { itemId: 'strict-tls', data: { space, state: 'absent' } };
  },
  message: ({ data }) =>
    `\`spaces-strict-tls\` is ${data.state === 'disabled' ? 'disabled' : 'not enabled'} for this app in \`${data.space}\`, so clients can still connect over TLS 1.0.`,
});
