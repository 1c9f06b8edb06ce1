import { defineLiveRule } from '../liveRule';
import { planDetections, type PlanData, planMessage } from './plans';

export default defineLiveRule<PlanData>({
  meta: {
    id: 'HRK-LIVE-022',
    name: 'kafka-posture',
    title: 'Kafka posture',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary:
      'An Apache Kafka on Heroku cluster of the app is not on a Shield plan under the shield profile. External access and mTLS IP rules live in the Data API, which this check does not read.',
    recommendation: 'Use a `shield-*` Kafka plan for apps in Shield spaces, and keep external access and mTLS IP rules to the networks that need them.',
    controls: [],
    sources: ['DC-SHIELD', 'DC-KAFKA-MT'],
    feature: 'Apache Kafka, mTLS',
    tags: ['live', 'data', 'kafka'],
  },
  check: (snapshot, { profile }) => planDetections(snapshot, profile, 'heroku-kafka', 'kafka'),
  message: planMessage,
});
