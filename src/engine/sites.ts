/**
 * Where commands and string values live in each file kind. CMD rules read commands, SEC rules read
 * strings, so that each rule is written once for every format.
 */
import { type Node as JsonNode, getNodeValue } from 'jsonc-parser';
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import type { ParsedAppJson } from './parsers/appJson';
import { effectiveCommand, type ParsedDockerfile } from './parsers/dockerfile';
import type { ParsedHerokuYml } from './parsers/herokuYml';
import type { ParsedProcfile } from './parsers/procfile';
import type { HclBlock, HclBody, HclExpression, HclFile } from './terraform/hcl';

/** A string value with its place in the source. */
export interface StringSite {
  readonly value: string;
  /** `[start, end)` of the whole literal in the source, quotes included. */
  readonly start: number;
  readonly end: number;
  /**
   * Source offset of `value[0]` when the value appears verbatim in the source (no escapes, one line),
   * so that `valueStart + i` is the offset of `value[i]`. Undefined otherwise.
   */
  readonly valueStart?: number;
}

export type CommandOrigin = 'procfile' | 'heroku.yml run' | 'heroku.yml release' | 'app.json script' | 'dockerfile';

export interface CommandSite extends StringSite {
  readonly origin: CommandOrigin;
  /** The process type or script name: `web`, `worker`, `release`, `postdeploy`, `pr-predestroy`, `test`… */
  readonly process: string;
  /** For app.json scripts under `environments.<env>`, that environment. */
  readonly environment?: string;
}

export interface KeyedStringSite extends StringSite {
  /** The config var or map key that holds the value, when there is one. */
  readonly key?: string;
  readonly keyStart?: number;
  readonly keyEnd?: number;
  /** Where the value sits, e.g. `env`, `environments.review.env`, `setup.config`, `build.config`, `command`. */
  readonly context: string;
  /** For `command` values, the command they come from. */
  readonly command?: CommandSite;
}

/** Offset range for `value.slice(from, to)`, or the whole literal when the value is not verbatim. */
export function spanOf(site: StringSite, from: number, to: number): { start: number; end: number } {
  if (site.valueStart === undefined) return { start: site.start, end: site.end };
  return { start: site.valueStart + from, end: site.valueStart + to };
}

// ---------- app.json ----------

export function jsonStringSite(node: JsonNode, text: string): StringSite | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
  const verbatim = raw === node.value;
  return { value: node.value, start: node.offset, end: node.offset + node.length, valueStart: verbatim ? node.offset + 1 : undefined };
}

export function jsonProperties(node: JsonNode | undefined): { key: string; keyNode: JsonNode; value: JsonNode | undefined }[] {
  if (!node || node.type !== 'object') return [];
  const out: { key: string; keyNode: JsonNode; value: JsonNode | undefined }[] = [];
  for (const property of node.children ?? []) {
    const keyNode = property.children?.[0];
    if (keyNode && typeof keyNode.value === 'string') out.push({ key: keyNode.value, keyNode, value: property.children?.[1] });
  }
  return out;
}

export function jsonChild(node: JsonNode | undefined, key: string): JsonNode | undefined {
  // The last occurrence wins, as in JSON.parse.
  let found: JsonNode | undefined;
  for (const property of jsonProperties(node)) if (property.key === key) found = property.value;
  return found;
}

/** Each app.json "scope": the base manifest and every `environments.<env>` override. */
export function appJsonScopes(parsed: ParsedAppJson): { environment?: string; node: JsonNode }[] {
  const root = parsed.root;
  if (!root || root.type !== 'object') return [];
  const scopes: { environment?: string; node: JsonNode }[] = [{ node: root }];
  for (const env of jsonProperties(jsonChild(root, 'environments'))) {
    if (env.value?.type === 'object') scopes.push({ environment: env.key, node: env.value });
  }
  return scopes;
}

/** The JSON path of the scope that holds an env site: `env` → `[]`, `environments.review.env` → `['environments', 'review']`. */
export function envScopePath(context: string): string[] | undefined {
  if (context === 'env') return [];
  const match = /^environments\.(.+)\.env$/.exec(context);
  return match ? ['environments', match[1]] : undefined;
}

