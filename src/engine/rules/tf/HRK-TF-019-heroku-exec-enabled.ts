import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceSpanEdit } from '../../terraform/edits';
import { boolValue, detectionFor, headerSpan, resourcesIn, stringValue } from '../../terraform/index';
import type { Profile } from '../../types';

interface Data {
  readonly feature: string;
  readonly app?: string;
  /** The profile the finding is reported for: the fix is offered on shield only. */
  readonly profile?: Profile;
  /** `name` is a literal, so an edit of this block touches no other feature (e.g. of a `for_each` over names). */
  readonly nameLiteral: boolean;
  /** `enabled` is absent (the provider's default is true). */
  readonly omitted: boolean;
  /** The value of `enabled` when it is a literal (`true`, `"true"`) that the fix can flip. */
  readonly valueSpan?: { readonly start: number; readonly end: number };
}

const EXEC_FEATURE = 'runtime-heroku-exec';

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-019',
    name: 'heroku-exec-enabled',
    title: 'Heroku Exec enabled',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'low', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A `heroku_app_feature` turns on `runtime-heroku-exec`, which opens interactive SSH sessions into running dynos.',
    recommendation:
      'Do not enable Heroku Exec for apps in Shield Private Spaces (`enabled = false`, or delete the resource); elsewhere enable it only where dyno access is needed and controlled.',
    controls: ['PCI 10.2.1.2'],
    sources: ['HK-CLI', 'TF-APPFEATURE'],
    feature: 'Keystroke Logging / access',
    tags: ['terraform', 'access'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    for (const feature of resourcesIn(context, 'heroku_app_feature')) {
      for (const instance of feature.instances) {
        if (stringValue(instance.attribute('name')?.value)?.trim().toLowerCase() !== EXEC_FEATURE) continue;
        const enabled = instance.attribute('enabled');
        // `enabled` defaults to true; a null value means the default too.
        const on = !enabled || enabled.value.kind === 'null' || boolValue(enabled.value) === true;
        if (!on) continue;
        const value = enabled?.syntax.value;
        const valueSpan = value && (value.kind === 'bool' || value.kind === 'string' || value.kind === 'null') ? { start: value.start, end: value.end } : undefined;
        const nameLiteral = instance.attribute('name')?.syntax.value.kind === 'string';
        const data = { feature: feature.address, app: graph?.appOf(feature)?.address, nameLiteral, omitted: !enabled, ...(valueSpan ? { valueSpan } : {}) };
        const detection = detectionFor(context, feature, enabled ? enabled.syntax : headerSpan(feature.syntax), data);
        yield { ...detection, data: { ...data, profile: detection.profile ?? context.profile } };
        break;
      }
    }
  },
  message: ({ feature, app, profile }) =>
    profile === 'shield'
      ? `${feature} enables Heroku Exec${app ? ` for ${app}` : ''}, which is restricted in Shield Private Spaces.`
      : `${feature} enables Heroku Exec${app ? ` for ${app}` : ''}, which opens interactive shell access to running dynos.`,
  // On shield only (catalog): setting `enabled = false` turns off exactly the access the finding is about.
  fix: ({ data }, context) => {
    if (data.profile !== 'shield' || !data.nameLiteral) return undefined;
    const title = 'Set `enabled = false`';
    if (data.valueSpan) return { title, safety: 'safe', edits: [replaceSpanEdit(context.document, data.valueSpan, 'false')] };
    if (!data.omitted) return undefined;
    const feature = context.terraform?.module.resource(data.feature);
    const edit = feature && insertInBlockEdit(feature.document, feature.syntax, 'enabled = false');
    return edit && { title, safety: 'safe', edits: [edit] };
  },
});
