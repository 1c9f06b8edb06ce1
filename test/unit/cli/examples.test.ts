/**
 * The bundled examples are what the README, `npm start` and the demo show: their findings are pinned in
 * test/fixtures/examples.golden.txt (one `path:line:column severity rule` per line). Regenerate with
 * UPDATE_GOLDEN=1 and review the diff when a rule or an example changes on purpose.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../helpers/cli';
import { FIXTURES_DIR, REPO_ROOT, UPDATE_GOLDEN } from '../../helpers/paths';

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly path: string;
  readonly range: { readonly start: { readonly line: number; readonly column: number } };
}

const GOLDEN = path.join(FIXTURES_DIR, 'examples.golden.txt');

describe('examples', () => {
  it('report exactly their deliberate gaps', () => {
    const result = runCli(['check', 'examples', '--format', 'json', '--fail-on', 'none'], { cwd: REPO_ROOT });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };
    const lines = report.findings.map((f) => `${f.path}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId}`).join('\n') + '\n';
    if (UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, lines);
    assert.equal(lines, fs.readFileSync(GOLDEN, 'utf8'));
  });
});
