/** The repo config file `.heroku-compliance.yml`: parsing and validation. Pure: the caller reads the file. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { hasStackOverflowError, isStackOverflow, TOO_DEEP_MESSAGE, tooDeepYamlAt } from './parsers/depth';
import { type Generation, PROFILES, type ProfileSetting, SEVERITIES, type Severity } from './types';

export const CONFIG_FILE_NAME = '.heroku-compliance.yml';

/** `off`, `on` (default severity; also enables a preview rule), or a fixed severity. */
export type RuleSetting = 'off' | 'on' | Severity;

export interface ConfigSuppression {
  readonly rule: string;
  /** JSON pointer into app.json, e.g. `/env/SECRET_KEY`. Also matches everything below it. */
  readonly pointer: string;
  /** Glob of the app.json files it applies to; every app.json when absent. */
  readonly path?: string;
  readonly reason: string;
}

export interface ComplianceConfig {
  readonly profile?: ProfileSetting;
  readonly generation?: Generation;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ignore: readonly string[];
  readonly suppressions: readonly ConfigSuppression[];
}

export interface ConfigProblem {
  readonly message: string;
  /** 1-based line in the config file. */
  readonly line: number;
}

export const EMPTY_CONFIG: ComplianceConfig = { rules: {}, ignore: [], suppressions: [] };

const RULE_SETTINGS: readonly string[] = ['off', 'on', ...SEVERITIES];

export function parseConfig(text: string, knownRuleIds?: ReadonlySet<string>): { config: ComplianceConfig; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  // Deep nesting overflows yaml's recursion (as in heroku.yml): refused with one problem, the same every time.
  const tooDeep = tooDeepYamlAt(text);
  const refused = (offset: number) => ({ config: EMPTY_CONFIG, problems: [{ message: TOO_DEEP_MESSAGE, line: text.slice(0, offset).split(/\r\n|\r|\n/).length }] });
  if (tooDeep !== undefined) return refused(tooDeep);
  let document: ReturnType<typeof parseDocument>;
  try {
    // Not yaml's pretty errors: each copies and scans its whole line, quadratic on a long line of errors (a line
    // of 100,000 quotes took seconds); the line is reported on its own.
    document = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    if (isStackOverflow(error)) return refused(0);
    throw error;
  }
  if (hasStackOverflowError(document.errors)) return refused(0);
  const problems: ConfigProblem[] = document.errors.map((error) => ({
    message: error.message.split('\n')[0],
    line: lineCounter.linePos(error.pos[0]).line,
  }));
  const lineOf = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: EMPTY_CONFIG, problems };
  if (!isMap(root)) {
    problems.push({ message: 'The config file must be a mapping of settings.', line: lineOf(root) });
    return { config: EMPTY_CONFIG, problems };
  }

  let profile: ProfileSetting | undefined;
  let generation: Generation | undefined;
  const rules: Record<string, RuleSetting> = {};
  const ignore: string[] = [];
  const suppressions: ConfigSuppression[] = [];

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const scalar = isScalar(value) ? String(value.value) : undefined;
    switch (key) {
      case 'profile':
        if (scalar === 'auto' || (PROFILES as readonly string[]).includes(scalar ?? '')) profile = scalar as ProfileSetting;
        else problems.push({ message: `profile must be one of auto, ${PROFILES.join(', ')}.`, line: lineOf(value ?? pair.key) });
        break;
      case 'generation':
        if (scalar === 'cedar' || scalar === 'fir') generation = scalar;
        else problems.push({ message: 'generation must be cedar or fir.', line: lineOf(value ?? pair.key) });
        break;
      case 'rules':
        if (!isMap(value)) {
          problems.push({ message: 'rules must map rule ids to off, on or a severity.', line: lineOf(value ?? pair.key) });
          break;
        }
        for (const rulePair of value.items) {
          const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          const raw = isScalar(rulePair.value) ? rulePair.value.value : undefined;
          // YAML reads a bare `off` as a string, but `false`/`true` as booleans.
          const setting = raw === false ? 'off' : raw === true ? 'on' : String(raw);
          if (knownRuleIds && !knownRuleIds.has(id)) problems.push({ message: `Unknown rule id ${id}.`, line: lineOf(rulePair.key) });
          else if (!RULE_SETTINGS.includes(setting)) problems.push({ message: `${id} must be off, on or one of ${SEVERITIES.join(', ')}.`, line: lineOf(rulePair.value ?? rulePair.key) });
          else rules[id] = setting as RuleSetting;
        }
        break;
      case 'ignore':
        if (!isSeq(value)) {
          problems.push({ message: 'ignore must be a list of glob patterns.', line: lineOf(value ?? pair.key) });
          break;
        }
        for (const item of value.items) {
          if (isScalar(item) && typeof item.value === 'string' && item.value !== '') ignore.push(item.value);
          else problems.push({ message: 'Each ignore entry must be a glob pattern string.', line: lineOf(item) });
        }
        break;
      case 'suppressions':
        if (!isSeq(value)) {
          problems.push({ message: 'suppressions must be a list of {rule, pointer, reason}.', line: lineOf(value ?? pair.key) });
          break;
        }
        for (const item of value.items) {
          const get = (name: string): string | undefined => {
            const v = isMap(item) ? item.get(name) : undefined;
            return typeof v === 'string' ? v : undefined;
          };
          const rule = get('rule');
          const pointer = get('pointer');
          const reason = get('reason');
          if (!rule || pointer === undefined || (pointer !== '' && !pointer.startsWith('/'))) {
            problems.push({ message: 'Each suppression needs a rule id and a JSON pointer such as /env/SECRET_KEY.', line: lineOf(item) });
          } else if (knownRuleIds && !knownRuleIds.has(rule)) {
            problems.push({ message: `Unknown rule id ${rule}.`, line: lineOf(item) });
          } else if (!reason || reason.trim() === '') {
            problems.push({ message: `The suppression of ${rule} at ${pointer} needs a reason.`, line: lineOf(item) });
          } else {
            suppressions.push({ rule, pointer, path: get('path'), reason });
          }
        }
        break;
      default:
        problems.push({ message: `Unknown setting "${key}" (expected profile, generation, rules, ignore or suppressions).`, line: lineOf(pair.key) });
    }
  }
  return { config: { profile, generation, rules, ignore, suppressions }, problems };
}

/** Decodes a JSON pointer (RFC 6901) into path segments. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
