/**
 * Runs the fake Platform API for demos and end-to-end tests:
 *   node out/test/fake-heroku/main.js --scenario shield [--port N] [--token T]
 * `--scenario` takes a built-in name or the path of a scenario JSON file. Prints `HEROKU_API_URL=…` and
 * `HEROKU_API_KEY=…` on stdout (ready for `export`), a description on stderr, and runs until SIGINT or SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { Scenario } from './scenario';
import { SCENARIO_NAMES, type ScenarioName, isScenarioName } from './scenarios';
import { startFakeHeroku } from './server';

const USAGE = `Usage: node out/test/fake-heroku/main.js [--scenario ${SCENARIO_NAMES.join('|')}|FILE.json] [--port N] [--token T]`;

interface Args {
  scenario: ScenarioName | Scenario;
  port?: number;
  token: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { scenario: 'shield', token: `fake-${randomBytes(12).toString('hex')}` };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--scenario': {
        const name = value();
        args.scenario = isScenarioName(name) ? name : (JSON.parse(fs.readFileSync(name, 'utf8')) as Scenario);
        break;
      }
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
        args.port = port;
        break;
      }
      case '--token':
        args.token = value();
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const fake = await startFakeHeroku({ scenario: args.scenario, token: args.token, port: args.port });
  const scenario = fake.scenario();
  process.stderr.write(`Fake Heroku Platform API, scenario "${scenario.name}" (app ${scenario.app}): ${scenario.description}\n`);
  process.stdout.write(`HEROKU_API_URL=${fake.url}\nHEROKU_API_KEY=${fake.token}\n`);
  const stop = (): void => {
    void fake.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
