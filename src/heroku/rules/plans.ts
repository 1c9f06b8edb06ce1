/** The shared check of HRK-LIVE-021/022/023: a data add-on's plan against the profile (HRK-APPJSON-010's facts). */
import { type DataService, planProblem, type PlanProblemKind, SERVICE_LABELS } from '../../engine/facts/addonPlans';
import type { Profile } from '../../engine/types';
import { addonsOf, dataOf } from '../liveFacts';
import type { LiveDetection, LiveItemId } from '../liveRule';
import type { LiveSnapshot } from '../snapshot';

export interface PlanData {
  readonly kind: PlanProblemKind;
  readonly service: DataService;
  readonly addon: string;
  readonly spec: string;
}

export function* planDetections(snapshot: LiveSnapshot, profile: Profile, service: DataService, itemId: LiveItemId): Generator<LiveDetection<PlanData>> {
  const addons = dataOf(snapshot.addons);
  if (!addons) return;
  for (const addon of addonsOf(addons)) {
    if (addon.service !== service) continue;
    const problem = planProblem(addon.service, addon.plan, profile);
    // A space-only plan cannot be provisioned outside a space, so it never shows up live on the Common Runtime.
    if (problem && problem.kind !== 'space-only') yield { itemId, data: { kind: problem.kind, service, addon: addon.name, spec: addon.spec } };
  }
}

export function planMessage({ data }: LiveDetection<PlanData>): string {
  const label = SERVICE_LABELS[data.service];
  switch (data.kind) {
    case 'not-shield':
      return `${label} \`${data.addon}\` is on \`${data.spec}\`, not a Shield plan; regulated data in a Shield space needs a Shield plan.`;
    case 'not-networked':
      return `${label} \`${data.addon}\` is on \`${data.spec}\`, a Common Runtime plan that is not networked into the Private Space.`;
    case 'space-only':
      return `${label} \`${data.addon}\` is on \`${data.spec}\`, a Private or Shield Space plan.`;
  }
}
