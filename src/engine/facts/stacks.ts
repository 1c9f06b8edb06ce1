/**
 * Heroku stacks and their support status (rules-catalog.md §0.3 EOL_STACKS and §1.4; heroku-platform.md §8).
 * Shared by HRK-APPJSON-017/018 and HRK-TF-027. Pure data and functions.
 */

/** The stack to move to. */
export const CURRENT_STACK = 'heroku-24';

/** The stack whose base image the customer maintains. */
export const CONTAINER_STACK = 'container';

/** Catalog EOL_STACKS, confirmed from Dev Center [DC-STACK] [DC-H20]: no more security updates. */
export const EOL_STACKS: Readonly<Record<string, string>> = {
  'heroku-20': 'April 30, 2025',
  'heroku-18': 'April 30, 2023',
  'heroku-16': 'April 2021',
};

/**
 * The Cedar-era stacks. The catalog marks their EOL as unconfirmed (U); heroku-platform.md §8 records `cedar-14`
 * reaching end of life on May 1, 2019 (Heroku's notices quoted in public issues, builds disabled per
 * changelog-items/1943), and `cedar` was superseded by `cedar-14`.
 */
export const RETIRED_CEDAR_STACKS: Readonly<Record<string, string>> = {
  'cedar-14': 'May 1, 2019',
  cedar: 'before 2019',
};

/** Supported stacks whose end of support is near enough to mention. */
export const APPROACHING_EOL_STACKS: Readonly<Record<string, string>> = {
  'heroku-22': 'April 2027',
};

/** Stacks in current support. `cnb` is the stack name Fir apps report. */
export const SUPPORTED_STACKS: readonly string[] = ['heroku-24', 'heroku-22', CONTAINER_STACK, 'cnb'];

export type StackStatus =
  /** Past end of life; `until` says when support ended. `confirmed` is false for `cedar`/`cedar-14` (catalog U). */
  | { readonly kind: 'eol'; readonly stack: string; readonly until: string; readonly confirmed: boolean }
  /** Supported, but its end of support is near. */
  | { readonly kind: 'approaching-eol'; readonly stack: string; readonly until: string }
  | { readonly kind: 'container'; readonly stack: string }
  | { readonly kind: 'supported'; readonly stack: string }
  /** Not a stack name we know; nothing is claimed about it. */
  | { readonly kind: 'unknown'; readonly stack: string };

/** Stack names are compared lower-cased and trimmed. */
export function normalizeStack(name: string): string {
  return name.trim().toLowerCase();
}

function lookup(table: Readonly<Record<string, string>>, stack: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, stack) ? table[stack] : undefined;
}

export function stackStatus(name: string): StackStatus {
  const stack = normalizeStack(name);
  const eol = lookup(EOL_STACKS, stack);
  if (eol !== undefined) return { kind: 'eol', stack, until: eol, confirmed: true };
  const retired = lookup(RETIRED_CEDAR_STACKS, stack);
  if (retired !== undefined) return { kind: 'eol', stack, until: retired, confirmed: false };
  const approaching = lookup(APPROACHING_EOL_STACKS, stack);
  if (approaching !== undefined) return { kind: 'approaching-eol', stack, until: approaching };
  if (stack === CONTAINER_STACK) return { kind: 'container', stack };
  if (SUPPORTED_STACKS.includes(stack)) return { kind: 'supported', stack };
  return { kind: 'unknown', stack };
}

export function isEolStack(name: string): boolean {
  return stackStatus(name).kind === 'eol';
}
