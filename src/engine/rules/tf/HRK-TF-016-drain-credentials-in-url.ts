import { findUrlCredentials } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, resourcesIn, stringValue } from '../../terraform/index';
import { maskSecret } from '../../text';

interface Data {
  readonly drain: string;
  readonly user: string;
  readonly host: string;
  /** The password, masked. */
  readonly masked: string;
  /** The rename: `url    =` → `sensitive_url =`, keeping the alignment of `=` where the padding allows. */
  readonly rename?: { readonly start: number; readonly end: number; readonly newText: string };
  /** The block already has `sensitive_url`: the rename would give two. */
  readonly hasSensitiveUrl: boolean;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-016',
    name: 'drain-credentials-in-url',
    title: 'Drain credentials in `url`',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'A `heroku_drain.url` carries a user name and password; `url` is not sensitive, so Terraform prints the credentials in plans and keeps them readable in state.',
    recommendation: 'Pass the URL through `sensitive_url` instead of `url`, from a sensitive variable, and rotate the drain password.',
    controls: [],
    sources: ['TF-DRAIN'],
    feature: 'Logging / log drains',
    tags: ['terraform', 'logging', 'secrets'],
  },
  *check(context) {
    for (const drain of resourcesIn(context, 'heroku_drain')) {
      const hasSensitiveUrl = drain.syntax.body.attributes.some((a) => a.name === 'sensitive_url');
      const seen = new Set<string>();
      for (const instance of drain.instances) {
        const attribute = instance.attribute('url');
        const value = stringValue(attribute?.value);
        if (!attribute || value === undefined) continue;
        const match = findUrlCredentials(value)[0];
        if (!match) continue;
        const masked = maskSecret(match.text);
        const key = `${match.user}\u0000${match.host}\u0000${masked}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const { syntax } = attribute;
        const gap = /^[ \t]*(?==)/.exec(context.document.text.slice(syntax.nameSpan.end, syntax.value.start))?.[0];
        const rename =
          gap === undefined
            ? undefined
            : { start: syntax.nameSpan.start, end: syntax.nameSpan.end + gap.length, newText: `sensitive_url${' '.repeat(Math.max(1, gap.length - 10))}` };
        yield detectionFor(context, drain, syntax, {
          drain: drain.address,
          user: match.user,
          host: match.host,
          masked,
          ...(rename ? { rename } : {}),
          hasSensitiveUrl,
        });
      }
    }
  },
  message: ({ drain, user, host, masked }) =>
    `${drain} puts credentials (${user ? `user \`${user}\`, ` : ''}password \`${masked}\`${host ? ` for \`${host}\`` : ''}) in \`url\`, which Terraform shows in plans and state; use \`sensitive_url\`.`,
  // Both attributes force a new drain: the rename replaces the drain (new token) and changes its import ID.
  fix: ({ data }, { document }) =>
    data.hasSensitiveUrl || !data.rename
      ? undefined
      : { title: 'Rename `url` to `sensitive_url`', safety: 'suggestion', edits: [replaceSpanEdit(document, data.rename, data.rename.newText)] },
});
