import type { Document } from '../../document';
import { defineRule } from '../../rule';
import { alignedAttribute, insertInBlockEdit, replaceValueEdit } from '../../terraform/edits';
import { boolValue, type HclExpression, type HclTraverser, headerSpan, moduleDetection, type TfOutput } from '../../terraform/index';
import { walkExpression } from '../../terraform/walk';

interface Data {
  /** `output "db_url"` */
  readonly output: string;
  /** The reference that carries the secret, as written: `heroku_addon.db.config_var_values`. */
  readonly reference: string;
}

/**
 * Attributes that hold secrets, by the resource type that has them (provider schema, heroku-platform.md §7.2).
 * `pre_shared_key` (VPN tunnels) and `headers` (telemetry drains) are not marked sensitive in the schema, so
 * Terraform itself does not stop an output from printing them.
 */
const SECRET_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  heroku_app: new Set(['all_config_vars', 'sensitive_config_vars']),
  heroku_addon: new Set(['config_var_values']),
  heroku_config: new Set(['sensitive_vars']),
  heroku_app_config_association: new Set(['sensitive_vars']),
  heroku_pipeline_config_var: new Set(['sensitive_vars', 'all_vars']),
  heroku_drain: new Set(['sensitive_url']),
  heroku_space_vpn_connection: new Set(['tunnels']),
  heroku_telemetry_drain: new Set(['headers']),
  heroku_app_webhook: new Set(['secret', 'authorization']),
  heroku_ssl: new Set(['private_key']),
};

/** Attribute names that carry Heroku secrets whatever the root (module outputs, locals, splats): the catalog's list. */
const SECRET_NAMES = new Set(['config_var_values', 'all_config_vars', 'sensitive_config_vars', 'pre_shared_key', 'sensitive_url']);



/** `heroku_app.api.all_config_vars` for a traversal, up to the first index or splat after the attribute. */
function traversalText(root: string, traversers: readonly HclTraverser[], upTo: number): string {
  let text = root;
  for (const t of traversers.slice(0, upTo + 1)) text += t.kind === 'attr' ? `.${t.name}` : t.kind === 'splat' ? '[*]' : '[…]';
  return text;
}

/** The attribute names of a traversal, skipping indexes and splats. */
function attributeSteps(traversers: readonly HclTraverser[]): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  traversers.forEach((t, at) => {
    if (t.kind === 'attr') out.push({ name: t.name, at });
  });
  return out;
}

/**
 * The secret a traversal reads, as written, or undefined. `heroku_space_vpn_connection.x.tunnels` reads the
 * pre-shared keys unless it goes on to `.ip`; a whole resource (`heroku_app.api`) carries its secrets too.
 */
function secretOfTraversal(root: string, traversers: readonly HclTraverser[]): string | undefined {
  const steps = attributeSteps(traversers);
  let type = root;
  let rest = steps;
  if (root === 'data') {
    type = steps[0]?.name ?? '';
    rest = steps.slice(1);
  }
  const own = SECRET_ATTRIBUTES[type];
  if (own && rest.length >= 1) {
    // rest[0] is the resource name; rest[1] the attribute.
    const attribute = rest[1];
    if (!attribute) return root === 'data' ? undefined : traversalText(root, traversers, rest[0].at);
    if (own.has(attribute.name)) {
      if (attribute.name === 'tunnels' && rest[2]?.name === 'ip') return undefined;
      return traversalText(root, traversers, (rest[2]?.name === 'pre_shared_key' ? rest[2] : attribute).at);
    }
  }
  const named = steps.find((s) => SECRET_NAMES.has(s.name));
  return named ? traversalText(root, traversers, named.at) : undefined;
}

const OPAQUE_REFERENCE = /\b((?:data\.)?heroku_[a-z_]+\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][\w-]*)*)/g;

/** The secrets an output's value reads (first one found), including inside `for` expressions (scanned as text). */
export function secretReference(document: Document, expression: HclExpression): string | undefined {
  let found: string | undefined;
  walkExpression(expression, (e) => {
    if (found) return;
    if (e.kind === 'traversal') found = secretOfTraversal(e.root, e.traversers);
    else if (e.kind === 'relative') {
      const named = attributeSteps(e.traversers).find((s) => SECRET_NAMES.has(s.name));
      if (named) found = `(…)${traversalText('', e.traversers, named.at)}`;
    } else if (e.kind === 'for' || e.kind === 'unknown') {
      found = scanText(document.text.slice(e.start, e.end));
    }
  });
  return found;
}

/** A textual scan of an expression the model keeps opaque (`[for t in x.tunnels : t.pre_shared_key]`). */
function scanText(text: string): string | undefined {
  const code = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const match of code.matchAll(OPAQUE_REFERENCE)) {
    const parts = match[1].replace(/\[[^\]]*\]/g, '').split('.');
    const traversers = parts.slice(1).map((name): HclTraverser => ({ kind: 'attr', name, span: { start: 0, end: 0 } }));
    const secret = secretOfTraversal(parts[0], traversers);
    if (!secret || traversers.length < 2) continue;
    // `[for t in x.tunnels : t.ip]` reads only the tunnel addresses.
    if (secret.endsWith('.tunnels') && /\.ip\b/.test(code) && !/pre_shared_key/.test(code)) continue;
    return secret;
  }
  const word = /\b(config_var_values|all_config_vars|sensitive_config_vars|pre_shared_key|sensitive_url)\b/.exec(code);
  return word ? `…${word[1]}` : undefined;
}

function outputsOf(document: Document, outputs: readonly TfOutput[]): TfOutput[] {
  return outputs.filter((o) => o.document === document || o.document.path === document.path);
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-006',
    name: 'output-leaks-secret',
    title: 'Output leaks a secret',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary:
      'An `output` returns config var values, a sensitive drain URL, VPN pre-shared keys or telemetry headers without `sensitive = true`, so Terraform prints the secret.',
    recommendation: 'Add `sensitive = true` to the `output` block, or stop exporting the secret.',
    controls: [],
    sources: ['TF-SEC', 'TF-VPN', 'TF-TELEMETRY'],
    feature: 'Config Vars / VPN',
    tags: ['terraform', 'secrets', 'state'],
  },
  *check(context) {
    const module = context.terraform?.module;
    if (!module) return;
    for (const output of outputsOf(context.document, module.outputs)) {
      const sensitive = output.body.attribute('sensitive');
      if (sensitive && boolValue(sensitive.value) !== false) continue; // true, or unknown: never reported
      const value = output.body.attribute('value');
      if (!value) continue;
      const reference = secretReference(context.document, value.syntax.value);
      if (!reference) continue;
      yield moduleDetection(context, headerSpan(output.syntax), { output: `output "${output.name}"`, reference });
    }
  },
  message: ({ output, reference }) =>
    `${output} returns \`${reference}\` without \`sensitive = true\`, so Terraform prints the secret in plan output and \`terraform output\`.`,
  fix: (detection, context) => {
    const module = context.terraform?.module;
    const output = module && outputsOf(context.document, module.outputs).find((o) => `output "${o.name}"` === detection.data.output);
    if (!output) return undefined;
    const sensitive = output.body.attribute('sensitive');
    const edit = sensitive
      ? sensitive.syntax.value.kind === 'bool'
        ? replaceValueEdit(context.document, sensitive.syntax, 'true')
        : undefined
      : insertInBlockEdit(context.document, output.syntax, alignedAttribute(context.document, output.syntax, 'sensitive', 'true'));
    return edit && { title: `Mark ${detection.data.output} as \`sensitive = true\``, safety: 'safe', edits: [edit] };
  },
});
