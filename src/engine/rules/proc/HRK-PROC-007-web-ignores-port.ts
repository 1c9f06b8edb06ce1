import { defineRule } from '../../rule';
import { type ShellWord, splitParts } from '../../shell';
import type { CommandSite } from '../../sites';
import { deleteWordEdit, isWeb, linesOf, referencesPort, replacePartEdit, type SmallEdit, wordRange } from '../cmd/common';

interface Data {
  readonly port: string;
  /** How the port is given, for the message: `-p 3000`, `--port=8000`, `0.0.0.0:5000`, `PORT=5000`. */
  readonly token: string;
  readonly edit?: SmallEdit;
}

/** Flags whose value is a port number. */
const PORT_FLAGS = new Set(['-p', '--port', '-l', '--listen', '--server.port', '--http-port', '--bind-port']);
/** Flags whose value is a listen address such as `0.0.0.0:5000` (others, like `--inspect=0.0.0.0:9229`, are not the web listener). */
const BIND_FLAGS = new Set(['-b', '--bind', '-l', '--listen', '--address', '--addr', '--http', '--host']);
/** `host:port` where the host is a listen address (or absent). */
const BIND_PORT = /^(?:tcp:\/\/)?(?:0\.0\.0\.0|localhost|127\.0\.0\.1|\[::\]|\[::1\]|\*|::)?:(\d{2,5})$/i;
const JAVA_PORT = /^-D(?:server\.port|http\.port|port)=(\d{2,5})$/;

function isPort(text: string): boolean {
  return /^\d{2,5}$/.test(text) && Number(text) > 0 && Number(text) <= 65535;
}

interface Hit {
  readonly word: ShellWord;
  readonly from: number;
  readonly to: number;
  readonly token: string;
}

/** Literal ports in one word (and, for flags such as `-p`, in the next word). */
function portsIn(word: ShellWord, next: ShellWord | undefined, program: string): Hit[] {
  const text = word.text;
  const hits: Hit[] = [];
  if (PORT_FLAGS.has(text) && next && isPort(next.text) && !(text === '-p' && /^mysql|^mariadb/.test(program))) {
    hits.push({ word: next, from: 0, to: next.text.length, token: `${text} ${next.text}` });
    return hits;
  }
  const eq = text.indexOf('=');
  if (text.startsWith('-') && eq > 0) {
    const flag = text.slice(0, eq);
    const value = text.slice(eq + 1);
    if (PORT_FLAGS.has(flag) && isPort(value)) hits.push({ word, from: eq + 1, to: text.length, token: text });
    const bind = BIND_FLAGS.has(flag) ? BIND_PORT.exec(value) : null;
    if (bind && isPort(bind[1])) hits.push({ word, from: text.length - bind[1].length, to: text.length, token: `:${bind[1]}` });
  }
  const java = JAVA_PORT.exec(text);
  if (java && isPort(java[1]) && hits.length === 0) hits.push({ word, from: text.length - java[1].length, to: text.length, token: text });
  // `php -S0.0.0.0:8000`
  const attached = /^-S(.+)$/.exec(text);
  const candidates = [...(text.startsWith('-') ? [] : [text]), ...(attached ? [attached[1]] : [])];
  for (const candidate of candidates) {
    const bind = BIND_PORT.exec(candidate);
    if (bind && isPort(bind[1])) hits.push({ word, from: text.length - bind[1].length, to: text.length, token: `:${bind[1]}` });
  }
  return hits;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-007',
    name: 'web-ignores-port',
    title: 'Web process ignores `$PORT`',
    area: 'PROC',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'The `web` command sets a fixed port and never uses `$PORT`, so the router cannot reach it (R10 boot timeout).',
    recommendation: 'Bind the web server to `$PORT`, for example `-p $PORT` or `--bind 0.0.0.0:$PORT`.',
    controls: [],
    sources: ['DC-PROCFILE', 'HELP-R10'],
    feature: 'Runtime',
    tags: ['procfile', 'routing'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!isWeb(site) || referencesPort(site.value)) continue;
      const lines = linesOf(site);
      // The nginx buildpack binds `$PORT` itself (from its config) and proxies to the app.
      if (lines.some((line) => /nginx/.test(line.program) || line.command.words.some((w) => /(^|\/)start-nginx/.test(w.text)))) continue;
      for (const line of lines) {
        for (const assignment of line.assignments) {
          if (assignment.name === 'PORT' && isPort(assignment.value)) {
            const edit = assignment.via === 'export' ? undefined : deleteWordEdit(site, line, assignment.word);
            yield detection(site, { word: assignment.word, from: assignment.valueFrom, to: assignment.word.text.length, token: assignment.word.text }, edit, assignment.value);
          }
          for (const part of splitParts(assignment.word, assignment.valueFrom)) {
            const text = assignment.word.text.slice(part.from, part.to);
            const java = JAVA_PORT.exec(text);
            if (java && isPort(java[1])) {
              const from = part.to - java[1].length;
              yield detection(site, { word: assignment.word, from, to: part.to, token: text }, replacePartEdit(site, assignment.word, from, part.to, '$PORT'), java[1]);
            }
          }
        }
        const seen = new Set<ShellWord>();
        for (let k = 0; k < line.argv.length; k++) {
          for (const hit of portsIn(line.argv[k], line.argv[k + 1], line.program)) {
            if (seen.has(hit.word)) continue;
            seen.add(hit.word);
            const port = hit.word.text.slice(hit.from, hit.to);
            yield detection(site, hit, replacePartEdit(site, hit.word, hit.from, hit.to, '$PORT'), port);
          }
        }
      }
    }
  },
  message: ({ port, token }) => `The web process listens on the fixed port ${port} (\`${token}\`) instead of \`$PORT\`, so Heroku's router cannot reach it and the dyno fails to boot (R10).`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? {
          title: detection.data.token.startsWith('PORT=') ? `Remove \`${detection.data.token}\` so that the app uses Heroku's \`$PORT\`` : `Replace \`${detection.data.port}\` with \`$PORT\``,
          safety: 'safe',
          edits: [{ path: document.path, ...detection.data.edit }],
        }
      : undefined,
});

function detection(site: CommandSite, hit: Hit, edit: SmallEdit | undefined, port: string): { start: number; end: number; data: Data } {
  const range = wordRange(site, hit.word, hit.from, hit.to);
  return { ...range, data: { port, token: hit.token, ...(edit ? { edit } : {}) } };
}
