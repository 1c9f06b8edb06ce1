/** Command-line parsing: commands, options and the usage text. No I/O. */
import { type ProfileSetting, PROFILES, SEVERITIES, type Severity } from '../engine';
import { nearest } from '../engine/text';

export const TOOL_NAME = 'heroku-compliance';

export type Command = 'check' | 'live' | 'rules' | 'explain';
export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

/** Default for `--max-file-size`: a realistic manifest is a few kilobytes; 10 MB leaves a wide margin. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface CheckOptions {
  readonly paths: string[];
  readonly profile: ProfileSetting;
  readonly format: Format;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly config?: string;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly fix: boolean;
  readonly rules: string[];
  /** Bytes; 0 means no limit. */
  readonly maxFileSize: number;
  /** `true`/`false` from `--color`/`--no-color`; undefined lets the environment decide. */
  readonly color?: boolean;
  /** `--jobs`: threads that lint at once (1: no worker thread); undefined: as many as the machine has, capped. */
  readonly jobs?: number;
}

export interface LiveOptions {
  readonly app: string;
  readonly profile: ProfileSetting;
  readonly format: Format;
  readonly output?: string;
  readonly failOn: FailOn;
  /** `--api-url`; HEROKU_API_URL and the default apply when absent. */
  readonly apiUrl?: string;
  readonly color?: boolean;
}

export type Parsed =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'live'; readonly options: LiveOptions }
  | { readonly kind: 'rules'; readonly format: 'text' | 'json' }
  | { readonly kind: 'explain'; readonly id: string };

/** A mistake in the command line: reported with the short usage, exit status 2. */
export class UsageError extends Error {}

export const SHORT_USAGE = `Usage: ${TOOL_NAME} check [paths...] [options]
       ${TOOL_NAME} live --app <name> [options]
       ${TOOL_NAME} rules [--format text|json]
       ${TOOL_NAME} explain <RULE-ID>
Run '${TOOL_NAME} --help' for the options.`;

export const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Lints app.json, Procfile, heroku.yml and Terraform files against Heroku's security and
compliance features (Common Runtime, Private Spaces, Shield Private Spaces).

Commands:
  check [paths...]          Check files and directories (default: .). Directories are searched
                            recursively; .gitignore files, node_modules and .git are skipped.
  live --app <name>         Check the running app's security features through the Heroku Platform API
                            (token from HEROKU_API_KEY or ~/.netrc, machine api.heroku.com).
  rules                     List the rules.
  explain <RULE-ID>         Print a rule's documentation.

Options for check:
  --profile <profile>       auto, common, private or shield (default: auto: inferred per app)
  --format <format>         text, json or sarif (default: text)
  --output <file>           Write the report to a file instead of stdout
  --fail-on <severity>      crit, high, med, low, info or none (default: high)
  --config <file>           Use this config file for every path (default: see below)
  --baseline <file>         Hide the findings recorded in a baseline file
  --write-baseline <file>   Record the current findings in a baseline file and exit 0
  --fix                     Apply safe fixes, write the files back, then report what remains
  --rule <RULE-ID>          Run only this rule; repeat for more (enables preview rules)
  --max-file-size <size>    Skip larger files, e.g. 500KB, 10MB; 0 for no limit (default: 10MB)
  --color, --no-color       Force or disable colours (default: on a terminal, unless NO_COLOR)
  --jobs <n>                Lint on n threads at once; 1 for none besides the main one (default: auto,
                            one per CPU up to 8, for scans of 200 files or more); the report is the same

