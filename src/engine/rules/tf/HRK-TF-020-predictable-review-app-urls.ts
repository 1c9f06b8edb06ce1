import { defineRule } from '../../rule';
import { deleteLinesEdit } from '../../terraform/edits';
import { detectionFor, resourcesIn, stringValue } from '../../terraform/index';

interface Data {
  readonly config: string;
  readonly baseName: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-020',
    name: 'predictable-review-app-urls',
    title: 'Predictable review-app URLs',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary:
      '`heroku_review_app_config.base_name` gives review apps predictable URLs, which can expose them to a subdomain takeover.',
    recommendation: 'Delete `base_name` so that review apps get random URLs.',
    controls: [],
    sources: ['DC-REVIEWAPPS', 'TF-REVIEW'],
    feature: 'Heroku Flow',
    tags: ['terraform', 'review-apps'],
  },
  *check(context) {
    for (const config of resourcesIn(context, 'heroku_review_app_config')) {
      for (const instance of config.instances) {
        const attribute = instance.attribute('base_name');
        const baseName = stringValue(attribute?.value)?.trim();
        if (!attribute || !baseName) continue;
        yield detectionFor(context, config, attribute.syntax, { config: config.address, baseName });
        break;
      }
    }
  },
  message: ({ config, baseName }) =>
    `${config} sets \`base_name\` to \`${baseName}\`, which gives review apps predictable URLs open to subdomain takeover.`,
  // Review apps get random URLs instead: that is the whole fix.
  fix: ({ start, end }, { document }) => ({ title: 'Delete `base_name`', safety: 'safe', edits: [deleteLinesEdit(document, { start, end })] }),
});
