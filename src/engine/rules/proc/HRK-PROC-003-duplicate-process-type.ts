import { defineRule } from '../../rule';

interface Data {
  readonly key: string;
  readonly line: number;
  readonly lastLine: number;
  /** The key as written on the line that wins, when it is spelled differently. */
  readonly lastKey?: string;
  readonly lineStart: number;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-003',
    name: 'duplicate-process-type',
    title: 'Duplicate process type',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'The same process type is defined more than once; only the last definition is used.',
    recommendation: 'Keep one line per process type; delete or comment out the definitions that are not used.',
    controls: [],
    sources: ['HK-CNB-PROCFILE'],
    feature: 'Heroku Flow',
    tags: ['procfile', 'syntax'],
  },
  *check({ document }) {
    const entries = document.procfile?.entries ?? [];
    const last = new Map<string, (typeof entries)[number]>();
    for (const entry of entries) last.set(entry.normalizedKey, entry);
    for (const entry of entries) {
      const winner = last.get(entry.normalizedKey);
      if (!winner || winner === entry) continue;
      yield {
        start: entry.keyStart,
        end: entry.keyEnd,
        data: { key: entry.key, line: entry.line, lastLine: winner.line, ...(winner.key !== entry.key ? { lastKey: winner.key } : {}), lineStart: entry.lineStart },
        related: [{ path: document.path, start: winner.keyStart, end: winner.keyEnd, message: `The definition of \`${winner.key}\` that is used.` }],
      };
    }
  },
  message: ({ key, line, lastLine, lastKey }) =>
    `Process type \`${key}\` on line ${line} is defined again on line ${lastLine}${lastKey ? ` (as \`${lastKey}\`)` : ''}, so this definition is ignored.`,
  fix: (detection, { document }) => ({
    title: `Comment out the unused \`${detection.data.key}\` definition on line ${detection.data.line}`,
    safety: 'safe',
    edits: [{ path: document.path, start: detection.data.lineStart, end: detection.data.lineStart, newText: '# ' }],
  }),
});