export function appJsonCommands(parsed: ParsedAppJson, text: string): CommandSite[] {
  const out: CommandSite[] = [];
  for (const scope of appJsonScopes(parsed)) {
    for (const script of jsonProperties(jsonChild(scope.node, 'scripts'))) {
      const commandNode = script.value?.type === 'object' ? jsonChild(script.value, 'command') : script.value;
      const site = commandNode && jsonStringSite(commandNode, text);
      if (site) out.push({ ...site, origin: 'app.json script', process: script.key, environment: scope.environment });
    }
  }
  return out;
}

export function appJsonStrings(parsed: ParsedAppJson, text: string): KeyedStringSite[] {
  const out: KeyedStringSite[] = [];
  for (const scope of appJsonScopes(parsed)) {
    const prefix = scope.environment ? `environments.${scope.environment}.` : '';
    for (const entry of jsonProperties(jsonChild(scope.node, 'env'))) {
      const valueNode = entry.value?.type === 'object' ? jsonChild(entry.value, 'value') : entry.value;
      const site = valueNode && jsonStringSite(valueNode, text);
      if (site) out.push({ ...site, ...keySpan(entry.keyNode, entry.key), context: `${prefix}env` });
    }
    const addons = jsonChild(scope.node, 'addons');
    for (const addon of addons?.type === 'array' ? addons.children ?? [] : []) {
      for (const option of jsonProperties(jsonChild(addon, 'options'))) {
        if (!option.value) continue;
        for (const site of jsonStringLeaves(option.value, text)) out.push({ ...site, ...keySpan(option.keyNode, option.key), context: `${prefix}addons.options` });
      }
    }
  }
  for (const command of appJsonCommands(parsed, text)) out.push({ ...command, context: 'command', command });
  // URLs can carry credentials too (`https://deploy:…@git.example.com/buildpack.git`).
  for (const scope of appJsonScopes(parsed)) {
    const buildpacks = jsonChild(scope.node, 'buildpacks');
    for (const item of buildpacks?.type === 'array' ? buildpacks.children ?? [] : []) {
      const url = item.type === 'object' ? jsonChild(item, 'url') : undefined;
      const site = url && jsonStringSite(url, text);
      if (site) out.push({ ...site, context: 'buildpacks' });
    }
  }
  for (const key of ['repository', 'website', 'logo', 'success_url']) {
    const node = parsed.root ? jsonChild(parsed.root, key) : undefined;
    const site = node && jsonStringSite(node, text);
    if (site) out.push({ ...site, context: key });
  }
  return out;
}

function keySpan(keyNode: JsonNode, key: string): { key: string; keyStart: number; keyEnd: number } {
  return { key, keyStart: keyNode.offset, keyEnd: keyNode.offset + keyNode.length };
}

function jsonStringLeaves(node: JsonNode, text: string): StringSite[] {
  if (node.type === 'string') {
    const site = jsonStringSite(node, text);
    return site ? [site] : [];
  }
  return (node.children ?? []).flatMap((child) => jsonStringLeaves(child, text));
}

export { getNodeValue };

// ---------- heroku.yml ----------

export function yamlStringSite(node: unknown, text: string): StringSite | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const scalar: Scalar = node;
  const raw: unknown = scalar.value;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean' && typeof raw !== 'bigint') return undefined;
  const value = String(raw);
  const [start, rangeEnd] = scalar.range!;
  // Block scalars (`|`, `>`) include their final line break; a range should end on the value's last line.
  const valueEnd = start + text.slice(start, rangeEnd).trimEnd().length;
  const source = text.slice(start, valueEnd);
  let valueStart: number | undefined;
  if (!value.includes('\n')) {
    if (scalar.type === 'PLAIN' && source === value) valueStart = start;
    else if ((scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && source.slice(1, -1) === value) valueStart = start + 1;
  }
  return { value, start, end: valueEnd, valueStart };
}

