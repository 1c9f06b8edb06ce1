import { CURRENT_STACK, stackStatus } from '../../facts/stacks';
import { defineRule } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, resourcesIn, stringValue } from '../../terraform';

interface Data {
  /** `heroku_app.api` */
  readonly address: string;
  readonly stack: string;
  /** `eol`: confirmed end of life (EOL_STACKS); `retired`: a Cedar-era stack (`cedar`, `cedar-14`). */
  readonly kind: 'eol' | 'retired';
  readonly until: string;
  /** The value is a string literal in the resource, so the fix can replace it there. */
  readonly literal: boolean;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-027',
    name: 'end-of-life-stack',
    title: 'End-of-life stack',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A `heroku_app.stack` is end-of-life (`heroku-16`, `heroku-18` or `heroku-20`) and gets no security updates.',
    recommendation: `Move the app to \`${CURRENT_STACK}\` and test it there; end-of-life stacks get no security updates.`,
    controls: ['PCI 6.3.3', 'SOC2 CC7.1'],
    sources: ['DC-STACK', 'DC-H20', 'TF-APP'],
    feature: 'Platform patching',
    tags: ['terraform', 'stack', 'patching'],
  },
  *check(context) {
    for (const app of resourcesIn(context, 'heroku_app')) {
      const reported = new Set<number>();
      for (const instance of app.instances) {
        const attribute = instance.attribute('stack');
        const stack = stringValue(attribute?.value);
        if (!attribute || stack === undefined) continue;
        const status = stackStatus(stack);
        // The catalog's trigger is EOL_STACKS only: the end of `cedar` and `cedar-14` is unconfirmed (U).
        if (status.kind !== 'eol' || !status.confirmed || reported.has(attribute.syntax.start)) continue;
        reported.add(attribute.syntax.start);
        const literal = attribute.syntax.value.kind === 'string';
        yield detectionFor(context, app, attribute.syntax.value, {
          address: app.address,
          stack: stack.trim(),
          kind: status.confirmed ? 'eol' : 'retired',
          until: status.until,
          literal,
        });
      }
    }
  },
  message: ({ address, stack, kind, until }) =>
    kind === 'eol'
      ? `\`${address}\` runs on stack \`${stack}\`, which reached end of life (supported through ${until}) and gets no security updates.`
      : `\`${address}\` runs on stack \`${stack}\`, a retired Cedar-era stack that gets no security updates.`,
  // Offer it; do not auto-apply: the app's runtimes and native dependencies may change with the stack.
  fix: ({ start, end, data }, { document }) =>
    data.literal
      ? { title: `Change the stack to \`${CURRENT_STACK}\``, safety: 'suggestion', edits: [replaceSpanEdit(document, { start, end }, JSON.stringify(CURRENT_STACK))] }
      : undefined,
});

