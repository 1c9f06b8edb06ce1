import type { AnyRule } from '../../rule';
import cmd001 from './HRK-CMD-001-node-inspector-exposed';
import cmd002 from './HRK-CMD-002-django-runserver';
import cmd003 from './HRK-CMD-003-flask-dev-server';
import cmd004 from './HRK-CMD-004-development-environment';
import cmd005 from './HRK-CMD-005-tls-verification-disabled';
import cmd006 from './HRK-CMD-006-remote-script-piped';
import cmd007 from './HRK-CMD-007-python-http-server';
import cmd008 from './HRK-CMD-008-php-builtin-server';
import cmd009 from './HRK-CMD-009-jdwp-debugger';
import cmd010 from './HRK-CMD-010-dev-tooling-in-web';
import cmd011 from './HRK-CMD-011-secret-in-argument';
import cmd012 from './HRK-CMD-012-destructive-release-task';

/** The CMD rules, in id order. */
export const cmdRules: readonly AnyRule[] = [cmd001, cmd002, cmd003, cmd004, cmd005, cmd006, cmd007, cmd008, cmd009, cmd010, cmd011, cmd012];
