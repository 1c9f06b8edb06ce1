/** The `heroku-compliance` command line: parses the arguments and runs a command. Exit status 0, 1 or 2. */
import { RULES } from '../engine';
import { parseArgs, SHORT_USAGE, UsageError, USAGE } from './args';
import { EXIT_ERROR, runCheck } from './commands/check';
import { runExplain } from './commands/explain';
import { runLive } from './commands/live';
import { runRules } from './commands/rules';
import { type Io, PREFIX, processIo } from './io';
import { isLintWorker } from './parallel/lintWorker';
import { TOOL_VERSION } from './version';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const parsed = parseArgs(argv, RULES.map((rule) => rule.meta.id));
    switch (parsed.kind) {
      case 'help':
        io.out(`${USAGE}\n`);
        return 0;
      case 'version':
        io.out(`${TOOL_VERSION}\n`);
        return 0;
      case 'rules':
        return runRules(parsed.format, io);
      case 'explain':
        return runExplain(parsed.id, io);
      case 'check':
        return await runCheck(parsed.options, io);
      case 'live':
        return await runLive(parsed.options, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${PREFIX}: ${e.message}\n${SHORT_USAGE}\n`);
      return EXIT_ERROR;
    }
    const detail = e instanceof Error ? (io.env.HEROKU_COMPLIANCE_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
    io.err(`${PREFIX}: internal error: ${detail}\n`);
    return EXIT_ERROR;
  }
}

// A worker thread of a parallel check runs this same script (see parallel/lintWorker.ts): it only lints.
if (require.main === module && !isLintWorker()) {
  // `| head` closes the pipe early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