export function yamlPairs(node: unknown): { key: string; keyNode: Scalar; pair: Pair<unknown, unknown> }[] {
  if (!isMap(node)) return [];
  const out: { key: string; keyNode: Scalar; pair: Pair<unknown, unknown> }[] = [];
  for (const pair of node.items) {
    const key: unknown = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') out.push({ key: String(key), keyNode: pair.key as Scalar, pair });
  }
  return out;
}

export function yamlGet(node: unknown, key: string): unknown {
  let found: unknown;
  for (const entry of yamlPairs(node)) if (entry.key === key) found = entry.pair.value;
  return found;
}

export function herokuYmlCommands(parsed: ParsedHerokuYml, text: string): CommandSite[] {
  const out: CommandSite[] = [];
  const root = parsed.document.contents;
  const commandsOf = (node: unknown): StringSite[] => {
    if (isSeq(node)) return node.items.map((item) => yamlStringSite(item, text)).filter((s): s is StringSite => s !== undefined);
    const single = yamlStringSite(node, text);
    return single ? [single] : [];
  };
  const release = yamlGet(root, 'release');
  for (const site of commandsOf(yamlGet(release, 'command'))) out.push({ ...site, origin: 'heroku.yml release', process: 'release' });
  for (const entry of yamlPairs(yamlGet(root, 'run'))) {
    const value = entry.pair.value;
    const target = isMap(value) ? yamlGet(value, 'command') : value;
    for (const site of commandsOf(target)) out.push({ ...site, origin: 'heroku.yml run', process: entry.key });
  }
  return out;
}

export function herokuYmlStrings(parsed: ParsedHerokuYml, text: string): KeyedStringSite[] {
  const out: KeyedStringSite[] = [];
  const root = parsed.document.contents;
  for (const [section, sub] of [['setup', 'config'], ['build', 'config']] as const) {
    for (const entry of yamlPairs(yamlGet(yamlGet(root, section), sub))) {
      const site = yamlStringSite(entry.pair.value, text);
      if (site && entry.keyNode.range) out.push({ ...site, key: entry.key, keyStart: entry.keyNode.range[0], keyEnd: entry.keyNode.range[1], context: `${section}.${sub}` });
    }
  }
  for (const command of herokuYmlCommands(parsed, text)) out.push({ ...command, context: 'command', command });
  return out;
}

export function isYamlNode(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value);
}

/**
 * `build.docker` processes that have no `run` entry, so the image's own command runs them, keyed by the
 * Dockerfile path relative to the scan root.
 */
