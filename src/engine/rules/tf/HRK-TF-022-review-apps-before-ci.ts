import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, flagOff, headerSpan, resourcesIn, type Span } from '../../terraform/index';

interface Data {
  readonly config: string;
  /** `wait_for_ci` is absent (else it is known to be false or null). */
  readonly omitted: boolean;
  /** The literal value of `wait_for_ci`, for the fix. */
  readonly valueSpan?: Span;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-022',
    name: 'review-apps-before-ci',
    title: 'Review apps before CI passes',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A `heroku_review_app_config` without `wait_for_ci = true` deploys review apps from pull requests before CI has passed.',
    recommendation: 'Set `wait_for_ci = true` so that only code that passed CI is deployed as a review app.',
    controls: [],
    sources: ['TF-REVIEW'],
    feature: 'Heroku Flow',
    tags: ['terraform', 'review-apps', 'ci'],
  },
  *check(context) {
    for (const config of resourcesIn(context, 'heroku_review_app_config')) {
      for (const instance of config.instances) {
        const off = flagOff(instance, 'wait_for_ci');
        if (!off) continue;
        const { attribute, valueSpan } = off;
        yield detectionFor(context, config, attribute ? attribute.syntax : headerSpan(config.syntax), {
          config: config.address,
          omitted: !attribute,
          ...(valueSpan ? { valueSpan } : {}),
        });
        break;
      }
    }
  },
  message: ({ config, omitted }) =>
    omitted
      ? `${config} does not set \`wait_for_ci = true\`, so review apps deploy pull requests before CI passes.`
      : `${config} sets \`wait_for_ci\` off, so review apps deploy pull requests before CI passes.`,
  // Waiting for CI is the whole fix.
  fix: ({ data }, context) => {
    const title = 'Set `wait_for_ci = true`';
    if (data.valueSpan) return { title, safety: 'safe', edits: [replaceSpanEdit(context.document, data.valueSpan, 'true')] };
    if (!data.omitted) return undefined;
    const config = context.terraform?.module.resource(data.config);
    const edit = config && insertInBlockEdit(config.document, config.syntax, 'wait_for_ci = true');
    return edit && { title, safety: 'safe', edits: [edit] };
  },
});
