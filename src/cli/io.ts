/** The process surface the commands use, so that they can be driven with other streams. */

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
}

export const PREFIX = 'heroku-compliance';

/** A non-fatal problem: printed on stderr, the run continues. */
export function warning(io: Io, message: string): void {
  io.err(`${PREFIX}: warning: ${message}\n`);
}

export function error(io: Io, message: string): void {
  io.err(`${PREFIX}: error: ${message}\n`);
}
