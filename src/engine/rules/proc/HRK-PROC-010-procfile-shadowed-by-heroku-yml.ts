import { isMap } from 'yaml';
import { defineRule } from '../../rule';
import { yamlGet, yamlPairs } from '../../sites';

interface Data {
  readonly herokuYml: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-010',
    name: 'procfile-shadowed-by-heroku-yml',
    title: 'Procfile shadowed by heroku.yml',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The app builds Docker images from `heroku.yml`, so Heroku ignores the Procfile and runs the `run` section (or the Dockerfile `CMD`).',
    recommendation: 'Declare the processes under `run` in `heroku.yml` and delete the Procfile, or stop building with `heroku.yml` if the Procfile is the one you mean.',
    controls: [],
    sources: ['DC-HYML'],
    feature: 'Heroku Flow',
    tags: ['procfile', 'heroku.yml'],
  },
  *check({ document, app }) {
    if (app.procfile !== document || !app.herokuYml) return;
    const root = app.herokuYml.herokuYml?.document.contents;
    const docker = yamlGet(yamlGet(root, 'build'), 'docker');
    if (!isMap(docker) || yamlPairs(docker).length === 0) return;
    const range = (docker as { range?: [number, number, number] }).range;
    const buildKey = yamlPairs(yamlGet(root, 'build')).find((p) => p.key === 'docker')?.keyNode.range;
    const at = buildKey ?? range;
    yield {
      start: 0,
      end: document.lines.lineEnd(1),
      data: { herokuYml: app.herokuYml.path },
      ...(at ? { related: [{ path: app.herokuYml.path, start: at[0], end: at[1], message: 'The `build.docker` section that makes Heroku build this app as a container.' }] } : {}),
    };
  },
  message: ({ herokuYml }) =>
    `\`${herokuYml}\` builds this app with \`build.docker\`, and on the \`container\` stack Heroku ignores this Procfile and takes the processes from \`run\` or the Dockerfile \`CMD\`.`,
});
