import { getNodeValue, type Node as JsonNode, parseTree, type ParseError } from 'jsonc-parser';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { jsonChild, jsonProperties } from '../../sites';
import { lineStartBefore } from '../../text';

type Section = 'env' | 'addons' | 'formation' | 'scripts';
const SECTIONS: readonly Section[] = ['env', 'addons', 'formation', 'scripts'];

/** Only these environments are read by Heroku (HRK-APPJSON-023 reports the others). */
const ENVIRONMENTS: readonly string[] = ['review', 'test'];

/**
 * Entries an environment never uses, so dropping them loses nothing: Heroku CI (`test`) runs only the `test`
 * formation and the `test-setup`/`test` scripts, and review apps never run those.
 */
function usedIn(environment: string, section: Section, name: string): boolean {
  const ciOnly = section === 'formation' ? ['test'] : section === 'scripts' ? ['test-setup', 'test'] : undefined;
  if (!ciOnly) return true;
  return environment === 'test' ? ciOnly.includes(name) : !ciOnly.includes(name);
}

interface Missing {
  /** Name for the message: config var, process type, script, or add-on service. */
  readonly name: string;
  /** For env: a `generator: "secret"` entry. */
  readonly generated?: boolean;
  /** Index of the base entry (property index for objects, item index for addons). */
  readonly index: number;
}

interface Data {
  readonly environment: string;
  readonly section: Section;
  readonly missing: readonly Missing[];
}

function addonService(item: JsonNode): { service: string; as?: string } | undefined {
  const plan = item.type === 'object' ? jsonChild(item, 'plan') : item;
  if (plan?.type !== 'string' || typeof plan.value !== 'string') return undefined;
  const as = item.type === 'object' ? jsonChild(item, 'as') : undefined;
  const service = plan.value.split(':')[0].trim().toLowerCase();
  return { service, ...(as?.type === 'string' && typeof as.value === 'string' ? { as: as.value.trim().toUpperCase() } : {}) };
}

function missingEntries(environment: string, section: Section, base: JsonNode, override: JsonNode): Missing[] {
  // Heroku CI provisions its own (often in-dyno) add-ons, and a minimal test env is deliberate; there only a
  // dropped generated secret is worth a finding, because code that reads it then sees no value at all.
  const ciOnlyGenerated = environment === 'test' && section === 'env';
  if (environment === 'test' && section === 'addons') return [];
  if (section === 'addons') {
    if (base.type !== 'array' || override.type !== 'array') return [];
    const present = (override.children ?? []).map(addonService).filter((a): a is { service: string; as?: string } => a !== undefined);
    const out: Missing[] = [];
    (base.children ?? []).forEach((item, index) => {
      const addon = addonService(item);
      if (!addon || addon.service.length === 0) return;
      const kept = present.some((p) => p.service === addon.service && (addon.as === undefined || p.as === undefined || p.as === addon.as));
      if (!kept) out.push({ name: addon.as !== undefined ? `${addon.service} (as ${addon.as})` : addon.service, index });
    });
    return out;
  }
  if (base.type !== 'object' || override.type !== 'object') return [];
  const kept = new Set(jsonProperties(override).map((p) => p.key));
  const out: Missing[] = [];
  const seen = new Set<string>();
  jsonProperties(base).forEach((entry, index) => {
    if (kept.has(entry.key) || seen.has(entry.key) || !usedIn(environment, section, entry.key)) return;
    seen.add(entry.key);
    const generator = section === 'env' && entry.value?.type === 'object' ? jsonChild(entry.value, 'generator') : undefined;
    if (ciOnlyGenerated && generator?.value !== 'secret') return;
    out.push({ name: entry.key, index, ...(generator?.value === 'secret' ? { generated: true } : {}) });
  });
  return out;
}

function describe(missing: readonly Missing[]): string {
  const names = missing.map((m) => `\`${m.name}\`${m.generated ? ' (generated secret)' : ''}`);
  const shown = names.slice(0, 5);
  const more = names.length - shown.length;
  const list = shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')}${more > 0 ? ', ' : ' and '}${shown[shown.length - 1]}`;
  return more > 0 ? `${list} and ${more} more` : list;
}

const NOUN: Record<Section, string> = { env: 'config var', addons: 'add-on', formation: 'process type', scripts: 'script' };

