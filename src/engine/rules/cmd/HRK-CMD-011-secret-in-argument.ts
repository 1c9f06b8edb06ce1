import { isPlaceholder } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { type CommandLine, type ShellWord } from '../../shell';
import type { CommandSite } from '../../sites';
import { maskSecret } from '../../text';
import { describeSite, isDynamic, linesOf, removeAssignmentEdit, replacePartEdit, type SmallEdit, wordRange } from './common';

interface Data {
  /** `--password`, `--token`, `-p`, `PGPASSWORD=` … */
  readonly option: string;
  readonly masked: string;
  readonly variable: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

/** PostgreSQL client tools: their `--password` (`-W`) takes no value, it forces a prompt. */
const POSTGRES_TOOLS = new Set(['psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'createdb', 'dropdb', 'createuser', 'dropuser', 'vacuumdb', 'reindexdb', 'clusterdb', 'pg_basebackup', 'pg_isready', 'pgbench']);
/** MySQL client tools: `--password=<pw>` and `-p<pw>` carry a value only when attached. */
const MYSQL_TOOL = /^(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlpump|mysqlsh|mariadb(?:-[a-z]+)?)$/;
const SECRET_FLAGS: Readonly<Record<string, string>> = { '--password': 'PASSWORD', '--token': 'TOKEN', '--api-key': 'API_KEY', '--api_key': 'API_KEY' };

interface Hit {
  readonly word: ShellWord;
  readonly from: number;
  readonly option: string;
  readonly suffix: string;
}

/** The config var name to suggest: `mysql` + `PASSWORD` → `MYSQL_PASSWORD`. */
function variableFor(program: string, suffix: string): string {
  if (MYSQL_TOOL.test(program)) return `MYSQL_${suffix}`;
  const stem = program.replace(/\.[a-z]+$/, '').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(stem) ? `${stem}_${suffix}` : suffix;
}

function hitsOf(line: CommandLine): Hit[] {
  const hits: Hit[] = [];
  for (const assignment of line.assignments) {
    if (assignment.name === 'PGPASSWORD') hits.push({ word: assignment.word, from: assignment.valueFrom, option: 'PGPASSWORD=', suffix: '' });
  }
  const argv = line.argv;
  const mysql = MYSQL_TOOL.test(line.program);
  const postgres = POSTGRES_TOOLS.has(line.program);
  for (let k = 1; k < argv.length; k++) {
    const text = argv[k].text;
    const eq = text.indexOf('=');
    const flag = eq > 0 ? text.slice(0, eq) : text;
    const suffix = SECRET_FLAGS[flag];
    if (suffix && eq > 0) hits.push({ word: argv[k], from: eq + 1, option: flag, suffix });
    else if (suffix && !(flag === '--password' && (mysql || postgres)) && argv[k + 1]) {
      hits.push({ word: argv[k + 1], from: 0, option: flag, suffix });
      k++;
    } else if (mysql && /^-p./.test(text)) hits.push({ word: argv[k], from: 2, option: '-p', suffix: 'PASSWORD' });
  }
  return hits;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-011',
    name: 'secret-in-argument',
    title: 'Secret passed as a command-line argument',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A command passes a literal secret as an argument (`--password=…`, `--token …`, `--api-key …`, mysql `-p…`) or sets a literal `PGPASSWORD=`.',
    recommendation: 'Store the secret as a config var and reference it (`--password=$DB_PASSWORD`), or let the tool read it from its environment variable.',
    controls: ['PCI 8.6.2'],
    sources: ['DC-CONFIGVARS', 'DC-SHIELD'],
    feature: 'Config Vars; Keystroke Logging',
    tags: ['command', 'secrets'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      const lines = linesOf(site);
      for (const line of lines) {
        for (const hit of hitsOf(line)) {
          const found = inspect(site, lines, line, hit);
          if (found) yield found;
        }
      }
    }
  },
  message: ({ option, masked, where }) =>
    `\`${option}\` passes a literal secret (\`${masked}\`) in ${where}, so it is committed with the code and visible in process listings and logs.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? {
          title:
            detection.data.option === 'PGPASSWORD='
              ? 'Remove the literal `PGPASSWORD=…` (set `PGPASSWORD` as a config var; psql reads it from the environment)'
              : `Read the secret from the \`${detection.data.variable}\` config var`,
          safety: 'suggestion',
          edits: [{ path: document.path, ...detection.data.edit }],
        }
      : undefined,
});

function inspect(site: CommandSite, lines: readonly CommandLine[], line: CommandLine, hit: Hit): { start: number; end: number; data: Data } | undefined {
  const { word, from } = hit;
  const value = word.text.slice(from);
  if (value === '' || value.startsWith('-') || isPlaceholder(value) || isDynamic(word, from, word.text.length)) return undefined;
  // psql reads PGPASSWORD from the environment, so a `PGPASSWORD` config var makes the assignment unnecessary.
  const pg = hit.option === 'PGPASSWORD=' ? line.assignments.find((a) => a.word === word) : undefined;
  const variable = hit.option === 'PGPASSWORD=' ? 'PGPASSWORD' : variableFor(line.program, hit.suffix);
  const edit = pg ? removeAssignmentEdit(site, lines, line, pg) : replacePartEdit(site, word, from, word.text.length, `$${variable}`);
  return {
    ...wordRange(site, word, from, word.text.length),
    data: { option: hit.option, masked: maskSecret(value), variable, where: describeSite(site), ...(edit ? { edit } : {}) },
  };
}
