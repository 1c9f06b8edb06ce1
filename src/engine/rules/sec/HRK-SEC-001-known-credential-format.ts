import { findKnownTokens } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { article, capitalize, describeSite, locate, maskToken, SCANNED_KINDS } from './shared';

interface Data {
  /** Where the value sits, already worded for a message. */
  readonly where: string;
  readonly id: string;
  readonly label: string;
  /** The masked token: never the token itself. */
  readonly masked: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-SEC-001',
    name: 'known-credential-format',
    title: 'Known credential format committed',
    area: 'SEC',
    fileKinds: SCANNED_KINDS,
    severity: { common: 'crit', private: 'crit', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A scanned value contains a credential in a publicly documented token format (AWS, Heroku, GitHub, Stripe, Slack, …).',
    recommendation: 'Revoke and rotate the credential, remove the literal from the file and its history, and set the new value as a config var.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['GITLEAKS', 'VULNETIX'],
    feature: 'Config Vars',
    tags: ['secrets', 'credentials'],
  },
  *check({ document }) {
    for (const site of document.strings()) {
      for (const token of findKnownTokens(site.value, site.context === 'command' ? undefined : site.key)) {
        // Private key blocks are HRK-SEC-004's.
        if (token.id === 'private-key') continue;
        yield {
          ...locate(document, site, token.start, token.end),
          data: { where: describeSite(site), id: token.id, label: token.label, masked: maskToken(token.text) },
        };
      }
    }
  },
  message: ({ where, label, masked }) => `${capitalize(where)} contains ${article(label)} ${label} (\`${masked}\`) in plain text.`,
});
