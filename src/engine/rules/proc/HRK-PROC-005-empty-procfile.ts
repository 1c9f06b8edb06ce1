import { defineRule } from '../../rule';

export default defineRule<{ readonly blank: boolean }>({
  meta: {
    id: 'HRK-PROC-005',
    name: 'empty-procfile',
    title: 'Empty Procfile',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The Procfile defines no process.',
    recommendation: 'Add at least one `<process type>: <command>` line, such as `web: …`, or delete the file to use the buildpack default.',
    controls: [],
    sources: ['HK-CNB-PROCFILE'],
    feature: 'Heroku Flow',
    tags: ['procfile'],
  },
  *check({ document }) {
    const parsed = document.procfile;
    if (!parsed || parsed.binary) return;
    if (parsed.entries.some((entry) => entry.command !== '')) return;
    yield { start: 0, end: document.lines.lineEnd(1), data: { blank: document.text.trim() === '' } };
  },
  message: ({ blank }) =>
    blank
      ? 'The Procfile is empty, so it defines no process; Fir warns "Empty file, no processes defined".'
      : 'The Procfile has no `<process type>: <command>` line, so it defines no process.',
});
