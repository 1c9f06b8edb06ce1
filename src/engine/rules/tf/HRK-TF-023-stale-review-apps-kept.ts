import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, flagOff, headerSpan, resourcesIn, type Span } from '../../terraform/index';
import type { TextEdit } from '../../types';

interface Data {
  readonly config: string;
  /** `destroy_stale_apps` is absent (else it is known to be false or null). */
  readonly omitted: boolean;
  /** The literal value of `destroy_stale_apps`, for the fix. */
  readonly valueSpan?: Span;
  /** `stale_days` is already written. */
  readonly hasStaleDays: boolean;
}

/** The number of days the catalog suggests. */
const STALE_DAYS = 5;

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-023',
    name: 'stale-review-apps-kept',
    title: 'Stale review apps kept',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'A `heroku_review_app_config` without `destroy_stale_apps = true` keeps review apps, their config vars and their add-ons running after the pull request has gone quiet.',
    recommendation: 'Set `destroy_stale_apps = true` with a short `stale_days` (for example 5).',
    controls: [],
    sources: ['TF-REVIEW'],
    feature: 'Heroku Flow',
    tags: ['terraform', 'review-apps'],
  },
  *check(context) {
    for (const config of resourcesIn(context, 'heroku_review_app_config')) {
      for (const instance of config.instances) {
        const off = flagOff(instance, 'destroy_stale_apps');
        if (!off) continue;
        const { attribute, valueSpan } = off;
        yield detectionFor(context, config, attribute ? attribute.syntax : headerSpan(config.syntax), {
          config: config.address,
          omitted: !attribute,
          hasStaleDays: instance.attribute('stale_days') !== undefined,
          ...(valueSpan ? { valueSpan } : {}),
        });
        break;
      }
    }
  },
  message: ({ config, omitted }) =>
    omitted
      ? `${config} does not set \`destroy_stale_apps = true\`, so stale review apps and their data are kept indefinitely.`
      : `${config} turns \`destroy_stale_apps\` off, so stale review apps and their data are kept indefinitely.`,
  // Offered only: once applied, Heroku destroys every review app that has been idle longer than `stale_days`.
  fix: ({ data }, context) => {
    const config = context.terraform?.module.resource(data.config);
    if (!config || (!data.omitted && !data.valueSpan)) return undefined;
    const edits: TextEdit[] = [];
    if (data.valueSpan) edits.push(replaceSpanEdit(context.document, data.valueSpan, 'true'));
    if (!data.hasStaleDays) {
      const lines = data.omitted ? `destroy_stale_apps = true${context.document.eol}__INDENT__stale_days = ${STALE_DAYS}` : `stale_days = ${STALE_DAYS}`;
      const edit = insertInBlockEdit(config.document, config.syntax, lines);
      if (!edit) return undefined;
      edits.push(withIndent(edit));
    } else if (data.omitted) {
      const edit = insertInBlockEdit(config.document, config.syntax, 'destroy_stale_apps = true');
      if (!edit) return undefined;
      edits.push(edit);
    }
    if (edits.length === 0) return undefined;
    return { title: data.hasStaleDays ? 'Set `destroy_stale_apps = true`' : `Set \`destroy_stale_apps = true\` and \`stale_days = ${STALE_DAYS}\``, safety: 'suggestion', edits };
  },
});

/** insertInBlockEdit indents one line; the second inserted line takes the same indentation. */
function withIndent(edit: TextEdit): TextEdit {
  const newText = edit.newText;
  const indent = /^[ \t]*/.exec(newText.replace(/^(\r?\n)+/, ''))?.[0] ?? '';
  return { ...edit, newText: newText.replace('__INDENT__', indent) };
}
