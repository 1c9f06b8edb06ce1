/**
 * The editor's workspace check without VS Code, in a process of its own: `folderScope` on a folder, then `lint` on
 * each `splitByDirectory` part, as src/diagnostics/workspaceCheck.ts does. Prints one JSON line: files linted,
 * distinct findings, the warnings the check would log, and the process's peak RSS. Tests run it as another user
 * (permission denied) or to measure memory apart from the test runner.
 *   node out/test/helpers/scopeProbe.js <folder>
 */
import { lint, loadTerraformParser } from '../../src/engine';
import { findingKey, folderScope, splitByDirectory } from '../../src/workspace/lintScope';

export interface ProbeResult {
  readonly files: number;
  readonly findings: number;
  readonly warnings: readonly string[];
  readonly maxRssKb: number;
  readonly ms: number;
}

/** As the workspace check: the editor's 10 MB limit, 200 files between progress reports. */
const SIZE_LIMIT = { bytes: 10 * 1024 * 1024, name: 'editor' };
const FILES_PER_STEP = 200;

async function main(folder: string): Promise<void> {
  const started = Date.now();
  await loadTerraformParser();
  const warnings: string[] = [];
  const scope = folderScope(folder, folder, {
    overrides: { profile: 'auto', rules: {}, exclude: [] },
    openText: () => undefined,
    sizeLimit: SIZE_LIMIT,
    warn: (message) => warnings.push(message),
  });
  const findings = new Set<string>();
  for (const part of splitByDirectory(scope.request, FILES_PER_STEP)) for (const finding of lint(part).findings) findings.add(findingKey(finding));
  const result: ProbeResult = { files: scope.request.files.length, findings: findings.size, warnings, maxRssKb: process.resourceUsage().maxRSS, ms: Date.now() - started };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main(process.argv[2] ?? process.cwd()).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
