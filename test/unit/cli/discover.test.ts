/**
 * File discovery through the built CLI: .gitignore, node_modules, symlinks and loops, FIFOs, unreadable and
 * binary files, very large files. Workspaces are generated at test time (a committed .gitignore would hide
 * fixture files from git, and FIFOs cannot be committed).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanWorkspaces, makeWorkspace, parseJsonOutput, runCli } from '../../helpers/cli';

const IMAGE = 'HRK-APPJSON-025';
const APP = '{\n  "name": "svc",\n  "image": "heroku/ruby",\n  "stack": "heroku-24"\n}\n';
const posix = process.platform !== 'win32';

after(cleanWorkspaces);

/** The files with an HRK-APPJSON-025 finding, checked from `dir`. */
function flagged(dir: string, args: string[] = []): { paths: string[]; stderr: string; status: number | null; checked: number } {
  const result = runCli(['check', ...args, '--rule', IMAGE, '--format', 'json', '--fail-on', 'none'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(result.signal, null, `killed: ${result.stderr}`);
  const report = parseJsonOutput(result);
  return { paths: report.findings.map((f) => f.path), stderr: result.stderr, status: result.status, checked: report.summary.filesChecked };
}

describe('discovery', () => {
  it('respects root and nested .gitignore files: negation, directory-only, anchored, **', () => {
    const dir = makeWorkspace({
      '.gitignore': 'build/\n/generated\n**/tmp/**\n*.json\n!app.json\nlegacy/app.json\n',
      'app.json': APP,
      'build/app.json': APP,
      'generated/app.json': APP,
      'nested/generated/app.json': APP,
      'x/tmp/y/app.json': APP,
      'legacy/app.json': APP,
      'services/api/app.json': APP,
      'services/.gitignore': 'api/\n!keep/\n',
      'services/keep/app.json': APP,
      'services/web/.gitignore': 'app.json\n',
      'services/web/app.json': APP,
      'services/web/sub/app.json': APP,
      'file-named-build': '',
    });
    const { paths } = flagged(dir);
    assert.deepEqual(paths, ['app.json', 'nested/generated/app.json', 'services/keep/app.json']);
  });

  it('applies the .gitignore files above the scan root inside a git work tree', () => {
    const dir = makeWorkspace({ '.gitignore': 'apps/old/\n', 'apps/old/app.json': APP, 'apps/new/app.json': APP });
    fs.mkdirSync(path.join(dir, '.git'));
    const { paths } = flagged(path.join(dir, 'apps'));
    assert.deepEqual(paths, ['new/app.json']);
  });

  it('checks a file named on the command line even when .gitignore lists it', () => {
    const dir = makeWorkspace({ '.gitignore': 'app.json\n', 'app.json': APP });
    assert.deepEqual(flagged(dir).paths, []);
    assert.deepEqual(flagged(dir, ['app.json']).paths, ['app.json']);
  });

  it('skips node_modules and .git', () => {
    const dir = makeWorkspace({ 'app.json': APP, 'node_modules/pkg/app.json': APP, 'web/node_modules/app.json': APP, '.git/app.json': APP });
    assert.deepEqual(flagged(dir).paths, ['app.json']);
  });

  it('skips other files and reports how many it checked', () => {
    const dir = makeWorkspace({ 'app.json': APP, 'package.json': '{}', 'Procfile.dev': 'web: x\n', 'README.md': '# hi\n' });
    const { paths, checked } = flagged(dir);
    assert.deepEqual(paths, ['app.json']);
    assert.equal(checked, 1);
  });

  it('follows a directory symlink once and ends on symlink loops', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'real/app.json': APP, 'real/deep/app.json': APP });
    fs.symlinkSync('..', path.join(dir, 'real', 'deep', 'up')); // loop back to real/
    fs.symlinkSync('.', path.join(dir, 'real', 'self')); // loop to itself
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias')); // a second name for real/
    const outside = makeWorkspace({ 'app.json': APP });
    fs.symlinkSync(outside, path.join(dir, 'linked')); // a directory reached only through a link
    const { paths, status } = flagged(dir);
    assert.equal(status, 0);
    assert.deepEqual(paths, ['linked/app.json', 'real/app.json', 'real/deep/app.json']);
  });

  it('does not hang on a FIFO named app.json', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'ok/app.json': APP });
    fs.mkdirSync(path.join(dir, 'pipe'));
    execFileSync('mkfifo', [path.join(dir, 'pipe', 'app.json')]);
    const walked = flagged(dir);
    assert.deepEqual(walked.paths, ['ok/app.json']);
    assert.match(walked.stderr, /warning: skipped pipe\/app\.json: not a regular file/);
    const named = runCli(['check', 'pipe/app.json'], { cwd: dir, timeoutMs: 15_000 });
    assert.equal(named.signal, null);
    assert.equal(named.status, 0);
    assert.match(named.stderr, /not a regular file/);
  });

  it('warns about a file it cannot read and goes on', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'good/app.json': APP });
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.symlinkSync('missing.json', path.join(dir, 'broken', 'app.json'));
    fs.symlinkSync('nowhere', path.join(dir, 'broken', 'unrelated-link'));
    const { paths, stderr, status } = flagged(dir);
    assert.equal(status, 0);
    assert.deepEqual(paths, ['good/app.json']);
    assert.match(stderr, /^heroku-compliance: warning: cannot read broken\/app\.json: it does not exist \(removed during the scan, or a broken symbolic link\)$/m);
    assert.doesNotMatch(stderr, /unrelated-link/, 'links that could not be manifests stay quiet');
  });

  it('walks into a directory named app.json instead of reading it', () => {
    const dir = makeWorkspace({ 'app.json/app.json': APP });
    const { paths, status } = flagged(dir);
    assert.equal(status, 0);
    assert.deepEqual(paths, ['app.json/app.json']);
  });

  it('lints binary and non-UTF-8 content without crashing', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const dir = makeWorkspace({
      Procfile: binary,
      'app.json': Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('",\n  "image": "x"\n}\n')]),
      'heroku.yml': binary,
      'utf16/app.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(APP, 'utf16le')]),
    });
    for (const format of ['text', 'json', 'sarif']) {
      const result = runCli(['check', '--format', format], { cwd: dir });
      assert.ok(result.status === 0 || result.status === 1, `${format}: status ${result.status}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /internal error|failed on/, format);
    }
    assert.deepEqual(flagged(dir).paths, ['app.json']);
  });

  it('skips a 50 MB app.json (over --max-file-size) quickly, with a message', () => {
    const dir = makeWorkspace({ 'small/app.json': APP });
    const members = Array.from({ length: 20_000 }, (_, i) => `    "VAR_${i}": { "description": "Setting number ${i} of the generated manifest.", "value": "value-${i}" }`);
    const chunk = `${members.join(',\n')},\n`;
    const fd = fs.openSync(path.join(dir, 'app.json'), 'w');
    fs.writeSync(fd, '{\n  "name": "huge",\n  "image": "x",\n  "env": {\n');
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) size += fs.writeSync(fd, chunk.replace(/VAR_/g, `V${i}_`));
    fs.writeSync(fd, '    "LAST": "1"\n  }\n}\n');
    fs.closeSync(fd);

    const result = runCli(['check', '--rule', IMAGE, '--format', 'json'], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.ms < 10_000, `took ${result.ms} ms`);
    assert.match(result.stderr, /warning: skipped app\.json: 5\d(\.\d)? MB is over the --max-file-size limit of 10 MB/);
    const report = parseJsonOutput(result);
    assert.deepEqual(report.findings.map((f) => f.path), ['small/app.json']);
    assert.equal(report.summary.filesChecked, 1);

    const tight = runCli(['check', 'small', '--rule', IMAGE, '--max-file-size', '10'], { cwd: dir });
    assert.match(tight.stderr, /skipped small\/app\.json: \d+ bytes is over the --max-file-size limit of 10 bytes/);
  });

  it('lints a 3 MB app.json within the default limit', () => {
    const members = Array.from({ length: 30_000 }, (_, i) => `    "VAR_${i}": { "description": "Setting number ${i} of the generated manifest.", "value": "value-${i}" }`);
    const dir = makeWorkspace({ 'app.json': `{\n  "name": "large",\n  "image": "x",\n  "env": {\n${members.join(',\n')}\n  }\n}\n` });
    const result = runCli(['check', '--rule', IMAGE, '--format', 'json'], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(parseJsonOutput(result).findings.map((f) => f.path), ['app.json']);
  });

  it('warns when it finds nothing to check', () => {
    const dir = makeWorkspace({ 'README.md': '# nothing\n' });
    const result = runCli(['check'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.match(result.stderr, /warning: no app\.json, Procfile, heroku\.yml or Terraform files found in \./);
  });
});
