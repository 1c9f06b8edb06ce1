import type { Document } from '../../document';
import { defineRule } from '../../rule';
import { alignedAttribute, insertInBlockEdit, replaceValueEdit } from '../../terraform/edits';
import { type HclExpression, headerSpan, moduleDetection, type TfModule, type TfVariable } from '../../terraform/index';
import { walkExpression } from '../../terraform/walk';

interface Data {
  readonly variable: string;
  /** `provider "heroku"` when the variable feeds its `api_key`; otherwise the variable is reported for its name. */
  readonly provider?: string;
}

/** The catalog's name pattern for Heroku credentials: `(?i)heroku.*(api_?key|token)`. */
const HEROKU_KEY_NAME = /heroku.*(api_?key|token)/i;

/** Variables that `api_key` of any `provider "heroku"` block in the module reads (`var.x`, also inside functions). */
function apiKeyVariables(module: TfModule): Map<string, string> {
  const out = new Map<string, string>();
  for (const provider of module.providers) {
    if (provider.name !== 'heroku') continue;
    const attribute = provider.body.attribute('api_key');
    if (!attribute) continue;
    const label = 'provider "heroku"';
    const text = provider.document.text;
    walkExpression(attribute.syntax.value, (e: HclExpression) => {
      if (e.kind === 'traversal' && e.root === 'var' && e.traversers[0]?.kind === 'attr') out.set(e.traversers[0].name, label);
      else if (e.kind === 'for' || e.kind === 'unknown') {
        for (const m of text.slice(e.start, e.end).matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) out.set(m[1], label);
      }
    });
  }
  return out;
}

function variablesOf(document: Document, module: TfModule): TfVariable[] {
  return module.variables.filter((v) => v.document === document || v.document.path === document.path);
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-002',
    name: 'api-key-variable-not-sensitive',
    title: 'API-key variable not marked sensitive',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'med', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary:
      'The variable that feeds the `heroku` provider\'s `api_key`, or a variable named like a Heroku API key or token, lacks `sensitive = true`, so Terraform prints its value.',
    recommendation: 'Add `sensitive = true` to the `variable` block.',
    controls: [],
    sources: ['TF-INDEX', 'TF-SEC'],
    feature: 'OAuth restriction',
    tags: ['terraform', 'secrets', 'provider'],
  },
  *check(context) {
    const module = context.terraform?.module;
    if (!module) return;
    const feeding = apiKeyVariables(module);
    for (const variable of variablesOf(context.document, module)) {
      if (variable.sensitive) continue;
      const provider = feeding.get(variable.name);
      if (!provider && !HEROKU_KEY_NAME.test(variable.name)) continue;
      const sensitive = variable.syntax.body.attributes.find((a) => a.name === 'sensitive');
      // `sensitive` must be a literal; anything but a literal `false` is left alone.
      if (sensitive && sensitive.value.kind !== 'bool') continue;
      yield moduleDetection(context, headerSpan(variable.syntax), { variable: variable.name, ...(provider ? { provider } : {}) });
    }
  },
  message: ({ variable, provider }) =>
    provider
      ? `variable "${variable}" feeds \`api_key\` of ${provider} but is not marked \`sensitive = true\`, so Terraform can print the API key in plan output.`
      : `variable "${variable}" holds a Heroku API key or token but is not marked \`sensitive = true\`, so Terraform can print it in plan output.`,
  fix: ({ data }, context) => {
    const module = context.terraform?.module;
    const variable = module && variablesOf(context.document, module).find((v) => v.name === data.variable);
    if (!variable) return undefined;
    const sensitive = variable.syntax.body.attributes.find((a) => a.name === 'sensitive');
    const edit = !sensitive
      ? insertInBlockEdit(context.document, variable.syntax, alignedAttribute(context.document, variable.syntax, 'sensitive', 'true'))
      : sensitive.value.kind === 'bool' && !sensitive.value.value
        ? replaceValueEdit(context.document, sensitive, 'true')
        : undefined;
    return edit && { title: `Mark variable "${data.variable}" as \`sensitive = true\``, safety: 'safe', edits: [edit] };
  },
});
