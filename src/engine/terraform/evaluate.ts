/**
 * Static evaluation of HCL expressions: literals, templates, operators, conditionals, the pure functions that
 * Terraform modules commonly use, and traversals resolved through a host (variables, locals, resources).
 * Anything that depends on input the module does not have is `unknown`; evaluation never throws and its
 * recursion is bounded, so deep or cyclic input cannot hang or overflow the stack.
 */
import type { HclExpression, HclTraverser } from './hcl';
import type { ResourceRef, Value } from './model';

export const UNKNOWN: Value = { kind: 'unknown' };
export const NULL: Value = { kind: 'null' };

/** What a traversal root means: `var`, `local` and resource references are answered by the module. */
export interface EvalHost {
  variable(name: string): Value;
  local(name: string): Value;
  /** `heroku_app.api…`: resolves the traversal after the root, or undefined when no such resource exists. */
  resource(type: string, traversers: readonly HclTraverser[], scope: Scope): Value | undefined;
}

export interface Scope {
  readonly host: EvalHost;
  /** `count`, `each`, a dynamic block's iterator, a for-expression's variables. */
  readonly bindings?: ReadonlyMap<string, Value>;
}

/** Deepest nesting of expressions and references evaluated at once; beyond it values are unknown. */
export const MAX_DEPTH = 200;
/** Longest string or list a function builds; beyond it values are unknown (no runaway memory). */
const MAX_SIZE = 1_000_000;

let depth = 0;

export function evaluate(expression: HclExpression, scope: Scope): Value {
  if (depth >= MAX_DEPTH) return UNKNOWN;
  depth++;
  try {
    return evaluateInner(expression, scope);
  } catch {
    // A value shape the code did not expect must not stop a lint.
    return UNKNOWN;
  } finally {
    depth--;
  }
}

/** Runs `f` as one more level of evaluation depth (for hosts that evaluate other expressions). */
export function nested<T>(f: () => T, fallback: T): T {
  if (depth >= MAX_DEPTH) return fallback;
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

function evaluateInner(expression: HclExpression, scope: Scope): Value {
  switch (expression.kind) {
    case 'string':
      return { kind: 'string', value: expression.value };
    case 'number':
      return { kind: 'number', value: expression.value };
    case 'bool':
      return { kind: 'bool', value: expression.value };
    case 'null':
      return NULL;
    case 'template':
      return evaluateTemplate(expression, scope);
    case 'tuple': {
      const items: Value[] = [];
      for (const item of expression.items) items.push(evaluate(item, scope));
      return { kind: 'list', items };
    }
    case 'object': {
      const entries = new Map<string, Value>();
      for (const item of expression.items) {
        const key = objectKey(item.key, scope);
        if (key === undefined) return UNKNOWN;
        entries.set(key, evaluate(item.value, scope));
      }
      return { kind: 'map', entries };
    }
    case 'traversal':
      return evaluateTraversal(expression, scope);
    case 'relative':
      return applyTraversers(evaluate(expression.source, scope), expression.traversers, scope);
    case 'call':
      return callFunction(expression.name, expression.args, scope);
    case 'conditional': {
      const condition = toBool(evaluate(expression.condition, scope));
      if (condition === undefined) return UNKNOWN;
      return evaluate(condition ? expression.then : expression.otherwise, scope);
    }
    case 'operation':
      return evaluateOperation(expression.operator, expression.operands, scope);
    default:
      return UNKNOWN;
  }
}

/** An object key: a bare identifier (`SECRET = …`), a string, or an expression in parentheses. */
export function objectKey(key: HclExpression, scope: Scope): string | undefined {
  if (key.kind === 'traversal' && key.traversers.length === 0) return key.root;
  return keyOf(evaluate(key, scope));
}

/** A bare identifier or literal key, without evaluating anything. */
export function literalKey(key: HclExpression): string | undefined {
  if (key.kind === 'traversal' && key.traversers.length === 0) return key.root;
  if (key.kind === 'string') return key.value;
  if (key.kind === 'number' || key.kind === 'bool') return String(key.value);
  return undefined;
}

/** A value used as a map key or instance key. */
export function keyOf(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'bool') return String(value.value);
  return undefined;
}

