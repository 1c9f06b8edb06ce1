import type { Document } from '../../document';
import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, existenceKnown, type HclExpression, isKnown, resourcesIn, stringValue, type TfAttribute } from '../../terraform/index';
import type { TextEdit } from '../../types';

type PlainScheme = 'syslog' | 'http';

interface Data {
  readonly drain: string;
  readonly attribute: 'url' | 'sensitive_url';
  readonly scheme: PlainScheme;
  /** `[start, end)` of the scheme in the source when it is written verbatim there (for the fix). */
  readonly schemeSpan?: { readonly start: number; readonly end: number };
}

const SECURE: Readonly<Record<PlainScheme, string>> = { syslog: 'syslog+tls', http: 'https' };

function plainScheme(text: string): PlainScheme | undefined {
  const match = /^\s*(syslog|http):\/\//i.exec(text);
  return match ? (match[1].toLowerCase() as PlainScheme) : undefined;
}

/** The literal text an expression starts with, and where, when the source holds it verbatim. */
function leadingLiteral(expression: HclExpression): { text: string; start?: number } | undefined {
  if (expression.kind === 'string') return { text: expression.value, start: expression.valueStart };
  if (expression.kind === 'template' && !expression.heredoc) {
    const first = expression.parts[0];
    if (first?.kind === 'literal' && first.text !== undefined) return { text: first.text, start: first.start };
  }
  return undefined;
}

/**
 * The plaintext scheme of one instance's drain URL. The evaluated value decides when it is known; a template
 * such as `"syslog://${var.host}:514"` has a known scheme even when the host is not.
 */
function schemeOf(attribute: TfAttribute): PlainScheme | undefined {
  if (isKnown(attribute.value)) {
    const value = stringValue(attribute.value);
    return value === undefined ? undefined : plainScheme(value);
  }
  const lead = leadingLiteral(attribute.syntax.value);
  return lead && attribute.syntax.value.kind === 'template' ? plainScheme(lead.text) : undefined;
}

/** Where the scheme is written, verified against the source text. */
function schemeSpanOf(document: Document, attribute: TfAttribute, scheme: PlainScheme): { start: number; end: number } | undefined {
  const lead = leadingLiteral(attribute.syntax.value);
  if (!lead || lead.start === undefined) return undefined;
  const offset = lead.text.length - lead.text.trimStart().length;
  const start = lead.start + offset;
  const end = start + scheme.length;
  return document.text.slice(start, end).toLowerCase() === scheme && document.text.slice(end, end + 3) === '://' ? { start, end } : undefined;
}

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
      if (!existenceKnown(context, drain)) continue;
      for (const name of ['url', 'sensitive_url'] as const) {
        const syntax = drain.syntax.body.attributes.find((a) => a.name === name);
        if (!syntax) continue;
        const seen = new Set<PlainScheme>();
        for (const instance of drain.instances) {
          const attribute = instance.attribute(name);
          const scheme = attribute && schemeOf(attribute);
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
