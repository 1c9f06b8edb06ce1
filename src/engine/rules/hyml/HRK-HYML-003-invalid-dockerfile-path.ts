import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../rule';
import { yamlGet, yamlPairs } from '../../sites';

type Problem = 'absolute' | 'parent' | 'missing' | 'not-found';

interface Data {
  readonly process: string;
  readonly problem: Problem;
  readonly path?: string;
  /** The path the existence check used, relative to the scan root. */
  readonly resolved?: string;
}

/** The Dockerfile path of a `build.docker.<process>` entry: `web: app/Dockerfile` or `web: {dockerfile: app/Dockerfile}`. */
function dockerfileNode(value: unknown): unknown {
  return isMap(value) ? yamlGet(value, 'dockerfile') : value;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' ? value : undefined;
}

/** `./app//Dockerfile` → `app/Dockerfile`, joined to the manifest's directory. */
function resolveFromManifest(dir: string, path: string): string {
  const parts = [...(dir ? dir.split('/') : []), ...path.split('/')].filter((part) => part !== '' && part !== '.');
  return parts.join('/');
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-003',
    name: 'invalid-dockerfile-path',
    title: 'Dockerfile path invalid',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A `build.docker.<process>` Dockerfile path is absolute, climbs out of the repository with `..`, or names a file that does not exist.',
    recommendation: 'Give each Dockerfile as a path relative to the repository root, such as `Dockerfile` or `app/Dockerfile`.',
    controls: [],
    sources: ['DC-HYML'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'build'],
  },
  *check({ document, fileExists }) {
    const root: unknown = document.herokuYml?.document.contents;
    const docker: unknown = yamlGet(yamlGet(root, 'build'), 'docker');
    for (const entry of yamlPairs(docker)) {
      const node = dockerfileNode(entry.pair.value);
      const path = scalarText(node);
      const range = isScalar(node) ? node.range : undefined;
      if (path === undefined || path.trim() === '') {
        // A number or list is not a path either; an alias or a nested map without `dockerfile` is left alone.
        const empty = !range || range[0] === range[1];
        const at = empty ? (entry.pair.value === null || isScalar(entry.pair.value) ? entry.keyNode.range : undefined) : range;
        if (at) yield { start: at[0], end: at[1], data: { process: entry.key, problem: 'missing' } };
        continue;
      }
      if (!range) continue;
      const trimmed = path.trim();
      let problem: Problem | undefined;
      let resolved: string | undefined;
      if (/^(\/|~|[A-Za-z]:[\\/]|\\\\)/.test(trimmed)) problem = 'absolute';
      else if (trimmed.split(/[\\/]/).includes('..')) problem = 'parent';
      else {
        resolved = resolveFromManifest(document.dir, trimmed);
        if (fileExists(resolved) === false) problem = 'not-found';
      }
      if (problem) yield { start: range[0], end: range[1], data: { process: entry.key, problem, path: trimmed, resolved } };
    }
  },
  message: ({ process, problem, path, resolved }) => {
    switch (problem) {
      case 'missing':
        return `\`build.docker.${process}\` does not give a Dockerfile path.`;
      case 'absolute':
        return `\`build.docker.${process}\` uses the absolute path \`${path ?? ''}\`; Dockerfile paths are relative to the repository root.`;
      case 'parent':
        return `\`build.docker.${process}\` path \`${path ?? ''}\` leaves the repository with \`..\`.`;
      case 'not-found':
        return resolved === undefined || resolved === path
          ? `\`build.docker.${process}\` names \`${path ?? ''}\`, which does not exist in the repository.`
          : `\`build.docker.${process}\` names \`${path ?? ''}\`, but \`${resolved}\` does not exist in the repository.`;
    }
  },
});
