import { defineRule } from '../../rule';

type Reason = 'binary' | 'empty-command' | 'bom' | 'space-before-colon' | 'no-colon' | 'bad-key' | 'other';

interface Data {
  readonly reason: Reason;
  readonly line: number;
  readonly key?: string;
}

const SPACE_BEFORE_COLON = /^[ \t]*([A-Za-z0-9_-]+)[ \t]+:/;
const NO_COLON = /^[ \t]*([A-Za-z0-9_-]+)[ \t]+\S/;
const BAD_KEY = /^[ \t]*([^\s:#=$"'`/\\]{1,40}):/;

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-002',
    name: 'unparseable-line',
    title: 'Unparseable line',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A Procfile line is not a comment, a blank line or a `<process type>: <command>` entry.',
    recommendation: 'Write every line as `<process type>: <command>` (for example `web: bundle exec puma -C config/puma.rb`), or make it a `#` comment.',
    controls: [],
    sources: ['HK-CNB-PROCFILE'],
    feature: 'Heroku Flow',
    tags: ['procfile', 'syntax'],
  },
  *check({ document }) {
    const parsed = document.procfile;
    if (!parsed) return;
    if (parsed.binary) {
      yield { start: 0, end: 0, data: { reason: 'binary', line: 1 } };
      return;
    }
    const found: { start: number; end: number; data: Data }[] = [];
    for (const entry of parsed.entries) {
      if (entry.command === '') found.push({ start: entry.keyStart, end: entry.keyEnd + 1, data: { reason: 'empty-command', line: entry.line, key: entry.key } });
    }
    for (const bad of parsed.badLines) {
      const text = bad.text;
      let data: Data;
      let match: RegExpExecArray | null;
      if (/^[ \t]*\uFEFF/.test(text)) data = { reason: 'bom', line: bad.line };
      else if ((match = SPACE_BEFORE_COLON.exec(text))) data = { reason: 'space-before-colon', line: bad.line, key: match[1] };
      else if ((match = NO_COLON.exec(text))) data = { reason: 'no-colon', line: bad.line, key: match[1] };
      else if ((match = BAD_KEY.exec(text))) data = { reason: 'bad-key', line: bad.line, key: match[1] };
      else data = { reason: 'other', line: bad.line };
      // The byte-order mark itself is the problem, so the range starts at the line start (before it).
      const start = data.reason === 'bom' ? document.lines.lineStart(bad.line) : bad.start;
      found.push({ start, end: bad.end, data });
    }
    found.sort((a, b) => a.start - b.start);
    yield* found;
  },
  message: ({ reason, line, key }) => {
    switch (reason) {
      case 'binary':
        return 'The Procfile is not a text file (it contains NUL bytes or invalid UTF-8), so Heroku cannot read any process from it.';
      case 'empty-command':
        return `Process type \`${key}\` on line ${line} has no command; Fir fails the build on an empty value and Cedar ignores the line.`;
      case 'bom':
        return `Line ${line} starts with an invisible byte-order mark, so it is not a valid \`<process type>: <command>\` entry; save the Procfile as UTF-8 without BOM.`;
      case 'space-before-colon':
        return `Line ${line} has a space between \`${key}\` and the \`:\`, so it is not a valid \`<process type>: <command>\` entry; Fir fails the build and Cedar does not read the command as intended.`;
      case 'no-colon':
        return `Line ${line} has no \`:\` after \`${key}\`; Cedar reads it loosely as process type \`${key}\`, but Fir fails the build.`;
      case 'bad-key':
        return `Process type \`${key}\` on line ${line} may contain only letters, digits, \`_\` and \`-\`; Cedar ignores the line silently and Fir fails the build.`;
      case 'other':
        return `Line ${line} is not a \`<process type>: <command>\` entry; Cedar ignores it silently and Fir fails the build.`;
    }
  },
});
