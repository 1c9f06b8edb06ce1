import type { Document } from '../../document';
import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, type HclExpression, headerSpan, isKnown, parsedWhole, resourcesIn, type Span, stringValue, type TfAttribute } from '../../terraform';

interface Data {
  /** `heroku_app_webhook.deploys` */
  readonly address: string;
  /** `unsigned`: no `secret`; `http`: the `url` starts with `http://`. */
  readonly problem: 'unsigned' | 'http';
  /** For `http`: where `http` is written in the source, for the fix. */
  readonly schemeSpan?: Span;
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

/** Whether the URL is plaintext HTTP: from its value when known, else from a template's static prefix. */
function isPlainHttp(attribute: TfAttribute): boolean {
  if (isKnown(attribute.value)) return /^\s*http:\/\//i.test(stringValue(attribute.value) ?? '');
  const lead = leadingLiteral(attribute.syntax.value);
  return attribute.syntax.value.kind === 'template' && lead !== undefined && /^\s*http:\/\//i.test(lead.text);
}

/** Where `http` is written, verified against the source text. */
function schemeSpanOf(document: Document, attribute: TfAttribute): Span | undefined {
  const lead = leadingLiteral(attribute.syntax.value);
  if (!lead || lead.start === undefined) return undefined;
  const start = lead.start + (lead.text.length - lead.text.trimStart().length);
  const end = start + 4;
  return document.text.slice(start, end + 3).toLowerCase() === 'http://' ? { start, end } : undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-033',
    name: 'webhook-unsigned-or-plaintext',
    title: 'Webhook unsigned or plaintext',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A `heroku_app_webhook` has no `secret`, so its receiver cannot verify that payloads come from Heroku, or delivers to an `http://` URL.',
    recommendation: 'Set `secret` from a sensitive variable and verify the `Heroku-Webhook-Hmac-SHA256` signature in the receiver; deliver to an `https://` URL.',
    controls: ['SOC2 CC6.7'],
    sources: ['TF-WEBHOOK'],
    feature: 'Audit trails / integrations',
    tags: ['terraform', 'webhooks', 'tls'],
  },
  *check(context) {
    for (const webhook of resourcesIn(context, 'heroku_app_webhook')) {
      let unsigned = false;
      let http = false;
      for (const instance of webhook.instances) {
        const secret = instance.attribute('secret');
        const absent = secret === undefined ? parsedWhole(webhook.document, webhook.syntax) : secret.value.kind === 'null' || stringValue(secret.value)?.trim() === '';
        if (!unsigned && absent) {
          unsigned = true;
          yield detectionFor(context, webhook, secret ? secret.syntax : headerSpan(webhook.syntax), { address: webhook.address, problem: 'unsigned' });
        }
        const url = instance.attribute('url');
        if (!http && url && isPlainHttp(url)) {
          http = true;
          const schemeSpan = schemeSpanOf(context.document, url);
          yield detectionFor(context, webhook, url.syntax.value, { address: webhook.address, problem: 'http', ...(schemeSpan ? { schemeSpan } : {}) });
        }
      }
    }
  },
  message: ({ address, problem }) =>
    problem === 'unsigned'
      ? `\`${address}\` has no \`secret\`, so the receiver cannot verify that deliveries come from Heroku.`
      : `\`${address}\` delivers app events over plaintext \`http://\`; use an \`https://\` URL.`,
  // The receiver must accept TLS on that address first.
  fix: ({ data }, { document }) =>
    data.schemeSpan ? { title: 'Use `https://`', safety: 'suggestion', edits: [replaceSpanEdit(document, data.schemeSpan, 'https')] } : undefined,
});
