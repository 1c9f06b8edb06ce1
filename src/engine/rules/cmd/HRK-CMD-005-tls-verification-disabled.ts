import { defineRule } from '../../rule';
import { assignmentOf, type CommandLine, type ShellWord } from '../../shell';
import type { CommandSite } from '../../sites';
import { deleteWordEdit, describeSite, linesOf, rangeOf, removeAssignmentEdit, replacePartEdit, type SmallEdit, valueEdit, wordRange } from './common';

interface Data {
  readonly token: string;
  /** What is affected, for the message: `Node.js`, `curl`, `wget`, `Python`, `git`, `npm`, or `sslmode`. */
  readonly tool: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

/** Short curl options that take a value: a `k` after one of them is part of the value. */
const CURL_VALUE_OPTIONS = new Set('AbcCdDeEFHKmoPQrTuUwxXyYz'.split(''));

/** Whether a short-option cluster such as `-sSLk` contains curl's `-k`, and where. */
function curlInsecureIndex(text: string): number {
  if (!/^-[A-Za-z]+$/.test(text)) return -1;
  for (let k = 1; k < text.length; k++) {
    if (text[k] === 'k') return k;
    if (CURL_VALUE_OPTIONS.has(text[k])) return -1;
  }
  return -1;
}

const SSLMODE = /sslmode=(disable|allow|prefer)(?![A-Za-z0-9_-])/gi;

type Found = { start: number; end: number; data: Data };

/** The tool whose verification an environment setting turns off, or undefined. */
function insecureSetting(name: string, raw: string): string | undefined {
  const value = raw.toLowerCase();
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') return 'Node.js';
  if (name === 'PYTHONHTTPSVERIFY' && value === '0') return 'Python';
  if (name === 'GIT_SSL_NO_VERIFY' && (value === '1' || value === 'true')) return 'git';
  return undefined;
}

function fromAssignments(site: CommandSite, lines: readonly CommandLine[], line: CommandLine, where: string): Found[] {
  const out: Found[] = [];
  for (const assignment of line.assignments) {
    const tool = insecureSetting(assignment.name, assignment.value);
    if (!tool) continue;
    const edit = removeAssignmentEdit(site, lines, line, assignment);
    out.push({ ...wordRange(site, assignment.word), data: { token: assignment.word.text, tool, where, ...(edit ? { edit } : {}) } });
  }
  return out;
}

function fromArguments(site: CommandSite, line: CommandLine, where: string): Found[] {
  const out: Found[] = [];
  const argv = line.argv;
  const push = (word: ShellWord, tool: string, edit: SmallEdit | undefined, token = word.text): void => {
    out.push({ ...wordRange(site, word), data: { token, tool, where, ...(edit ? { edit } : {}) } });
  };
  for (let k = 1; k < argv.length; k++) {
    const word = argv[k];
    const text = word.text;
    if (line.program === 'curl') {
      if (text === '--insecure') push(word, 'curl', deleteWordEdit(site, line, word));
      const at = curlInsecureIndex(text);
      if (at > 0) {
        const edit = text.length === 2 ? deleteWordEdit(site, line, word) : replacePartEdit(site, word, at, at + 1, '');
        push(word, 'curl', edit, '-k');
      }
    } else if (line.program === 'wget' && text === '--no-check-certificate') {
      push(word, 'wget', deleteWordEdit(site, line, word));
    }
    if (text === '--strict-ssl=false') push(word, 'npm', deleteWordEdit(site, line, word));
    else if ((text === 'strict-ssl' || text === '--strict-ssl') && argv[k + 1]?.text === 'false') {
      out.push({ ...rangeOf(site, word.start, argv[k + 1].end), data: { token: `${text} false`, tool: 'npm', where } });
    } else if (text === 'strict-ssl=false') push(word, 'npm', undefined);
    else if (/^http\.sslverify=(false|0|no)$/i.test(text)) push(word, 'git', undefined);
    else {
      // `heroku config:set NODE_TLS_REJECT_UNAUTHORIZED=0`, `docker run -e …`: the same setting passed on.
      const assignment = assignmentOf(word);
      const tool = assignment && insecureSetting(assignment.name, assignment.value);
      if (tool) push(word, tool, undefined);
    }
  }
  return out;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-005',
    name: 'tls-verification-disabled',
    title: 'TLS verification disabled in a command',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A command turns off TLS certificate verification (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `curl -k`, `wget --no-check-certificate`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`, `--strict-ssl=false`) or lets Postgres connect without TLS (`sslmode=disable|allow|prefer`).',
    recommendation: 'Remove the flag or assignment and fix the certificate problem instead; use `sslmode=require` (or `verify-full` with Enhanced Certificates) for Postgres.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['NODE-CLI', 'PG-LIBPQ'],
    feature: 'Cipher suites / TLS',
    tags: ['command', 'tls'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      const where = describeSite(site);
      const lines = linesOf(site);
      const found: Found[] = [];
      for (const line of lines) found.push(...fromAssignments(site, lines, line, where), ...fromArguments(site, line, where));
      for (const match of site.value.matchAll(SSLMODE)) {
        const valueFrom = match.index + match[0].length - match[1].length;
        const edit = valueEdit(site, valueFrom, match.index + match[0].length, 'require');
        found.push({ ...rangeOf(site, match.index, match.index + match[0].length), data: { token: match[0], tool: 'sslmode', where, ...(edit ? { edit } : {}) } });
      }
      found.sort((a, b) => a.start - b.start);
      yield* found;
    }
  },
  message: ({ token, tool, where }) =>
    tool === 'sslmode'
      ? `\`${token}\` lets the Postgres connection in ${where} run without TLS or fall back to plain text, so data and credentials can be read or altered in transit.`
      : `\`${token}\` turns off TLS certificate verification for ${tool} in ${where}, which allows man-in-the-middle attacks on its connections.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? {
          title: detection.data.tool === 'sslmode' ? 'Use `sslmode=require`' : `Remove \`${detection.data.token}\``,
          safety: 'suggestion',
          edits: [{ path: document.path, ...detection.data.edit }],
        }
      : undefined,
});
