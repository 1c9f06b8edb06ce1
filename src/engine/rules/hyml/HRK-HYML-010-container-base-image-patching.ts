import { isMap } from 'yaml';
import { defineRule } from '../../rule';
import { yamlPairs } from '../../sites';

export default defineRule<null>({
  meta: {
    id: 'HRK-HYML-010',
    name: 'container-base-image-patching',
    title: 'Container base-image patching reminder',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'heroku.yml builds Docker images (`build.docker`), so the app runs on the container stack and the team, not Heroku, keeps the base image patched.',
    recommendation:
      'Pin a maintained base image, rebuild and redeploy regularly to pick up OS security updates, or move to a Heroku stack with buildpacks for automatic base-image updates.',
    controls: ['PCI 6.3.3', 'SOC2 CC7.1'],
    sources: ['DC-HYML', 'DC-STACK', 'DC-STACKPOLICY'],
    feature: 'Platform patching',
    tags: ['heroku.yml', 'patching'],
  },
  *check({ document }) {
    const root: unknown = document.herokuYml?.document.contents;
    const build = yamlPairs(root).filter((entry) => entry.key === 'build').pop();
    if (!build || !build.keyNode.range || !isMap(build.pair.value)) return;
    const docker = yamlPairs(build.pair.value).filter((entry) => entry.key === 'docker').pop();
    const value: unknown = docker?.pair.value;
    if (value === null || value === undefined) return;
    yield { start: build.keyNode.range[0], end: build.keyNode.range[1], data: null };
  },
  message: () =>
    'This app builds its own Docker images, so keeping the base image and its OS packages patched is your responsibility, not Heroku\'s.',
});