function evaluateTemplate(expression: Extract<HclExpression, { kind: 'template' }>, scope: Scope): Value {
  let out = '';
  for (const part of expression.parts) {
    if (part.kind === 'literal') out += part.text ?? '';
    else if (part.kind === 'interpolation' && part.expression) {
      const text = toStringValue(evaluate(part.expression, scope));
      if (text === undefined) return UNKNOWN;
      out += text;
    } else return UNKNOWN;
    if (out.length > MAX_SIZE) return UNKNOWN;
  }
  return { kind: 'string', value: out };
}

const RESERVED_ROOTS = new Set(['var', 'local', 'data', 'module', 'self', 'path', 'terraform', 'count', 'each']);

function evaluateTraversal(expression: Extract<HclExpression, { kind: 'traversal' }>, scope: Scope): Value {
  const { root, traversers } = expression;
  const bound = scope.bindings?.get(root);
  if (bound !== undefined) return applyTraversers(bound, traversers, scope);
  switch (root) {
    case 'var':
    case 'local': {
      const first = traversers[0];
      if (first?.kind !== 'attr') return UNKNOWN;
      const value = root === 'var' ? scope.host.variable(first.name) : scope.host.local(first.name);
      return applyTraversers(value, traversers, scope, 1);
    }
    default:
      if (RESERVED_ROOTS.has(root)) return UNKNOWN;
      return scope.host.resource(root, traversers, scope) ?? UNKNOWN;
  }
}

/** Applies `traversers` from index `start` on (no copy of the list for the rest of a traversal). */
export function applyTraversers(value: Value, traversers: readonly HclTraverser[], scope: Scope, start = 0): Value {
  let current = value;
  for (let i = start; i < traversers.length; i++) {
    const traverser = traversers[i];
    if (current.kind === 'unknown' || current.kind === 'ref') return UNKNOWN;
    switch (traverser.kind) {
      case 'attr':
        current = index(current, { kind: 'string', value: traverser.name });
        break;
      case 'index':
        current = index(current, evaluate(traverser.key, scope));
        break;
      default:
        return UNKNOWN;
    }
  }
  return current;
}

function index(collection: Value, key: Value): Value {
  if (key.kind === 'unknown' || key.kind === 'ref') return UNKNOWN;
  if (collection.kind === 'map') {
    const name = keyOf(key);
    return name === undefined ? UNKNOWN : collection.entries.get(name) ?? UNKNOWN;
  }
  if (collection.kind === 'list') {
    const n = toNumber(key);
    if (n === undefined || !Number.isInteger(n) || n < 0 || n >= collection.items.length) return UNKNOWN;
    return collection.items[n];
  }
  return UNKNOWN;
}

// ---------- conversions ----------

export function isUnknown(value: Value): boolean {
  return value.kind === 'unknown' || value.kind === 'ref';
}

/** Whether a value is fully known, including every element of a collection. */
export function isWhollyKnown(value: Value, budget = { n: 10_000 }): boolean {
  if (--budget.n < 0) return false;
  if (value.kind === 'list') return value.items.every((item) => isWhollyKnown(item, budget));
  if (value.kind === 'map') return [...value.entries.values()].every((item) => isWhollyKnown(item, budget));
  return !isUnknown(value);
}

export function toStringValue(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return formatNumber(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    default:
      return undefined;
  }
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

export function toNumber(value: Value): number | undefined {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value.value)) return Number(value.value);
  return undefined;
}

export function toBool(value: Value): boolean | undefined {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}

export function withFrom(value: Value, from: ResourceRef): Value {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'list':
    case 'map':
      return { ...value, from };
    case 'ref':
      return value;
    default:
      return { kind: 'ref', from };
  }
}

function str(value: string): Value {
  return value.length > MAX_SIZE ? UNKNOWN : { kind: 'string', value };
}