Options for live:
  --app <name>              The Heroku app (name or id); required
  --api-url <url>           The Platform API (default: HEROKU_API_URL, else https://api.heroku.com)
  --profile, --format, --output, --fail-on, --color, --no-color   as for check

Options for rules:
  --format <format>         text or json (default: text)

General options:
  -h, --help                Show this help
  -v, --version             Print the version

Config: each app uses the nearest .heroku-compliance.yml at or above its directory, up to the top
of the git work tree; its globs are relative to the directory that holds it.
Paths: reports show paths relative to the current directory, with '/' separators. Baselines record
paths relative to the base directory: the directory of the config file that applies to the first
path, otherwise the first path (or its directory when it is a file).

Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 for a usage error, a
config or baseline problem, or an internal failure.`;

interface OptionSpec {
  readonly takesValue: boolean;
  readonly commands: readonly Command[];
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--profile': { takesValue: true, commands: ['check', 'live'] },
  '--format': { takesValue: true, commands: ['check', 'live', 'rules'] },
  '--output': { takesValue: true, commands: ['check', 'live'] },
  '--fail-on': { takesValue: true, commands: ['check', 'live'] },
  '--app': { takesValue: true, commands: ['live'] },
  '--api-url': { takesValue: true, commands: ['live'] },
  '--config': { takesValue: true, commands: ['check'] },
  '--baseline': { takesValue: true, commands: ['check'] },
  '--write-baseline': { takesValue: true, commands: ['check'] },
  '--fix': { takesValue: false, commands: ['check'] },
  '--rule': { takesValue: true, commands: ['check'] },
  '--max-file-size': { takesValue: true, commands: ['check'] },
  '--jobs': { takesValue: true, commands: ['check'] },
  '--color': { takesValue: false, commands: ['check', 'live'] },
  '--no-color': { takesValue: false, commands: ['check', 'live'] },
};

const COMMANDS: readonly Command[] = ['check', 'live', 'rules', 'explain'];

/** Parses `argv` (without `node` and the script). Rule ids are matched case-insensitively against `ruleIds`. */
export function parseArgs(argv: readonly string[], ruleIds: readonly string[]): Parsed {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  let command: Command | undefined;
  let help = false;
  let version = false;
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      if (command === undefined) {
        if (!(COMMANDS as readonly string[]).includes(arg)) throw new UsageError(`unknown command '${arg}'`);
        command = arg as Command;
      } else {
        positionals.push(arg);
      }
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      version = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option '${name}'`);
    let value: string;
    if (spec.takesValue) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`option '${name}' needs a value`);
    } else {
      if (eq > 0) throw new UsageError(`option '${name}' does not take a value`);
      value = 'true';
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }

  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (command === undefined) throw new UsageError('missing command');
  for (const name of values.keys()) {
    if (!OPTIONS[name].commands.includes(command)) throw new UsageError(`option '${name}' does not apply to '${command}'`);
  }
  const single = (name: string): string | undefined => {
    const list = values.get(name);
    if (list && list.length > 1) throw new UsageError(`option '${name}' is given more than once`);
    return list?.[0];
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = single(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
    return value as T;
  };
  const nonEmpty = (name: string): string | undefined => {
    const value = single(name);
    if (value === '') throw new UsageError(`option '${name}' needs a non-empty value`);
    return value;
  };

  switch (command) {
    case 'rules':
      if (positionals.length > 0) throw new UsageError(`'rules' takes no arguments (got '${positionals[0]}')`);
      return { kind: 'rules', format: choice('--format', ['text', 'json'] as const, 'text') };
    case 'explain': {
      if (positionals.length !== 1) throw new UsageError(`'explain' takes exactly one rule id`);
      const id = normalizeRuleId(positionals[0], ruleIds);
      if (!id) throw unknownRule(positionals[0], ruleIds);
      return { kind: 'explain', id };
    }
    case 'live': {
      if (positionals.length > 0) throw new UsageError(`'live' takes no arguments (got '${positionals[0]}'); name the app with --app`);
      const app = nonEmpty('--app');
      if (!app) throw new UsageError(`'live' needs --app <name>`);
      if (values.has('--color') && values.has('--no-color')) throw new UsageError(`'--color' and '--no-color' contradict each other`);
      return {
        kind: 'live',
        options: {
          app,
          profile: choice('--profile', ['auto', ...PROFILES] as const, 'auto'),
          format: choice('--format', ['text', 'json', 'sarif'] as const, 'text'),
          output: nonEmpty('--output'),
          failOn: choice('--fail-on', [...SEVERITIES, 'none'] as const, 'high'),
          apiUrl: nonEmpty('--api-url'),
          color: values.has('--color') ? true : values.has('--no-color') ? false : undefined,
        },
      };
    }
    case 'check': {
      const rules: string[] = [];
      for (const raw of values.get('--rule') ?? []) {
        const id = normalizeRuleId(raw, ruleIds);
        if (!id) throw unknownRule(raw, ruleIds);
        if (!rules.includes(id)) rules.push(id);
      }
      if (values.has('--color') && values.has('--no-color')) throw new UsageError(`'--color' and '--no-color' contradict each other`);
      const fix = values.has('--fix');
      const writeBaseline = nonEmpty('--write-baseline');
      if (fix && writeBaseline) throw new UsageError(`'--fix' and '--write-baseline' cannot be combined`);
      return {
        kind: 'check',
        options: {
          paths: positionals.length > 0 ? positionals : ['.'],
          profile: choice('--profile', ['auto', ...PROFILES] as const, 'auto'),
          format: choice('--format', ['text', 'json', 'sarif'] as const, 'text'),
          output: nonEmpty('--output'),
          failOn: choice('--fail-on', [...SEVERITIES, 'none'] as const, 'high'),
          config: nonEmpty('--config'),
          baseline: nonEmpty('--baseline'),
          writeBaseline,
          fix,
          rules,
          maxFileSize: parseSize(single('--max-file-size')),
          color: values.has('--color') ? true : values.has('--no-color') ? false : undefined,
          jobs: parseJobs(single('--jobs')),
        },
      };
    }
  }
}

/** `--jobs`: a whole number from 1, or `auto` (the default). */
export function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === 'auto') return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) throw new UsageError(`--jobs must be a whole number from 1, or auto (got '${text}')`);
  return Number(text);
}

/** `10MB`, `500k`, `1048576`, `0`. Units are binary (1 KB = 1024 bytes). */
export function parseSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_FILE_SIZE;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text);
  if (!match) throw new UsageError(`--max-file-size must be a size such as 500KB, 10MB or 0 (got '${text}')`);
  const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * factor);
}

function normalizeRuleId(raw: string, ruleIds: readonly string[]): string | undefined {
  const upper = raw.trim().toUpperCase();
  return ruleIds.find((id) => id === upper);
}

function unknownRule(raw: string, ruleIds: readonly string[]): UsageError {
  const near = nearest(raw.trim().toUpperCase(), ruleIds, 3);
  return new UsageError(`unknown rule id '${raw}'${near ? ` (did you mean ${near}?)` : ` (run '${TOOL_NAME} rules' for the list)`}`);
}
