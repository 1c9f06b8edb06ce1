import type { AnyRule } from '../../rule';
import appjson025 from './HRK-APPJSON-025-deprecated-image-key';

/** The APPJSON rules, in id order. */
export const appjsonRules: readonly AnyRule[] = [appjson025];
