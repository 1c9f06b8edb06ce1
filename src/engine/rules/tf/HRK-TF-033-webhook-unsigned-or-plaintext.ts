import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, headerSpan, parsedWhole, resourcesIn, type Span, stringValue } from '../../terraform';
import { schemeSpanOf, urlSchemeOf } from '../../terraform/literals';

interface Data {
  /** `heroku_app_webhook.deploys` */
  readonly address: string;
  /** `unsigned`: no `secret`; `http`: the `url` starts with `http://`. */
  readonly problem: 'unsigned' | 'http';
  /** For `http`: where `http` is written in the source, for the fix. */
  readonly schemeSpan?: Span;
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
        if (!http && url && urlSchemeOf(url, ['http']) !== undefined) {
          http = true;
          const schemeSpan = schemeSpanOf(context.document, url, 'http');
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
