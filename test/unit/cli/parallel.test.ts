/**
 * The parallel check (`--jobs`): work units, the worker pool, and the whole CLI run in process through main(),
 * whose report, stderr and exit status must be the same with worker threads as without (`--jobs 1`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';
import type { UnitResult } from '../../../src/cli/parallel/lintUnit';
import { LintWorkerError, lintUnitsInParallel } from '../../../src/cli/parallel/lintPool';
import { mergeUnitResults } from '../../../src/cli/parallel/mergeUnits';
import { MIN_FILES_FOR_WORKERS, parallelPlan } from '../../../src/cli/parallel/parallelPlan';
import { splitIntoWorkUnits } from '../../../src/cli/parallel/workUnits';
import { EMPTY_CONFIG, fileKindOf, RULES } from '../../../src/engine';
import type { Candidate } from '../../../src/workspace/discover';

const created: string[] = [];
after(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-parallel-'));
  created.push(dir);
  return dir;
}

function candidates(paths: readonly string[]): Candidate[] {
  return [...paths].sort().map((p) => ({ path: p, absolute: `/ws/${p}`, kind: fileKindOf(p)! }));
}

describe('work units', () => {
  it('cover every candidate once, in order, cut only between independent directories', () => {
    const all = candidates(['a/Procfile', 'a/b/app.json', 'a/heroku.yml', 'c/app.json', 'c/infra/main.tf', 'c/infra/variables.tf', 'd/app.json', 'e/app.json']);
    const units = splitIntoWorkUnits(all, 1);
    assert.deepEqual(units.flat(), all);
    const paths = units.map((unit) => unit.map((c) => c.path));
    // a/b sorts between a/Procfile and a/heroku.yml, so the three go together; the rest can stand alone.
    assert.deepEqual(paths, [['a/Procfile', 'a/b/app.json', 'a/heroku.yml'], ['c/app.json'], ['c/infra/main.tf', 'c/infra/variables.tf'], ['d/app.json'], ['e/app.json']]);
  });

  it('keep a Dockerfile with every heroku.yml at or above its directory', () => {
    const all = candidates(['a/Dockerfile', 'a/b/app.json', 'a/heroku.yml', 'b/docker/web/Dockerfile', 'b/docker/web/app.json', 'b/heroku.yml', 'c/Dockerfile', 'd/app.json']);
    const paths = splitIntoWorkUnits(all, 1).map((unit) => unit.map((c) => c.path));
    assert.deepEqual(paths, [
      ['a/Dockerfile', 'a/b/app.json', 'a/heroku.yml'],
      ['b/docker/web/Dockerfile', 'b/docker/web/app.json', 'b/heroku.yml'],
      ['c/Dockerfile'],
      ['d/app.json'],
    ]);
    // A heroku.yml at the root may build any Dockerfile: everything between them stays together.
    const rooted = candidates(['Dockerfile', 'heroku.yml', 'x/app.json', 'y/Dockerfile', 'z/app.json']);
    assert.deepEqual(splitIntoWorkUnits(rooted, 1).map((unit) => unit.map((c) => c.path)), [['Dockerfile', 'heroku.yml', 'x/app.json', 'y/Dockerfile'], ['z/app.json']]);
  });

  it('grow to the target size', () => {
    const all = candidates(Array.from({ length: 20 }, (_, i) => `app-${String(i).padStart(2, '0')}/app.json`));
    assert.deepEqual(splitIntoWorkUnits(all, 8).map((unit) => unit.length), [8, 8, 4]);
    assert.deepEqual(splitIntoWorkUnits([], 8), []);
  });
});

describe('parallel plan', () => {
  const many = candidates(Array.from({ length: MIN_FILES_FOR_WORKERS }, (_, i) => `app-${String(i).padStart(4, '0')}/app.json`));
  it('stays in process with --jobs 1, one CPU, one unit, or a small scan on auto', () => {
    assert.equal(parallelPlan(many, 1, 8), undefined);
    assert.equal(parallelPlan(many, undefined, 1), undefined);
    assert.equal(parallelPlan(many.slice(0, 10), undefined, 8), undefined);
    assert.equal(parallelPlan(candidates(['a/app.json', 'a/Procfile']), 4, 8), undefined);
  });

  it('uses workers on auto for large scans, and whenever --jobs asks for them', () => {
    const auto = parallelPlan(many, undefined, 2);
    assert.equal(auto?.workers, 1);
    assert.deepEqual(auto.units.flat(), many);
    assert.equal(parallelPlan(many.slice(0, 10), 3, 1)?.workers, 2);
    assert.equal(parallelPlan(many.slice(0, 2), 8, 1)?.workers, 1, 'never more workers than units besides the main thread');
  });

  it('--jobs takes a whole number from 1, or auto', () => {
    const jobsOf = (value: string) => {
      const parsed = parseArgs(['check', '--jobs', value], []);
      return parsed.kind === 'check' ? parsed.options.jobs : 'not check';
    };
    assert.equal(jobsOf('4'), 4);
    assert.equal(jobsOf('auto'), undefined);
    for (const bad of ['0', '-1', '1.5', 'two', '']) assert.throws(() => jobsOf(bad), UsageError, bad);
  });
});

describe('merging unit results', () => {
  it('concatenates in unit order and keeps failures, notices, warnings and the parser error', () => {
    const unit = (n: number, extra: Partial<UnitResult> = {}): UnitResult => ({
      warnings: [`w${n}`],
      filesChecked: n,
      fingerprints: [`fp${n}`],
      texts: [[`f${n}`, `text ${n}`]],
      escapes: false,
      lint: {
        findings: [{ ruleId: 'R', severity: 'low', message: `m${n}`, path: `f${n}`, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }, related: [], profile: 'common' }],
        suppressed: n,
        apps: [],
        failures: [{ ruleId: 'R', path: `f${n}`, error: `boom ${n}` }],
        notices: [{ path: `f${n}`, line: n, message: 'no reason' }],
      },
      ...extra,
    });
    const merged = mergeUnitResults([unit(1), unit(2, { parserError: 'no wasm' }), unit(3, { parserError: 'later' })]);
    assert.deepEqual(merged.warnings, ['w1', 'w2', 'w3']);
    assert.equal(merged.parserError, 'no wasm');
    assert.equal(merged.filesChecked, 6);
    assert.equal(merged.lint.suppressed, 6);
    assert.deepEqual(merged.lint.findings.map((f) => f.message), ['m1', 'm2', 'm3']);
    assert.deepEqual(merged.lint.failures.map((f) => f.error), ['boom 1', 'boom 2', 'boom 3']);
    assert.deepEqual(merged.lint.notices.map((n) => n.line), [1, 2, 3]);
    assert.equal(merged.texts.get('f2'), 'text 2');
    assert.deepEqual(merged.fingerprints, ['fp1', 'fp2', 'fp3']);
    assert.equal(merged.escapes, false);
    assert.equal(mergeUnitResults([unit(1), unit(2, { escapes: true })]).escapes, true);
  });
});

describe('worker failures', () => {
  const settings = { cwd: '/', base: '/', maxFileSize: 0, config: EMPTY_CONFIG, profile: 'auto' as const };
  const units = [candidates(['a/app.json']), candidates(['b/app.json']), candidates(['c/app.json'])];

  it('a worker that crashes rejects the check instead of losing its files', async () => {
    const script = path.join(tempDir(), 'crash.js');
    fs.writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('worker exploded'); });\n");
    await assert.rejects(lintUnitsInParallel(units, settings, { keepFindingTexts: false }, 1, script), (e: unknown) => e instanceof LintWorkerError && /worker exploded/.test(e.message));
  });

  it('a worker that exits with units in hand rejects the check', async () => {
    const script = path.join(tempDir(), 'exit.js');
    fs.writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    await assert.rejects(lintUnitsInParallel(units, settings, { keepFindingTexts: false }, 1, script), (e: unknown) => e instanceof LintWorkerError && /exit code 3/.test(e.message));
  });

  it('an error thrown while linting a unit in a worker is passed on with its message', async () => {
    const script = path.join(tempDir(), 'reply.js');
    fs.writeFileSync(script, "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => parentPort.postMessage({ index: m.index, error: { message: 'engine broke' } }));\n");
    await assert.rejects(lintUnitsInParallel(units, settings, { keepFindingTexts: false }, 1, script), (e: unknown) => e instanceof LintWorkerError && e.message === 'engine broke');
  });
});

// ---------- serial and parallel runs of the whole CLI give the same bytes ----------

const APP_JSON = (i: number) => `{
  "name": "svc-${i}",
  "description": "Service ${i}.",
  ${i % 3 === 0 ? '"image": "heroku/ruby",\n  ' : ''}"stack": "heroku-24",
  "env": {
    "RAILS_ENV": { "value": "${i % 4 === 0 ? 'development' : 'production'}" },
    "API_TOKEN": { "value": "${i % 5 === 0 ? 'sk_live_51HcQp2Lk9sQx7aBcDeFgHiJkLmNoPqRsTuV' : ''}" },
    "NODE_TLS_REJECT_UNAUTHORIZED": { "value": "${i % 6 === 0 ? '0' : '1'}" }
  },
  "formation": { "web": { "quantity": ${1 + (i % 3)}, "size": "${i % 2 === 0 ? 'standard-1x' : 'shield-m'}" } },
  "addons": ["heroku-postgresql:${i % 2 === 0 ? 'essential-0' : 'private-0'}"]
}
`;
const PROCFILE = (i: number) =>
  `web: ${i % 2 === 0 ? 'node --inspect=0.0.0.0:9229 server.js' : 'bundle exec puma -p $PORT'}\nworker: ${i % 3 === 0 ? 'python manage.py runserver 0.0.0.0:8000' : 'bundle exec sidekiq'}\n${i % 7 === 0 ? '# heroku-compliance-ignore HRK-CMD-001\n' : ''}release: ${i % 4 === 0 ? 'curl https://get.example.com/install.sh | sh' : 'rake db:migrate'}\n`;
const HEROKU_YML = (i: number) =>
  `setup:\n  addons:\n    - plan: heroku-redis:premium-0\n      as: CACHE\nbuild:\n  docker:\n    web: docker/Dockerfile\n    worker: Dockerfile.worker\nrun:\n  worker: bundle exec sidekiq${i % 5 === 0 ? '\n  release:\n    command: [bad' : ''}\n`;
const DOCKERFILE = (i: number) => `FROM ruby:3.3\nCMD ${i % 2 === 0 ? 'rails server -b 127.0.0.1' : '["bundle", "exec", "puma"]'}\n`;
const MAIN_TF = (i: number) => `resource "heroku_space" "space_${i}" {
  name         = "space-${i}"
  organization = "acme"
  region       = "virginia"
  shield       = ${i % 2 === 0 ? 'true' : 'false'}
}

resource "heroku_app" "app_${i}" {
  name   = "app-${i}"
  region = "virginia"
  space  = heroku_space.space_${i}.id
  organization {
    name = "acme"
  }
  config_vars = {
    RAILS_ENV = "production"
    SECRET_KEY_BASE = "${i % 3 === 0 ? 'd41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e' : ''}"
  }
}

resource "heroku_addon" "db_${i}" {
  app_id = heroku_app.app_${i}.id
  plan   = "heroku-postgresql:${i % 2 === 0 ? 'standard-0' : 'private-0'}"
}

resource "heroku_drain" "logs_${i}" {
  app_id = heroku_app.app_${i}.id
  url    = "syslog://logs.example.com:514"
}
${i % 8 === 0 ? 'resource "heroku_formation" "broken" {\n  app_id = \n' : ''}`;
const VARIABLES_TF = (i: number) => `variable "token_${i}" {\n  type    = string\n  default = "${i % 2 === 0 ? 'ghp_1234567890abcdefghijklmnopqrstuvwxyz12' : 'none'}"\n}\n`;

/** A repository of `apps` app folders with config files, ignores, syntax errors, Dockerfiles and a file too large to read. */
function writeRepository(apps: number): string {
  const root = tempDir();
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write('.heroku-compliance.yml', 'rules:\n  HRK-APPJSON-025: low\nignore:\n  - "apps/app-03/**"\n');
  write('.gitignore', 'apps/app-04/\n*.bak.json\n');
  for (let i = 0; i < apps; i++) {
    const dir = `apps/app-${String(i).padStart(2, '0')}`;
    write(`${dir}/app.json`, i % 11 === 10 ? '{ "name": "broken", "env": { ' : APP_JSON(i));
    write(`${dir}/Procfile`, PROCFILE(i));
    write(`${dir}/heroku.yml`, HEROKU_YML(i));
    write(`${dir}/docker/Dockerfile`, DOCKERFILE(i));
    write(`${dir}/Dockerfile.worker`, DOCKERFILE(i + 1));
    write(`${dir}/infra/main.tf`, MAIN_TF(i));
    write(`${dir}/infra/variables.tf`, VARIABLES_TF(i));
    write(`${dir}/old.bak.json`, APP_JSON(i));
  }
  write('apps/app-06/.heroku-compliance.yml', 'profile: shield\nrules:\n  HRK-CMD-001: "off"\nignore:\n  - "infra/variables.tf"\n');
  write('apps/app-09/app.json', APP_JSON(9) + ' '.repeat(40 * 1024)); // over --max-file-size: a read warning
  write('apps/app-12/infra/terraform.tfvars', 'token = "ghp_abcdefghijklmnopqrstuvwxyz1234567890"\n');
  fs.symlinkSync(path.join(root, 'nowhere.json'), path.join(root, 'apps/app-13/docker/app.json')); // broken: a discovery warning
  return root;
}

