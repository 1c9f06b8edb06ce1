/** Stable finding identities that survive edits elsewhere in the file. */
import { createHash } from 'node:crypto';
import { LineIndex } from './text';
import type { Finding } from './types';

/**
 * Hash of the rule, the file and the finding's line with whitespace collapsed, plus the occurrence
 * index among identical keys. Moving a line keeps its fingerprint; changing it does not.
 */
export function fingerprintFindings(findings: readonly Finding[], textOf: (path: string) => string | undefined): string[] {
  const lineIndexes = new Map<string, LineIndex | undefined>();
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    if (!lineIndexes.has(finding.path)) {
      const text = textOf(finding.path);
      lineIndexes.set(finding.path, text === undefined ? undefined : new LineIndex(text));
    }
    const lineText = lineIndexes.get(finding.path)?.lineText(finding.range.start.line) ?? '';
    const key = createHash('sha256')
      .update(`${finding.ruleId}\u0000${finding.path}\u0000${lineText.replace(/\s+/g, ' ').trim()}`)
      .digest('hex')
      .slice(0, 32);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return `${key}:${occurrence}`;
  });
}
