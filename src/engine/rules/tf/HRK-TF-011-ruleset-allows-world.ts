import { defineRule } from '../../rule';
import { detectionFor, isKnown, resourcesIn, stringValue, type TfBody } from '../../terraform/index';

interface Data {
  readonly ruleset: string;
  readonly source: string;
}

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `10.0.0.0/0`, `::/0`): every address. */
function isWorld(source: string): boolean {
  return /\/0+$/.test(source.trim());
}

/** The `rule` blocks of an instance that allow a /0 source, with the known source. Unknown values are skipped. */
function* worldRules(instance: TfBody): Generator<{ rule: TfBody; source: string }> {
  for (const rule of instance.blocks('rule')) {
    const action = rule.attribute('action')?.value;
    const source = rule.attribute('source')?.value;
    if (!isKnown(action) || !isKnown(source)) continue;
    const text = stringValue(source);
    if (stringValue(action)?.trim().toLowerCase() === 'allow' && text !== undefined && isWorld(text)) yield { rule, source: text.trim() };
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-011',
    name: 'ruleset-allows-world',
    title: 'Inbound ruleset allows the world',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'A `heroku_space_inbound_ruleset` has a `rule` that allows a `/0` source such as `0.0.0.0/0`, which admits every address.',
    recommendation:
      'Replace the `/0` rule with the address ranges that must reach the space. Suppress the finding, with a reason, for a space whose apps are public on purpose.',
    controls: ['SOC2 CC6.6'],
    sources: ['TF-RULESET', 'HK-API'],
    feature: 'Trusted IP Ranges',
    tags: ['terraform', 'network', 'spaces'],
  },
  *check(context) {
    for (const ruleset of resourcesIn(context, 'heroku_space_inbound_ruleset')) {
      for (const instance of ruleset.instances) {
        for (const { rule, source } of worldRules(instance)) {
          const attribute = rule.attribute('source')!.syntax;
          yield detectionFor(context, ruleset, attribute, { ruleset: ruleset.address, source });
        }
      }
    }
  },
  message: ({ ruleset, source }) => `${ruleset} allows traffic from \`${source}\`, which admits every address to the space's apps.`,
});
