import { defineLiveRule } from '../liveRule';
import { planDetections, type PlanData, planMessage } from './plans';

export default defineLiveRule<PlanData>({
  meta: {
    id: 'HRK-LIVE-023',
    name: 'heroku-connect-plan',
    title: 'Heroku Connect plan',
    area: 'LIVE',
    fileKinds: [],
    severity: { common: null, private: 'low', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A Heroku Connect add-on of the app is not on a Shield plan under the shield profile.',
    recommendation: 'Use Heroku Connect\'s Shield plan for apps in Shield spaces.',
    controls: [],
    sources: ['DC-SHIELD'],
    feature: 'Heroku Connect',
    tags: ['live', 'data', 'heroku-connect'],
  },
  check: (snapshot, { profile }) => planDetections(snapshot, profile, 'herokuconnect', 'heroku-connect'),
  message: planMessage,
});
