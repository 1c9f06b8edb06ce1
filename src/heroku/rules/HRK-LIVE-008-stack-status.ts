import { CURRENT_STACK, normalizeStack, stackStatus } from '../../engine/facts/stacks';
import { appOf, dataOf } from '../liveFacts';
import { defineLiveRule, type LiveDetection } from '../liveRule';

interface Data {
  readonly stack: string;
  /** `stack`: the running slug's stack; `build_stack`: the stack of the next build. */
  readonly which: 'stack' | 'build_stack';
  /** `eol`: past end of life; `deprecated`: `GET /stacks` says so; `approaching-eol`: supported, but not for long. */
  readonly kind: 'eol' | 'deprecated' | 'approaching-eol';
  readonly until?: string;
}

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-008',
    name: 'stack-status',
    title: 'Stack status',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The app runs on (or will next build on) an end-of-life or deprecated stack, which gets no security updates; a stack whose end of support is near is reported as info.',
    recommendation: `Upgrade the app to \`${CURRENT_STACK}\` (\`heroku stack:set ${CURRENT_STACK}\`, then deploy) after testing it there.`,
    controls: ['PCI 6.3.3', 'SOC2 CC7.1'],
    sources: ['DC-STACK', 'DC-H20', 'DC-STACKPOLICY', 'HK-API'],
    feature: 'Platform patching',
    tags: ['live', 'stack', 'patching'],
  },
  *check(snapshot) {
    const app = appOf(snapshot);
    if (!app) return;
    const deprecated = new Set(
      (dataOf(snapshot.stacks) ?? []).filter((s) => s.state === 'deprecated' && typeof s.name === 'string').map((s) => normalizeStack(s.name!)),
    );
    const seen = new Set<string>();
    const targets: ['stack' | 'build_stack', string | undefined][] = [
      ['stack', app.stack?.name],
      ['build_stack', app.build_stack?.name],
    ];
    for (const [which, name] of targets) {
      if (typeof name !== 'string' || name.trim() === '') continue;
      const stack = normalizeStack(name);
      if (seen.has(stack)) continue;
      seen.add(stack);
      const detection = detect(which, stack, deprecated);
      if (detection) yield detection;
    }
  },
  message: ({ data }) => {
    const subject = data.which === 'stack' ? 'The app runs on stack' : 'The app\'s next build uses stack';
    switch (data.kind) {
      case 'eol':
        return `${subject} \`${data.stack}\`, which reached end of life (${data.until}) and gets no security updates.`;
      case 'deprecated':
        return `${subject} \`${data.stack}\`, which the Platform API lists as deprecated.`;
      case 'approaching-eol':
        return `${subject} \`${data.stack}\`, which is supported only through ${data.until}; plan the move to \`${CURRENT_STACK}\`.`;
    }
  },
});

function detect(which: Data['which'], stack: string, deprecated: ReadonlySet<string>): LiveDetection<Data> | undefined {
  const status = stackStatus(stack);
  // `cedar` and `cedar-14` are retired too, though the catalog has their end of life as unconfirmed (U).
  if (status.kind === 'eol') return { itemId: 'stack', data: { stack, which, kind: 'eol', until: status.until } };
  if (deprecated.has(stack)) return { itemId: 'stack', data: { stack, which, kind: 'deprecated' } };
  if (status.kind === 'approaching-eol') return { itemId: 'stack', severity: 'info', data: { stack, which, kind: 'approaching-eol', until: status.until } };
  return undefined;
}
