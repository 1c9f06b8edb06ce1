import { ageInDays, appOf, dataOf, listSome, plural } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** Custom domains served without a certificate: ACM is off and no SNI endpoint covers them. */
  | { readonly kind: 'no-certificate'; readonly hostnames: readonly string[] }
  /** ACM is on but could not issue a certificate for these domains. */
  | { readonly kind: 'acm-failing'; readonly hostnames: readonly string[] }
  /** A manually managed certificate expires soon, or has expired. */
  | { readonly kind: 'expiring'; readonly endpoint: string; readonly days: number; readonly domains: readonly string[] };

const FAILING_ACM = new Set(['failed', 'failing']);

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-010',
    name: 'acm-certificates',
    title: 'ACM and certificates',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'A custom domain has no certificate (ACM off and no SNI endpoint), ACM fails to issue one, or a manually managed certificate expires within the policy window.',
    recommendation:
      'Turn on Automated Certificate Management (`heroku certs:auto:enable`) and fix the domains\' DNS so that ACM can issue; renew manual certificates before they expire, or move them to ACM.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['HK-API', 'HK-CLI', 'BLOG-ACM-PS'],
    feature: 'ACM',
    tags: ['live', 'tls', 'certificates'],
  },
  *check(snapshot, { policy }) {
    const app = appOf(snapshot);
    const domains = dataOf(snapshot.domains);
    const endpoints = dataOf(snapshot.sniEndpoints);
    if (app && domains) {
      const custom = domains.filter((d) => d.kind === 'custom' && typeof d.hostname === 'string');
      const covered = new Set(
        (endpoints ?? []).flatMap((e) => (Array.isArray(e.ssl_cert?.cert_domains) ? e.ssl_cert.cert_domains : [])).filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase()),
      );
      const coveredBy = (hostname: string): boolean => covered.has(hostname.toLowerCase()) || covered.has(`*.${hostname.toLowerCase().split('.').slice(1).join('.')}`);
      if (app.acm === false) {
        const bare = custom.filter((d) => !d.sni_endpoint && !coveredBy(d.hostname!)).map((d) => d.hostname!);
        if (bare.length > 0) yield { itemId: 'acm', data: { kind: 'no-certificate', hostnames: bare } };
      } else if (app.acm === true) {
        const failing = custom.filter((d) => typeof d.acm_status === 'string' && FAILING_ACM.has(d.acm_status.toLowerCase())).map((d) => d.hostname!);
        if (failing.length > 0) yield { itemId: 'acm', data: { kind: 'acm-failing', hostnames: failing } };
      }
    }
    for (const endpoint of endpoints ?? []) {
      const cert = endpoint.ssl_cert;
      // ACM renews its own certificates (`ssl_cert.acm`, heroku/cli `sni-endpoint.d.ts`).
      if (!cert || cert.acm === true) continue;
      const age = ageInDays(snapshot, cert.expires_at);
      if (age === undefined) continue;
      const days = -age;
      if (days > policy.certificateExpiryDays) continue;
      const domains = (Array.isArray(cert.cert_domains) ? cert.cert_domains : []).filter((d): d is string => typeof d === 'string');
      yield { itemId: 'acm', data: { kind: 'expiring', endpoint: endpoint.name ?? endpoint.display_name ?? 'an SNI endpoint', days, domains } };
    }
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'no-certificate':
        return `${plural(data.hostnames.length, 'custom domain')} (${listSome(data.hostnames)}) ${data.hostnames.length === 1 ? 'has' : 'have'} no certificate: ACM is off and no SNI endpoint covers ${data.hostnames.length === 1 ? 'it' : 'them'}.`;
      case 'acm-failing':
        return `ACM fails to issue a certificate for ${listSome(data.hostnames)}.`;
      case 'expiring':
        return data.days < 0
          ? `The certificate of SNI endpoint \`${data.endpoint}\`${data.domains.length > 0 ? ` (${listSome(data.domains)})` : ''} expired ${-data.days} days ago.`
          : `The certificate of SNI endpoint \`${data.endpoint}\`${data.domains.length > 0 ? ` (${listSome(data.domains)})` : ''} expires in ${plural(data.days, 'day')}.`;
    }
  },
});
