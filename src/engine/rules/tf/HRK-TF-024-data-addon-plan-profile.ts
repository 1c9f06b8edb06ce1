import { parseAddonSpec, type PlanProblem, planProblem, SERVICE_LABELS } from '../../facts/addonPlans';
import { defineRule } from '../../rule';
import { detectionFor, resourcesIn, stringValue } from '../../terraform/index';
import { planSpan } from '../../terraform/literals';

interface Data {
  readonly addon: string;
  readonly app?: string;
  readonly spec: string;
  readonly problem: PlanProblem;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-024',
    name: 'data-addon-plan-profile',
    title: 'Data add-on plan inappropriate for the profile',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'A `heroku_addon` provisions a Heroku Postgres, Key-Value Store, Kafka or Connect plan that does not fit the app\'s runtime: not Shield in a Shield space, not networked into a Private Space, or space-only on the Common Runtime.',
    recommendation: 'Use `shield-*` data plans for Shield apps and `private-*` plans for Private Space apps; use Common Runtime plans elsewhere.',
    controls: [],
    sources: ['DC-SHIELD', 'DC-PG-PS', 'DC-KVS-PS'],
    feature: 'Postgres / KVS / Kafka / Connect tiers',
    tags: ['terraform', 'addons', 'data'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    for (const addon of resourcesIn(context, 'heroku_addon')) {
      // The add-on takes the profile of its app (and the app's space); no ephemeral override applies here.
      const profile = graph ? graph.profileOf(addon).profile : context.profile;
      const app = graph?.appOf(addon)?.address;
      const seen = new Set<string>();
      for (const instance of addon.instances) {
        const attribute = instance.attribute('plan');
        const spec = stringValue(attribute?.value)?.trim();
        if (!attribute || !spec || seen.has(spec)) continue;
        seen.add(spec);
        const parsed = parseAddonSpec(spec);
        const problem = planProblem(parsed.service, parsed.plan, profile);
        if (!problem) continue;
        yield detectionFor(context, addon, planSpan(attribute, spec), { addon: addon.address, ...(app ? { app } : {}), spec, problem });
      }
    }
  },
  message: ({ addon, app, spec, problem }) => {
    const label = SERVICE_LABELS[problem.service];
    const owner = app ?? 'its app';
    switch (problem.kind) {
      case 'not-shield':
        return `${addon} uses \`${spec}\`, which is not a Shield plan; ${label} for ${owner} in a Shield Private Space needs a Shield plan to hold regulated data.`;
      case 'not-networked':
        return `${addon} uses \`${spec}\`, a Common Runtime plan that is not networked into the Private Space of ${owner}; use a \`private-*\` ${label} plan.`;
      case 'space-only':
        return `${addon} uses \`${spec}\`, a Private or Shield Space plan that cannot be provisioned for ${owner} on the Common Runtime.`;
    }
  },
});