async function runInProcess(argv: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd, env: {}, stdoutIsTTY: false, out: (text) => void (stdout += text), err: (text) => void (stderr += text) };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

describe('check --jobs: the same report with and without worker threads', () => {
  const root = writeRepository(24);

  for (const format of ['text', 'json', 'sarif']) {
    it(`${format}: stdout, stderr and exit status are identical with --jobs 1, 2 and 4`, async () => {
      const args = ['check', '.', '--format', format, '--fail-on', 'high', '--max-file-size', '32KB'];
      const serial = await runInProcess([...args, '--jobs', '1'], root);
      assert.equal(serial.status, 1, serial.stderr);
      assert.match(serial.stderr, /over the --max-file-size limit/);
      assert.match(serial.stderr, /cannot read apps\/app-13\/docker\/app\.json/);
      assert.match(serial.stderr, /needs a reason/);
      for (const jobs of ['2', '4']) {
        const parallel = await runInProcess([...args, '--jobs', jobs], root);
        assert.equal(parallel.status, serial.status, `exit status with --jobs ${jobs}`);
        assert.equal(parallel.stderr, serial.stderr, `stderr with --jobs ${jobs}`);
        assert.equal(parallel.stdout, serial.stdout, `report with --jobs ${jobs}`);
      }
      if (format === 'json') {
        const report = JSON.parse(serial.stdout) as { findings: { ruleId: string; path: string }[]; apps: unknown[]; summary: { filesChecked: number } };
        assert.ok(report.findings.length > 100, 'the repository has findings of many rules');
        assert.ok(new Set(report.findings.map((f) => f.ruleId)).size > 10);
        assert.ok(report.findings.some((f) => f.path.endsWith('Dockerfile')), 'Dockerfiles are linted with their heroku.yml');
        assert.ok(!report.findings.some((f) => f.path.startsWith('apps/app-03/') || f.path.startsWith('apps/app-04/')), 'ignores apply');
      }
    });
  }

  it('a baseline, --write-baseline and --rule give the same results in parallel', async () => {
    const baseline = path.join(tempDir(), 'baseline.json');
    const write = await runInProcess(['check', '.', '--write-baseline', baseline, '--jobs', '3'], root);
    const serialBaseline = path.join(tempDir(), 'baseline.json');
    const writeSerial = await runInProcess(['check', '.', '--write-baseline', serialBaseline, '--jobs', '1'], root);
    assert.equal(write.status, writeSerial.status);
    assert.equal(fs.readFileSync(baseline, 'utf8'), fs.readFileSync(serialBaseline, 'utf8'));
    fs.appendFileSync(path.join(root, 'apps/app-01/Procfile'), 'admin: python -m http.server\n');
    for (const extra of [['--baseline', baseline], ['--rule', RULES[0].meta.id, '--rule', 'HRK-CMD-001']]) {
      const args = ['check', '.', '--format', 'json', '--fail-on', 'none', ...extra];
      const serial = await runInProcess([...args, '--jobs', '1'], root);
      const parallel = await runInProcess([...args, '--jobs', '3'], root);
      assert.equal(parallel.stdout, serial.stdout, extra.join(' '));
      assert.equal(parallel.stderr, serial.stderr, extra.join(' '));
    }
  });

  it('--fix runs in process whatever --jobs says', async () => {
    const copy = tempDir();
    fs.cpSync(root, copy, { recursive: true });
    const fixed = await runInProcess(['check', 'apps', '--fix', '--format', 'json', '--jobs', '4', '--fail-on', 'none'], copy);
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stderr, /^fixed: /m);
  });
});
