import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { boolValue, detectionFor, resourcesIn, stringValue } from '../../terraform/index';

interface Data {
  readonly feature: string;
  readonly app?: string;
  /** The value of `enabled` when it is a literal (`false`, `"false"`) that the fix can flip. */
  readonly valueSpan?: { readonly start: number; readonly end: number };
}

const STRICT_TLS_FEATURE = 'spaces-strict-tls';

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-018',
    name: 'strict-tls-disabled',
    title: 'Strict TLS turned off',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A `heroku_app_feature` turns off `spaces-strict-tls`, which lets clients reach the app over TLS 1.0.',
    recommendation: 'Keep `spaces-strict-tls` enabled (`enabled = true`), or delete the `heroku_app_feature` that disables it.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['HK-CLI'],
    feature: 'Cipher suites / TLS 1.2',
    tags: ['terraform', 'tls'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    for (const feature of resourcesIn(context, 'heroku_app_feature')) {
      for (const instance of feature.instances) {
        if (stringValue(instance.attribute('name')?.value)?.trim().toLowerCase() !== STRICT_TLS_FEATURE) continue;
        const enabled = instance.attribute('enabled');
        if (!enabled || boolValue(enabled.value) !== false) continue;
        const value = enabled.syntax.value;
        // Only when `name` is a literal too: a `for_each` over feature names shares the `enabled` literal.
        const nameLiteral = instance.attribute('name')?.syntax.value.kind === 'string';
        const valueSpan = nameLiteral && (value.kind === 'bool' || value.kind === 'string') ? { start: value.start, end: value.end } : undefined;
        yield detectionFor(context, feature, enabled.syntax, { feature: feature.address, app: graph?.appOf(feature)?.address, valueSpan });
        break;
      }
    }
  },
  message: ({ feature, app }) =>
    `${feature} turns off \`spaces-strict-tls\`${app ? ` for ${app}` : ''}, so the app accepts TLS 1.0 connections.`,
  // Turning the feature back on is the whole fix; it stops only the old protocol versions it names.
  fix: ({ data }, { document }) => {
    if (!data.valueSpan) return undefined;
    return { title: 'Set `enabled = true`', safety: 'safe', edits: [replaceSpanEdit(document, data.valueSpan, 'true')] };
  },
});
