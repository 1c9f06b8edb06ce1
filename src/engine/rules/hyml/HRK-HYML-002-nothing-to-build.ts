import { isAlias, isMap, isScalar, type Pair, type Scalar } from 'yaml';
import { defineRule } from '../../rule';
import { yamlPairs } from '../../sites';

type Data = { readonly kind: 'missing' } | { readonly kind: 'empty' } | { readonly kind: 'not-a-map'; readonly what: string };

function keyRange(pair: Pair<unknown, unknown>): [number, number] | undefined {
  const key = pair.key as Scalar | undefined;
  return key?.range ? [key.range[0], key.range[1]] : undefined;
}

function valueRange(node: unknown, text: string): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return undefined;
  // A block collection's range runs to the start of the next line.
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return [range[0], end];
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-002',
    name: 'nothing-to-build',
    title: 'Nothing to build',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'heroku.yml has no `build.docker` mapping of process types to Dockerfiles, or it is empty.',
    recommendation: 'Add `build.docker` with one entry per process type, e.g. `web: Dockerfile`.',
    controls: [],
    sources: ['DC-HYML'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'build'],
  },
  *check({ document }) {
    const parsed = document.herokuYml;
    if (!parsed) return;
    const root: unknown = parsed.document.contents;
    // A partial parse may have lost or truncated the section: judge only files that parse (HRK-HYML-001 reports the rest).
    if (parsed.errors.length > 0) return;
    if (root === null || root === undefined) {
      yield { start: 0, end: 0, data: { kind: 'missing' } };
      return;
    }
    if (!isMap(root)) return; // HRK-HYML-001 reports the root.
    const rootPairs = yamlPairs(root);
    const build = rootPairs.filter((entry) => entry.key === 'build').pop();
    if (!build) {
      const first = rootPairs[0] ? keyRange(rootPairs[0].pair) : undefined;
      yield { start: first?.[0] ?? 0, end: first?.[1] ?? 0, data: { kind: 'missing' } };
      return;
    }
    const buildValue: unknown = build.pair.value;
    if (isAlias(buildValue)) return;
    if (!isMap(buildValue)) {
      const empty = buildValue === null || buildValue === undefined || (isScalar(buildValue) && (buildValue.value === null || buildValue.value === ''));
      const at = empty ? keyRange(build.pair) : valueRange(buildValue, document.text);
      if (at) yield { start: at[0], end: at[1], data: empty ? { kind: 'missing' } : { kind: 'not-a-map', what: '`build`' } };
      return;
    }
    const docker = yamlPairs(buildValue).filter((entry) => entry.key === 'docker').pop();
    if (!docker) {
      const at = keyRange(build.pair);
      if (at) yield { start: at[0], end: at[1], data: { kind: 'missing' } };
      return;
    }
    const dockerValue: unknown = docker.pair.value;
    if (isAlias(dockerValue)) return;
    const at = keyRange(docker.pair);
    if (isMap(dockerValue)) {
      if (dockerValue.items.length === 0 && at) yield { start: at[0], end: at[1], data: { kind: 'empty' } };
      return;
    }
    if (dockerValue === null || dockerValue === undefined || (isScalar(dockerValue) && (dockerValue.value === null || dockerValue.value === ''))) {
      if (at) yield { start: at[0], end: at[1], data: { kind: 'empty' } };
      return;
    }
    const value = valueRange(dockerValue, document.text) ?? at;
    if (value) yield { start: value[0], end: value[1], data: { kind: 'not-a-map', what: '`build.docker`' } };
  },
  message: (data) => {
    switch (data.kind) {
      case 'missing':
        return 'heroku.yml has no `build.docker` section, so Heroku has no image to build.';
      case 'empty':
        return '`build.docker` is empty, so Heroku has no image to build.';
      case 'not-a-map':
        return `${data.what} must map each process type to its Dockerfile (e.g. \`web: Dockerfile\`).`;
    }
  },
});
