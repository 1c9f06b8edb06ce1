import { findKnownTokens, isPlaceholder } from '../../detectors/secrets';
import { defineRule, type RuleContext } from '../../rule';
import { replaceValueEdit, sensitiveVariableEdit } from '../../terraform/edits';
import { herokuProviders, isKnown, moduleDetection, providerLabel, stringValue, variableUsable } from '../../terraform/index';
import { maskSecret } from '../../text';
import type { Fix, TextEdit } from '../../types';
import { walkExpression } from '../../terraform/walk';

interface Data {
  /** `provider "heroku"`, with its alias when it has one. */
  readonly provider: string;
  readonly masked: string;
  /** `local.x` or `var.x` when the literal comes through a local or a variable's committed value. */
  readonly via?: string;
  /** The file that holds the value when it comes through a variable. */
  readonly source?: string;
  /** The `api_key` attribute's start: identifies the provider block for the fix. */
  readonly at: number;
}

const VARIABLE = 'heroku_api_key';



function fixFor(data: Data, context: RuleContext): Fix | undefined {
  const module = context.terraform?.module;
  if (!module || data.via) return undefined;
  const provider = herokuProviders(context.document, module).find((p) => p.body.attribute('api_key')?.syntax.start === data.at);
  const attribute = provider?.body.attribute('api_key')?.syntax;
  if (!provider || !attribute || attribute.value.kind !== 'string') return undefined;
  const usable = variableUsable(module, VARIABLE);
  if (!usable) return undefined;
  const edits: TextEdit[] = [replaceValueEdit(context.document, attribute, `var.${VARIABLE}`)];
  if (usable === 'declare') {
    if (provider.syntax.closeBraceStart === undefined) return undefined;
    edits.push(sensitiveVariableEdit(context.document, provider.syntax.end, VARIABLE));
  }
  return {
    title: `Read the API key from \`var.${VARIABLE}\`${usable === 'declare' ? ' (declared sensitive)' : ''}, set through TF_VAR_${VARIABLE} or HEROKU_API_KEY`,
    safety: 'suggestion',
    edits,
  };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-001',
    name: 'literal-provider-api-key',
    title: 'Literal API key in the provider block',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'crit', private: 'crit', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'The `heroku` provider block sets `api_key` to a literal, so a key with full access to the account is committed with the code.',
    recommendation:
      'Delete `api_key` and let the provider read `HEROKU_API_KEY`, or set `api_key = var.heroku_api_key` with the variable declared `sensitive = true`; revoke the committed key.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['TF-INDEX', 'TF-SEC'],
    feature: 'OAuth restriction / credentials',
    tags: ['terraform', 'secrets', 'provider'],
  },
  *check(context) {
    const module = context.terraform?.module;
    if (!module) return;
    for (const provider of herokuProviders(context.document, module)) {
      const attribute = provider.body.attribute('api_key');
      const text = attribute && isKnown(attribute.value) ? stringValue(attribute.value) : undefined;
      if (!attribute || text === undefined || text.trim() === '' || isPlaceholder(text)) continue;
      const expression = attribute.syntax.value;
      // The first variable or local the value goes through (`var.x`, `"${local.key}"`, `trimspace(var.x)`).
      let via: string | undefined;
      walkExpression(expression, (e) => {
        if (via || e.kind !== 'traversal' || (e.root !== 'var' && e.root !== 'local')) return;
        const name = e.traversers[0]?.kind === 'attr' ? e.traversers[0].name : '';
        via = `${e.root}.${name}`;
      });
      const token = findKnownTokens(text, 'HEROKU_API_KEY')[0];
      // Point at the committed value when it lives elsewhere (a variable's default or a tfvars file).
      const source = via?.startsWith('var.') ? module.variable(via.slice(4))?.valueSource : undefined;
      const detection = moduleDetection(context, attribute.syntax, {
        provider: providerLabel(provider),
        masked: maskSecret(token ? token.text : text.trim()),
        via,
        ...(source ? { source: source.path } : {}),
        at: attribute.syntax.start,
      });
      yield source
        ? { ...detection, related: [...(detection.related ?? []), { path: source.path, start: source.span.start, end: source.span.end, message: `The API key's value is committed here.` }] }
        : detection;
    }
  },
  message: ({ provider, masked, via, source }) =>
    `${provider} sets \`api_key\`${via ? ` through \`${via}\`` : ''} to a literal Heroku API key (\`${masked}\`) ${source ? `written in ${source}` : 'committed with the code'}.`,
  fix: ({ data }, context) => fixFor(data, context),
});
