import type { Node as JsonNode } from 'jsonc-parser';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { appJsonScopes, jsonChild, jsonProperties } from '../../sites';
import type { Detection } from '../../types';

type Problem =
  /** `name` is not a string. */
  | 'name-type'
  /** `name` is longer than 30 characters. */
  | 'name-length'
  /** A top-level container has the wrong JSON type. */
  | 'container'
  | 'keyword-item'
  /** `env.<K>` is neither a string nor an object. */
  | 'env-value'
  /** `env.<K>.value` is not a string. */
  | 'env-field-value'
  /** `env.<K>.required` is not a boolean. */
  | 'env-field-required'
  | 'formation-entry'
  | 'quantity'
  | 'addon-item'
  | 'addon-no-plan'
  | 'addon-plan-type'
  | 'buildpack'
  | 'script';

interface Data {
  readonly problem: Problem;
  /** Dotted location, e.g. `environments.review.env.WEB_CONCURRENCY`. */
  readonly path: string;
  /** The JSON type found, when that is the problem. */
  readonly actual?: string;
  readonly length?: number;
  /** For the container check: `an array` or `an object`. */
  readonly expected?: string;
  /** Source text of a number or boolean that the fix wraps in quotes. */
  readonly wrap?: string;
}

const NAME_LIMIT = 30;
const ARRAY_KEYS = ['keywords', 'addons', 'buildpacks'];
const OBJECT_KEYS = ['env', 'formation', 'scripts', 'environments'];

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: '`null`',
  object: 'an object',
  array: 'an array',
};

function typeName(node: JsonNode): string {
  return TYPE_NAMES[node.type] ?? node.type;
}

