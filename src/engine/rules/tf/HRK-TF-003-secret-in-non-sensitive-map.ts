import { findKnownTokens, findUrlCredentials, isLiteralSecretValue, isSecretIdName, isSecretName } from '../../detectors/secrets';
import type { Document } from '../../document';
import { defineRule, type RuleContext } from '../../rule';
import { indentAt, innerIndent, insertInBlockEdit, sensitiveVariableEdit, variableNameFor } from '../../terraform/edits';
import { literalKey } from '../../terraform/evaluate';
import { detectionFor, type HclExpression, type HclObjectItem, isKnown, resourcesIn, stringValue, type TfAttribute, type TfModule, type TfResource, type Value, variableUsable } from '../../terraform/index';
import { maskSecret } from '../../text';
import type { Fix, TextEdit } from '../../types';

type Reason =
  | { readonly reason: 'token'; readonly label: string; readonly masked: string }
  | { readonly reason: 'url'; readonly scheme: string; readonly masked: string }
  | { readonly reason: 'name' | 'id' };

type Data = Reason & {
  readonly resource: string;
  /** `config_vars` or `vars`. */
  readonly map: string;
  /** `sensitive_config_vars` or `sensitive_vars`. */
  readonly sensitiveMap: string;
  readonly key: string;
  /** The entry is written in the map's object literal (so the fix can move it). */
  readonly movable: boolean;
  /** The value is a literal (here or through a local): the fix replaces it with a sensitive variable. */
  readonly known: boolean;
};

/** Non-sensitive maps and their sensitive counterparts (provider schema, heroku-platform.md §7.2). */
const MAPS: readonly { type: string; map: string; sensitiveMap: string }[] = [
  { type: 'heroku_app', map: 'config_vars', sensitiveMap: 'sensitive_config_vars' },
  { type: 'heroku_config', map: 'vars', sensitiveMap: 'sensitive_vars' },
  { type: 'heroku_pipeline_config_var', map: 'vars', sensitiveMap: 'sensitive_vars' },
  { type: 'heroku_app_config_association', map: 'vars', sensitiveMap: 'sensitive_vars' },
];

/**
 * Why a config var in a non-sensitive map is a secret: its value holds a known token or a URL password, or its
 * key names a secret (catalog: "whether literal or not", so a `var.*` value under a secret name counts). A
 * literal that is a placeholder, boolean, number or a URL without password under a secret name does not.
 * Credential IDs (`*_KEY_ID`) count only as literals, one severity level lower (catalog §0.3).
 */
function reasonOf(key: string, value: Value): Reason | undefined {
  if (value.kind === 'null') return undefined;
  const text = isKnown(value) ? stringValue(value) : undefined;
  if (text !== undefined) {
    const token = findKnownTokens(text, key)[0];
    if (token) return { reason: 'token', label: token.label, masked: maskSecret(token.text) };
    const url = findUrlCredentials(text)[0];
    if (url) return { reason: 'url', scheme: url.scheme, masked: maskSecret(url.text) };
  }
  if (isKnown(value) && (text === undefined || !isLiteralSecretValue(text, 1))) return undefined;
  if (isSecretName(key)) return { reason: 'name' };
  // A credential ID (`AWS_ACCESS_KEY_ID`) is not a secret itself: only a literal one is reported, one level lower.
  return isKnown(value) && isSecretIdName(key) ? { reason: 'id' } : undefined;
}

/**
 * reasonOf() by key and value, for one module: the same entries come back in every app that merges a shared
 * map (`merge(local.common_config, {…})`), and the detectors are the cost of this rule. A reason depends only on
 * the key and on the value's text when it is a known string, else on whether the value is null, unknown or known.
 */
interface ReasonMemo {
  /** By key, then by the value's text, or by `null`, `known` or `unknown` for a value that is not a known string. */
  readonly byKey: Map<string, Map<string, Reason | null>>;
  readonly byShape: Map<string, Map<string, Reason | null>>;
}

/** A plain object rather than a class instance: V8 keeps a literal's hidden class when no memo is alive (a class's it drops at a full GC, and the code specialised on it). */
function newReasonMemo(): ReasonMemo {
  return { byKey: new Map<string, Map<string, Reason | null>>(), byShape: new Map<string, Map<string, Reason | null>>() };
}

