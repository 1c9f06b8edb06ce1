import type { AnyRule } from '../../rule';

/** The CMD rules, in id order. */
export const cmdRules: readonly AnyRule[] = [];
