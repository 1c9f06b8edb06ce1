import { defineRule } from '../../rule';
import { type CommandLine, isPython, isShell } from '../../shell';
import { describeSite, isPostdeploy, isRelease, linesOf, rangeOf } from './common';

interface Data {
  /** `curl | bash`, `bash <(curl …)`, … */
  readonly pattern: string;
  readonly where: string;
  readonly raised: boolean;
}

const DOWNLOADERS = new Set(['curl', 'wget']);
const SUBSTITUTION = /^(?:<\(|\$\(|`)\s*(curl|wget)\b/;

function isInterpreter(program: string): boolean {
  return isShell(program) || isPython(program) || ['ruby', 'perl', 'node', 'php'].includes(program);
}

/** Whether an interpreter at the end of a pipe executes what it reads (`bash`, `sh -s`, `python -`), not a script of its own (`python -c …`). */
function executesStdin(line: CommandLine): boolean {
  const args = line.argv.slice(1).map((w) => w.text);
  if (isShell(line.program)) {
    if (args.some((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a))) return false;
    // `bash -s stable`: with -s, the words are arguments of the script read from stdin.
    if (args.some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a))) return true;
    return !args.some((a) => !a.startsWith('-'));
  }
  return args.length === 0 || args[0] === '-';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-CMD-006',
    name: 'remote-script-piped',
    title: 'Remote script piped to an interpreter',
    area: 'CMD',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A command downloads a script with `curl` or `wget` and runs it straight away (`curl … | bash`, `bash <(curl …)`, `sh -c "$(curl …)"`), without pinning or verifying it.',
    recommendation: 'Vendor the script into the repository (or a buildpack), or download a pinned version and verify its checksum before running it.',
    controls: ['CCM AIS-06'],
    sources: ['POUTINE'],
    feature: 'Heroku Flow (supply chain)',
    tags: ['command', 'supply-chain'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      const raised = isRelease(site) || isPostdeploy(site);
      const base = { where: describeSite(site), raised, ...(raised ? { shift: 1 } : {}) };
      for (const line of linesOf(site)) {
        if (line.argv.length === 0) continue;
        // curl … | [sudo] bash
        if (line.pipedFrom && isInterpreter(line.program) && executesStdin(line)) {
          let source: CommandLine | undefined = line.pipedFrom;
          while (source && !DOWNLOADERS.has(source.program)) source = source.pipedFrom;
          if (source) {
            const { shift, ...data } = base;
            yield { ...rangeOf(site, source.argv[0].start, line.argv[0].end), data: { ...data, pattern: `${source.program} … | ${line.program}` }, ...(shift ? { shift } : {}) };
            continue;
          }
        }
        // bash <(curl …), sh -c "$(curl …)", ruby -e "$(curl …)", source <(wget …), eval "$(curl …)"
        if (isInterpreter(line.program) || ['source', '.', 'eval'].includes(line.program)) {
          for (const word of line.argv.slice(1)) {
            const match = SUBSTITUTION.exec(word.text);
            if (!match) continue;
            const { shift, ...data } = base;
            const open = word.text.startsWith('<(') ? '<(' : word.text.startsWith('$(') ? '$(' : '`';
            const options = line.argv.slice(1, line.argv.indexOf(word)).map((w) => ` ${w.text}`).join('');
            const pattern = `${line.program}${options.length <= 12 ? options : ' …'} ${open}${match[1]} …${open === '`' ? '`' : ')'}`;
            yield { ...rangeOf(site, line.argv[0].start, word.end), data: { ...data, pattern }, ...(shift ? { shift } : {}) };
            break;
          }
        }
      }
    }
  },
  message: ({ pattern, where, raised }) =>
    `\`${pattern}\` in ${where} runs a script downloaded at run time without pinning or verifying it, so whoever controls that URL controls the dyno${raised ? ' and every config var of the app' : ''}.`,
});
