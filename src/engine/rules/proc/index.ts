import type { AnyRule } from '../../rule';
import proc001 from './HRK-PROC-001-procfile-misnamed';
import proc002 from './HRK-PROC-002-unparseable-line';
import proc003 from './HRK-PROC-003-duplicate-process-type';
import proc004 from './HRK-PROC-004-process-type-not-cnb-strict';
import proc005 from './HRK-PROC-005-empty-procfile';
import proc006 from './HRK-PROC-006-http-server-not-web';
import proc007 from './HRK-PROC-007-web-ignores-port';
import proc008 from './HRK-PROC-008-web-bound-to-loopback';
import proc009 from './HRK-PROC-009-inline-secret-assignment';
import proc010 from './HRK-PROC-010-procfile-shadowed-by-heroku-yml';

/** The PROC rules, in id order. */
export const procRules: readonly AnyRule[] = [proc001, proc002, proc003, proc004, proc005, proc006, proc007, proc008, proc009, proc010];