export function dockerfileProcesses(parsed: ParsedHerokuYml, dir: string): Map<string, string[]> {
  const root = parsed.document.contents;
  const run = new Set(yamlPairs(yamlGet(root, 'run')).map((entry) => entry.key));
  const out = new Map<string, string[]>();
  for (const entry of yamlPairs(yamlGet(yamlGet(root, 'build'), 'docker'))) {
    if (run.has(entry.key)) continue;
    const value: unknown = entry.pair.value;
    const target = isMap(value) ? yamlGet(value, 'dockerfile') : value;
    const path = isScalar(target) && typeof target.value === 'string' ? target.value.trim().replace(/^\.\//, '') : undefined;
    if (!path || path.startsWith('/') || path.split('/').includes('..')) continue;
    const key = dir === '' ? path : `${dir}/${path}`;
    out.set(key, [...(out.get(key) ?? []), entry.key]);
  }
  return out;
}

// ---------- Dockerfile ----------

/** The image command as a command site of the process heroku.yml runs it for (`web` first). */
export function dockerfileCommands(parsed: ParsedDockerfile, processes: readonly string[]): CommandSite[] {
  const command = effectiveCommand(parsed);
  if (!command || processes.length === 0) return [];
  const process = processes.includes('web') ? 'web' : processes[0];
  return [{ value: command.text, start: command.start, end: command.end, valueStart: command.valueStart, origin: 'dockerfile', process }];
}

// ---------- Procfile ----------

export function procfileCommands(parsed: ParsedProcfile): CommandSite[] {
  return parsed.entries.map((entry) => ({
    value: entry.command,
    start: entry.commandStart,
    end: entry.commandEnd,
    valueStart: entry.commandStart,
    origin: 'procfile' as const,
    process: entry.normalizedKey,
  }));
}

export function procfileStrings(parsed: ParsedProcfile): KeyedStringSite[] {
  return procfileCommands(parsed).map((command) => ({ ...command, context: 'command', command }));
}

// ---------- Terraform ----------

/** Deepest block/expression nesting walked for string sites (the parser refuses deeper input anyway). */
const MAX_HCL_DEPTH = 256;

/**
 * Every string literal in the attribute values of a `.tf` or `.tfvars` file, and every literal part of a
 * template (`"postgres://u:${var.p}@h"` gives `postgres://u:` and `@h`), with exact ranges. The key is the
 * nearest name: the object key of a map entry (`config_vars = { SECRET = "…" }` → `SECRET`), the variable of a
 * `default`, else the attribute. Context is `terraform` or `tfvars`.
 */
export function terraformStrings(hcl: HclFile, text: string, context: 'terraform' | 'tfvars'): KeyedStringSite[] {
  const out: KeyedStringSite[] = [];
  const walkBody = (body: HclBody, owner: HclBlock | undefined, depth: number): void => {
    if (depth > MAX_HCL_DEPTH) return;
    for (const attribute of body.attributes) {
      const label = owner?.type === 'variable' && attribute.name === 'default' ? owner.labels[0] : undefined;
      const key: SiteKey = label ? { key: label.value, keyStart: label.start, keyEnd: label.end } : { key: attribute.name, keyStart: attribute.nameSpan.start, keyEnd: attribute.nameSpan.end };
      walkExpression(attribute.value, key, depth + 1);
    }
    for (const block of body.blocks) walkBody(block.body, block, depth + 1);
  };
  const walkExpression = (expression: HclExpression, key: SiteKey, depth: number): void => {
    if (depth > MAX_HCL_DEPTH) return;
    switch (expression.kind) {
      case 'string':
        // The key's fields written out (not spread): one object shape for every site.
        out.push({ value: expression.value, start: expression.start, end: expression.end, valueStart: expression.valueStart, key: key.key, keyStart: key.keyStart, keyEnd: key.keyEnd, context });
        break;
      case 'template':
        for (const part of expression.parts) {
          if (part.kind === 'literal' && part.text) {
            out.push({ value: part.text, start: part.start, end: part.end, valueStart: isVerbatim(text, part.text, part.start, part.end) ? part.start : undefined, key: key.key, keyStart: key.keyStart, keyEnd: key.keyEnd, context });
          } else if (part.expression) walkExpression(part.expression, key, depth + 1);
        }
        break;
      case 'tuple':
        for (const item of expression.items) walkExpression(item, key, depth + 1);
        break;
      case 'object':
        for (const item of expression.items) {
          const name = hclKeyName(item.key);
          walkExpression(item.value, name === undefined ? key : { key: name, keyStart: item.key.start, keyEnd: item.key.end }, depth + 1);
        }
        break;
      case 'call':
        for (const arg of expression.args) walkExpression(arg, key, depth + 1);
        break;
      case 'conditional':
        walkExpression(expression.then, key, depth + 1);
        walkExpression(expression.otherwise, key, depth + 1);
        break;
      case 'operation':
        for (const operand of expression.operands) walkExpression(operand, key, depth + 1);
        break;
      case 'relative':
        walkExpression(expression.source, key, depth + 1);
        break;
      default:
        break;
    }
  };
  walkBody(hcl.body, undefined, 0);
  return out;
}

interface SiteKey {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
}

/** `text.slice(start, end) === value`, without copying the slice when the lengths already tell. */
export function isVerbatim(text: string, value: string, start: number, end: number): boolean {
  if (start >= 0 && end - start === value.length) return text.startsWith(value, start);
  return text.slice(start, end) === value;
}

/** An object key written as an identifier or a literal string. */
function hclKeyName(key: HclExpression): string | undefined {
  if (key.kind === 'traversal' && key.traversers.length === 0) return key.root;
  if (key.kind === 'string') return key.value;
  return undefined;
}