function num(value: number): Value {
  return Number.isFinite(value) ? { kind: 'number', value } : UNKNOWN;
}

function bool(value: boolean): Value {
  return { kind: 'bool', value };
}

function list(items: Value[]): Value {
  return items.length > MAX_SIZE ? UNKNOWN : { kind: 'list', items };
}

/** Deep equality of two known values; undefined when either holds an unknown part. */
export function equals(a: Value, b: Value): boolean | undefined {
  if (isUnknown(a) || isUnknown(b)) return undefined;
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind;
  if (a.kind === 'list' && b.kind === 'list') {
    if (a.items.length !== b.items.length) return false;
    let result: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const e = equals(a.items[i], b.items[i]);
      if (e === false) return false;
      if (e === undefined) result = undefined;
    }
    return result;
  }
  if (a.kind === 'map' && b.kind === 'map') {
    if (a.entries.size !== b.entries.size) return false;
    let result: boolean | undefined = true;
    for (const [key, item] of a.entries) {
      const other = b.entries.get(key);
      if (!other) return false;
      const e = equals(item, other);
      if (e === false) return false;
      if (e === undefined) result = undefined;
    }
    return result;
  }
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'string' || a.kind === 'number' || a.kind === 'bool') && (b.kind === 'string' || b.kind === 'number' || b.kind === 'bool')) return a.value === b.value;
  return false;
}

// ---------- operators ----------

function evaluateOperation(operator: string, operands: readonly HclExpression[], scope: Scope): Value {
  if (operands.length === 1) {
    const value = evaluate(operands[0], scope);
    if (operator === '!') {
      const b = toBool(value);
      return b === undefined ? UNKNOWN : bool(!b);
    }
    if (operator === '-') {
      const n = toNumber(value);
      return n === undefined ? UNKNOWN : num(-n);
    }
    return UNKNOWN;
  }
  if (operands.length !== 2) return UNKNOWN;
  // `&&` and `||` decide on one known side when it settles the result, as Terraform does for known values.
  if (operator === '&&' || operator === '||') {
    const left = toBool(evaluate(operands[0], scope));
    const right = toBool(evaluate(operands[1], scope));
    if (operator === '&&') {
      if (left === false || right === false) return bool(false);
      return left === undefined || right === undefined ? UNKNOWN : bool(true);
    }
    if (left === true || right === true) return bool(true);
    return left === undefined || right === undefined ? UNKNOWN : bool(false);
  }
  const left = evaluate(operands[0], scope);
  const right = evaluate(operands[1], scope);
  switch (operator) {
    case '==':
    case '!=': {
      const e = equals(left, right);
      return e === undefined ? UNKNOWN : bool(operator === '==' ? e : !e);
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const a = toNumber(left);
      const b = toNumber(right);
      if (a === undefined || b === undefined) return UNKNOWN;
      switch (operator) {
        case '+':
          return num(a + b);
        case '-':
          return num(a - b);
        case '*':
          return num(a * b);
        case '/':
          return b === 0 ? UNKNOWN : num(a / b);
        case '%':
          return b === 0 ? UNKNOWN : num(a % b);
        case '<':
          return bool(a < b);
        case '<=':
          return bool(a <= b);
        case '>':
          return bool(a > b);
        default:
          return bool(a >= b);
      }
    }
    default:
      return UNKNOWN;
  }
}

// ---------- functions ----------

type Fn = (args: Value[]) => Value;

