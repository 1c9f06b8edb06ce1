/**
 * Debug or development mode set through a config var (HRK-APPJSON-009, reused by HRK-HYML-009).
 * Sources: DC-RAILSENV ("we recommend using RAILS_ENV=production for all apps, including staging and review
 * apps"), FLASK-DEBUG, DJ-DEPLOY; NODE_ENV has no source (catalog status U for that part).
 */

export type DevModeKind = 'debug' | 'flask-debug' | 'flask-env' | 'rails-env' | 'node-env';

export interface DevModeSetting {
  readonly kind: DevModeKind;
  readonly key: string;
  /** The value as written (trimmed). */
  readonly value: string;
  /** The production value to suggest, in the same letter case style as the original. */
  readonly replacement: string;
}

const TRUE_VALUE = /^(1|true)$/i;

/** Whether `key=value` turns on a debug or development mode. Keys are case-sensitive, as config vars are. */
export function devModeSetting(key: string, rawValue: string): DevModeSetting | undefined {
  const value = rawValue.trim();
  const lower = value.toLowerCase();
  const make = (kind: DevModeKind, replacement: string): DevModeSetting => ({ kind, key, value, replacement });
  switch (key) {
    case 'DEBUG':
    case 'DJANGO_DEBUG':
      return TRUE_VALUE.test(value) ? make('debug', falseLike(value)) : undefined;
    case 'FLASK_DEBUG':
      return TRUE_VALUE.test(value) ? make('flask-debug', falseLike(value)) : undefined;
    case 'FLASK_ENV':
      return lower === 'development' ? make('flask-env', sameCase(value, 'production')) : undefined;
    case 'RAILS_ENV':
    case 'RACK_ENV':
      return lower === 'development' || lower === 'test' ? make('rails-env', sameCase(value, 'production')) : undefined;
    case 'NODE_ENV':
      return lower === 'development' ? make('node-env', sameCase(value, 'production')) : undefined;
    default:
      return undefined;
  }
}

/** `1` → `0`, `true` → `false`, `True` → `False`, `TRUE` → `FALSE`. */
function falseLike(value: string): string {
  if (value === '1') return '0';
  return sameCase(value, 'false');
}

function sameCase(original: string, word: string): string {
  if (original.length > 0 && original === original.toUpperCase() && original !== original.toLowerCase()) return word.toUpperCase();
  if (original.length > 0 && original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/** One sentence for a finding: `where` is the dotted location, e.g. `env.RAILS_ENV` or `setup.config.RAILS_ENV`. */
export function devModeMessage(where: string, setting: DevModeSetting): string {
  const is = `\`${where}\` is \`${setting.value}\``;
  switch (setting.kind) {
    case 'debug':
      return `${is}, which turns on framework debug mode (Django, for one, then shows detailed error pages and settings to visitors).`;
    case 'flask-debug':
      return `${is}, which turns on the Flask debugger; it lets anyone who can trigger an error run Python code from the browser.`;
    case 'flask-env':
      return `${is}, which puts Flask in development mode with the debugger on (Flask before 2.3).`;
    case 'rails-env':
      return `${is}; Heroku recommends \`production\` for every app, staging and review apps included.`;
    case 'node-env':
      return `${is}, which runs Node frameworks in development mode (verbose errors, no production optimisations).`;
  }
}
