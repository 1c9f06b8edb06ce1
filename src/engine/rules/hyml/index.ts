import type { AnyRule } from '../../rule';
import hyml001 from './HRK-HYML-001-invalid-manifest';
import hyml002 from './HRK-HYML-002-nothing-to-build';
import hyml003 from './HRK-HYML-003-invalid-dockerfile-path';
import hyml004 from './HRK-HYML-004-image-not-built';
import hyml005 from './HRK-HYML-005-command-shape';
import hyml006 from './HRK-HYML-006-secret-in-build-config';
import hyml007 from './HRK-HYML-007-secret-in-setup-config';
import hyml008 from './HRK-HYML-008-setup-addon-plan';
import hyml009 from './HRK-HYML-009-dev-mode-in-manifest-config';
import hyml010 from './HRK-HYML-010-container-base-image-patching';
import hyml011 from './HRK-HYML-011-no-run-section';

/** The HYML rules, in id order. */
export const hymlRules: readonly AnyRule[] = [hyml001, hyml002, hyml003, hyml004, hyml005, hyml006, hyml007, hyml008, hyml009, hyml010, hyml011];