function strings(args: Value[]): string[] | undefined {
  const out: string[] = [];
  for (const arg of args) {
    const s = toStringValue(arg);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

function stringFn(f: (...s: string[]) => Value | string): Fn {
  return (args) => {
    const s = strings(args);
    if (!s) return UNKNOWN;
    const out = f(...s);
    return typeof out === 'string' ? str(out) : out;
  };
}

function listItems(value: Value): readonly Value[] | undefined {
  return value.kind === 'list' ? value.items : undefined;
}

function known(args: Value[]): boolean {
  return args.every((arg) => isWhollyKnown(arg));
}

function distinct(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((o) => equals(o, item) === true)) out.push(item);
  return out;
}

/** `%s`, `%d`, `%v`, `%q`, `%%` and their simple widths; anything else is unknown. */
function format(spec: string, args: Value[]): Value {
  let i = 0;
  let ok = true;
  const out = spec.replace(/%(-?\d*)(\.\d+)?([sdvqft%])/g, (_m, _w, _p, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    if (!arg) {
      ok = false;
      return '';
    }
    if (verb === 'q') {
      const s = toStringValue(arg);
      if (s === undefined) ok = false;
      return JSON.stringify(s ?? '');
    }
    if (verb === 'd') {
      const n = toNumber(arg);
      if (n === undefined || !Number.isInteger(n)) ok = false;
      return String(n);
    }
    if (verb === 'f') {
      ok = false;
      return '';
    }
    if (verb === 't') {
      const b = toBool(arg);
      if (b === undefined) ok = false;
      return String(b);
    }
    const s = toStringValue(arg);
    if (s === undefined) ok = false;
    return s ?? '';
  });
  return ok && !/%[^%sdvqft]/.test(spec.replace(/%%/g, '')) ? str(out) : UNKNOWN;
}

function jsonOf(value: Value, budget: { n: number }): unknown {
  if (--budget.n < 0) throw new Error('too large');
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'list':
      return value.items.map((item) => jsonOf(item, budget));
    case 'map':
      return Object.fromEntries([...value.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, jsonOf(v, budget)]));
    default:
      throw new Error('unknown');
  }
}

