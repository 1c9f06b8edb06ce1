import { defineRule } from '../../rule';
import { describeSite, isCiTest, linesOf, wordRange } from './common';

interface Data {
  readonly flag: string;
  readonly where: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-008',
    name: 'php-builtin-server',
    title: 'PHP built-in web server',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A command starts the PHP built-in web server (`php -S`), which PHP says should not be used on a public network.',
    recommendation: 'Serve the app with `heroku-php-apache2` or `heroku-php-nginx` from the PHP buildpack, for example `web: vendor/bin/heroku-php-apache2 public/`.',
    controls: [],
    sources: ['PHP-BUILTIN'],
    feature: 'Runtime hardening',
    tags: ['command', 'php', 'dev-server'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (isCiTest(site)) continue;
      for (const line of linesOf(site)) {
        if (!/^php[0-9.]*$/.test(line.program)) continue;
        const flag = line.argv.slice(1).find((w) => w.text === '--server' || /^-S/.test(w.text));
        if (!flag) continue;
        const length = flag.text === '--server' ? flag.text.length : 2;
        yield { ...wordRange(site, flag, 0, length), data: { flag: flag.text.slice(0, length), where: describeSite(site) } };
      }
    }
  },
  message: ({ flag, where }) =>
    `\`php ${flag}\` starts PHP's built-in development web server in ${where}; PHP says it should not be used on a public network.`,
});
