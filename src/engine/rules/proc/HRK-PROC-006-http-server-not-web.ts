import { defineRule } from '../../rule';
import { type CommandLine, effectiveProgram, parseCommandLines } from '../../shell';
import { referencesPort } from '../cmd/common';

interface Data {
  readonly key: string;
  /** The server that the command starts, or undefined when it only references `$PORT`. */
  readonly server?: string;
  readonly fixable: boolean;
}

const SERVERS = new Set([
  'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'granian',
  'puma', 'unicorn', 'thin', 'rackup', 'falcon', 'iodine',
  'php-fpm', 'heroku-php-apache2', 'heroku-php-nginx', 'http-server', 'serve',
]);

/** The HTTP server a command line starts, by name, or undefined. */
function serverOf(line: CommandLine): string | undefined {
  const { name, args } = effectiveProgram(line);
  const arg = (k: number): string => line.argv[args + k]?.text ?? '';
  if (SERVERS.has(name)) return name;
  if (name === 'http.server' || name === 'simplehttpserver') return `python -m ${name}`;
  if (name === 'rails' && (arg(0) === 's' || arg(0) === 'server')) return `rails ${arg(0)}`;
  if (name === 'passenger' && arg(0) === 'start') return 'passenger start';
  if ((name === 'next' || name === 'nuxt' || name === 'remix-serve') && (arg(0) === 'start' || name === 'remix-serve')) return name === 'remix-serve' ? name : `${name} start`;
  if (name === 'streamlit' && arg(0) === 'run') return 'streamlit run';
  if (name === 'flask' && line.argv.slice(args).some((w) => w.text === 'run')) return 'flask run';
  if (/^php[0-9.]*$/.test(name) && line.argv.slice(args).some((w) => w.text.startsWith('-S') || w.text === '--server')) return 'php -S';
  const runserver = line.argv.findIndex((w) => w.text === 'runserver' || w.text === 'runserver_plus');
  if (runserver > 0 && line.argv.slice(0, runserver).some((w) => /(^|\/)manage\.py$|(^|\/)django-admin(\.py)?$/.test(w.text) || w.text === 'django')) return 'manage.py runserver';
  return undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-006',
    name: 'http-server-not-web',
    title: 'HTTP server not declared as `web`',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'The Procfile has no `web` process type, but another process starts an HTTP server or listens on `$PORT`.',
    recommendation: 'Name the process that serves HTTP `web`: only `web` dynos receive traffic from Heroku\'s router.',
    controls: [],
    sources: ['DC-PROCFILE'],
    feature: 'Internal Routing (exposure model)',
    tags: ['procfile', 'routing'],
  },
  *check({ document }) {
    const entries = document.procfile?.entries ?? [];
    if (entries.some((entry) => entry.normalizedKey === 'web')) return;
    // The last definition of each key is the one that runs.
    const winners = [...new Map(entries.map((entry) => [entry.normalizedKey, entry])).values()];
    const candidates = winners
      .filter((entry) => entry.normalizedKey !== 'release' && entry.command !== '')
      .map((entry) => {
        const server = parseCommandLines(entry.command).map(serverOf).find((s) => s !== undefined);
        return { entry, server, port: referencesPort(entry.command) };
      })
      .filter((c) => c.server !== undefined || c.port);
    for (const { entry, server } of candidates) {
      yield { start: entry.keyStart, end: entry.keyEnd, data: { key: entry.key, server, fixable: candidates.length === 1 } };
    }
  },
  message: ({ key, server }) =>
    server
      ? `Process type \`${key}\` starts an HTTP server (\`${server}\`), but only the \`web\` process type receives HTTP traffic from Heroku's router.`
      : `Process type \`${key}\` listens on \`$PORT\`, but only the \`web\` process type receives HTTP traffic from Heroku's router.`,
  fix: (detection, { document }) =>
    detection.data.fixable
      ? {
          title: `Rename process type \`${detection.data.key}\` to \`web\``,
          safety: 'suggestion',
          edits: [{ path: document.path, start: detection.start, end: detection.end, newText: 'web' }],
        }
      : undefined,
});
