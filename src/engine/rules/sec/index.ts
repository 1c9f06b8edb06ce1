import type { AnyRule } from '../../rule';

/** The SEC rules, in id order. */
export const secRules: readonly AnyRule[] = [];
