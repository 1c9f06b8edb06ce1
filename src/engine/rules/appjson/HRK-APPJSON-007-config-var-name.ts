import type { Node as JsonNode } from 'jsonc-parser';
import { defineRule } from '../../rule';
import { appJsonScopes, jsonChild, jsonProperties } from '../../sites';

type Problem = 'hyphen' | 'characters' | 'double-underscore' | 'heroku-prefix';

interface Data {
  readonly key: string;
  /** Dotted location of the env object, e.g. `env` or `environments.review.env`. */
  readonly where: string;
  readonly problem: Problem;
  /** For `characters`: the offending characters, deduplicated. */
  readonly characters?: string;
}

const ALLOWED = /^[A-Za-z0-9_]*$/;

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-007',
    name: 'config-var-name',
    title: 'Config var name violates Heroku guidance',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'An app.json `env` key uses characters other than letters, digits and `_`, starts with `__`, or sets a `HEROKU_` variable.',
    recommendation: 'Name config vars with letters, digits and underscores only; leave `__` and `HEROKU_` names to the platform. Rename in the app code too.',
    controls: [],
    sources: ['DC-CONFIGVARS'],
    feature: 'Config Vars',
    tags: ['app.json', 'config-vars'],
  },
  *check({ document }) {
    const parsed = document.appJson;
    if (!parsed) return;
    for (const scope of appJsonScopes(parsed)) {
      const where = scope.environment !== undefined ? `environments.${scope.environment}.env` : 'env';
      for (const entry of jsonProperties(jsonChild(scope.node, 'env'))) {
        const { key, keyNode } = entry;
        const span = { start: keyNode.offset, end: keyNode.offset + keyNode.length };
        if (!ALLOWED.test(key)) {
          const bad = [...new Set(Array.from(key).filter((ch) => !/[A-Za-z0-9_]/.test(ch)))].join('');
          yield { ...span, data: { key, where, problem: bad === '-' ? 'hyphen' : 'characters', characters: bad } };
        } else if (key.startsWith('__')) {
          yield { ...span, data: { key, where, problem: 'double-underscore' } };
        } else if (key.startsWith('HEROKU_') && (setsValue(entry.value) || !PLATFORM_VARS.test(key))) {
          // A bare declaration such as `"HEROKU_APP_NAME": {"required": true}` asks the platform to inject one of
          // its own vars (DC-REVIEWAPPS, dyno metadata); any other `HEROKU_` name is the app's own.
          yield { ...span, data: { key, where, problem: 'heroku-prefix' } };
        }
      }
    }
  },
  message: ({ key, where, problem, characters }) => {
    switch (problem) {
      case 'hyphen':
        return `Config var \`${key}\` in \`${where}\` contains \`-\`; Heroku config var names should use only letters, digits and \`_\`.`;
      case 'characters':
        return `Config var \`${key}\` in \`${where}\` contains \`${characters ?? ''}\`; Heroku config var names should use only letters, digits and \`_\`.`;
      case 'double-underscore':
        return `Config var \`${key}\` in \`${where}\` starts with \`__\`, which Heroku's config var guidance says to avoid.`;
      case 'heroku-prefix':
        return `Config var \`${key}\` in \`${where}\` uses the \`HEROKU_\` prefix, which Heroku's guidance keeps for vars the platform sets.`;
    }
  },
});

/** Vars that Heroku itself sets: review-app and CI variables, and the dyno metadata lab feature. */
const PLATFORM_VARS = /^HEROKU_(APP_NAME|APP_ID|PARENT_APP_NAME|PR_NUMBER|BRANCH|TEST_RUN_(ID|BRANCH|COMMIT_VERSION)|RELEASE_VERSION|RELEASE_CREATED_AT|SLUG_COMMIT|SLUG_DESCRIPTION|DYNO_ID|APP_DEFAULT_DOMAIN_NAME|BUILD_COMMIT|BUILD_DESCRIPTION)$/;

/** Whether an env entry supplies a value (a string, a `value` or a `generator`) rather than only declaring the var. */
function setsValue(node: JsonNode | undefined): boolean {
  if (!node) return false;
  if (node.type !== 'object') return true;
  return jsonChild(node, 'value') !== undefined || jsonChild(node, 'generator') !== undefined;
}
