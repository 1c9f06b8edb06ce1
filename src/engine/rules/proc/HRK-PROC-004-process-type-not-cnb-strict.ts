import { defineRule } from '../../rule';

interface Data {
  readonly key: string;
  /** What Fir rewrites the key to, when it rewrites rather than rejects it. */
  readonly rewritten?: string;
  readonly problems: readonly string[];
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-004',
    name: 'process-type-not-cnb-strict',
    title: 'Process type not CNB-strict',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A process type uses uppercase letters or `_`, starts or ends with `-`, or is longer than 63 characters, which the Fir (CNB) Procfile parser rewrites or rejects.',
    recommendation: 'Use lowercase letters, digits and inner `-` only (for example `urgent-worker`), at most 63 characters; rename the formation entry at the same time.',
    controls: [],
    sources: ['HK-CNB-PROCFILE'],
    feature: 'Fir gaps',
    tags: ['procfile', 'fir'],
  },
  *check({ document, generation }) {
    for (const entry of document.procfile?.entries ?? []) {
      const key = entry.key;
      const problems: string[] = [];
      if (/[A-Z]/.test(key)) problems.push('uppercase letters');
      if (key.includes('_')) problems.push('`_`');
      const edgeDash = /^-|-$/.test(entry.normalizedKey);
      if (edgeDash) problems.push('a leading or trailing `-`');
      if (key.length > 63) problems.push('more than 63 characters');
      if (problems.length === 0) continue;
      const rejected = edgeDash || key.length > 63;
      yield {
        start: entry.keyStart,
        end: entry.keyEnd,
        data: { key: key.length > 70 ? `${key.slice(0, 60)}…` : key, rewritten: rejected ? undefined : entry.normalizedKey, problems },
        ...(generation === 'fir' ? { severity: 'low' as const } : {}),
      };
    }
  },
  message: ({ key, rewritten, problems }) =>
    rewritten
      ? `Process type \`${key}\` has ${problems.join(' and ')}; Fir's Procfile parser renames it to \`${rewritten}\` with a warning.`
      : `Process type \`${key}\` has ${problems.join(' and ')}, which Fir's Procfile parser rejects.`,
});
