import type { AnyRule } from '../../rule';

/** The HYML rules, in id order. */
export const hymlRules: readonly AnyRule[] = [];
