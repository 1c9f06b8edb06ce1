import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../rule';
import { yamlGet, yamlPairs } from '../../sites';
import { nearest } from '../../text';

interface Data {
  /** `release.image` or `run.<process>.image`. */
  readonly path: string;
  readonly image: string;
  readonly built: readonly string[];
  readonly suggestion?: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-004',
    name: 'image-not-built',
    title: 'Image reference not built',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: '`release.image` or `run.<process>.image` names an image that `build.docker` does not build.',
    recommendation: 'Point `image` at a process type listed under `build.docker`, or add a `build.docker` entry for it.',
    controls: [],
    sources: ['DC-CL1390', 'HK-CLI'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'build'],
  },
  *check({ document }) {
    const parsed = document.herokuYml;
    // A half-parsed document can misplace keys; HRK-HYML-001 reports the syntax error instead.
    if (!parsed || parsed.errors.length > 0) return;
    const root: unknown = parsed.document.contents;
    const docker: unknown = yamlGet(yamlGet(root, 'build'), 'docker');
    // Without a build.docker mapping every reference is unbuilt; HRK-HYML-002 reports that once.
    if (!isMap(docker) || docker.items.length === 0) return;
    const built = yamlPairs(docker).map((entry) => entry.key);
    const references: { path: string; node: unknown }[] = [];
    const release: unknown = yamlGet(root, 'release');
    if (isMap(release)) references.push({ path: 'release.image', node: yamlGet(release, 'image') });
    for (const entry of yamlPairs(yamlGet(root, 'run'))) {
      if (isMap(entry.pair.value)) references.push({ path: `run.${entry.key}.image`, node: yamlGet(entry.pair.value, 'image') });
    }
    for (const { path, node } of references) {
      if (!isScalar(node) || !node.range) continue;
      const raw: unknown = node.value;
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
      const image = String(raw);
      if (built.includes(image)) continue;
      yield { start: node.range[0], end: node.range[1], data: { path, image, built, suggestion: nearest(image, built) } };
    }
  },
  message: ({ path, image, built, suggestion }) =>
    suggestion
      ? `\`${path}\` is \`${image}\`, which \`build.docker\` does not build; did you mean \`${suggestion}\`?`
      : `\`${path}\` is \`${image}\`, which \`build.docker\` does not build (it builds ${built.map((b) => `\`${b}\``).join(', ')}).`,
});
