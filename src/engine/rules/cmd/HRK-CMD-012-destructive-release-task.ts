import { defineRule } from '../../rule';
import { type CommandLine, type ShellWord } from '../../shell';
import { isRelease, linesOf, rangeOf } from './common';

interface Data {
  readonly task: string;
}

/** Rails/Rake tasks that drop data or reload the schema over it. */
const RAKE_TASKS = /^db:(?:drop(?::all)?|reset|migrate:reset|schema:load|structure:load)$/;
const DJANGO = /(?:^|\/)(?:manage\.py|django-admin(?:\.py)?)$/;

function destructive(line: CommandLine): { task: string; from: ShellWord; to: ShellWord } | undefined {
  const argv = line.argv;
  for (let k = 0; k < argv.length; k++) {
    const text = argv[k].text;
    if (RAKE_TASKS.test(text)) return { task: text, from: argv[k], to: argv[k] };
    const django = argv.slice(0, k).some((w) => DJANGO.test(w.text));
    if (django && text === 'flush') return { task: 'manage.py flush', from: argv[k], to: argv[k] };
    if (django && text === 'migrate') {
      const fake = argv.slice(k + 1).find((w) => w.text === '--fake');
      if (fake) return { task: 'manage.py migrate --fake', from: argv[k], to: fake };
    }
    if (line.program === 'prisma' && text === 'migrate' && argv[k + 1]?.text === 'reset') return { task: 'prisma migrate reset', from: argv[k], to: argv[k + 1] };
  }
  return undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-012',
    name: 'destructive-release-task',
    title: 'Destructive database task in the release phase',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'U',
    preview: true,
    fix: 'none',
    summary: 'The release command drops, resets or reloads the database schema (`db:drop`, `db:reset`, `db:schema:load`, `flush`, `migrate --fake`), and the release phase runs on every deploy.',
    recommendation: 'Run only forward migrations in the release phase (`rails db:migrate`, `manage.py migrate`); run destructive tasks by hand in a one-off dyno after a backup.',
    controls: ['HIPAA 164.312(c)(1)'],
    sources: [],
    feature: 'Postgres rollbacks & backups',
    tags: ['command', 'release', 'database'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!isRelease(site)) continue;
      for (const line of linesOf(site)) {
        const hit = destructive(line);
        if (hit) yield { ...rangeOf(site, hit.from.start, hit.to.end), data: { task: hit.task } };
      }
    }
  },
  message: ({ task }) =>
    `\`${task}\` in the release command runs on every deploy and can destroy or silently desynchronise production data.`,
});
