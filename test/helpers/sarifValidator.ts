/** Microsoft's SARIF validator (the @microsoft/sarif-multitool binary), shared by the SARIF tests. */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

export interface ValidationResult {
  readonly level: string;
  readonly ruleId: string;
  readonly text: string;
}

function validatorBinary(): string {
  return execFileSync(process.execPath, ['-p', "require('@microsoft/sarif-multitool')"], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
}

/**
 * Runs the validator on one SARIF file; returns what it reports. Every rule runs. SARIF2006 (help URIs
 * reachable, note level) makes an HTTP request per rule, which waits for a network timeout on machines
 * without network: an unreachable proxy makes those requests fail at once, with the same note.
 */
export async function validateSarif(file: string): Promise<ValidationResult[]> {
  const out = `${file}.validation.sarif`;
  const noNetwork = 'http://127.0.0.1:9';
  await promisify(execFile)(validatorBinary(), ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', file, '-o', out, '--log', 'ForceOverwrite'], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, HTTPS_PROXY: noNetwork, HTTP_PROXY: noNetwork, https_proxy: noNetwork, http_proxy: noNetwork, NO_PROXY: '', no_proxy: '' },
  });
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: { level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }[] }[] };
  return log.runs.flatMap((run) => run.results ?? []).map((r) => ({ level: r.level ?? 'warning', ruleId: r.ruleId, text: r.message.text ?? (r.message.arguments ?? []).join(' | ') }));
}
