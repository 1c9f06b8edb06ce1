import { normalizeDynoSize } from '../../facts/dynoSizes';
import { defineRule } from '../../rule';
import { jsonChild, jsonProperties } from '../../sites';

interface Data {
  readonly size: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-016',
    name: 'eco-dyno-on-web',
    title: 'Eco dyno on a serving process',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The `web` process is formed with `eco` dynos, which sleep and cannot scale out.',
    recommendation: 'Use `basic` or a larger size for a serving `web` process.',
    controls: [],
    sources: ['HELP-ECO', 'DC-DYNOS'],
    feature: 'Runtime',
    tags: ['app.json', 'dynos', 'availability'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    if (root?.type !== 'object') return;
    for (const process of jsonProperties(jsonChild(root, 'formation'))) {
      if (process.key !== 'web' || process.value?.type !== 'object') continue;
      const size = jsonChild(process.value, 'size');
      if (size?.type !== 'string' || typeof size.value !== 'string') continue;
      if (normalizeDynoSize(size.value) === 'eco') yield { start: size.offset, end: size.offset + size.length, data: { size: size.value } };
    }
  },
  message: ({ size }) =>
    `The \`web\` process uses \`${size}\` dynos, which sleep after 30 minutes without web traffic and cannot scale horizontally.`,
});
