/**
 * The JSON report. Its shape is stable: fields may be added, never renamed or removed without bumping
 * `version`.
 *
 * {
 *   "version": 1,
 *   "tool": { "name": "heroku-compliance", "version": "0.1.0" },
 *   "apps": [{ "dir": "examples/shield", "profile": "shield", "profileReason": "inferred from …", "generation": "cedar" }],
 *   "findings": [{
 *     "ruleId": "HRK-APPJSON-025", "severity": "info", "message": "…", "path": "examples/common/app.json",
 *     "range": { "start": { "line": 3, "column": 3, "offset": 41 }, "end": { "line": 3, "column": 10, "offset": 48 } },
 *     "related": [{ "path": "…", "message": "…", "range": { … } }],
 *     "fix": { "title": "…", "safety": "safe", "edits": [{ "path": "…", "start": 40, "end": 70, "newText": "" }] } | null,
 *     "profile": "common", "fingerprint": "…", "docUrl": "https://…/HRK-APPJSON-025.md"
 *   }],
 *   "fixed": [{ "path": "…", "fixes": 1, "ruleIds": ["HRK-APPJSON-025"] }],
 *   "warnings": ["cannot read …"],
 *   "failures": [{ "ruleId": "…", "path": "…", "error": "…" }],
 *   "summary": { "findings": 1, "bySeverity": { "crit": 0, "high": 0, "med": 0, "low": 0, "info": 1 }, "files": 1,
 *                "filesChecked": 3, "suppressed": 0, "baselined": 0, "fixable": 1, "failOn": "high", "failed": false }
 * }
 *
 * Paths are relative to the current directory with `/` separators. Lines and columns are 1-based; columns and
 * offsets count UTF-16 code units; `end` is exclusive. `fix.edits` offsets index the file's current text.
 * `fix.edits` are narrowed to the characters that change, and are null when the new text would contain a
 * credential.
 */
import { type Finding, type Fix, ruleDocUrl } from '../../engine';
import { printableEdits } from '../redact';
import { countBySeverity, countSafeFixes, failsThreshold, type Report } from '../report';

export const JSON_REPORT_VERSION = 1;

function fixOf(fix: Fix, report: Report) {
  const edits = printableEdits(fix, report.textOf);
  return {
    title: fix.title,
    safety: fix.safety,
    edits: edits ? edits.map((e) => ({ path: report.display(e.path), start: e.start, end: e.end, newText: e.newText })) : null,
  };
}

export function formatJson(report: Report, toolVersion: string): string {
  const rangeOf = (range: Finding['range']) => ({
    start: { line: range.start.line, column: range.start.column, offset: range.start.offset },
    end: { line: range.end.line, column: range.end.column, offset: range.end.offset },
  });
  const json = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'heroku-compliance', version: toolVersion },
    apps: report.apps.map((app) => ({ dir: report.display(app.dir), profile: app.profile.profile, profileReason: app.profile.reason, generation: app.generation })),
    findings: report.findings.map((finding, i) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      path: report.display(finding.path),
      range: rangeOf(finding.range),
      related: finding.related.map((r) => ({ path: report.display(r.path), message: r.message, range: rangeOf(r.range) })),
      fix: finding.fix ? fixOf(finding.fix, report) : null,
      profile: finding.profile,
      fingerprint: report.fingerprints[i],
      docUrl: ruleDocUrl(finding.ruleId),
    })),
    fixed: report.fixed.map((f) => ({ path: report.display(f.path), fixes: f.fixes, ruleIds: f.ruleIds })),
    warnings: report.warnings,
    failures: report.failures.map((f) => ({ ruleId: f.ruleId, path: report.display(f.path), error: f.error })),
    summary: {
      findings: report.findings.length,
      bySeverity: countBySeverity(report.findings),
      files: new Set(report.findings.map((f) => f.path)).size,
      filesChecked: report.filesChecked,
      suppressed: report.suppressed,
      baselined: report.baselined,
      fixable: countSafeFixes(report.findings),
      failOn: report.failOn,
      failed: failsThreshold(report.findings, report.failOn),
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
