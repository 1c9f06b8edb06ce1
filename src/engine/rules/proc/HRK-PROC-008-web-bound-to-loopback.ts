import { defineRule } from '../../rule';
import { type CommandLine, type ShellWord } from '../../shell';
import type { CommandSite } from '../../sites';
import { isLoopbackHost, isWeb, linesOf, referencesPort, replacePartEdit, type SmallEdit, splitHostPort, wordRange } from '../cmd/common';

interface Data {
  readonly host: string;
  readonly edit?: SmallEdit;
}

/** Flags whose value is a listen address (`host`, `host:port` or `tcp://host:port`). */
const BIND_FLAGS = new Set(['-b', '--bind', '-H', '--host', '--hostname', '-h', '-a', '--address', '--addr', '--listen', '-l', '--ip', '--server.address', '--http-host']);
/** Environment variables that servers read as their listen address. */
const BIND_VARS = new Set(['HOST', 'HOSTNAME', 'BIND', 'BIND_ADDRESS']);

interface Bind {
  readonly word: ShellWord;
  /** Start of the address inside the word. */
  readonly from: number;
  /** Whether the port is required for the word to count as an address (positional words). */
  readonly positional: boolean;
}

function bindsOf(line: CommandLine): Bind[] {
  const binds: Bind[] = [];
  for (const assignment of line.assignments) {
    if (BIND_VARS.has(assignment.name)) binds.push({ word: assignment.word, from: assignment.valueFrom, positional: false });
  }
  const argv = line.argv;
  for (let k = 1; k < argv.length; k++) {
    const text = argv[k].text;
    if (BIND_FLAGS.has(text) && argv[k + 1]) {
      binds.push({ word: argv[k + 1], from: 0, positional: false });
      k++;
      continue;
    }
    const eq = text.indexOf('=');
    if (text.startsWith('-') && eq > 0 && BIND_FLAGS.has(text.slice(0, eq))) binds.push({ word: argv[k], from: eq + 1, positional: false });
    else if (/^-S./.test(text) && /^php/.test(line.program)) binds.push({ word: argv[k], from: 2, positional: true });
    else if (!text.startsWith('-')) binds.push({ word: argv[k], from: 0, positional: true });
  }
  return binds;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-008',
    name: 'web-bound-to-loopback',
    title: 'Web process bound to loopback',
    area: 'PROC',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'The `web` command binds its server to `localhost`, `127.0.0.1` or `::1`, which the router cannot reach (R10 boot timeout).',
    recommendation: 'Bind the web server to `0.0.0.0` (all interfaces) on `$PORT`.',
    controls: [],
    sources: ['HELP-R10'],
    feature: 'Runtime',
    tags: ['procfile', 'routing'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!isWeb(site)) continue;
      const lines = linesOf(site);
      // Behind the nginx buildpack, the app listens on loopback on purpose and nginx serves `$PORT`.
      if (lines.some((line) => /nginx/.test(line.program) || line.command.words.some((w) => /(^|\/)start-nginx/.test(w.text)))) continue;
      for (const line of lines) {
        for (const bind of bindsOf(line)) {
          const found = loopback(site, bind);
          if (found) yield found;
        }
      }
    }
  },
  message: ({ host }) => `The web process binds to the loopback address \`${host}\`, which Heroku's router cannot reach, so the dyno fails to boot (R10); bind to \`0.0.0.0\`.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? {
          title: `Bind to \`0.0.0.0\` instead of \`${detection.data.host}\``,
          safety: 'suggestion',
          edits: [{ path: document.path, ...detection.data.edit }],
        }
      : undefined,
});

function loopback(site: CommandSite, bind: Bind): { start: number; end: number; data: Data } | undefined {
  const value = bind.word.text.slice(bind.from);
  const { host, hostFrom, port } = splitHostPort(value);
  if (!isLoopbackHost(host)) return undefined;
  if (bind.positional && !/^\d+$|^\$\{?PORT\}?$/.test(port)) return undefined;
  // A loopback listener on a fixed port next to something that serves `$PORT` is an internal backend.
  if (/^\d+$/.test(port) && referencesPort(site.value)) return undefined;
  const from = bind.from + hostFrom;
  const to = from + host.length;
  const edit = replacePartEdit(site, bind.word, from, to, '0.0.0.0');
  return { ...wordRange(site, bind.word, from, to), data: { host, ...(edit ? { edit } : {}) } };
}
