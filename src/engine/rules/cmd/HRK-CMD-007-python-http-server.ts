import { defineRule } from '../../rule';
import { effectiveProgram, isPython } from '../../shell';
import { describeSite, isWeb, linesOf, wordRange } from './common';

interface Data {
  readonly module: string;
  readonly where: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-007',
    name: 'python-http-server',
    title: 'Python `http.server` used as the server',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The `web` process serves with `python -m http.server` (or `SimpleHTTPServer`), which Python documents as not recommended for production.',
    recommendation: 'Serve static files with a production server (for example the static buildpack, nginx, or `gunicorn` with WhiteNoise).',
    controls: [],
    sources: ['PY-HTTPSERVER'],
    feature: 'Runtime hardening',
    tags: ['command', 'python', 'dev-server'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!isWeb(site)) continue;
      for (const line of linesOf(site)) {
        if (!isPython(line.program)) continue;
        const { name, args } = effectiveProgram(line);
        if (name !== 'http.server' && name !== 'simplehttpserver') continue;
        const module = line.argv[args - 1];
        const range = module.text.startsWith('-m') ? wordRange(site, module, 2) : wordRange(site, module);
        yield { ...range, data: { module: module.text.replace(/^-m/, ''), where: describeSite(site) } };
      }
    }
  },
  message: ({ module, where }) =>
    `\`python -m ${module}\` serves ${where}; Python documents it as not recommended for production because it implements only basic security checks.`,
});
