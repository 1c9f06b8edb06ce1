/**
 * discover() builds each file's engine path from its directory's (one path.relative per directory): it must be
 * the path.relative of the file itself, whatever the tree holds (nesting, symlinked directories, unusual names,
 * inputs outside the base).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { EMPTY_CONFIG } from '../../../src/engine';
import { discover } from '../../../src/workspace/discover';
import { relativePath } from '../../../src/workspace/fsutil';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-discover-paths-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(relative: string, text = '{}\n'): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('discover: engine paths', () => {
  it('are the path of each file relative to the base', () => {
    for (const dir of ['repo', 'repo/apps/web', 'repo/apps/café api', 'repo/apps/a/b/c/d', 'repo/infra', 'outside/app']) {
      write(`${dir}/app.json`);
      write(`${dir}/Procfile`, 'web: npm start\n');
    }
    write('repo/infra/main.tf', 'resource "heroku_app" "x" {}\n');
    write('repo/infra/prod.tfvars', 'x = 1\n');
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'repo', 'linked'));
    const base = path.join(root, 'repo');
    const warnings: string[] = [];
    const found = discover({ base, inputs: [base, path.join(root, 'outside')], config: EMPTY_CONFIG, warn: (m) => warnings.push(m), display: (a) => a });
    assert.deepEqual(warnings, []);
    assert.ok(found.length >= 14, `found ${found.length}`);
    for (const candidate of found) assert.equal(candidate.path, relativePath(base, candidate.absolute), candidate.absolute);
    const paths = found.map((c) => c.path);
    assert.ok(paths.includes('app.json'));
    assert.ok(paths.includes('apps/café api/app.json'));
    assert.ok(paths.includes('apps/a/b/c/d/Procfile'));
    assert.ok(paths.includes('infra/prod.tfvars'));
    assert.ok(paths.includes('linked/app/app.json') !== paths.includes('../outside/app/app.json'), 'a directory reached twice is walked once');
  });
});