function memoizedReason(memo: ReasonMemo, key: string, value: Value): Reason | undefined {
  const text = isKnown(value) ? stringValue(value) : undefined;
  const caches = text === undefined ? memo.byShape : memo.byKey;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map<string, Reason | null>()));
  const memoKey = text ?? (value.kind === 'null' ? 'null' : isKnown(value) ? 'known' : 'unknown');
  let reason = cache.get(memoKey);
  if (reason === undefined) {
    reason = reasonOf(key, value) ?? null;
    cache.set(memoKey, reason);
  }
  return reason ?? undefined;
}

const memos = new WeakMap<TfModule, ReasonMemo>();

function memoFor(module: TfModule | undefined): ReasonMemo {
  if (!module) return newReasonMemo();
  let memo = memos.get(module);
  if (!memo) memos.set(module, (memo = newReasonMemo()));
  return memo;
}

interface Hit {
  readonly span: { start: number; end: number };
  readonly data: Data;
}

function keyOf(expression: HclExpression, attribute: TfAttribute): string | undefined {
  return literalKey(expression) ?? stringValue(attribute.evaluate(expression));
}

function* hitsOf(resource: TfResource, target: (typeof MAPS)[number], memo: ReasonMemo): Generator<Hit> {
  for (const instance of resource.instances) {
    const attribute = instance.attribute(target.map);
    if (!attribute) continue;
    const base = { resource: resource.address, map: target.map, sensitiveMap: target.sensitiveMap };
    const syntax = attribute.syntax.value;
    if (syntax.kind === 'object') {
      for (const item of syntax.items) {
        const key = keyOf(item.key, attribute);
        const value = attribute.evaluate(item.value);
        const reason = key === undefined ? undefined : memoizedReason(memo, key, value);
        if (key !== undefined && reason) yield { span: item, data: { ...reason, ...base, key, movable: literalKey(item.key) === key, known: isKnown(value) && !isVariableReference(item.value) } };
      }
      continue;
    }
    // A map built elsewhere (`merge(local.common, {...})`, `each.value.vars`): report at the attribute.
    // A copy of another resource's map (`vars = heroku_config.shared.vars`) is reported where it is written.
    const value = attribute.value;
    if (value.kind !== 'map' || value.from) continue;
    for (const [key, entry] of value.entries) {
      const reason = memoizedReason(memo, key, entry);
      if (reason) yield { span: attribute.syntax, data: { ...reason, ...base, key, movable: false, known: isKnown(entry) } };
    }
  }
}

/** `var.x` as the whole value: the value comes from outside the code, so it can move as written. */
function isVariableReference(expression: HclExpression): boolean {
  return expression.kind === 'traversal' && expression.root === 'var';
}

function eolOf(document: Document): string {
  return document.eol;
}

