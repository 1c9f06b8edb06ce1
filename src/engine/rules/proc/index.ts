import type { AnyRule } from '../../rule';

/** The PROC rules, in id order. */
export const procRules: readonly AnyRule[] = [];
