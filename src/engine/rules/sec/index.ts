import type { AnyRule } from '../../rule';
import sec001 from './HRK-SEC-001-known-credential-format';
import sec002 from './HRK-SEC-002-credentials-in-url';
import sec003 from './HRK-SEC-003-secret-named-literal';
import sec004 from './HRK-SEC-004-private-key-literal';
import sec005 from './HRK-SEC-005-high-entropy-secret';

/** The SEC rules, in id order. */
export const secRules: readonly AnyRule[] = [sec001, sec002, sec003, sec004, sec005];
