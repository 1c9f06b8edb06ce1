import { stackStatus } from '../../facts/stacks';
import { defineRule } from '../../rule';
import { stackSites } from './manifest';

interface Data {
  readonly stack: string;
  readonly label: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-018',
    name: 'container-stack',
    title: 'Container stack moves OS patching to the customer',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The `container` stack makes you responsible for selecting and patching the base image.',
    recommendation: 'Prefer a buildpack stack such as `heroku-24`, or rebuild and redeploy the image whenever its base image gets security fixes.',
    controls: ['PCI 6.3.3'],
    sources: ['DC-STACK', 'DC-STACKPOLICY', 'DC-HYML'],
    feature: 'Platform patching',
    tags: ['app.json', 'stack', 'patching'],
  },
  *check({ document }) {
    for (const site of stackSites(document.appJson)) {
      if (stackStatus(site.stack).kind !== 'container') continue;
      yield { start: site.node.offset, end: site.node.offset + site.node.length, data: { stack: site.stack, label: site.label } };
    }
  },
  message: ({ stack, label }) =>
    `Stack \`${stack}\`${label === 'stack' ? '' : ` in \`${label}\``} leaves base-image OS patching to you; Heroku patches only buildpack stacks.`,
});
