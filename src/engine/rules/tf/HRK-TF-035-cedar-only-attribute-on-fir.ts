import { defineRule, type RuleContext } from '../../rule';
import { deleteLinesEdit } from '../../terraform/edits';
import { boolValue, detectionFor, isKnown, resourcesIn, stringValue, type TfBody, type TfGraph, type TfResource } from '../../terraform';
import type { Detection } from '../../types';

type CedarOnly = 'buildpacks' | 'stack' | 'internal_routing';

interface Data {
  /** `heroku_app.api` or `heroku_build.api` */
  readonly address: string;
  readonly attribute: CedarOnly;
  /** The Fir space, `heroku_space.fir`. */
  readonly space: string;
  /** For a build: its app. */
  readonly app?: string;
  /** The space's `generation = "fir"` is a literal, so deleting the attribute is safe. */
  readonly literalGeneration: boolean;
}

/** The Fir space an app runs in, when the module declares it with a known `generation = "fir"`. */
function firSpaceOf(graph: TfGraph, app: TfResource): TfResource | undefined {
  const space = graph.spaceOf(app);
  if (!space) return undefined;
  const generation = stringValue(space.attribute('generation')?.value)?.trim().toLowerCase();
  return generation === 'fir' ? space : undefined;
}

/** Whether an instance sets the attribute to a value Heroku would act on (the provider skips `false` and empty lists). */
function sets(body: TfBody, name: CedarOnly): boolean {
  const attribute = body.attribute(name);
  if (!attribute || !isKnown(attribute.value) || attribute.value.kind === 'null') return false;
  if (name === 'internal_routing') return boolValue(attribute.value) === true;
  if (name === 'buildpacks') return attribute.value.kind === 'list' && attribute.value.items.length > 0;
  return (stringValue(attribute.value)?.trim() ?? '') !== '';
}

function* findings(context: RuleContext, resource: TfResource, space: TfResource, names: readonly CedarOnly[], app?: TfResource): Generator<Detection<Data>> {
  const literalGeneration = space.syntax.body.attributes.find((a) => a.name === 'generation')?.value.kind === 'string';
  for (const name of names) {
    const instance = resource.instances.find((i) => sets(i, name));
    const attribute = instance?.attribute(name);
    if (!attribute) continue;
    yield detectionFor(context, resource, attribute.syntax, {
      address: resource.address,
      attribute: name,
      space: space.address,
      literalGeneration,
      ...(app ? { app: app.address } : {}),
    });
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-035',
    name: 'cedar-only-attribute-on-fir',
    title: 'Cedar-only attributes on a Fir app',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'A `heroku_app` in a Fir space sets `buildpacks`, `stack` or `internal_routing`, or a `heroku_build` for a Fir app sets `buildpacks`; Fir does not support them.',
    recommendation: 'Delete the attribute: Fir apps build with Cloud Native Buildpacks chosen in `project.toml`, and have no stack or internal routing.',
    controls: [],
    sources: ['TF-APP', 'TF-BUILD', 'TF-SPACE'],
    feature: 'Fir gaps',
    tags: ['terraform', 'fir', 'generation'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    for (const app of resourcesIn(context, 'heroku_app')) {
      const space = firSpaceOf(graph, app);
      if (space) yield* findings(context, app, space, ['buildpacks', 'stack', 'internal_routing']);
    }
    for (const build of resourcesIn(context, 'heroku_build')) {
      const app = graph.appOf(build);
      const space = app && firSpaceOf(graph, app);
      if (app && space) yield* findings(context, build, space, ['buildpacks'], app);
    }
  },
  message: ({ address, attribute, space, app }) => {
    const what = attribute === 'internal_routing' ? 'internal routing' : attribute === 'stack' ? 'a stack' : 'classic buildpacks';
    const runs = app !== undefined ? `its app \`${app}\` runs` : 'it runs';
    return `\`${address}\` sets \`${attribute}\`, but ${runs} in Fir space \`${space}\`, which does not support ${what}.`;
  },
  // Safe when the space is literally Fir: the attribute cannot take effect there. When the generation comes from a
  // variable, another value would make the attribute meaningful again, so the deletion is only offered.
  fix: ({ start, end, data }, { document }) => ({
    title: `Delete \`${data.attribute}\``,
    safety: data.literalGeneration ? 'safe' : 'suggestion',
    edits: [deleteLinesEdit(document, { start, end })],
  }),
});