/** The node itself when it fits on one line, otherwise just its first character (`{` or `[`). */
function headSpan(node: JsonNode, text: string): { start: number; end: number } {
  const end = node.offset + node.length;
  return text.slice(node.offset, end).includes('\n') ? { start: node.offset, end: node.offset + 1 } : { start: node.offset, end };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-003',
    name: 'schema-type-mismatch',
    title: 'Type mismatch against the documented schema',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An app.json value has a type (or length) that the documented schema does not allow, so app setup can fail or ignore it.',
    recommendation: 'Give the value the documented type: env values are strings, `quantity` is a number, add-ons need `plan`, buildpacks need `url`.',
    controls: [],
    sources: ['DC-APPJSON', 'SS-APPJSON'],
    feature: 'Heroku Flow',
    tags: ['app.json', 'schema'],
  },
  *check({ document }) {
    const parsed = document.appJson;
    if (!parsed) return;
    const text = document.text;
    const at = (node: JsonNode, data: Data): Detection<Data> => ({ ...headSpan(node, text), data });
    for (const scope of appJsonScopes(parsed)) {
      const prefix = scope.environment !== undefined ? `environments.${scope.environment}.` : '';
      const name = jsonChild(scope.node, 'name');
      if (name?.type === 'string' && typeof name.value === 'string' && name.value.length > NAME_LIMIT) {
        yield at(name, { problem: 'name-length', path: `${prefix}name`, length: name.value.length });
      } else if (name && name.type !== 'string') {
        yield at(name, { problem: 'name-type', path: `${prefix}name`, actual: typeName(name) });
      }

      for (const key of [...ARRAY_KEYS, ...OBJECT_KEYS]) {
        if (key === 'environments' && scope.environment !== undefined) continue;
        const node = jsonChild(scope.node, key);
        const expected = ARRAY_KEYS.includes(key) ? 'array' : 'object';
        if (node && node.type !== expected) yield at(node, { problem: 'container', path: `${prefix}${key}`, actual: typeName(node), expected: TYPE_NAMES[expected] });
      }

      const keywords = jsonChild(scope.node, 'keywords');
      for (const [index, item] of (keywords?.type === 'array' ? keywords.children ?? [] : []).entries()) {
        if (item.type !== 'string') yield at(item, { problem: 'keyword-item', path: `${prefix}keywords[${index}]`, actual: typeName(item) });
      }

      for (const entry of jsonProperties(jsonChild(scope.node, 'env'))) {
        const value = entry.value;
        const path = `${prefix}env.${entry.key}`;
        if (!value) continue;
        if (value.type !== 'string' && value.type !== 'object') {
          yield at(value, { problem: 'env-value', path, actual: typeName(value), wrap: wrappable(value, text) });
          continue;
        }
        if (value.type !== 'object') continue;
        const inner = jsonChild(value, 'value');
        if (inner && inner.type !== 'string') yield at(inner, { problem: 'env-field-value', path: `${path}.value`, actual: typeName(inner), wrap: wrappable(inner, text) });
        const required = jsonChild(value, 'required');
        if (required && required.type !== 'boolean') yield at(required, { problem: 'env-field-required', path: `${path}.required`, actual: typeName(required) });
      }

      for (const entry of jsonProperties(jsonChild(scope.node, 'formation'))) {
        const value = entry.value;
        const path = `${prefix}formation.${entry.key}`;
        if (!value) continue;
        if (value.type !== 'object') {
          yield at(value, { problem: 'formation-entry', path, actual: typeName(value) });
          continue;
        }
        const quantity = jsonChild(value, 'quantity');
        if (quantity && quantity.type !== 'number') yield at(quantity, { problem: 'quantity', path: `${path}.quantity`, actual: typeName(quantity) });
      }

      const addons = jsonChild(scope.node, 'addons');
      for (const [index, item] of (addons?.type === 'array' ? addons.children ?? [] : []).entries()) {
        const path = `${prefix}addons[${index}]`;
        if (item.type === 'string') continue;
        if (item.type !== 'object') {
          yield at(item, { problem: 'addon-item', path, actual: typeName(item) });
          continue;
        }
        const plan = jsonChild(item, 'plan');
        if (!plan) yield at(item, { problem: 'addon-no-plan', path });
        else if (plan.type !== 'string') yield at(plan, { problem: 'addon-plan-type', path: `${path}.plan`, actual: typeName(plan) });
      }

      const buildpacks = jsonChild(scope.node, 'buildpacks');
      for (const [index, item] of (buildpacks?.type === 'array' ? buildpacks.children ?? [] : []).entries()) {
        const url = item.type === 'object' ? jsonChild(item, 'url') : undefined;
        if (url?.type === 'string') continue;
        const target = url ?? item;
        yield at(target, { problem: 'buildpack', path: `${prefix}buildpacks[${index}]${url ? '.url' : ''}`, actual: typeName(target) });
      }

      for (const entry of jsonProperties(jsonChild(scope.node, 'scripts'))) {
        const value = entry.value;
        if (!value || value.type === 'string') continue;
        const command = value.type === 'object' ? jsonChild(value, 'command') : undefined;
        if (command?.type === 'string') continue;
        const target = command ?? value;
        yield at(target, { problem: 'script', path: `${prefix}scripts.${entry.key}${command ? '.command' : ''}`, actual: typeName(target) });
      }
    }
  },
  message: (data) => {
    const actual = data.actual ?? 'another type';
    switch (data.problem) {
      case 'name-type':
        return `\`${data.path}\` is ${actual}; it must be a string.`;
      case 'name-length':
        return `\`${data.path}\` is ${data.length ?? 0} characters long; app.json allows at most ${NAME_LIMIT}.`;
      case 'container':
        return `\`${data.path}\` is ${actual}; it must be ${data.expected ?? 'another type'}.`;
      case 'keyword-item':
        return `\`${data.path}\` is ${actual}; keywords must be strings.`;
      case 'env-value':
        return `\`${data.path}\` is ${actual}; an env value must be a string or an object with \`value\`, \`description\`, \`required\` or \`generator\`.`;
      case 'env-field-value':
        return `\`${data.path}\` is ${actual}; config var values must be strings.`;
      case 'env-field-required':
        return `\`${data.path}\` is ${actual}; it must be \`true\` or \`false\`.`;
      case 'formation-entry':
        return `\`${data.path}\` is ${actual}; it must be an object with \`quantity\` and \`size\`.`;
      case 'quantity':
        return `\`${data.path}\` is ${actual}; it must be a number.`;
      case 'addon-item':
        return `\`${data.path}\` is ${actual}; an add-on must be a string (\`service:plan\`) or an object with \`plan\`.`;
      case 'addon-no-plan':
        return `The add-on object \`${data.path}\` has no \`plan\`, which is required.`;
      case 'addon-plan-type':
        return `\`${data.path}\` is ${actual}; it must be a string such as \`heroku-postgresql:essential-0\`.`;
      case 'buildpack':
        return data.path.endsWith('.url')
          ? `\`${data.path}\` is ${actual}; it must be a string.`
          : `\`${data.path}\` is ${actual} without \`url\`; each buildpack must be an object such as \`{"url": "heroku/nodejs"}\`.`;
      case 'script':
        if (data.path.endsWith('.command')) return `\`${data.path}\` is ${actual}; it must be a string.`;
        return data.actual === TYPE_NAMES.object
          ? `\`${data.path}\` has no \`command\`; a script must be a command string or an object with \`command\`.`
          : `\`${data.path}\` is ${actual}; a script must be a command string or an object with \`command\`.`;
    }
  },
  fix: (detection, { document }) => {
    const { wrap } = detection.data;
    if (wrap === undefined) return undefined;
    return {
      title: `Quote the value: ${JSON.stringify(wrap)}`,
      safety: 'suggestion',
      edits: [replaceEdit(document, detection.start, detection.end, JSON.stringify(wrap))],
    };
  },
});

/** Numbers and booleans become the string Heroku would store; other types have no obvious string form. */
function wrappable(node: JsonNode, text: string): string | undefined {
  if (node.type !== 'number' && node.type !== 'boolean') return undefined;
  return text.slice(node.offset, node.offset + node.length);
}
