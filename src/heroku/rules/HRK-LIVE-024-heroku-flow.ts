import type { Profile } from '../../engine/types';
import { appOf, dataOf, isFir, isNotFound } from '../liveFacts';
import { defineLiveRule } from '../liveRule';

type Data =
  /** The app is not coupled to any pipeline. */
  | { readonly kind: 'no-pipeline' }
  /** Review apps get predictable names from `base_name` (a subdomain-takeover risk). */
  | { readonly kind: 'predictable-urls'; readonly baseName: string }
  /** Review apps are created in a region (the Common Runtime) while the profile needs a space. */
  | { readonly kind: 'review-common-runtime'; readonly profile: Profile };

export default defineLiveRule<Data>({
  meta: {
    id: 'HRK-LIVE-024',
    name: 'heroku-flow',
    title: 'Heroku Flow discipline',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary:
      'The app is outside a pipeline, its pipeline\'s review apps get predictable URLs (`base_name`), or review apps run on the Common Runtime while the profile needs a Private or Shield Space.',
    recommendation:
      'Couple the app to a pipeline and promote releases through it; remove the review apps\' `base_name` and create them in the app\'s space (`deploy_target` of type space).',
    controls: [],
    sources: ['DC-REVIEWAPPS', 'HK-API', 'TF-REVIEW'],
    feature: 'Heroku Flow',
    tags: ['live', 'flow', 'pipelines'],
  },
  *check(snapshot, { profile }) {
    const app = appOf(snapshot);
    if (!app) return;
    // GET /apps/{app}/pipeline-couplings answers 404 for an app outside every pipeline.
    if (isNotFound(snapshot.pipelineCoupling)) {
      yield { itemId: 'pipeline', data: { kind: 'no-pipeline' } };
      return;
    }
    const config = dataOf(snapshot.reviewAppConfig);
    if (!config) return;
    // Fir pipelines have no predictable review-app URLs (DC-REVIEWAPPS).
    if (!isFir(snapshot) && typeof config.base_name === 'string' && config.base_name.trim() !== '') {
      yield { itemId: 'pipeline', data: { kind: 'predictable-urls', baseName: config.base_name } };
    }
    if (profile !== 'common' && config.deploy_target?.type === 'region') yield { itemId: 'pipeline', data: { kind: 'review-common-runtime', profile } };
  },
  message: ({ data }) => {
    switch (data.kind) {
      case 'no-pipeline':
        return 'The app is not in a pipeline, so its releases are not promoted through review and staging.';
      case 'predictable-urls':
        return `Review apps of the app's pipeline get predictable URLs from \`base_name\` \`${data.baseName}\`, which exposes them to subdomain takeover.`;
      case 'review-common-runtime':
        return `Review apps of the app's pipeline run on the Common Runtime, outside the ${data.profile === 'shield' ? 'Shield ' : ''}Private Space the ${data.profile} profile needs.`;
    }
  },
});
