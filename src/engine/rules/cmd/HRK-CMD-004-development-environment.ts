import { defineRule } from '../../rule';
import { type ShellWord } from '../../shell';
import { describeSite, isCiTest, linesOf, replacePartEdit, type SmallEdit, wordRange } from './common';

interface Data {
  /** `RAILS_ENV=development`, `-e development`, … */
  readonly token: string;
  readonly kind: 'rails' | 'rack' | 'node' | 'flag';
  readonly where: string;
  readonly edit?: SmallEdit;
}

/** Servers and the flags that choose their environment. */
const ENV_FLAGS: Readonly<Record<string, readonly string[]>> = {
  rails: ['-e', '--environment'],
  puma: ['-e', '--environment'],
  thin: ['-e', '--environment'],
  rackup: ['-E', '--env'],
  unicorn: ['-E', '--env'],
};

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-004',
    name: 'development-environment',
    title: 'Development environment forced',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A command forces a development or test environment (`RAILS_ENV=development`, `RACK_ENV=development`, `rails s -e development`, `NODE_ENV=development`).',
    recommendation: 'Run deployed processes in the production environment; Heroku recommends `RAILS_ENV=production` for all apps, staging and review apps included.',
    controls: [],
    sources: ['DC-RAILSENV'],
    feature: 'Config Vars',
    tags: ['command', 'environment'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (isCiTest(site)) continue;
      const where = describeSite(site);
      for (const line of linesOf(site)) {
        for (const assignment of line.assignments) {
          const value = assignment.value;
          const kind =
            assignment.name === 'RAILS_ENV' && (value === 'development' || value === 'test')
              ? 'rails'
              : assignment.name === 'RACK_ENV' && value === 'development'
                ? 'rack'
                : assignment.name === 'NODE_ENV' && value === 'development'
                  ? 'node'
                  : undefined;
          if (!kind) continue;
          const word = assignment.word;
          const edit = kind === 'node' ? undefined : replacePartEdit(site, word, assignment.valueFrom, word.text.length, 'production');
          yield { ...wordRange(site, word, assignment.valueFrom, word.text.length), data: { token: word.text, kind, where, ...(edit ? { edit } : {}) } };
        }
        const flags = ENV_FLAGS[line.program];
        if (!flags) continue;
        if (line.program === 'rails' && !['s', 'server'].includes(line.argv[1]?.text ?? '')) continue;
        const argv = line.argv;
        for (let k = 1; k < argv.length; k++) {
          const text = argv[k].text;
          let word: ShellWord | undefined;
          let from = 0;
          if (flags.includes(text) && argv[k + 1]?.text === 'development') word = argv[k + 1];
          else if (flags.some((f) => f.startsWith('--') && text === `${f}=development`)) {
            word = argv[k];
            from = text.indexOf('=') + 1;
          }
          if (!word) continue;
          const edit = replacePartEdit(site, word, from, word.text.length, 'production');
          const token = from === 0 ? `${text} development` : text;
          yield { ...wordRange(site, word, from, word.text.length), data: { token, kind: 'flag', where, ...(edit ? { edit } : {}) } };
        }
      }
    }
  },
  message: ({ token, kind, where }) => {
    switch (kind) {
      case 'rails':
      case 'rack':
        return `\`${token}\` runs ${where} in a non-production environment; Heroku recommends \`${kind === 'rails' ? 'RAILS_ENV' : 'RACK_ENV'}=production\` for every app, including staging and review apps.`;
      case 'flag':
        return `\`${token}\` starts the server of ${where} in the development environment; Heroku recommends the production environment for every app.`;
      case 'node':
        return `\`${token}\` runs ${where} in Node.js development mode, which typically turns on verbose errors and development-only code paths.`;
    }
  },
  fix: (detection, { document }) =>
    detection.data.edit
      ? { title: 'Use the `production` environment', safety: 'suggestion', edits: [{ path: document.path, ...detection.data.edit }] }
      : undefined,
});
