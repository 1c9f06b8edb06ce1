import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceSpanEdit } from '../../terraform/edits';
import { boolValue, detectionFor, type HclBlock, parsedWhole, resourcesIn, type Span } from '../../terraform';
import type { Fix } from '../../types';

interface Data {
  /** `heroku_app.api` */
  readonly address: string;
  /** `missing`: no `locked` attribute; `false`: `locked` is false. */
  readonly kind: 'missing' | 'false';
  /** The literal `false` of `locked = false`, when it is written as such (the fix flips it in place). */
  readonly literal?: Span;
  /** The `organization` block, for inserting `locked = true`. */
  readonly block?: Span;
}

/** The block that starts at `start` (an `organization` block, or the `content` of a `dynamic "organization"`). */
function blockAt(blocks: readonly HclBlock[], start: number): HclBlock | undefined {
  for (const block of blocks) {
    if (block.start === start) return block;
    if (block.start < start && start < block.end) return blockAt(block.body.blocks, start);
  }
  return undefined;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-028',
    name: 'team-app-not-locked',
    title: 'Team app not locked',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A team `heroku_app` (an `organization { }` block) does not set `locked = true`, so any team member can join the app.',
    recommendation: 'Add `locked = true` inside `organization { }`, and grant access explicitly with `heroku_team_collaborator`.',
    controls: [],
    sources: ['TF-APP', 'HK-API'],
    feature: 'Lock Apps',
    tags: ['terraform', 'access'],
  },
  *check(context) {
    for (const app of resourcesIn(context, 'heroku_app')) {
      const reported = new Set<number>();
      for (const instance of app.instances) {
        for (const organization of instance.blocks('organization')) {
          // A `dynamic "organization"` whose `for_each` is unknown has unknown content.
          if (organization.partial) continue;
          // `personal = true` creates the app in the user's account, where locking does not apply (HRK-TF-029).
          if (boolValue(organization.attribute('personal')?.value) === true) continue;
          const locked = organization.attribute('locked');
          const syntax = organization.syntax;
          if (locked === undefined) {
            if (reported.has(syntax.start) || !parsedWhole(app.document, syntax)) continue;
            reported.add(syntax.start);
            yield detectionFor(context, app, syntax.typeSpan, { address: app.address, kind: 'missing', block: { start: syntax.start, end: syntax.end } });
          } else if (boolValue(locked.value) === false) {
            if (reported.has(locked.syntax.start)) continue;
            reported.add(locked.syntax.start);
            const value = locked.syntax.value;
            const literal = value.kind === 'bool' ? { start: value.start, end: value.end } : undefined;
            yield detectionFor(context, app, locked.syntax, { address: app.address, kind: 'false', ...(literal ? { literal } : {}) });
          }
        }
      }
    }
  },
  message: ({ address, kind }) =>
    kind === 'missing'
      ? `Team app \`${address}\` does not set \`locked = true\` in \`organization\`, so any team member can join it.`
      : `Team app \`${address}\` sets \`locked = false\`, so any team member can join it.`,
  fix: ({ data }, { document }): Fix | undefined => {
    if (data.kind === 'false') {
      return data.literal ? { title: 'Set `locked = true`', safety: 'safe', edits: [replaceSpanEdit(document, data.literal, 'true')] } : undefined;
    }
    const block = data.block && document.hcl ? blockAt(document.hcl.body.blocks, data.block.start) : undefined;
    const edit = block && insertInBlockEdit(document, block, 'locked = true');
    return edit ? { title: 'Add `locked = true` to `organization`', safety: 'safe', edits: [edit] } : undefined;
  },
});
