/** The human report of `live`: the app's header, each group's features with their state, findings below them. */
import type { LiveFinding } from '../../heroku/liveRule';
import type { ItemState, SecurityState } from '../../heroku/securityState';
import type { Colors } from '../colors';
import { plural } from '../report';
import { severityColor } from './text';

const STATE_MARKS: Record<ItemState, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'FAIL',
  unknown: '????',
  'not-applicable': 'n/a',
  'not-on-fir': 'fir-',
  'no-permission': '403',
};

const RUNTIMES = { common: 'Common Runtime', private: 'Private Space', shield: 'Shield Private Space' } as const;

export function formatLiveText(state: SecurityState, colors: Colors): string {
  const app = state.app;
  const out: string[] = [];
  const where = [app.runtime ? RUNTIMES[app.runtime] : 'runtime unknown', app.generation, app.region, app.space ? `space ${app.space}` : undefined].filter(Boolean);
  out.push(`${colors.bold(app.name)}  ${colors.dim(where.join(' · '))}`);
  out.push(colors.dim(`profile: ${state.profile.profile}, ${state.profile.reason}; read from ${app.apiUrl} at ${state.fetchedAt}`), '');
  const width = Math.max(...state.groups.flatMap((g) => g.items.map((i) => i.title.length)));
  for (const group of state.groups) {
    out.push(colors.underline(group.title));
    for (const item of group.items) {
      out.push(`  ${stateColor(item.state, colors)(STATE_MARKS[item.state].padEnd(4))}  ${item.title.padEnd(width)}  ${colors.dim(item.description)}`);
      for (const finding of state.findings.filter((f) => f.itemId === item.id)) out.push(`        ${findingLine(finding, colors)}`);
    }
    out.push('');
  }
  out.push(summary(state, colors));
  return `${out.join('\n')}\n`;
}

function findingLine(finding: LiveFinding, colors: Colors): string {
  return `${severityColor(finding.severity, colors)(finding.severity.padEnd(4))}  ${finding.message}  ${colors.dim(finding.ruleId)}`;
}

function summary(state: SecurityState, colors: Colors): string {
  const items = state.groups.flatMap((g) => g.items);
  const count = (s: ItemState) => items.filter((i) => i.state === s).length;
  const counts = (['crit', 'high', 'med', 'low', 'info'] as const).map((s) => [s, state.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const findings = state.findings.length === 0 ? 'no findings' : `${plural(state.findings.length, 'finding')} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})`;
  const unread = count('unknown') + count('no-permission');
  return colors.bold(`${findings}; ${count('pass')} features pass, ${count('fail')} fail, ${count('warn')} to review${unread > 0 ? `, ${unread} not readable` : ''}`);
}

function stateColor(state: ItemState, colors: Colors): (text: string) => string {
  if (state === 'fail') return colors.red;
  if (state === 'warn') return colors.yellow;
  if (state === 'pass') return colors.green;
  return colors.dim;
}
