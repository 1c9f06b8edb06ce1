/**
 * Dyno sizes by runtime (rules-catalog.md §1.5; heroku-platform.md §9) and what can run where.
 * Shared by HRK-APPJSON-014/015/016, HRK-TF-026 and the live checks. Pure data and functions.
 *
 * Sizes are compared case-insensitively ("Capitalization does not matter" [TF-FORMATION]); the API
 * reports capitalised names such as `Standard-1X` and `Private-M`.
 */
import type { Generation, Profile } from '../types';
import { editDistance } from '../text';

/** The runtime a dyno size belongs to. Legacy Common Runtime sizes are `common`. */
export type DynoRuntime = 'common' | 'private' | 'shield' | 'fir';

/** Current Common Runtime sizes [HK-CLI `ps/type.ts`] [DC-DYNOS]. */
export const COMMON_DYNO_SIZES: readonly string[] = [
  'eco',
  'basic',
  'standard-1x',
  'standard-2x',
  'performance-m',
  'performance-l',
  'performance-l-ram',
  'performance-xl',
  'performance-2xl',
];

/** Retired Common Runtime names that the API still recognises (lower-cased). */
export const LEGACY_DYNO_SIZES: readonly string[] = ['free', 'hobby', '1x', '2x', 'px'];

/** Private Space sizes. */
export const PRIVATE_DYNO_SIZES: readonly string[] = ['private-s', 'private-m', 'private-l', 'private-l-ram', 'private-xl', 'private-2xl'];

/** Shield Private Space sizes: "Only dynos of the shield type can run in a Shield Private Space" [DC-SHIELD]. */
export const SHIELD_DYNO_SIZES: readonly string[] = ['shield-s', 'shield-m', 'shield-l', 'shield-l-ram', 'shield-xl', 'shield-2xl'];

/**
 * Fir sizes, from the heroku/cli `ps/type.ts` table. The Terraform docs also show `dyno-4c-2gb`, which the CLI
 * table lacks (heroku-platform.md §12.10); the CLI list is taken as authoritative.
 */
export const FIR_DYNO_SIZES: readonly string[] = [
  'dyno-1c-0.5gb',
  'dyno-1c-4gb',
  'dyno-1c-8gb',
  'dyno-2c-1gb',
  'dyno-2c-4gb',
  'dyno-2c-8gb',
  'dyno-2c-16gb',
  'dyno-4c-8gb',
  'dyno-4c-16gb',
  'dyno-4c-32gb',
  'dyno-8c-16gb',
  'dyno-8c-32gb',
  'dyno-8c-64gb',
  'dyno-16c-32gb',
  'dyno-16c-64gb',
  'dyno-16c-128gb',
  'dyno-32c-64gb',
];

/** Every known size, lower-case, current sizes first (so that suggestions prefer them). */
export const ALL_DYNO_SIZES: readonly string[] = [
  ...COMMON_DYNO_SIZES,
  ...PRIVATE_DYNO_SIZES,
  ...SHIELD_DYNO_SIZES,
  ...FIR_DYNO_SIZES,
  ...LEGACY_DYNO_SIZES,
];

const RUNTIME_BY_SIZE: ReadonlyMap<string, DynoRuntime> = new Map<string, DynoRuntime>([
  ...COMMON_DYNO_SIZES.map((s) => [s, 'common'] as const),
  ...LEGACY_DYNO_SIZES.map((s) => [s, 'common'] as const),
  ...PRIVATE_DYNO_SIZES.map((s) => [s, 'private'] as const),
  ...SHIELD_DYNO_SIZES.map((s) => [s, 'shield'] as const),
  ...FIR_DYNO_SIZES.map((s) => [s, 'fir'] as const),
]);

/** The comparison form of a size: lower-case. Whitespace is kept, so `" basic"` stays unknown. */
export function normalizeDynoSize(size: string): string {
  return size.toLowerCase();
}

export function isKnownDynoSize(size: string): boolean {
  return RUNTIME_BY_SIZE.has(normalizeDynoSize(size));
}

export function isLegacyDynoSize(size: string): boolean {
  return LEGACY_DYNO_SIZES.includes(normalizeDynoSize(size));
}

/** The runtime of a known size, or undefined for an unknown one. */
export function dynoRuntimeOf(size: string): DynoRuntime | undefined {
  return RUNTIME_BY_SIZE.get(normalizeDynoSize(size));
}

/**
 * Whether a known size can run where the app runs.
 * - `ok`: it fits.
 * - `private-in-shield`: a `private-*` size in a Shield space. The CLI rewrites `Private-*` to `Shield-*` there and
 *   the API reports `private-*` for Shield apps (catalog caveat 0.4-3), so this is informational only.
 * - `incompatible`: it cannot run there.
 * - `unknown`: the size is not in the lists (HRK-APPJSON-014's finding, not a compatibility problem).
 *
 * Shield spaces exist only on Cedar, so under the `shield` profile the Shield rules apply whatever the generation.
 * On Fir only `dyno-*` sizes run; on Cedar `dyno-*` sizes do not exist. Under `private` on Cedar the size must be
 * `private-*`. Under `common` on Cedar any Common Runtime size fits (a `private-*`/`shield-*` size would have made
 * the profile inference pick a space).
 */
export type DynoCompatibility = 'ok' | 'private-in-shield' | 'incompatible' | 'unknown';

export function dynoSizeCompatibility(size: string, profile: Profile, generation: Generation): DynoCompatibility {
  const runtime = dynoRuntimeOf(size);
  if (runtime === undefined) return 'unknown';
  if (profile === 'shield') {
    if (runtime === 'shield') return 'ok';
    return runtime === 'private' ? 'private-in-shield' : 'incompatible';
  }
  if (generation === 'fir') return runtime === 'fir' ? 'ok' : 'incompatible';
  if (runtime === 'fir') return 'incompatible';
  if (profile === 'private') return runtime === 'private' ? 'ok' : 'incompatible';
  return runtime === 'common' ? 'ok' : 'incompatible';
}

/** The size family that fits a profile and generation, for messages: `shield-*`, `private-*`, `dyno-*`… */
export function expectedDynoFamily(profile: Profile, generation: Generation): string {
  if (profile === 'shield') return '`shield-*`';
  if (generation === 'fir') return '`dyno-*`';
  if (profile === 'private') return '`private-*`';
  return 'a Common Runtime size';
}

const SEPARATORS = /[\s_.-]/g;

/**
 * The size an unknown value obviously meant, or undefined when there is no single obvious candidate.
 * First, sizes that differ only in case, spaces, `-`, `_` or `.` (`standard1x`, `Standard_2X`); then the unique
 * closest size within edit distance 2 (`perfomance-m`). Ties (e.g. `standard-3x` is as close to `-1x` as to `-2x`)
 * give no suggestion.
 */
export function suggestDynoSize(size: string): string | undefined {
  const lower = normalizeDynoSize(size).trim();
  if (lower.length === 0) return undefined;
  if (RUNTIME_BY_SIZE.has(lower)) return lower;
  const squashed = lower.replace(SEPARATORS, '');
  const sameLetters = ALL_DYNO_SIZES.filter((candidate) => candidate.replace(SEPARATORS, '') === squashed);
  if (sameLetters.length === 1) return sameLetters[0];
  if (sameLetters.length > 1) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const candidate of ALL_DYNO_SIZES) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  // A short word is "close" to many sizes by accident (`big` → `eco`); require the edit to be a small part of it.
  if (best === undefined || tie || bestDistance * 3 > lower.length + 1) return undefined;
  return best;
}
