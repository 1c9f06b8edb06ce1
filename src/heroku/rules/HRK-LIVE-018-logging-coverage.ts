import type { TelemetryDrain } from '../snapshot';
import { dataOf, inSpace, isFir, isNotFound, isShieldSpace, safeUrl, schemeOf, spaceNameOf } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** Cedar: no app log drain and no Private Space Logging. */
  | { readonly kind: 'no-drain' }
  /** Fir: no telemetry drain, for the app or its space, that carries logs. */
  | { readonly kind: 'no-telemetry-logs' }
  /** A drain that sends logs unencrypted. `url` has its userinfo and query removed. */
  | { readonly kind: 'plaintext'; readonly url: string; readonly scheme: string; readonly telemetry: boolean }
  /** A Shield space created without Private Space Logging. */
  | { readonly kind: 'no-space-logging'; readonly space: string };

const PLAIN = new Set(['syslog', 'http']);

function carriesLogs(drain: TelemetryDrain): boolean {
  // Signals default to all three when a drain is added without a list (Dev Center, telemetry drains).
  return !Array.isArray(drain.signals) || drain.signals.length === 0 || drain.signals.includes('logs');
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-018',
    name: 'logging-coverage',
    title: 'Logging coverage',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The app\'s logs are not retained: no log drain (Cedar) or telemetry drain with logs (Fir), a drain over plaintext `syslog://` or `http://`, or a Shield space without Private Space Logging.',
    recommendation:
      'Add a `syslog+tls://` or `https://` log drain (`heroku drains:add`), or on Fir a telemetry drain with the `logs` signal; create Shield spaces with a log drain URL (Private Space Logging).',
    controls: ['PCI 10.2.1', 'HIPAA 164.312(b)', 'SOC2 CC7.2'],
    sources: ['DC-LOGPLEX', 'DC-LOGDRAINS', 'HK-CLI', 'HK-API'],
    feature: 'Logging, Private Space Logging',
    tags: ['live', 'logging'],
  },
  *check(snapshot) {
    if (!snapshot.app.ok) return;
    if (isFir(snapshot)) {
      const appDrains = dataOf(snapshot.telemetryDrains);
      const spaceDrains = inSpace(snapshot) ? dataOf(snapshot.spaceTelemetryDrains) : [];
      for (const drain of [...(appDrains ?? []), ...(spaceDrains ?? [])]) {
        const endpoint = drain.exporter?.endpoint;
        if (typeof endpoint === 'string' && schemeOf(endpoint) === 'http') {
          yield { itemId: 'telemetry', data: { kind: 'plaintext', url: safeUrl(endpoint), scheme: 'http', telemetry: true } };
        }
      }
      // Both lists are needed to say "none": a space drain covers every app of the space.
      if (appDrains && spaceDrains && ![...appDrains, ...spaceDrains].some(carriesLogs)) yield { itemId: 'telemetry', data: { kind: 'no-telemetry-logs' } };
      return;
    }
    const drains = dataOf(snapshot.logDrains);
    for (const drain of drains ?? []) {
      const scheme = schemeOf(drain.url);
      if (scheme && PLAIN.has(scheme)) yield { itemId: 'log-drains', data: { kind: 'plaintext', url: safeUrl(drain.url!), scheme, telemetry: false } };
    }
    const shield = isShieldSpace(snapshot);
    // Private Space Logging: 404 when the space has none (snapshot.ts); any other error leaves it unknown.
    const spaceDrain = shield ? snapshot.spaceLogDrain : undefined;
    const spaceLogging = shield ? (isNotFound(spaceDrain) ? false : spaceDrain?.ok ? Boolean(spaceDrain.data.url) : undefined) : false;
    if (shield && spaceLogging === false) yield { itemId: 'private-space-logging', data: { kind: 'no-space-logging', space: spaceNameOf(snapshot) ?? 'the space' } };
    if (drains && drains.length === 0 && spaceLogging === false) yield { itemId: 'log-drains', data: { kind: 'no-drain' } };
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'no-drain':
        return 'The app has no log drain, so its logs are only delivered by Logplex, never retained.';
      case 'no-telemetry-logs':
        return 'Neither the app nor its space has a telemetry drain with the `logs` signal, so its logs are not retained.';
      case 'plaintext':
        return `${data.telemetry ? 'Telemetry drain' : 'Log drain'} \`${data.url}\` sends logs over plaintext \`${data.scheme}://\`.`;
      case 'no-space-logging':
        return `Shield space \`${data.space}\` has no Private Space Logging, so its apps' logs are not captured at the space level.`;
    }
  },
});
