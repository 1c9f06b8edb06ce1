import { defineRule } from '../../rule';
import { alignedAttribute, insertInBlockEdit, replaceValueEdit } from '../../terraform/edits';
import { boolValue, detectionFor, headerSpan, isKnown, resourcesIn, stringValue, type TfBody } from '../../terraform/index';

interface Data {
  readonly space: string;
  /** `shield` is set and evaluates to false (else the attribute is absent). */
  readonly explicit: boolean;
  /** The expression as written when it is not the literal `false` (`local.shield`). */
  readonly expression?: string;
}

/** `shield` is absent, null or false. Unknown is never reported. */
function notShield(instance: TfBody): 'absent' | 'false' | undefined {
  const shield = instance.attribute('shield');
  if (!shield || shield.value.kind === 'null') return 'absent';
  return boolValue(shield.value) === false ? 'false' : undefined;
}

/** Fir spaces cannot be Shield (HRK-TF-009 reports them); the default generation is Cedar. */
function isFir(instance: TfBody): boolean {
  const generation = instance.attribute('generation')?.value;
  return isKnown(generation) && stringValue(generation)?.toLowerCase() === 'fir';
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-008',
    name: 'space-not-shield',
    title: 'Space is not Shield',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: null, private: null, shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'Under the `shield` profile, a `heroku_space` lacks `shield = true`, so regulated data would run in a space without Shield\'s controls.',
    recommendation:
      'Set `shield = true`. The attribute forces a new space: create the Shield space, move the apps and data, then destroy the old space.',
    controls: [],
    sources: ['DC-SEC', 'TF-SPACE'],
    feature: 'Runtime (Shield)',
    tags: ['terraform', 'runtime', 'spaces', 'shield'],
  },
  *check(context) {
    for (const space of resourcesIn(context, 'heroku_space')) {
      const states = space.instances.filter((i) => !isFir(i)).map(notShield);
      if (!states.some((s) => s !== undefined)) continue;
      const explicit = states.includes('false');
      const attribute = space.attribute('shield')?.syntax;
      const span = explicit && attribute ? attribute : headerSpan(space.syntax);
      const expression = explicit && attribute && attribute.value.kind !== 'bool' ? space.document.text.slice(attribute.value.start, attribute.value.end) : undefined;
      yield detectionFor(context, space, span, { space: space.address, explicit, ...(expression ? { expression } : {}) });
    }
  },
  message: ({ space, explicit, expression }) =>
    explicit
      ? `${space} sets ${expression ? `\`shield = ${expression}\`, which is false,` : '`shield = false`,'} so it is not a Shield space as the \`shield\` profile requires.`
      : `${space} does not set \`shield = true\`, so it is not a Shield space as the \`shield\` profile requires.`,
  fix: ({ data }, context) => {
    const space = context.terraform?.module.resource(data.space);
    if (!space) return undefined;
    const shield = space.attribute('shield')?.syntax;
    const edit = shield
      ? shield.value.kind === 'bool' || shield.value.kind === 'null'
        ? replaceValueEdit(space.document, shield, 'true')
        : undefined
      : insertInBlockEdit(space.document, space.syntax, alignedAttribute(space.document, space.syntax, 'shield', 'true'));
    return edit && { title: `Set \`shield = true\` on ${data.space} (forces a new space: not safe to apply as is)`, safety: 'suggestion', edits: [edit] };
  },
});
