import { findPrivateKeys } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { article, capitalize, describeSite, locate, privateKeyLabel, SCANNED_KINDS } from './shared';

interface Data {
  readonly where: string;
  /** The PEM label, e.g. `RSA PRIVATE KEY`. */
  readonly type: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-SEC-004',
    name: 'private-key-literal',
    title: 'Private key material referenced from the repo',
    area: 'SEC',
    fileKinds: SCANNED_KINDS,
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A scanned value contains a PEM `-----BEGIN … PRIVATE KEY-----` block.',
    recommendation:
      'Remove the key from the file and its history, issue a new key pair, and provide it as a config var or use Automated Certificate Management for TLS.',
    controls: ['PCI 8.6.2'],
    sources: ['GITLEAKS', 'TF-SSL'],
    feature: 'ACM',
    tags: ['secrets', 'tls'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      for (const key of findPrivateKeys(site.value)) {
        yield { ...locate(document, site, key.headerStart, key.headerEnd), data: { where: describeSite(site), type: key.type } };
      }
    }
  },
  message: ({ where, type }) => {
    const label = privateKeyLabel(type);
    return `${capitalize(where)} contains ${article(label)} ${label} (\`-----BEGIN ${type}-----\`) in plain text.`;
  },
});
