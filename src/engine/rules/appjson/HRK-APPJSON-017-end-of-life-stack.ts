import { replaceEdit } from '../../edits';
import { CURRENT_STACK, stackStatus } from '../../facts/stacks';
import { defineRule } from '../../rule';
import { stackSites } from './manifest';

interface Data {
  readonly stack: string;
  readonly label: string;
  /** `eol`: past end of life; `retired`: Cedar-era stack; `approaching`: supported, end of support near. */
  readonly kind: 'eol' | 'retired' | 'approaching';
  readonly until: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-017',
    name: 'end-of-life-stack',
    title: 'End-of-life stack',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'The `stack` is end-of-life (`heroku-16`, `heroku-18`, `heroku-20`, `cedar-14`, `cedar`) or close to it (`heroku-22`).',
    recommendation: `Move to \`${CURRENT_STACK}\` and test the app on it; end-of-life stacks get no security updates.`,
    controls: ['PCI 6.3.3', 'SOC2 CC7.1'],
    sources: ['DC-STACK', 'DC-H20'],
    feature: 'Platform patching',
    tags: ['app.json', 'stack', 'patching'],
  },
  *check({ document }) {
    for (const site of stackSites(document.appJson)) {
      const status = stackStatus(site.stack);
      const range = { start: site.node.offset, end: site.node.offset + site.node.length };
      if (status.kind === 'eol') {
        yield { ...range, data: { stack: site.stack, label: site.label, kind: status.confirmed ? 'eol' : 'retired', until: status.until } };
      } else if (status.kind === 'approaching-eol') {
        yield { ...range, data: { stack: site.stack, label: site.label, kind: 'approaching', until: status.until }, severity: 'info' };
      }
    }
  },
  message: ({ stack, label, kind, until }) => {
    const where = label === 'stack' ? '' : ` in \`${label}\``;
    switch (kind) {
      case 'eol':
        return `Stack \`${stack}\`${where} is end-of-life (supported only through ${until}) and gets no security updates.`;
      case 'retired':
        return `Stack \`${stack}\`${where} is a retired Cedar-era stack that gets no security updates.`;
      case 'approaching':
        return `Stack \`${stack}\`${where} is supported only through ${until}; plan the move to \`${CURRENT_STACK}\`.`;
    }
  },
  fix: ({ start, end }, { document }) => ({
    title: `Change the stack to \`${CURRENT_STACK}\``,
    safety: 'suggestion',
    edits: [replaceEdit(document, start, end, JSON.stringify(CURRENT_STACK))],
  }),
});
