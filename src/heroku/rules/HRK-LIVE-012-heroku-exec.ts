import { isExecBuildpack } from '../../engine/facts/buildpacks';
import { dataOf, isShieldSpace } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  /** `feature`: `runtime-heroku-exec` is enabled; `buildpack`: the exec buildpack is installed. */
  readonly via: 'feature' | 'buildpack';
  readonly shield: boolean;
}

export const EXEC_FEATURE = 'runtime-heroku-exec';

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-012',
    name: 'heroku-exec-enabled',
    title: 'Heroku Exec',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'info', private: 'low', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'Heroku Exec is on for the app (the `runtime-heroku-exec` feature, or the `heroku/exec` buildpack), which opens SSH sessions into running dynos.',
    recommendation: 'Turn it off when nobody needs it (`heroku features:disable runtime-heroku-exec`, remove the exec buildpack); in Shield spaces use `heroku run`, whose keystrokes are logged.',
    controls: ['PCI 10.2.1.2'],
    sources: ['HK-CLI'],
    feature: 'Keystroke Logging / access',
    tags: ['live', 'access', 'exec'],
  },
  *check(snapshot) {
    const shield = isShieldSpace(snapshot);
    if (dataOf(snapshot.features)?.some((f) => f.name === EXEC_FEATURE && f.enabled === true)) {
      yield { itemId: 'heroku-exec', data: { via: 'feature', shield } };
      return;
    }
    const installed = dataOf(snapshot.buildpackInstallations) ?? [];
    if (installed.some((b) => [b.buildpack?.url, b.buildpack?.name].some((u) => typeof u === 'string' && isExecBuildpack(u)))) {
      yield { itemId: 'heroku-exec', data: { via: 'buildpack', shield } };
    }
  },
  message: ({ data }) =>
    `Heroku Exec is ${data.via === 'feature' ? 'enabled (`runtime-heroku-exec`)' : 'installed (the `heroku/exec` buildpack)'}, which opens SSH sessions into running dynos${data.shield ? ' and is restricted in Shield Private Spaces' : ''}.`,
});
