import { findKnownTokens, findUrlCredentials } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { maskSecret } from '../../text';
import { describeSite, locate, SCANNED_KINDS } from './shared';

interface Data {
  readonly where: string;
  readonly scheme: string;
  /** The masked password: never the password itself. */
  readonly masked: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-SEC-002',
    name: 'credentials-in-url',
    title: 'Credentials embedded in a URL',
    area: 'SEC',
    fileKinds: SCANNED_KINDS,
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A URL in a scanned value carries a password in its `user:password@` part.',
    recommendation:
      'Remove the URL from the file and rotate the password; let the add-on set its own `*_URL` config var, or set the URL with `heroku config:set`.',
    controls: ['PCI 8.6.2'],
    sources: ['DC-CONFIGVARS', 'DC-KVS'],
    feature: 'Config Vars / Postgres credentials',
    tags: ['secrets', 'credentials'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      for (const url of findUrlCredentials(site.value)) {
        // A known token used as the password (`https://x-access-token:ghp_…@github.com`) is HRK-SEC-001's.
        if (findKnownTokens(url.text).length > 0) continue;
        yield { ...locate(document, site, url.start, url.end), data: { where: describeSite(site), scheme: url.scheme, masked: maskSecret(url.text) } };
      }
    }
  },
  message: ({ where, scheme, masked }) => `The \`${scheme}://\` URL in ${where} embeds a password (\`${masked}\`).`,
});
