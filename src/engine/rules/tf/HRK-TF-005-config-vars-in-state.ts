import { defineRule, type RuleContext } from '../../rule';
import { alignedAttribute, innerIndent, insertInBlockEdit, replaceValueEdit } from '../../terraform/edits';
import { boolValue, headerSpan, herokuProviders, moduleDetection, providerLabel, type Span, type TfProvider } from '../../terraform/index';
import type { Fix, TextEdit } from '../../types';

const SETTINGS = ['set_app_all_config_vars_in_state', 'set_addon_config_vars_in_state'] as const;
type Setting = (typeof SETTINGS)[number];

interface Data {
  readonly provider: string;
  /** The settings that are missing (default `true`) or set to `true`. */
  readonly settings: readonly Setting[];
  /** `customizations` is absent, present without the settings, or sets one to `true`. */
  readonly shape: 'no-block' | 'missing' | 'true';
  /** Start of the provider block: identifies it for the fix. */
  readonly at: number;
}

/** The problems of one provider block, each with the span to report. Unknown values are never reported. */
function problemsOf(provider: TfProvider): { span: Span; shape: Data['shape']; settings: Setting[] }[] {
  const blocks = provider.body.blocks('customizations');
  if (blocks.length === 0) {
    // A `dynamic "customizations"` with an unknown for_each may set them: stay silent.
    if (provider.syntax.body.blocks.some((b) => b.type === 'dynamic')) return [];
    return [{ span: headerSpan(provider.syntax), shape: 'no-block', settings: [...SETTINGS] }];
  }
  const block = blocks[0];
  if (block.partial) return [];
  const out: { span: Span; shape: Data['shape']; settings: Setting[] }[] = [];
  const missing: Setting[] = [];
  for (const setting of SETTINGS) {
    const attribute = block.attribute(setting);
    if (!attribute) missing.push(setting);
    else if (attribute.value.kind === 'null') missing.push(setting);
    else if (boolValue(attribute.value) === true) out.push({ span: attribute.syntax, shape: 'true', settings: [setting] });
  }
  if (missing.length > 0) out.unshift({ span: block.syntax.typeSpan, shape: 'missing', settings: missing });
  return out;
}

function fixFor(data: Data, context: RuleContext): Fix | undefined {
  const module = context.terraform?.module;
  const provider = module && herokuProviders(context.document, module).find((p) => p.syntax.start === data.at);
  if (!provider) return undefined;
  const document = context.document;
  const eol = document.eol;
  let edit: TextEdit | undefined;
  if (data.shape === 'no-block') {
    const inner = innerIndent(document, provider.syntax);
    const width = Math.max(...data.settings.map((s) => s.length));
    const lines = data.settings.map((s) => `${inner}  ${s.padEnd(width)} = false`);
    edit = insertInBlockEdit(document, provider.syntax, ['customizations {', ...lines, `${inner}}`].join(eol));
  } else {
    const block = provider.body.blocks('customizations')[0];
    if (!block) return undefined;
    if (data.shape === 'true') {
      const attribute = block.attribute(data.settings[0])?.syntax;
      edit = attribute && replaceValueEdit(document, attribute, 'false');
    } else {
      const inner = innerIndent(document, block.syntax);
      const lines = data.settings.map((s) => alignedAttribute(document, block.syntax, s, 'false'));
      edit = insertInBlockEdit(document, block.syntax, lines.join(`${eol}${inner}`));
    }
  }
  return (
    edit && {
      title: `Keep config var values out of the state: set ${data.settings.map((s) => `\`${s} = false\``).join(' and ')}`,
      safety: 'suggestion',
      edits: [edit],
    }
  );
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-005',
    name: 'config-vars-in-state',
    title: 'Config-var values captured in state',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'The `heroku` provider keeps every app config var and add-on config var value in the state, because `customizations { set_app_all_config_vars_in_state = false  set_addon_config_vars_in_state = false }` is not set.',
    recommendation:
      'Add `customizations { set_app_all_config_vars_in_state = false  set_addon_config_vars_in_state = false }` to `provider "heroku"`, after moving any reference to `all_config_vars` or `config_var_values` elsewhere.',
    controls: ['SOC2 CC6.1'],
    sources: ['TF-INDEX', 'TF-SEC'],
    feature: 'Config Vars',
    tags: ['terraform', 'secrets', 'state', 'provider'],
  },
  *check(context) {
    const module = context.terraform?.module;
    if (!module) return;
    for (const provider of herokuProviders(context.document, module)) {
      for (const problem of problemsOf(provider)) {
        yield moduleDetection(context, problem.span, { provider: providerLabel(provider), settings: problem.settings, shape: problem.shape, at: provider.syntax.start });
      }
    }
  },
  message: ({ provider, settings, shape }) => {
    const what = settings.length === 2 ? 'every app and add-on config var value' : settings[0] === 'set_app_all_config_vars_in_state' ? 'every app config var value' : 'every add-on config var value';
    if (shape === 'no-block') return `${provider} has no \`customizations\` block, so the provider stores ${what} in the Terraform state.`;
    if (shape === 'true') return `${provider} sets \`${settings[0]} = true\`, so the provider stores ${what} in the Terraform state.`;
    return `${provider} \`customizations\` does not set ${settings.map((s) => `\`${s} = false\``).join(' and ')}, so the provider stores ${what} in the Terraform state.`;
  },
  fix: ({ data }, context) => fixFor(data, context),
});
