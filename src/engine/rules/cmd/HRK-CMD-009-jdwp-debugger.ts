import { defineRule } from '../../rule';
import { deleteTokenEdit, describeSite, isLoopbackHost, linesOf, optionTokens, type SmallEdit, wordRange } from './common';

interface Data {
  readonly address: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

const JDWP = /^-(?:agentlib:jdwp=|Xrunjdwp:)(.*)$/;

/** The listen address of a JDWP agent that accepts remote debuggers, or undefined. */
function exposedAddress(options: string): string | undefined {
  const values = new Map<string, string>();
  for (const option of options.split(',')) {
    const eq = option.indexOf('=');
    if (eq > 0) values.set(option.slice(0, eq).trim(), option.slice(eq + 1).trim());
  }
  if (values.get('server') !== 'y') return undefined;
  const address = values.get('address');
  if (!address || address.includes('$')) return undefined;
  const colon = address.lastIndexOf(':');
  // A bare port listens on localhost since JDK 9.
  if (colon < 0) return undefined;
  const host = address.slice(0, colon);
  return isLoopbackHost(host) ? undefined : address;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-009',
    name: 'jdwp-debugger',
    title: 'JVM remote debugger (JDWP) listening',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'U',
    preview: true,
    fix: 'safe',
    summary: 'A command starts the JVM with a JDWP debug agent (`-agentlib:jdwp=…server=y,address=*:5005`) listening on a non-loopback address, also inside `JAVA_OPTS` or `JAVA_TOOL_OPTIONS`.',
    recommendation: 'Remove the debug agent from deployed commands; attach debuggers only locally.',
    controls: [],
    sources: [],
    feature: 'Private Space network boundary',
    tags: ['command', 'debug', 'java'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      for (const line of linesOf(site)) {
        for (const token of optionTokens(line)) {
          const match = JDWP.exec(token.text);
          const address = match && exposedAddress(match[1]);
          if (!address) continue;
          const edit = deleteTokenEdit(site, line, token);
          yield { ...wordRange(site, token.word, token.from, token.to), data: { address, where: describeSite(site), ...(edit ? { edit } : {}) } };
        }
      }
    }
  },
  message: ({ address, where }) =>
    `A JDWP debug agent listens on \`${address}\` in ${where}; anyone who can reach it can attach a debugger and run arbitrary code in the JVM.`,
  fix: (detection, { document }) =>
    detection.data.edit
      ? { title: 'Remove the JDWP agent option', safety: 'safe', edits: [{ path: document.path, ...detection.data.edit }] }
      : undefined,
});
