import { defineRule } from '../../rule';
import { insertInBlockEdit, replaceValueEdit } from '../../terraform/edits';
import { boolValue, detectionFor, headerSpan, isKnown, resourcesIn, stringValue, type TfBody, type TfResource, type Value } from '../../terraform/index';



interface Data {
  readonly domain: string;
  readonly app: string;
  /** The hostname when it is known, for the message. */
  readonly hostname?: string;
  /** `acm = false` is written on the app (else `acm` is absent or null). */
  readonly acmFalse: boolean;
}

/** Whether a domain instance names no SNI endpoint: the attribute is absent, null or empty. Unknown counts as set. */
function hasNoSniEndpoint(instance: TfBody): boolean {
  const value = instance.attribute('sni_endpoint_id')?.value;
  if (value === undefined || value.kind === 'null') return true;
  return isKnown(value) && stringValue(value)?.trim() === '';
}

/**
 * The app instance's `acm` is known not to be true: absent or null (the API default is false) or `false`.
 * An unknown value, or one that is not a boolean, is never reported.
 */
function acmKnownOff(instance: TfBody): boolean {
  const value = instance.attribute('acm')?.value;
  if (value === undefined || value.kind === 'null') return true;
  return boolValue(value) === false;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-013',
    name: 'domain-without-managed-tls',
    title: 'Custom domain without managed TLS',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'low', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary:
      'A `heroku_domain` belongs to an app whose `acm` is not `true`, and the domain names no `sni_endpoint_id`, so nothing provisions a certificate for the hostname.',
    recommendation: 'Set `acm = true` on the `heroku_app` so that Automated Certificate Management issues and renews the certificate.',
    controls: ['PCI 4.2.1', 'HIPAA 164.312(e)(1)', 'SOC2 CC6.7'],
    sources: ['TF-DOMAIN', 'TF-APP', 'BLOG-ACM-PS'],
    feature: 'ACM',
    tags: ['terraform', 'tls', 'acm'],
  },
  *check(context) {
    const graph = context.terraform?.graph;
    if (!graph) return;
    for (const domain of resourcesIn(context, 'heroku_domain')) {
      const app = graph.appOf(domain);
      if (!app || app.mode !== 'managed' || app.instances.length === 0) continue;
      const bare = domain.instances.filter(hasNoSniEndpoint);
      // A domain on one instance (`app_id = heroku_app.fe["a"].id`) depends on that instance's `acm` only.
      const appInstances = bare.map((instance) => instanceNamed(app, instance.attribute('app_id')?.value));
      const candidates = appInstances.every((instance) => instance !== undefined) ? appInstances : app.instances;
      if (bare.length === 0 || !candidates.some((instance) => instance !== undefined && acmKnownOff(instance))) continue;
      const hostnames = new Set(bare.map((instance) => stringValue(instance.attribute('hostname')?.value)));
      const hostname = hostnames.size === 1 ? [...hostnames][0] : undefined;
      const acm = app.attribute('acm');
      const acmFalse = acm !== undefined && boolValue(acm.value) === false;
      const detection = detectionFor(context, domain, headerSpan(domain.syntax), { domain: domain.address, app: app.address, hostname, acmFalse });
      yield { ...detection, related: [...(detection.related ?? []), appLocation(app, acmFalse)] };
    }
  },
  message: ({ domain, app, hostname, acmFalse }) =>
    `${domain}${hostname ? ` (\`${hostname}\`)` : ''} has no \`sni_endpoint_id\` and its app ${app} ${acmFalse ? 'has `acm` set to false' : 'does not enable ACM'}, so no certificate is managed for the custom domain.`,
  // Turning ACM on makes Heroku request Let's Encrypt certificates, which needs the DNS of every domain of the
  // app to point at Heroku and replaces a certificate uploaded outside Terraform: offered for review only.
  fix: ({ data }, context) => {
    const app = context.terraform?.module.resource(data.app);
    if (!app) return undefined;
    const acm = app.attribute('acm');
    let edit;
    if (!acm) edit = insertInBlockEdit(app.document, app.syntax, 'acm = true');
    else if (acm.syntax.value.kind === 'bool' || acm.syntax.value.kind === 'null') edit = replaceValueEdit(app.document, acm.syntax, 'true');
    return edit && { title: `Set \`acm = true\` on ${app.address}`, safety: 'suggestion', edits: [edit] };
  },
});

/** The instance of `app` that an `app_id` value names with a static key, if it names one. */
function instanceNamed(app: TfResource, value: Value | undefined): TfBody | undefined {
  const key = value !== undefined && 'from' in value ? value.from?.key : undefined;
  return key === undefined ? undefined : app.instances.find((instance) => instance.key === key);
}

function appLocation(app: TfResource, acmFalse: boolean): { path: string; start: number; end: number; message: string } {
  const acm = app.attribute('acm')?.syntax;
  const span = acmFalse && acm ? acm : headerSpan(app.syntax);
  return { path: app.document.path, start: span.start, end: span.end, message: `${app.address} does not enable ACM.` };
}
