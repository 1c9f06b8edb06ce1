import { defineRule } from '../../rule';
import { type CommandLine, effectiveProgram, type ShellWord } from '../../shell';
import { deleteWordEdit, describeSite, isWeb, linesOf, rangeOf, type SmallEdit, wordRange } from './common';

interface Data {
  readonly tool: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

/** `<program> <subcommand>` pairs that start a development server. */
const DEV_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  next: ['dev'],
  nuxt: ['dev'],
  nuxi: ['dev'],
  ng: ['serve', 's'],
  webpack: ['serve'],
  'react-scripts': ['start'],
  'vue-cli-service': ['serve'],
};
const DEV_PROGRAMS = new Set(['nodemon', 'webpack-dev-server', 'ts-node-dev', 'tsnd']);
const RELOAD_SERVERS = new Set(['gunicorn', 'uvicorn', 'hypercorn']);

interface Hit {
  readonly tool: string;
  readonly from: ShellWord;
  readonly to: ShellWord;
  readonly deletable?: ShellWord;
}

function devTooling(line: CommandLine): Hit[] {
  const argv = line.argv;
  if (argv.length === 0) return [];
  const { name, args } = effectiveProgram(line);
  const rest = argv.slice(args);
  const first = rest.find((w) => !w.text.startsWith('-'));
  const hits: Hit[] = [];
  if (RELOAD_SERVERS.has(name)) {
    for (const word of rest) if (word.text === '--reload') hits.push({ tool: `${name} --reload`, from: word, to: word, deletable: word });
  } else if (name === 'node') {
    for (const word of rest) {
      if (!word.text.startsWith('-')) break;
      if (word.text === '--watch') hits.push({ tool: 'node --watch', from: word, to: word, deletable: word });
    }
  } else if (DEV_PROGRAMS.has(name)) {
    hits.push({ tool: name, from: argv[0], to: argv[0] });
  } else if (first && DEV_SUBCOMMANDS[name]?.includes(first.text)) {
    hits.push({ tool: `${name} ${first.text}`, from: argv[0], to: first });
  } else if (name === 'vite' && !rest.some((w) => ['build', 'preview', 'optimize'].includes(w.text))) {
    // Plain `vite` (or `vite dev`/`vite serve`) is the development server.
    const sub = rest.find((w) => w.text === 'dev' || w.text === 'serve');
    hits.push({ tool: sub ? `vite ${sub.text}` : 'vite', from: argv[0], to: sub ?? argv[0] });
  } else if (name === 'tsx' && first?.text === 'watch') {
    hits.push({ tool: 'tsx watch', from: argv[0], to: first });
  }
  return hits;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-010',
    name: 'dev-tooling-in-web',
    title: 'Auto-reload or development tooling in a serving process',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'dockerfile'],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'U',
    preview: true,
    fix: 'safe',
    summary: 'The `web` process runs development tooling: `--reload`, `nodemon`, `next dev`, `ng serve`, `webpack serve`, or `vite` without `build`/`preview`.',
    recommendation: 'Serve a production build (`next start`, `vite preview` or a static server, `gunicorn` without `--reload`).',
    controls: [],
    sources: [],
    feature: 'Runtime hardening',
    tags: ['command', 'dev-server'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      if (!isWeb(site)) continue;
      for (const line of linesOf(site)) {
        for (const hit of devTooling(line)) {
          const range = hit.from === hit.to ? wordRange(site, hit.from) : rangeOf(site, hit.from.start, hit.to.end);
          const edit = hit.deletable && deleteWordEdit(site, line, hit.deletable);
          yield { ...range, data: { tool: hit.tool, where: describeSite(site), ...(edit ? { edit } : {}) } };
        }
      }
    }
  },
  message: ({ tool, where }) =>
    `\`${tool}\` runs development tooling in ${where}; file watchers and dev servers are slower, leak more detail in errors and are not meant to serve production traffic.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? { title: `Remove \`${detection.data.tool.split(' ').pop() ?? ''}\``, safety: 'safe', edits: [{ path: document.path, ...detection.data.edit }] }
      : undefined,
});
