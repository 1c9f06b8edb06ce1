import { findPrivateKeys } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import type { HclExpression, Span } from '../../terraform/hcl';
import { detectionFor, resourcesIn } from '../../terraform/index';
import { walkExpression } from '../../terraform/walk';
import { article, capitalize, describeSite, locate, privateKeyLabel, SCANNED_KINDS } from './shared';

type Data =
  | {
      readonly kind: 'literal';
      readonly where: string;
      /** The PEM label, e.g. `RSA PRIVATE KEY`. */
      readonly type: string;
    }
  /** Terraform `private_key = file("….key")`: the key is a file committed next to the module. */
  | { readonly kind: 'file'; readonly address: string; readonly file: string };

const KEY_FILE = /\.(key|pem)$/i;

/** The key file read by `file()`/`filebase64()` anywhere in the expression, when its name is written out. */
function keyFileOf(expression: HclExpression): { span: Span; file: string } | undefined {
  let found: { span: Span; file: string } | undefined;
  walkExpression(expression, (e) => {
    if (found || e.kind !== 'call' || !/^(file|filebase64)$/.test(e.name)) return;
    const arg = e.args[0];
    const tail = arg?.kind === 'string' ? arg.value : arg?.kind === 'template' ? arg.parts.at(-1)?.text : undefined;
    if (tail !== undefined && KEY_FILE.test(tail.trim())) found = { span: e, file: tail.trim().replace(/^\//, '') };
  });
  return found;
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
    summary: 'A scanned value contains a PEM `-----BEGIN … PRIVATE KEY-----` block, or Terraform reads `heroku_ssl.private_key` from a `.key` or `.pem` file in the repository.',
    recommendation:
      'Remove the key from the file and its history, issue a new key pair, and provide it as a config var or use Automated Certificate Management for TLS.',
    controls: ['PCI 8.6.2'],
    sources: ['GITLEAKS', 'TF-SSL'],
    feature: 'ACM',
    tags: ['secrets', 'tls'],
  },
  *check(context) {
    const { document } = context;
    for (const site of document.strings()) {
      for (const key of findPrivateKeys(site.value)) {
        yield { ...locate(document, site, key.headerStart, key.headerEnd), data: { kind: 'literal', where: describeSite(site), type: key.type } };
      }
    }
    for (const ssl of resourcesIn(context, 'heroku_ssl')) {
      const attribute = ssl.attribute('private_key');
      const keyFile = attribute && keyFileOf(attribute.syntax.value);
      if (keyFile) yield detectionFor(context, ssl, keyFile.span, { kind: 'file', address: ssl.address, file: keyFile.file });
    }
  },
  message: (data) => {
    if (data.kind === 'file') return `\`${data.address}\` reads its TLS private key from \`${data.file}\`, a key file kept with the code.`;
    const label = privateKeyLabel(data.type);
    return `${capitalize(data.where)} contains ${article(label)} ${label} (\`-----BEGIN ${data.type}-----\`) in plain text.`;
  },
});
