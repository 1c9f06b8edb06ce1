import { ageInDays, dataOf, isShieldSpace } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

interface Data {
  /** The key's comment or fingerprint: public, never the key. */
  readonly key: string;
  readonly reasons: readonly ('old' | 'unknown')[];
  readonly ageDays?: number;
  readonly maxAgeDays: number;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-027',
    name: 'ssh-keys',
    title: 'SSH keys for Shield `heroku run`',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: null, shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'The signed-in account, which operates an app in a Shield space (where `heroku run` uses SSH), has an SSH key older than the policy allows, or one that is not on the list of known keys.',
    recommendation: 'Remove keys that are no longer used (`heroku keys:remove`), rotate old ones, and record the fingerprints you expect (`knownSshKeys`).',
    controls: [],
    sources: ['DC-SHIELD', 'HK-API'],
    feature: 'Keystroke Logging',
    tags: ['live', 'access', 'shield'],
  },
  *check(snapshot, { policy }) {
    const keys = dataOf(snapshot.accountKeys);
    if (!keys || !isShieldSpace(snapshot)) return;
    const known = policy.knownSshKeys ? new Set(policy.knownSshKeys.map((k) => k.toLowerCase())) : undefined;
    for (const key of keys) {
      const reasons: ('old' | 'unknown')[] = [];
      const ageDays = ageInDays(snapshot, key.created_at);
      if (ageDays !== undefined && ageDays > policy.sshKeyMaxAgeDays) reasons.push('old');
      if (known && !(typeof key.fingerprint === 'string' && known.has(key.fingerprint.toLowerCase()))) reasons.push('unknown');
      if (reasons.length === 0) continue;
      const label = key.comment || key.fingerprint || key.id || 'an SSH key';
      yield { itemId: 'keystroke-logging', data: { key: label, reasons, ...(ageDays !== undefined ? { ageDays } : {}), maxAgeDays: policy.sshKeyMaxAgeDays } };
    }
  },
  message: ({ data }) => {
    const parts = [
      ...(data.reasons.includes('old') ? [`is ${data.ageDays} days old (policy: ${data.maxAgeDays})`] : []),
      ...(data.reasons.includes('unknown') ? ['is not on the list of known keys'] : []),
    ];
    return `SSH key \`${data.key}\`, which can open \`heroku run\` sessions in the Shield space, ${parts.join(' and ')}.`;
  },
});