/** Deletes an object entry with its trailing comma: whole lines when it stands alone on them. */
function deleteEntryEdit(document: Document, item: HclObjectItem): TextEdit {
  let end = item.end;
  const after = /^[ \t]*,[ \t]*/.exec(document.text.slice(end));
  if (after) end += after[0].length;
  const lines = document.lines;
  const first = lines.position(item.start).line;
  const last = lines.position(end).line;
  const lineStart = lines.lineStart(first);
  const lineEnd = lines.lineEnd(last);
  const alone = document.text.slice(lineStart, item.start).trim() === '' && /^\s*((#|\/\/).*)?$/.test(document.text.slice(end, lineEnd));
  if (!alone) return { path: document.path, start: item.start, end, newText: '' };
  const next = last < lines.lineCount ? lines.lineStart(last + 1) : document.text.length;
  return { path: document.path, start: lineStart, end: next, newText: '' };
}

/** Inserts `entry` as the last entry of an object literal, on its own line, indented like the other entries. */
function insertInObjectEdit(document: Document, object: HclExpression, entry: string): TextEdit | undefined {
  if (object.kind !== 'object' || document.text[object.start] !== '{' || document.text[object.end - 1] !== '}') return undefined;
  const eol = eolOf(document);
  const close = object.end - 1;
  const lines = document.lines;
  const outer = indentAt(document, object.start);
  const first = object.items[0];
  const inner = first && lines.position(first.start).line !== lines.position(object.start).line ? indentAt(document, first.start) : `${outer}  `;
  if (lines.position(close).line === lines.position(object.start).line) {
    const content = document.text.slice(object.start + 1, close).trim();
    const body = content === '' ? `${inner}${entry}` : `${inner}${content}${eol}${inner}${entry}`;
    return { path: document.path, start: object.start + 1, end: close, newText: `${eol}${body}${eol}${outer}` };
  }
  const lineStart = lines.lineStart(lines.position(close).line);
  if (document.text.slice(lineStart, close).trim() !== '') {
    return { path: document.path, start: close, end: close, newText: `${eol}${inner}${entry}${eol}${outer}` };
  }
  return { path: document.path, start: lineStart, end: lineStart, newText: `${inner}${entry}${eol}` };
}

function fixFor(data: Data, context: RuleContext): Fix | undefined {
  if (!data.movable) return undefined;
  const resource = context.terraform?.module.resource(data.resource);
  const attribute = resource?.attribute(data.map)?.syntax;
  if (!resource || attribute?.value.kind !== 'object') return undefined;
  const document = resource.document;
  const item = attribute.value.items.find((i) => literalKey(i.key) === data.key);
  if (!item) return undefined;
  const edits: TextEdit[] = [deleteEntryEdit(document, item)];
  let entry = document.text.slice(item.start, item.end);
  let variable = '';
  if (data.known) {
    // A literal would stay committed in the sensitive map (HRK-TF-004): pass it in through a sensitive variable.
    const module = context.terraform!.module;
    const name = variableNameFor(data.key);
    const usable = variableUsable(module, name);
    if (!usable) return undefined;
    entry = `${document.text.slice(item.start, item.value.start)}var.${name}`;
    variable = ` as \`var.${name}\``;
    if (usable === 'declare') edits.push(sensitiveVariableEdit(document, document.text.length, name));
  }
  const target = resource.attribute(data.sensitiveMap)?.syntax;
  let insert: TextEdit | undefined;
  if (target) {
    // Only into an object literal that does not have the key yet.
    if (target.value.kind !== 'object' || target.value.items.some((i) => literalKey(i.key) === data.key)) return undefined;
    insert = insertInObjectEdit(document, target.value, entry);
  } else {
    const eol = eolOf(document);
    const inner = innerIndent(document, resource.syntax);
    insert = insertInBlockEdit(document, resource.syntax, `${data.sensitiveMap} = {${eol}${inner}  ${entry}${eol}${inner}}`);
  }
  if (!insert) return undefined;
  return {
    title: `Move \`${data.key}\` from \`${data.map}\` to \`${data.sensitiveMap}\`${variable}`,
    safety: 'suggestion',
    edits: [...edits, insert],
  };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-003',
    name: 'secret-in-non-sensitive-map',
    title: 'Secret in a non-sensitive map',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      '`heroku_app.config_vars`, `heroku_config.vars`, `heroku_pipeline_config_var.vars` or `heroku_app_config_association.vars` holds a secret (a secret name, a known token or a URL with a password), which Terraform shows in plan output.',
    recommendation:
      'Move the entry into `sensitive_config_vars` (or `sensitive_vars`) and pass its value in through a sensitive variable; rotate any credential that was committed.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['TF-APP', 'TF-CONFIG', 'TF-PIPECV'],
    feature: 'Config Vars',
    tags: ['terraform', 'secrets', 'config-vars'],
  },
  *check(context) {
    const memo = memoFor(context.terraform?.module);
    for (const target of MAPS) {
      for (const resource of resourcesIn(context, target.type)) {
        for (const hit of hitsOf(resource, target, memo)) {
          const detection = detectionFor(context, resource, hit.span, hit.data);
          yield hit.data.reason === 'id' ? { ...detection, shift: -1 } : detection;
        }
      }
    }
  },
  message: (data) => {
    const where = `\`${data.map}["${data.key}"]\``;
    const why = `, which Terraform shows in plan output; move it to \`${data.sensitiveMap}\`.`;
    switch (data.reason) {
      case 'token':
        return `${data.resource} puts a ${data.label} (\`${data.masked}\`) in ${where}${why}`;
      case 'url':
        return `${data.resource} puts a \`${data.scheme}\` URL with a password (\`${data.masked}\`) in ${where}${why}`;
      case 'name':
        return `${data.resource} puts the secret \`${data.key}\` in \`${data.map}\`${why}`;
      case 'id':
        return `${data.resource} puts the credential ID \`${data.key}\` in \`${data.map}\`${why}`;
    }
  },
  fix: ({ data }, context) => fixFor(data, context),
});
