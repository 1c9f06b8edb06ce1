import { defineRule } from '../../rule';
import { effectiveProgram } from '../../shell';
import { deleteWordEdit, describeSite, isCiTest, linesOf, rangeOf, removeAssignmentEdit, type SmallEdit, wordRange } from './common';

interface Data {
  readonly kind: 'run' | 'debug-flag' | 'debug-env';
  readonly token: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-003',
    name: 'flask-dev-server',
    title: 'Flask/Werkzeug development server or debugger',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A command runs `flask run` (the development server) or turns on the Werkzeug debugger with `--debug` or `FLASK_DEBUG=1`.',
    recommendation: 'Serve the app with a production server such as `gunicorn app:app`, and never enable the debugger in a deployed process.',
    controls: [],
    sources: ['FLASK-DEBUG'],
    feature: 'Runtime hardening',
    tags: ['command', 'flask', 'debug', 'dev-server'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (isCiTest(site)) continue;
      const lines = linesOf(site);
      for (const line of lines) {
        const where = describeSite(site);
        for (const assignment of line.assignments) {
          const value = assignment.value.toLowerCase();
          if ((assignment.name === 'FLASK_DEBUG' && (value === '1' || value === 'true')) || (assignment.name === 'FLASK_ENV' && value === 'development')) {
            const edit = removeAssignmentEdit(site, lines, line, assignment);
            yield { ...wordRange(site, assignment.word), data: { kind: 'debug-env', token: assignment.word.text, where, ...(edit ? { edit } : {}) } };
          }
        }
        const { name, args } = effectiveProgram(line);
        if (name !== 'flask') continue;
        const rest = line.argv.slice(args);
        // The subcommand is the first word that is neither an option nor the value of `--app`, `-A`, `-e` or `--env-file`.
        let run: (typeof rest)[number] | undefined;
        for (let k = 0; k < rest.length; k++) {
          if (/^(?:--app|-A|-e|--env-file)$/.test(rest[k].text)) k++;
          else if (!rest[k].text.startsWith('-')) {
            run = rest[k];
            break;
          }
        }
        if (run?.text === 'run') {
          const range = rangeOf(site, line.argv[0].start, run.end);
          yield { ...range, data: { kind: 'run', token: 'flask run', where } };
        }
        for (const word of rest) {
          if (word.text === '--debug' || word.text === '--debugger') {
            const edit = deleteWordEdit(site, line, word);
            yield { ...wordRange(site, word), data: { kind: 'debug-flag', token: word.text, where, ...(edit ? { edit } : {}) } };
          }
        }
      }
    }
  },
  message: ({ kind, token, where }) =>
    kind === 'run'
      ? `\`flask run\` starts the Flask development server in ${where}; it is meant for local development, not for serving a deployed app.`
      : `\`${token}\` turns on the Werkzeug debugger in ${where}, which lets anyone who can trigger an error execute arbitrary Python code from the browser.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? { title: `Remove \`${detection.data.token}\``, safety: 'suggestion', edits: [{ path: document.path, ...detection.data.edit }] }
      : undefined,
});
