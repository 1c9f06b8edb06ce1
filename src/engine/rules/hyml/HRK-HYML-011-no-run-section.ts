import { isMap } from 'yaml';
import { defineRule } from '../../rule';
import { yamlPairs } from '../../sites';

export default defineRule<null>({
  meta: {
    id: 'HRK-HYML-011',
    name: 'no-run-section',
    title: 'No `run` section',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'heroku.yml has no `run` section, so each process runs the `CMD` (and `ENTRYPOINT`) of its Dockerfile.',
    recommendation: 'Declare each process command under `run` so that it is reviewed with the manifest. The Dockerfile command is linted with the HRK-CMD rules meanwhile.',
    controls: [],
    sources: ['DC-HYML'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'commands'],
  },
  *check({ document }) {
    const parsed = document.herokuYml;
    // A partial parse may have lost the section: judge only files that parse.
    if (!parsed || parsed.errors.length > 0) return;
    const root: unknown = parsed.document.contents;
    if (!isMap(root)) return;
    const pairs = yamlPairs(root);
    if (pairs.length === 0 || pairs.some((entry) => entry.key === 'run')) return;
    const anchor = pairs.find((entry) => entry.key === 'build') ?? pairs[0];
    const range = anchor.keyNode.range;
    if (range) yield { start: range[0], end: range[1], data: null };
  },
  message: () => 'heroku.yml has no `run` section, so each process runs its Dockerfile `CMD`; the command rules check that `CMD` instead.',
});
