import { defineRule, type RuleContext } from '../../rule';
import { boolValue, detectionFor, headerSpan, parsedWhole, resourcesIn, type Span, stringValue, type TfBody, type TfGraph, type TfResource } from '../../terraform';
import type { Detection } from '../../types';

interface Data {
  /** The grant: `heroku_team_collaborator.ops`, `heroku_team_member.alice`, `heroku_collaborator.contractor`. */
  readonly address: string;
  readonly kind: 'manage' | 'admin' | 'personal-collaborator';
  /** For `admin`: the role as written (`admin` or `owner`). */
  readonly role?: string;
  /** For `personal-collaborator`: the app. */
  readonly app?: string;
}

/** Team roles that administer the whole team (heroku_team_member.role; the provider does not validate it). */
// The catalog's trigger names `admin` only.
const BROAD_ROLES = new Set(['admin']);

/** The span of the `"manage"` item in a literal permissions list, else the value expression. */
function manageSpan(body: TfBody): Span | undefined {
  const attribute = body.attribute('permissions');
  if (!attribute) return undefined;
  const value = attribute.value;
  if (value.kind !== 'list') return undefined;
  const index = value.items.findIndex((item) => stringValue(item)?.trim().toLowerCase() === 'manage');
  if (index < 0) return undefined;
  const syntax = attribute.syntax.value;
  if (syntax.kind === 'tuple' && syntax.items.length === value.items.length) {
    const item = syntax.items[index];
    return { start: item.start, end: item.end };
  }
  return { start: syntax.start, end: syntax.end };
}

/**
 * Whether the app is known to be a personal (non-team) app: declared in the module, with no `organization`
 * block or with `personal = true`. Undefined when that is not known.
 */
function isPersonalApp(app: TfResource): boolean | undefined {
  if (!parsedWhole(app.document, app.syntax)) return undefined;
  if (app.syntax.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0]?.value === 'organization')) return undefined;
  let answer: boolean | undefined;
  for (const instance of app.instances) {
    const organizations = instance.blocks('organization');
    let personal: boolean | undefined;
    if (organizations.length === 0) personal = true;
    else {
      const flag = organizations[0].attribute('personal');
      personal = flag === undefined ? false : boolValue(flag.value);
    }
    if (personal === undefined) return undefined;
    if (answer !== undefined && answer !== personal) return undefined;
    answer = personal;
  }
  return answer;
}

function* teamCollaborators(context: RuleContext): Generator<Detection<Data>> {
  for (const grant of resourcesIn(context, 'heroku_team_collaborator')) {
    const reported = new Set<number>();
    for (const instance of grant.instances) {
      const span = manageSpan(instance);
      if (!span || reported.has(span.start)) continue;
      reported.add(span.start);
      yield detectionFor(context, grant, span, { address: grant.address, kind: 'manage' });
    }
  }
}

function* teamMembers(context: RuleContext): Generator<Detection<Data>> {
  for (const member of resourcesIn(context, 'heroku_team_member')) {
    const reported = new Set<string>();
    for (const instance of member.instances) {
      const attribute = instance.attribute('role');
      const role = stringValue(attribute?.value)?.trim().toLowerCase();
      if (!attribute || role === undefined || !BROAD_ROLES.has(role) || reported.has(role)) continue;
      reported.add(role);
      yield detectionFor(context, member, attribute.syntax, { address: member.address, kind: 'admin', role });
    }
  }
}

function* personalCollaborators(context: RuleContext, graph: TfGraph): Generator<Detection<Data>> {
  for (const grant of resourcesIn(context, 'heroku_collaborator')) {
    const app = graph.appOf(grant);
    if (!app || isPersonalApp(app) !== true) continue;
    yield detectionFor(context, grant, headerSpan(grant.syntax), { address: grant.address, kind: 'personal-collaborator', app: app.address });
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-030',
    name: 'broad-access-grant',
    title: 'Broad access grants',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'info', private: 'low', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A grant to review: a `heroku_team_collaborator` with `manage`, a `heroku_team_member` with the `admin` role, or a `heroku_collaborator` on a personal app.',
    recommendation: 'Grant the least access that works (`view`, `deploy`, `operate`; the `member` role), and keep sensitive apps in a team where access is managed per permission.',
    controls: [],
    sources: ['TF-TEAMCOLLAB', 'TF-TEAMMEMBER', 'TF-COLLAB', 'HK-API'],
    feature: 'Enterprise permissions',
    tags: ['terraform', 'access'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    yield* teamCollaborators(context);
    yield* teamMembers(context);
    yield* personalCollaborators(context, graph);
  },
  message: ({ address, kind, role, app }) => {
    switch (kind) {
      case 'manage':
        return `\`${address}\` grants the \`manage\` permission, which lets the collaborator change the app's settings, add-ons and access; review whether it is needed.`;
      case 'admin':
        return `\`${address}\` gives the team member the \`${role ?? 'admin'}\` role, which administers every app and member of the team; review whether it is needed.`;
      case 'personal-collaborator':
        return `\`${address}\` adds a collaborator to personal app \`${app ?? 'the app'}\`, who gets full access to it with no finer permissions; review the grant.`;
    }
  },
});