function fromJson(json: unknown, budget: { n: number }): Value {
  if (--budget.n < 0) return UNKNOWN;
  if (json === null) return NULL;
  if (typeof json === 'string') return str(json);
  if (typeof json === 'number') return num(json);
  if (typeof json === 'boolean') return bool(json);
  if (Array.isArray(json)) return list(json.map((item) => fromJson(item, budget)));
  if (typeof json === 'object') return { kind: 'map', entries: new Map(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, fromJson(v, budget)])) };
  return UNKNOWN;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  lower: stringFn((s) => s.toLowerCase()),
  upper: stringFn((s) => s.toUpperCase()),
  title: stringFn((s) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase())),
  trimspace: stringFn((s) => s.trim()),
  trim: stringFn((s, chars) => {
    const set = new Set(chars);
    let a = 0;
    let b = s.length;
    while (a < b && set.has(s[a])) a++;
    while (b > a && set.has(s[b - 1])) b--;
    return s.slice(a, b);
  }),
  trimprefix: stringFn((s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: stringFn((s, p) => (p && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  startswith: stringFn((s, p) => bool(s.startsWith(p))),
  endswith: stringFn((s, p) => bool(s.endsWith(p))),
  strcontains: stringFn((s, p) => bool(s.includes(p))),
  replace: stringFn((s, search, replacement) => {
    // Regular expressions (`/…/`) use RE2 syntax; only plain substrings are evaluated.
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return UNKNOWN;
    if (search === '') return UNKNOWN;
    return s.split(search).join(replacement);
  }),
  substr: (args) => {
    const s = toStringValue(args[0] ?? UNKNOWN);
    const offset = toNumber(args[1] ?? UNKNOWN);
    const length = toNumber(args[2] ?? UNKNOWN);
    if (s === undefined || offset === undefined || length === undefined) return UNKNOWN;
    const chars = [...s];
    const start = offset < 0 ? chars.length + offset : offset;
    return str(chars.slice(start, length < 0 ? undefined : start + length).join(''));
  },
  format: (args) => {
    const spec = toStringValue(args[0] ?? UNKNOWN);
    if (spec === undefined || !known(args)) return UNKNOWN;
    return format(spec, args.slice(1));
  },
  join: (args) => {
    const sep = toStringValue(args[0] ?? UNKNOWN);
    if (sep === undefined) return UNKNOWN;
    const parts: string[] = [];
    for (const arg of args.slice(1)) {
      const items = listItems(arg);
      if (!items) return UNKNOWN;
      const s = strings([...items]);
      if (!s) return UNKNOWN;
      parts.push(...s);
    }
    return str(parts.join(sep));
  },
  split: stringFn((sep, s) => list(s.split(sep).map((part) => str(part)))),
  concat: (args) => {
    const out: Value[] = [];
    for (const arg of args) {
      const items = listItems(arg);
      if (!items) return UNKNOWN;
      out.push(...items);
    }
    return list(out);
  },
  merge: (args) => {
    const entries = new Map<string, Value>();
    for (const arg of args) {
      if (arg.kind === 'null') continue;
      if (arg.kind !== 'map') return UNKNOWN;
      // forEach rather than for…of: no [key, value] pair allocated per entry.
      arg.entries.forEach((v, k) => entries.set(k, v));
    }
    return { kind: 'map', entries };
  },
  tostring: ([v]) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'null') return NULL;
    const s = toStringValue(v);
    return s === undefined ? UNKNOWN : str(s);
  },
  tonumber: ([v]) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'null') return NULL;
    const n = toNumber(v);
    return n === undefined ? UNKNOWN : num(n);
  },
  tobool: ([v]) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'null') return NULL;
    const b = toBool(v);
    return b === undefined ? UNKNOWN : bool(b);
  },
  tolist: ([v]) => (v && v.kind === 'list' ? v : UNKNOWN),
  toset: ([v]) => (v && v.kind === 'list' && known([v]) ? { kind: 'list', items: distinct(v.items), set: true } : UNKNOWN),
  tomap: ([v]) => (v && v.kind === 'map' ? v : UNKNOWN),
  nonsensitive: ([v]) => v ?? UNKNOWN,
  sensitive: ([v]) => v ?? UNKNOWN,
  coalesce: (args) => {
    for (const arg of args) {
      if (isUnknown(arg)) return UNKNOWN;
      if (arg.kind === 'null' || (arg.kind === 'string' && arg.value === '')) continue;
      return arg;
    }
    return UNKNOWN;
  },
  coalescelist: (args) => {
    for (const arg of args) {
      if (arg.kind !== 'list') return UNKNOWN;
      if (arg.items.length > 0) return arg;
    }
    return UNKNOWN;
  },
  lookup: ([map, key, fallback]) => {
    if (!map || !key || map.kind !== 'map') return UNKNOWN;
    const name = keyOf(key);
    if (name === undefined) return UNKNOWN;
    return map.entries.get(name) ?? fallback ?? UNKNOWN;
  },
  element: ([l, i]) => {
    const items = l && listItems(l);
    const n = i && toNumber(i);
    if (!items || n === undefined || !Number.isInteger(n) || items.length === 0 || n < 0) return UNKNOWN;
    return items[n % items.length];
  },
  index: ([l, v]) => {
    const items = l && listItems(l);
    if (!items || !v || !known([l, v])) return UNKNOWN;
    const i = items.findIndex((item) => equals(item, v) === true);
    return i < 0 ? UNKNOWN : num(i);
  },
  one: ([l]) => {
    const items = l && listItems(l);
    if (!items || items.length > 1) return UNKNOWN;
    return items[0] ?? NULL;
  },
  length: ([v]) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'list') return num(v.items.length);
    if (v.kind === 'map') return num(v.entries.size);
    if (v.kind === 'string') return num([...v.value].length);
    return UNKNOWN;
  },
  contains: ([l, v]) => {
    const items = l && listItems(l);
    if (!items || !v || !known([l, v])) return UNKNOWN;
    return bool(items.some((item) => equals(item, v) === true));
  },
  keys: ([m]) => (m?.kind === 'map' ? list([...m.entries.keys()].sort().map((k) => str(k))) : UNKNOWN),
  values: ([m]) => (m?.kind === 'map' ? list([...m.entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)) : UNKNOWN),
  distinct: ([l]) => (l?.kind === 'list' && known([l]) ? list(distinct(l.items)) : UNKNOWN),
  reverse: ([l]) => (l?.kind === 'list' ? list([...l.items].reverse()) : UNKNOWN),
  flatten: ([l]) => {
    if (l?.kind !== 'list') return UNKNOWN;
    const out: Value[] = [];
    const walk = (items: readonly Value[], level: number): boolean => {
      if (level > 32) return false;
      for (const item of items) {
        if (isUnknown(item)) return false;
        if (item.kind === 'list') {
          if (!walk(item.items, level + 1)) return false;
        } else out.push(item);
      }
      return true;
    };
    return walk(l.items, 0) ? list(out) : UNKNOWN;
  },
  compact: ([l]) => {
    if (l?.kind !== 'list' || !known([l])) return UNKNOWN;
    return list(l.items.filter((item) => !(item.kind === 'null' || (item.kind === 'string' && item.value === ''))));
  },
  zipmap: ([k, v]) => {
    const ks = k && listItems(k);
    const vs = v && listItems(v);
    if (!ks || !vs || ks.length !== vs.length) return UNKNOWN;
    const names = strings([...ks]);
    if (!names) return UNKNOWN;
    return { kind: 'map', entries: new Map(names.map((name, i) => [name, vs[i]])) };
  },
  min: (args) => numbersFn(args, (ns) => Math.min(...ns)),
  max: (args) => numbersFn(args, (ns) => Math.max(...ns)),
  abs: (args) => numbersFn(args, ([n]) => Math.abs(n)),
  ceil: (args) => numbersFn(args, ([n]) => Math.ceil(n)),
  floor: (args) => numbersFn(args, ([n]) => Math.floor(n)),
  jsonencode: ([v]) => {
    if (!v) return UNKNOWN;
    try {
      return str(JSON.stringify(jsonOf(v, { n: 100_000 })));
    } catch {
      return UNKNOWN;
    }
  },
  jsondecode: ([v]) => {
    const s = v && toStringValue(v);
    if (s === undefined) return UNKNOWN;
    try {
      return fromJson(JSON.parse(s), { n: 100_000 });
    } catch {
      return UNKNOWN;
    }
  },
};

