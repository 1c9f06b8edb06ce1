import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, resourcesIn } from '../../terraform/index';
import type { TextEdit } from '../../types';
import { schemeSpanOf, urlSchemeOf } from '../../terraform/literals';

const PLAIN_SCHEMES = ['syslog', 'http'] as const;
type PlainScheme = (typeof PLAIN_SCHEMES)[number];

interface Data {
  readonly drain: string;
  readonly attribute: 'url' | 'sensitive_url';
  readonly scheme: PlainScheme;
  /** `[start, end)` of the scheme in the source when it is written verbatim there (for the fix). */
  readonly schemeSpan?: { readonly start: number; readonly end: number };
}

const SECURE: Readonly<Record<PlainScheme, string>> = { syslog: 'syslog+tls', http: 'https' };

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-015',
    name: 'plaintext-log-drain',
    title: 'Plaintext log drain',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A `heroku_drain` sends the app\'s logs over `syslog://` or `http://`, unencrypted, to the drain endpoint.',
    recommendation: 'Use `syslog+tls://` or `https://` drain URLs, after confirming that the endpoint supports TLS.',
    controls: ['HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['DC-LOGDRAINS'],
    feature: 'Logging / log drains',
    tags: ['terraform', 'logging', 'tls'],
  },
  *check(context) {
    for (const drain of resourcesIn(context, 'heroku_drain')) {
      for (const name of ['url', 'sensitive_url'] as const) {
        const syntax = drain.syntax.body.attributes.find((a) => a.name === name);
        if (!syntax) continue;
        const seen = new Set<PlainScheme>();
        for (const instance of drain.instances) {
          const attribute = instance.attribute(name);
          const scheme = attribute && urlSchemeOf(attribute, PLAIN_SCHEMES);
          if (!attribute || !scheme || seen.has(scheme)) continue;
          seen.add(scheme);
          const schemeSpan = schemeSpanOf(context.document, attribute, scheme);
          yield detectionFor(context, drain, attribute.syntax.value, { drain: drain.address, attribute: name, scheme, ...(schemeSpan ? { schemeSpan } : {}) });
        }
      }
    }
  },
  message: ({ drain, attribute, scheme }) =>
    `${drain} sends logs over plaintext \`${scheme}://\` in \`${attribute}\`; use \`${SECURE[scheme]}://\` so that log lines are encrypted in transit.`,
  // The endpoint must accept TLS on that address first (catalog: "Confirm the endpoint supports TLS first").
  fix: ({ data }, { document }) => {
    if (!data.schemeSpan) return undefined;
    const edit: TextEdit = replaceSpanEdit(document, data.schemeSpan, SECURE[data.scheme]);
    return { title: `Use \`${SECURE[data.scheme]}://\``, safety: 'suggestion', edits: [edit] };
  },
});
