import { defineLiveRule } from '../liveRule';
import { planDetections, type PlanData, planMessage } from './plans';

export default defineLiveRule<PlanData>({
  meta: {
    id: 'HRK-LIVE-021',
    name: 'key-value-store-posture',
    title: 'Key-Value Store posture',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'A Heroku Key-Value Store of the app is on a plan that does not fit the profile: not `shield-*` under shield, or `mini`/`premium-*` (not networked into the space) under private. Version and TLS settings live in the Data API, which this check does not read.',
    recommendation: 'Use `shield-*` Key-Value Store plans in Shield spaces and `private-*` plans in Private Spaces.',
    controls: [],
    sources: ['DC-KVS', 'DC-KVS-PS', 'DC-SHIELD'],
    feature: 'Key-Value Store',
    tags: ['live', 'data', 'key-value-store'],
  },
  check: (snapshot, { profile }) => planDetections(snapshot, profile, 'heroku-redis', 'key-value-store'),
  message: planMessage,
});
