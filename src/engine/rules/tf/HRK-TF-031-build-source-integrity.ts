import { defineRule } from '../../rule';
import { detectionFor, isKnown, parsedWhole, resourcesIn, type Span, stringValue, type TfAttribute } from '../../terraform';
import { leadingLiteral } from '../../terraform/literals';

type Problem =
  /** `source.url` does not start with `https://`. */
  | 'not-https'
  /** `source.url` is a moving branch archive (`/archive/main.tar.gz`, `refs/heads/…`). */
  | 'branch'
  /** `source.url` is set and `source.checksum` is not. */
  | 'no-checksum';

interface Data {
  /** `heroku_build.api` */
  readonly address: string;
  readonly problem: Problem;
  /** For `not-https`: the scheme as written (`http`, `git`…), or empty when the URL has none. */
  readonly scheme?: string;
  /** For `branch`: the branch named by the URL. */
  readonly branch?: string;
}

/** The URL's text when known, else its static prefix (enough for the scheme check only). */
function urlText(attribute: TfAttribute): { text: string; complete: boolean } | undefined {
  if (isKnown(attribute.value)) {
    const text = stringValue(attribute.value);
    return text === undefined ? undefined : { text, complete: true };
  }
  const lead = leadingLiteral(attribute.syntax.value)?.text;
  // A prefix decides the scheme only when it contains `://` (or is long enough to rule `https://` out).
  return lead !== undefined && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(lead) ? { text: lead, complete: false } : undefined;
}

/** The branch a GitHub/GitLab-style archive URL follows, if any (catalog: `/archive/(main|master|develop)\.` or `refs/heads`). */
function branchOf(url: string): string | undefined {
  const heads = /refs\/heads\/([^/?#\s]+?)(?:\.(?:tar\.gz|tgz|zip|tar))?(?:[?#]|$)/i.exec(url) ?? /refs\/heads\/([^/?#\s]+)/i.exec(url);
  if (heads) return heads[1];
  const archive = /\/archive\/(main|master|develop)\./i.exec(url);
  return archive ? archive[1] : undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-031',
    name: 'build-source-integrity',
    title: 'Build source integrity',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_build` fetches its source from a URL that is not `https://`, that follows a branch rather than a tag or commit, or without a `checksum` to verify the archive.',
    recommendation: 'Build from an `https://` archive of a tag or commit, and pin it with `checksum = "SHA256:<digest>"` computed from that archive.',
    controls: ['CCM AIS-06'],
    sources: ['TF-BUILD'],
    feature: 'Heroku Flow',
    tags: ['terraform', 'supply-chain', 'build'],
  },
  *check(context) {
    for (const build of resourcesIn(context, 'heroku_build')) {
      const reported = new Set<string>();
      const report = function* (span: Span, data: Data) {
        const key = `${span.start}:${data.problem}`;
        if (reported.has(key)) return;
        reported.add(key);
        yield detectionFor(context, build, span, data);
      };
      for (const instance of build.instances) {
        for (const source of instance.blocks('source')) {
          if (source.partial) continue;
          const url = source.attribute('url');
          // `source.path` uploads a local archive and the provider computes its checksum.
          if (!url || url.value.kind === 'null' || source.attribute('path') !== undefined) continue;
          const text = urlText(url);
          if (text) {
            const trimmed = text.text.trim();
            if (!/^https:\/\//i.test(trimmed) && (text.complete || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))) {
              const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1] ?? '';
              yield* report(url.syntax.value, { address: build.address, problem: 'not-https', scheme });
            }
            const branch = branchOf(trimmed);
            if (branch !== undefined) yield* report(url.syntax.value, { address: build.address, problem: 'branch', branch });
          }
          const checksum = source.attribute('checksum');
          const missing = checksum === undefined || checksum.value.kind === 'null' || stringValue(checksum.value)?.trim() === '';
          if (missing && parsedWhole(build.document, source.syntax)) yield* report(source.syntax.typeSpan, { address: build.address, problem: 'no-checksum' });
        }
      }
    }
  },
  message: ({ address, problem, scheme, branch }) => {
    switch (problem) {
      case 'not-https':
        return scheme
          ? `\`${address}\` fetches its source over \`${scheme}://\`; the source archive must come from an \`https://\` URL.`
          : `\`${address}\` has a source URL that is not an \`https://\` URL.`;
      case 'branch':
        return `\`${address}\` builds the moving branch \`${branch ?? ''}\` rather than a tag or commit, so the same configuration can deploy different code.`;
      case 'no-checksum':
        return `\`${address}\` fetches its source from a URL without a \`checksum\`, so a changed or tampered archive is built unnoticed.`;
    }
  },
});
