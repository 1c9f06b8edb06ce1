import { findKnownTokens, findUrlCredentials, isBooleanOrNumber, isPlaceholder, isSecretName } from '../../detectors/secrets';
import type { RuleContext } from '../../rule';
import { defineRule } from '../../rule';
import { replaceSpanEdit, sensitiveVariableEdit, variableNameFor } from '../../terraform/edits';
import { literalKey } from '../../terraform/evaluate';
import { detectionFor, type HclAttribute, type HclExpression, isKnown, resourcesIn, stringValue, type TfAttribute, type TfResource, variableUsable } from '../../terraform/index';
import { maskSecret } from '../../text';
import type { TextEdit } from '../../types';

interface Data {
  readonly resource: string;
  /** `sensitive_config_vars["STRIPE_KEY"]`, `config["api_token"]` or `secret`. */
  readonly where: string;
  readonly masked: string;
  /** `local.x` when the literal comes through a local value (no fix then). */
  readonly via?: string;
  /** The offending attribute and, for map entries, the entry key: for the fix. */
  readonly attribute: string;
  readonly key?: string;
}

/** Sensitive maps: every literal value is reported. `heroku_addon.config` holds plan options, so only secret-looking entries. */
const TARGETS: readonly { type: string; attribute: string; kind: 'sensitive-map' | 'options-map' | 'scalar' }[] = [
  { type: 'heroku_app', attribute: 'sensitive_config_vars', kind: 'sensitive-map' },
  { type: 'heroku_config', attribute: 'sensitive_vars', kind: 'sensitive-map' },
  { type: 'heroku_pipeline_config_var', attribute: 'sensitive_vars', kind: 'sensitive-map' },
  { type: 'heroku_app_config_association', attribute: 'sensitive_vars', kind: 'sensitive-map' },
  { type: 'heroku_addon', attribute: 'config', kind: 'options-map' },
  { type: 'heroku_app_webhook', attribute: 'secret', kind: 'scalar' },
  { type: 'heroku_app_webhook', attribute: 'authorization', kind: 'scalar' },
];

/**
 * The literal string an expression holds, or undefined when it is not a literal: a quoted string or heredoc
 * without interpolation, or a `local.*` that evaluates to a known string (the literal is then in a locals
 * block). Variables and data sources are the fix, never a finding.
 */
function literalOf(expression: HclExpression, attribute: TfAttribute): { text: string; via?: string } | undefined {
  if (expression.kind === 'string') return { text: expression.value };
  if (expression.kind === 'traversal' && expression.root === 'local') {
    const value = attribute.evaluate(expression);
    const text = isKnown(value) ? stringValue(value) : undefined;
    const name = expression.traversers[0]?.kind === 'attr' ? expression.traversers[0].name : undefined;
    return text === undefined || !name ? undefined : { text, via: `local.${name}` };
  }
  return undefined;
}

/** A literal that could be a credential: not empty, not a placeholder, not a bare boolean or number. */
function isCredentialLike(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !isPlaceholder(trimmed) && !isBooleanOrNumber(trimmed);
}

/** For plan options (`heroku_addon.config`): a secret name, a known token or a URL with a password. */
function isSecretOption(key: string, text: string): boolean {
  return isSecretName(key) || findKnownTokens(text, key).length > 0 || findUrlCredentials(text).length > 0;
}

/** The secret part of a literal for the message (a token or URL password when there is one), masked. */
function maskedOf(text: string, key: string | undefined): string {
  const token = findKnownTokens(text, key)[0];
  if (token) return maskSecret(token.text);
  const url = findUrlCredentials(text)[0];
  return maskSecret(url ? url.text : text.trim());
}

function keyOf(expression: HclExpression, attribute: TfAttribute): string | undefined {
  return literalKey(expression) ?? stringValue(attribute.evaluate(expression));
}




interface Hit {
  readonly span: { start: number; end: number };
  readonly data: Data;
}

function* hitsOf(resource: TfResource, target: (typeof TARGETS)[number]): Generator<Hit> {
  for (const instance of resource.instances) {
    const attribute = instance.attribute(target.attribute);
    if (!attribute) continue;
    const syntax: HclAttribute = attribute.syntax;
    if (target.kind === 'scalar') {
      const literal = literalOf(syntax.value, attribute);
      if (!literal || !isCredentialLike(literal.text)) continue;
      yield {
        span: syntax,
        data: { resource: resource.address, where: `\`${target.attribute}\``, masked: maskedOf(literal.text, undefined), via: literal.via, attribute: target.attribute },
      };
      continue;
    }
    if (syntax.value.kind !== 'object') continue;
    for (const item of syntax.value.items) {
      const key = keyOf(item.key, attribute);
      if (key === undefined) continue;
      const literal = literalOf(item.value, attribute);
      if (!literal || !isCredentialLike(literal.text)) continue;
      if (target.kind === 'options-map' && !isSecretOption(key, literal.text)) continue;
      yield {
        span: item,
        data: {
          resource: resource.address,
          where: `\`${target.attribute}["${key}"]\``,
          masked: maskedOf(literal.text, key),
          via: literal.via,
          attribute: target.attribute,
          key,
        },
      };
    }
  }
}

function fixFor(data: Data, context: RuleContext) {
  const module = context.terraform?.module;
  const resource = module?.resource(data.resource);
  if (!module || !resource || data.via) return undefined;
  const attribute = resource.attribute(data.attribute)?.syntax;
  if (!attribute) return undefined;
  let literal: HclExpression | undefined;
  if (data.key === undefined) literal = attribute.value;
  else if (attribute.value.kind === 'object') {
    literal = attribute.value.items.find((item) => literalKey(item.key) === data.key)?.value;
  }
  if (!literal || literal.kind !== 'string') return undefined;
  const name = variableNameFor(data.key ?? `${resource.name}_webhook_${data.attribute}`);
  const usable = variableUsable(module, name);
  if (!usable) return undefined;
  const edits: TextEdit[] = [replaceSpanEdit(resource.document, literal, `var.${name}`)];
  if (usable === 'declare') edits.push(sensitiveVariableEdit(resource.document, resource.document.text.length, name));
  return {
    title: `Replace the literal with \`var.${name}\`${usable === 'declare' ? ' (declared sensitive)' : ''} and set its value outside the repository`,
    safety: 'suggestion' as const,
    edits,
  };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-004',
    name: 'literal-secret-in-sensitive-map',
    title: 'Literal secret even in a sensitive map',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      '`sensitive_config_vars`, `sensitive_vars`, a secret `heroku_addon.config` option or `heroku_app_webhook.secret`/`authorization` holds a literal, so the secret is committed with the code.',
    recommendation:
      'Pass the value in through a variable declared with `sensitive = true` (set from the environment or a secret store), or manage especially sensitive config vars outside Terraform; rotate any credential that was committed.',
    controls: ['PCI 8.6.2'],
    sources: ['DC-CONFIGVARS', 'TF-SEC'],
    feature: 'Config Vars',
    tags: ['terraform', 'secrets', 'config-vars'],
  },
  *check(context) {
    for (const target of TARGETS) {
      for (const resource of resourcesIn(context, target.type)) {
        for (const hit of hitsOf(resource, target)) yield detectionFor(context, resource, hit.span, hit.data);
      }
    }
  },
  message: ({ resource, where, masked, via }) =>
    `${resource} sets ${where} to a literal secret (\`${masked}\`)${via ? ` through \`${via}\`` : ''}, so the secret is committed with the code.`,
  fix: ({ data }, context) => fixFor(data, context),
});
