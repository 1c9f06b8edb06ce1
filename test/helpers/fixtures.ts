/** Loading fixture cases: each case folder is a small workspace. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ComplianceConfig, fileKindOf, type Finding, parseConfig, type ProfileSetting, type SourceFile } from '../../src/engine';

/** Per-case options, from `<case>/.fixture.json`. */
export interface CaseOptions {
  readonly profile?: ProfileSetting;
}

export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly files: SourceFile[];
  readonly config?: ComplianceConfig;
  readonly options: CaseOptions;
  readonly fileExists: (relative: string) => boolean;
}

export const GOLDEN_DIR = '.golden';
const OPTIONS_FILE = '.fixture.json';

export function listCases(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function loadCase(dir: string): FixtureCase {
  const files: SourceFile[] = [];
  let config: ComplianceConfig | undefined;
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.name === GOLDEN_DIR || entry.name === OPTIONS_FILE) continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === '.heroku-compliance.yml') {
        const parsed = parseConfig(fs.readFileSync(path.join(dir, rel), 'utf8'));
        if (parsed.problems.length > 0) throw new Error(`${dir}: config problems: ${JSON.stringify(parsed.problems)}`);
        config = parsed.config;
      } else {
        const kind = fileKindOf(rel);
        if (kind) files.push({ path: rel, kind, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
      }
    }
  };
  walk('');
  const optionsPath = path.join(dir, OPTIONS_FILE);
  const options = fs.existsSync(optionsPath) ? (JSON.parse(fs.readFileSync(optionsPath, 'utf8')) as CaseOptions) : {};
  return {
    name: path.basename(dir),
    dir,
    files,
    config,
    options,
    fileExists: (relative) => fs.existsSync(path.join(dir, relative)),
  };
}

/** The golden form of a finding: what a reviewer checks by eye. */
export function goldenOf(finding: Finding): object {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    path: finding.path,
    start: `${finding.range.start.line}:${finding.range.start.column}`,
    end: `${finding.range.end.line}:${finding.range.end.column}`,
    message: finding.message,
    ...(finding.related.length > 0 ? { related: finding.related.map((r) => `${r.path}:${r.range.start.line}:${r.range.start.column} ${r.message}`) } : {}),
    ...(finding.fix ? { fix: `${finding.fix.safety}: ${finding.fix.title}` } : {}),
  };
}
