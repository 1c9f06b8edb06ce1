import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { appJsonScopes, jsonChild, jsonProperties } from '../../sites';

interface Data {
  /** Dotted location of the env entry, e.g. `env.SECRET_KEY_BASE`. */
  readonly path: string;
  /** The generator as written in the source (JSON text). */
  readonly generator: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-004',
    name: 'unsupported-generator',
    title: 'Unsupported generator',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'An env entry asks for a generator other than `"secret"`, the only generator Heroku supports.',
    recommendation: 'Use `"generator": "secret"` to get a pseudo-random value, or give the entry a `value` or `required` instead.',
    controls: [],
    sources: ['DC-APPJSON', 'SS-APPJSON'],
    feature: 'Config Vars',
    tags: ['app.json', 'config-vars', 'schema'],
  },
  *check({ document }) {
    const parsed = document.appJson;
    if (!parsed) return;
    for (const scope of appJsonScopes(parsed)) {
      const prefix = scope.environment !== undefined ? `environments.${scope.environment}.` : '';
      for (const entry of jsonProperties(jsonChild(scope.node, 'env'))) {
        if (entry.value?.type !== 'object') continue;
        const generator = jsonChild(entry.value, 'generator');
        if (!generator || (generator.type === 'string' && generator.value === 'secret')) continue;
        const end = generator.offset + generator.length;
        yield { start: generator.offset, end, data: { path: `${prefix}env.${entry.key}`, generator: document.text.slice(generator.offset, end) } };
      }
    }
  },
  message: ({ path, generator }) => {
    const shown = generator.length > 40 || generator.includes('\n') ? 'this value' : generator;
    return `\`${path}.generator\` is ${shown}; the only supported generator is "secret".`;
  },
  fix: (detection, { document }) => ({
    title: 'Use the "secret" generator',
    safety: 'suggestion',
    edits: [replaceEdit(document, detection.start, detection.end, '"secret"')],
  }),
});