function numbersFn(args: Value[], f: (ns: number[]) => number): Value {
  const ns: number[] = [];
  for (const arg of args) {
    const n = toNumber(arg);
    if (n === undefined) return UNKNOWN;
    ns.push(n);
  }
  return ns.length === 0 ? UNKNOWN : num(f(ns));
}

/** The names of the functions the evaluator runs; every other function call is unknown. */
export const EVALUATED_FUNCTIONS: readonly string[] = [...Object.keys(FUNCTIONS), 'try', 'can'];

function callFunction(name: string, argExpressions: readonly HclExpression[], scope: Scope): Value {
  // Provider-namespaced functions (`provider::x::f`) are never evaluated.
  if (name === 'try') {
    // try() takes the first argument that evaluates without an error. An unknown first argument may well
    // succeed at apply time, so the fallback is only a guess: the result is unknown.
    const first = argExpressions[0] ? evaluate(argExpressions[0], scope) : UNKNOWN;
    return isUnknown(first) ? UNKNOWN : first;
  }
  if (name === 'can') {
    const value = argExpressions[0] ? evaluate(argExpressions[0], scope) : UNKNOWN;
    return isUnknown(value) ? UNKNOWN : bool(true);
  }
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!f) return UNKNOWN;
  const args: Value[] = [];
  for (const arg of argExpressions) args.push(evaluate(arg, scope));
  // `lookup` and `coalesce` handle unknown arguments themselves; every other function needs known arguments.
  if (name === 'lookup') {
    if (args.length < 2 || isUnknown(args[0]) || isUnknown(args[1])) return UNKNOWN;
  } else if (name !== 'coalesce' && args.some(isUnknown)) return UNKNOWN;
  return f(args);
}