/** Indentation before `offset` when only whitespace precedes it on its line. */
function indentBefore(text: string, offset: number): string | undefined {
  const lineStart = lineStartBefore(text, offset);
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** Leading whitespace of the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = lineStartBefore(text, offset);
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Whether a container's first entry starts on a later line than its opening bracket. */
function isMultiLine(text: string, container: JsonNode): boolean {
  const first = container.children?.[0];
  return first !== undefined && /[\r\n]/.test(text.slice(container.offset, first.offset));
}

/** Re-indents the continuation lines of a copied entry from `from` to `to`. */
function reindent(raw: string, from: string, to: string, eol: string): string {
  return raw
    .split(/\r?\n|\r/)
    .map((line, i) => (i > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join(eol);
}

/** A value on one line: `{ "quantity": 1, "size": "basic" }`. */
function oneLine(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
}

/**
 * The edit that appends the missing base entries to the override, copying each entry's source text so that the
 * author's formatting is kept. Undefined when the result would not parse cleanly.
 */
function appendEdit(text: string, data: Data, base: JsonNode, override: JsonNode): { start: number; end: number; newText: string } | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = /\n([ \t]+)["{[]/.exec(text)?.[1] ?? '  ';
  const baseEntries = data.section === 'addons' ? (base.children ?? []) : jsonProperties(base).map((p) => p.keyNode.parent);
  const copied: { raw: string; inline: string; indent?: string }[] = [];
  for (const missing of data.missing) {
    const node = baseEntries[missing.index];
    if (!node) return undefined;
    const raw = text.slice(node.offset, node.offset + node.length);
    const value: unknown = data.section === 'addons' ? getNodeValue(node) : getNodeValue(node.children?.[1] ?? node);
    const key = data.section === 'addons' ? undefined : (node.children?.[0]?.value as string | undefined);
    if (data.section !== 'addons' && key === undefined) return undefined;
    const inline = /[\r\n]/.test(raw) ? (key === undefined ? oneLine(value) : `${JSON.stringify(key)}: ${oneLine(value)}`) : raw;
    copied.push({ raw, inline, indent: indentBefore(text, node.offset) });
  }
  const children = override.children ?? [];
  let edit: { start: number; end: number; newText: string };
  if (children.length > 0) {
    const last = children[children.length - 1];
    const at = last.offset + last.length;
    const target = isMultiLine(text, override) ? indentBefore(text, children[0].offset) : undefined;
    const newText =
      target !== undefined
        ? copied.map((c) => `,${eol}${target}${c.indent !== undefined ? reindent(c.raw, c.indent, target, eol) : c.inline}`).join('')
        : copied.map((c) => `, ${c.inline}`).join('');
    edit = { start: at, end: at, newText };
  } else {
    const [open, close] = override.type === 'array' ? ['[', ']'] : ['{', '}'];
    const outer = lineIndent(text, override.offset);
    const target = outer + unit;
    const newText = isMultiLine(text, base)
      ? `${open}${eol}${copied.map((c) => `${target}${c.indent !== undefined ? reindent(c.raw, c.indent, target, eol) : c.inline}`).join(`,${eol}`)}${eol}${outer}${close}`
      : `${open} ${copied.map((c) => c.inline).join(', ')} ${close}`;
    edit = { start: override.offset, end: override.offset + override.length, newText };
  }
  const next = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  const errors: ParseError[] = [];
  parseTree(next, errors, { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0 ? edit : undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-024',
    name: 'environment-override-drops-base-keys',
    title: 'Environment override drops base keys',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An `environments.<env>` section replaces a base `env`, `addons`, `formation` or `scripts` entirely and leaves out some base entries.',
    recommendation: 'Repeat in the override every base entry the environment still needs, such as `generator: "secret"` config vars.',
    controls: [],
    sources: ['DC-APPJSON'],
    feature: 'Config Vars',
    tags: ['app.json', 'environments'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    if (root?.type !== 'object') return;
    for (const environment of jsonProperties(jsonChild(root, 'environments'))) {
      if (!ENVIRONMENTS.includes(environment.key) || environment.value?.type !== 'object') continue;
      for (const property of jsonProperties(environment.value)) {
        const section = SECTIONS.find((s) => s === property.key);
        const base = section && jsonChild(root, section);
        if (!section || !base || !property.value) continue;
        const missing = missingEntries(environment.key, section, base, property.value);
        if (missing.length === 0) continue;
        yield {
          start: property.keyNode.offset,
          end: property.keyNode.offset + property.keyNode.length,
          data: { environment: environment.key, section, missing },
        };
      }
    }
  },
  message: ({ environment, section, missing }) =>
    `\`environments.${environment}.${section}\` replaces the base \`${section}\` and drops the ${NOUN[section]}${missing.length === 1 ? '' : 's'} ${describe(missing)}.`,
  fix: ({ data }, { document }) => {
    const parsed = document.appJson;
    // Never edit a file that does not parse cleanly: the entries to copy could be partial.
    if (!parsed?.root || parsed.errors.length > 0) return undefined;
    const base = jsonChild(parsed.root, data.section);
    const override = jsonChild(jsonChild(jsonChild(parsed.root, 'environments'), data.environment), data.section);
    if (!base || !override) return undefined;
    const edit = appendEdit(document.text, data, base, override);
    if (!edit) return undefined;
    return {
      title: `Copy the missing base ${NOUN[data.section]}${data.missing.length === 1 ? '' : 's'} into \`environments.${data.environment}.${data.section}\``,
      safety: 'suggestion',
      edits: [replaceEdit(document, edit.start, edit.end, edit.newText)],
    };
  },
});
