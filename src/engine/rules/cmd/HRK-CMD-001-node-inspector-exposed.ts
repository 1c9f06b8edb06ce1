import { defineRule } from '../../rule';
import { deleteTokenEdit, describeSite, isLoopbackHost, isWeb, linesOf, optionTokens, type SmallEdit, splitHostPort, wordRange } from './common';

interface Data {
  readonly token: string;
  /** The listen host when it is not loopback. */
  readonly host?: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

const INSPECT = /^--inspect(?:-brk|-wait)?(?:=(.*))?$/;

/** The host of `--inspect[=[host:]port]` when it is not loopback, `''` for loopback or none, undefined when unknown. */
function exposedHost(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || /^\d+$/.test(value)) return '';
  if (value.includes('$')) return undefined;
  const { host, port } = splitHostPort(value);
  if (host === '' && port !== '') return '';
  return isLoopbackHost(host) ? '' : host;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-001',
    name: 'node-inspector-exposed',
    title: 'Node inspector exposed beyond loopback',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A command starts the Node.js inspector (`--inspect`, `--inspect-brk`, `--inspect-wait`, also inside `NODE_OPTIONS`) on a non-loopback address, or at all in the `web` process; whoever reaches the inspector can run arbitrary code.',
    recommendation: 'Remove the `--inspect…` flag from deployed commands; debug locally, or in a one-off dyno with the inspector on `127.0.0.1`.',
    controls: ['SOC2 CC6.6'],
    sources: ['NODE-DEBUG', 'NODE-CLI'],
    feature: 'Private Space network boundary',
    tags: ['command', 'debug', 'node'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      for (const line of linesOf(site)) {
        for (const token of optionTokens(line)) {
          const match = INSPECT.exec(token.text);
          if (!match) continue;
          const host = exposedHost(match[1]);
          const exposed = host !== undefined && host !== '';
          // Loopback (the default) is reported only on `web`, and there as `low`.
          if (!exposed && !isWeb(site)) continue;
          const edit = deleteTokenEdit(site, line, token);
          yield {
            ...wordRange(site, token.word, token.from, token.to),
            data: { token: token.text, ...(exposed ? { host } : {}), where: describeSite(site), ...(edit ? { edit } : {}) },
            ...(exposed ? {} : { severity: 'low' as const }),
          };
        }
      }
    }
  },
  message: ({ token, host, where }) =>
    host
      ? `\`${token}\` opens the Node.js inspector on \`${host}\` in ${where}; anyone who can reach that address can run arbitrary code in the dyno.`
      : `\`${token}\` enables the Node.js inspector in ${where}; a debugger does not belong in a deployed web process.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? { title: `Remove \`${detection.data.token}\``, safety: 'safe', edits: [{ path: document.path, ...detection.data.edit }] }
      : undefined,
});
