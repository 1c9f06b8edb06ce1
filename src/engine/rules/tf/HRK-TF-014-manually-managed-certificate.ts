import { defineRule } from '../../rule';
import { detectionFor, type HclExpression, headerSpan, isKnown, resourcesIn, type TfBody } from '../../terraform/index';

type KeySource = 'literal' | 'repo-file';

interface Data {
  readonly ssl: string;
  /** Where `private_key` comes from when that makes it worse: a literal in the module or a file of the repo. */
  readonly keySource?: KeySource;
  readonly file?: string;
}

/** Functions that read a file of the working tree. */
const FILE_FUNCTIONS = new Set(['file', 'filebase64', 'templatefile']);

/**
 * The file a `private_key` expression reads, when it reads one relative to the module: `file("certs/api.key")`,
 * `file("${path.module}/certs/api.key")`, also inside `trimspace(…)`, `base64decode(…)` and the like.
 * An absolute or home path is outside the repository; an unknown path says nothing.
 */
function repoFile(expression: HclExpression, depth = 0): string | undefined {
  if (depth > 8 || expression.kind !== 'call') return undefined;
  if (!FILE_FUNCTIONS.has(expression.name)) {
    for (const arg of expression.args) {
      const found = repoFile(arg, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const path = expression.args[0];
  if (!path) return undefined;
  let text: string | undefined;
  if (path.kind === 'string') text = path.value;
  else if (path.kind === 'template') {
    // `"${path.module}/certs/api.key"` (or path.root / path.cwd): the module's own directory.
    const [first, ...rest] = path.parts;
    const modulePath =
      first?.kind === 'interpolation' &&
      first.expression?.kind === 'traversal' &&
      first.expression.root === 'path' &&
      first.expression.traversers.length === 1;
    if (modulePath && rest.every((part) => part.kind === 'literal')) text = `.${rest.map((part) => part.text ?? '').join('')}`;
  }
  if (text === undefined || text.trim() === '' || /^(\/|~|[A-Za-z]:[\\/])/.test(text.trim())) return undefined;
  return text.replace(/^\.\//, '');
}

/** How one instance's `private_key` makes the finding worse, if it does. */
function keySourceOf(instance: TfBody): { keySource: KeySource; file?: string } | undefined {
  const attribute = instance.attribute('private_key');
  if (!attribute) return undefined;
  const file = repoFile(attribute.syntax.value);
  if (file !== undefined) return { keySource: 'repo-file', file };
  // A known string comes from the module itself: a literal, a local, or a variable set in a committed tfvars
  // file or default. A variable without a value (TF_VAR_…, a secret store) is unknown and does not count.
  if (isKnown(attribute.value) && attribute.value.kind === 'string' && attribute.value.value.trim() !== '') return { keySource: 'literal' };
  return undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-014',
    name: 'manually-managed-certificate',
    title: 'Manually managed certificate',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'A `heroku_ssl` resource uploads a certificate by hand: its private key is stored in plain text in the Terraform state and renewal is manual.',
    recommendation:
      'Prefer `acm = true` on the `heroku_app` and delete the `heroku_ssl` resource; if a custom certificate is required, keep the key out of the repository and the state backend encrypted.',
    controls: ['SOC2 CC6.1'],
    sources: ['TF-SSL'],
    feature: 'ACM',
    tags: ['terraform', 'tls', 'acm', 'state'],
  },
  *check(context) {
    for (const ssl of resourcesIn(context, 'heroku_ssl')) {
      const source = ssl.instances.map(keySourceOf).find((s) => s !== undefined);
      const detection = detectionFor(context, ssl, headerSpan(ssl.syntax), { ssl: ssl.address, ...(source ?? {}) });
      // "One level higher if private_key comes from a repo file or a literal" (catalog).
      yield source ? { ...detection, shift: 1 } : detection;
    }
  },
  message: ({ ssl, keySource, file }) => {
    const base = `${ssl} manages its certificate by hand: the private key is stored in plain text in the Terraform state`;
    if (keySource === 'repo-file') return `${base}, renewal is manual, and the key is read from \`${file ?? 'a file'}\` in the repository.`;
    if (keySource === 'literal') return `${base}, renewal is manual, and the key is written into the module itself.`;
    return `${base} and renewal is manual.`;
  },
});
