import { defineRule } from '../../rule';
import type { CommandSite } from '../../sites';
import { describeSite, isRelease, isWeb, linesOf, wordRange } from './common';

interface Data {
  readonly command: string;
  readonly insecure: boolean;
  readonly where: string;
}

const MANAGE = /(?:^|\/)(?:manage\.py|django-admin(?:\.py)?)$/;

/** Web, release and every heroku.yml `run.*` process: the commands that serve or ship the app. */
function inScope(site: CommandSite): boolean {
  // A Dockerfile command runs as a heroku.yml process, like a `run.*` entry.
  return isWeb(site) || isRelease(site) || site.origin === 'heroku.yml run' || site.origin === 'dockerfile';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-002',
    name: 'django-runserver',
    title: 'Django development server',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A deployed process runs `manage.py runserver`, the Django development server, which Django says must not be used in production.',
    recommendation: 'Serve the app with a production WSGI/ASGI server, for example `web: gunicorn <project>.wsgi`.',
    controls: [],
    sources: ['DJ-RUNSERVER'],
    feature: 'Runtime hardening',
    tags: ['command', 'django', 'dev-server'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!inScope(site)) continue;
      for (const line of linesOf(site)) {
        const argv = line.argv;
        const at = argv.findIndex((w) => w.text === 'runserver' || w.text === 'runserver_plus');
        if (at <= 0) continue;
        const before = argv.slice(0, at);
        const isDjango =
          before.some((w) => MANAGE.test(w.text)) || before.some((w, k) => (w.text === '-m' && before[k + 1]?.text === 'django') || w.text === '-mdjango');
        if (!isDjango) continue;
        const insecure = argv.slice(at + 1).some((w) => w.text === '--insecure');
        yield { ...wordRange(site, argv[at]), data: { command: argv[at].text, insecure, where: describeSite(site) } };
      }
    }
  },
  message: ({ command, insecure, where }) =>
    `\`manage.py ${command}\`${insecure ? ' with `--insecure`' : ''} runs the Django development server in ${where}; Django warns not to use it in production${insecure ? ', and `--insecure` also makes it serve static files' : ''}.`,
});
