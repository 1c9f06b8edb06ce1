import type { AnyRule } from '../../rule';
import appjson001 from './HRK-APPJSON-001-manifest-not-json-object';
import appjson002 from './HRK-APPJSON-002-unknown-top-level-key';
import appjson003 from './HRK-APPJSON-003-schema-type-mismatch';
import appjson004 from './HRK-APPJSON-004-unsupported-generator';
import appjson005 from './HRK-APPJSON-005-literal-secret-in-env';
import appjson006 from './HRK-APPJSON-006-addon-managed-url-hardcoded';
import appjson007 from './HRK-APPJSON-007-config-var-name';
import appjson008 from './HRK-APPJSON-008-tls-verification-disabled';
import appjson009 from './HRK-APPJSON-009-dev-mode-configured';
import appjson010 from './HRK-APPJSON-010-data-addon-plan-runtime';
import appjson011 from './HRK-APPJSON-011-pg-tier-without-rollback';
import appjson012 from './HRK-APPJSON-012-addon-plan-omitted';
import appjson013 from './HRK-APPJSON-013-legacy-plan-name';
import appjson014 from './HRK-APPJSON-014-unknown-dyno-size';
import appjson015 from './HRK-APPJSON-015-dyno-size-incompatible-with-runtime';
import appjson016 from './HRK-APPJSON-016-eco-dyno-on-web';
import appjson017 from './HRK-APPJSON-017-end-of-life-stack';
import appjson018 from './HRK-APPJSON-018-container-stack';
import appjson019 from './HRK-APPJSON-019-insecure-buildpack-transport';
import appjson020 from './HRK-APPJSON-020-unpinned-third-party-buildpack';
import appjson021 from './HRK-APPJSON-021-buildpacks-on-fir';
import appjson022 from './HRK-APPJSON-022-heroku-exec-buildpack';
import appjson023 from './HRK-APPJSON-023-invalid-environment-name';
import appjson024 from './HRK-APPJSON-024-environment-override-drops-base-keys';
import appjson025 from './HRK-APPJSON-025-deprecated-image-key';
import appjson026 from './HRK-APPJSON-026-non-https-metadata-url';

/** The APPJSON rules, in id order. */
export const appjsonRules: readonly AnyRule[] = [
  appjson001,
  appjson002,
  appjson003,
  appjson004,
  appjson005,
  appjson006,
  appjson007,
  appjson008,
  appjson009,
  appjson010,
  appjson011,
  appjson012,
  appjson013,
  appjson014,
  appjson015,
  appjson016,
  appjson017,
  appjson018,
  appjson019,
  appjson020,
  appjson021,
  appjson022,
  appjson023,
  appjson024,
  appjson025,
  appjson026,
];
