/** `heroku-compliance rules`: the registered rules, as a table or JSON. */
import { allRuleMeta, PROFILES, type RuleMeta, ruleDocUrl } from '../../engine';
import type { Io } from '../io';
import { TOOL_VERSION } from '../version';

export function runRules(format: 'text' | 'json', io: Io): number {
  const rules = allRuleMeta();
  io.out(format === 'json' ? formatRulesJson(rules) : formatRulesText(rules));
  return 0;
}

const severities = (meta: RuleMeta) => PROFILES.map((p) => meta.severity[p] ?? '-').join('/');

export function formatRulesText(rules: readonly RuleMeta[]): string {
  const rows = [
    ['RULE', 'C/P/S', 'FIX', 'PREVIEW', 'TITLE'],
    ...rules.map((meta) => [meta.id, severities(meta), meta.fix, meta.preview ? 'preview' : '-', meta.title]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '));
  lines.push('', `${rules.length} rules. Severities per profile: common/private/shield ('-' = off). Preview rules are off unless enabled in .heroku-compliance.yml or selected with --rule.`);
  return `${lines.join('\n')}\n`;
}

export function formatRulesJson(rules: readonly RuleMeta[]): string {
  const json = {
    version: 1,
    tool: { name: 'heroku-compliance', version: TOOL_VERSION },
    rules: rules.map((meta) => ({
      id: meta.id,
      name: meta.name,
      title: meta.title,
      area: meta.area,
      fileKinds: meta.fileKinds,
      severity: { common: meta.severity.common, private: meta.severity.private, shield: meta.severity.shield },
      status: meta.status,
      preview: meta.preview,
      fix: meta.fix,
      summary: meta.summary,
      recommendation: meta.recommendation,
      controls: meta.controls,
      sources: meta.sources,
      feature: meta.feature,
      tags: meta.tags,
      docUrl: ruleDocUrl(meta.id),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
