import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceSpanEdit } from '../../terraform/edits';
import { detectionFor, resourcesIn, type Span, stringValue, type TfResource } from '../../terraform/index';
import type { TextEdit } from '../../types';

interface Data {
  readonly config: string;
  /** The space the fix points the review apps at, when one is clear. */
  readonly space?: string;
  /** Spans for the fix, when `type` is a literal in a block as written (not from a `dynamic` block). */
  readonly typeValue?: Span;
  readonly idValue?: Span;
  /** `[start, end)` of the `deploy_target` block, to insert `id` when it is missing. */
  readonly block?: Span;
}

/** The space to suggest: the one that decides the config's profile, else the module's only space. */
function candidateSpace(spaces: readonly TfResource[], decidedBy: TfResource | undefined): TfResource | undefined {
  if (decidedBy?.type === 'heroku_space' && decidedBy.mode === 'managed') return decidedBy;
  const managed = spaces.filter((s) => s.mode === 'managed' && s.type === 'heroku_space' && s.instances.length === 1);
  return managed.length === 1 ? managed[0] : undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-021',
    name: 'review-apps-on-common-runtime',
    title: 'Review apps on the Common Runtime',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary:
      '`heroku_review_app_config.deploy_target` has `type = "region"`, so review apps of a private or shield pipeline run on the Common Runtime, outside the space.',
    recommendation: 'Deploy review apps into the space: `deploy_target { type = "space"  id = heroku_space.<name>.id }`.',
    controls: [],
    sources: ['TF-REVIEW', 'DC-SEC'],
    feature: 'Heroku Flow / Runtime',
    tags: ['terraform', 'review-apps', 'runtime'],
  },
  *check(context) {
    const terraform = context.terraform;
    if (!terraform) return;
    const spaces = terraform.module.resources.filter((r) => r.type === 'heroku_space');
    for (const config of resourcesIn(context, 'heroku_review_app_config')) {
      const space = candidateSpace(spaces, terraform.graph.profileOf(config).decidedBy);
      const seen = new Set<number>();
      for (const instance of config.instances) {
        for (const target of instance.blocks('deploy_target')) {
          const type = target.attribute('type');
          if (!type || stringValue(type.value)?.trim().toLowerCase() !== 'region' || seen.has(type.syntax.start)) continue;
          seen.add(type.syntax.start);
          const written = target.syntax.type === 'deploy_target' && type.syntax.value.kind === 'string';
          const id = target.attribute('id')?.syntax;
          const data: Data = {
            config: config.address,
            ...(space ? { space: space.address } : {}),
            ...(written ? { typeValue: span(type.syntax.value), block: span(target.syntax), ...(id ? { idValue: span(id.value) } : {}) } : {}),
          };
          yield detectionFor(context, config, type.syntax, data);
        }
      }
    }
  },
  message: ({ config }) => `${config} deploys review apps to a region, so they run on the Common Runtime instead of in a Private or Shield Space.`,
  // Needs a space id that a person must confirm: offered, never applied.
  fix: ({ data }, context) => {
    if (!data.space || !data.typeValue || !data.block) return undefined;
    const edits: TextEdit[] = [replaceSpanEdit(context.document, data.typeValue, '"space"')];
    if (data.idValue) edits.push(replaceSpanEdit(context.document, data.idValue, `${data.space}.id`));
    else {
      const block = context.document.hcl?.body.blocks
        .flatMap((b) => b.body.blocks)
        .find((b) => b.start === data.block?.start && b.end === data.block.end);
      const insert = block && insertInBlockEdit(context.document, block, `id = ${data.space}.id`);
      if (!insert) return undefined;
      edits.push(insert);
    }
    return { title: `Deploy review apps into ${data.space}`, safety: 'suggestion', edits };
  },
});

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}
