/// <reference types="mocha" />
// File-system faults (issue 7 item 5) in the real VS Code's workspace check: a folder with symlink loops, a looping
// manifest link, a FIFO and a broken link named app.json, a Procfile that is not UTF-8 and an app.json at a path near
// PATH_MAX. The check must finish (not hang, not throw), report what it could read, and log one clear warning for each
// file it could not. (Permission denied is covered by test/unit/workspace/fsFaults.test.ts as an unprivileged user:
// this extension host runs as whoever started the tests, often root.)
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, type Api, folderUri, waitFor, withRule } from '../helpers';

type CheckApi = Api & { logUri: vscode.Uri };

const APP = '{\n  "name": "svc",\n  "image": "heroku/ruby",\n  "stack": "heroku-24"\n}\n';

describe('workspace check over file-system faults', function () {
  this.timeout(60000);
  let api: CheckApi;
  const root = (): string => path.join(folderUri('beta').fsPath, 'fsfaults');
  let deepFile = '';

  before(async function () {
    if (process.platform === 'win32') this.skip();
    api = (await activate()) as CheckApi;
    const dir = root();
    fs.mkdirSync(path.join(dir, 'loop'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'loop', 'app.json'), APP);
    fs.symlinkSync('.', path.join(dir, 'loop', 'self'));
    fs.symlinkSync('..', path.join(dir, 'loop', 'up'));
    fs.mkdirSync(path.join(dir, 'looping-manifest'));
    fs.symlinkSync('app.json', path.join(dir, 'looping-manifest', 'app.json'));
    fs.mkdirSync(path.join(dir, 'pipe'));
    execFileSync('mkfifo', [path.join(dir, 'pipe', 'app.json')]);
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.symlinkSync('missing.json', path.join(dir, 'broken', 'app.json'));
    fs.mkdirSync(path.join(dir, 'latin1'));
    fs.writeFileSync(path.join(dir, 'latin1', 'Procfile'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\nweb: node --inspect=0.0.0.0:9229 server.js\n')]));
    // Just under PATH_MAX (4096 with its NUL), in steps of 200-character names.
    const segment = 'p'.repeat(200);
    const count = Math.floor((4096 - dir.length - 30) / (segment.length + 1));
    const deep = path.join(dir, 'deep', ...Array<string>(count).fill(segment));
    fs.mkdirSync(deep, { recursive: true });
    deepFile = path.join(deep, 'app.json');
    fs.writeFileSync(deepFile, APP);
    assert.ok(deepFile.length > 3800 && deepFile.length < 4096, `${deepFile.length} characters`);
  });

  after(() => {
    if (fs.existsSync(root())) execFileSync('rm', ['-rf', root()]);
  });

  it('finishes, reports the files it could read, and logs one clear warning for each it could not', async () => {
    const logged = (): string => {
      const dir = path.dirname(path.dirname(api.logUri.fsPath));
      const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => /Heroku Compliance/.test(f) && fs.statSync(f).isFile());
      return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    };
    const before = logged().length;
    const started = Date.now();
    const summary = await api.runCheck();
    assert.ok(Date.now() - started < 30000, 'the check finished in time');
    assert.ok(!summary.cancelled);
    const at = (...segments: string[]) => vscode.Uri.file(path.join(root(), ...segments));
    assert.ok(withRule(at('loop', 'app.json'), 'HRK-APPJSON-025').length > 0, 'the app.json inside the symlink loop, once');
    assert.ok(withRule(at('latin1', 'Procfile'), 'HRK-CMD-001').length > 0, 'the Procfile that is not UTF-8');
    assert.ok(withRule(vscode.Uri.file(deepFile), 'HRK-APPJSON-025').length > 0, 'the app.json near PATH_MAX');
    for (const link of ['self', 'up']) assert.deepStrictEqual(withRule(at('loop', link, 'app.json'), 'HRK-APPJSON-025'), [], `not again through loop/${link}`);
    const log = await waitFor(() => {
      const text = logged().slice(before);
      return /Compliance check finished/.test(text) && text;
    }, 'the check summary in the log');
    const warnings = log.split('\n').filter((line) => /\[warning\]/.test(line) && line.includes(root()));
    const expected = [
      /skipped .*\/fsfaults\/pipe\/app\.json: not a regular file$/,
      /cannot read .*\/fsfaults\/broken\/app\.json: it does not exist \(removed during the scan, or a broken symbolic link\)$/,
      /cannot read .*\/fsfaults\/looping-manifest\/app\.json: too many levels of symbolic links$/,
    ];
    for (const pattern of expected) assert.strictEqual(warnings.filter((w) => pattern.test(w)).length, 1, `one warning ${pattern} in:\n${warnings.join('\n')}`);
    assert.strictEqual(warnings.length, expected.length, warnings.join('\n'));
    assert.doesNotMatch(log, /\[error\]/);
  });
});
