/** The resource graph (links, profiles, generations), the rule helpers, the lint wiring and Terraform string sites. */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Document } from '../../../../src/engine/document';
import { lint } from '../../../../src/engine/lint';
import { loadTerraformParser } from '../../../../src/engine/parsers/terraform';
import type { RuleContext, TerraformContext } from '../../../../src/engine/rule';
import { terraformStrings } from '../../../../src/engine/sites';
import {
  analyzeModule,
  blocksIn,
  dataSourcesIn,
  detectionFor,
  headerSpan,
  moduleDetection,
  moduleProfileOf,
  resourcesIn,
  type TfGraph,
  type TfResource,
} from '../../../../src/engine/terraform/index';
import { fixtureFiles, moduleFrom, sourceFiles } from './helpers';

before(async () => {
  await loadTerraformParser();
});

function addressOf(resource: TfResource | undefined): string | undefined {
  return resource?.address;
}

function byAddress(graph: TfGraph, address: string): TfResource {
  const resource = graph.module.resource(address);
  assert.ok(resource, address);
  return resource;
}

describe('terraform resource graph', () => {
  let graph: TfGraph;
  before(() => {
    graph = moduleFrom(fixtureFiles('shield-module')).graph;
  });
  const r = (address: string) => byAddress(graph, address);

  it('links apps to spaces by reference or literal name, never through data sources or unknown values', () => {
    assert.equal(addressOf(graph.spaceOf(r('heroku_app.api'))), 'heroku_space.secure');
    assert.equal(addressOf(graph.spaceOf(r('heroku_app.web'))), 'heroku_space.plain');
    assert.equal(addressOf(graph.spaceOf(r('heroku_app.worker'))), 'heroku_space.fir');
    assert.equal(graph.spaceOf(r('heroku_app.loose')), undefined);
    assert.equal(graph.spaceOf(r('heroku_app.somewhere')), undefined);
    assert.equal(graph.spaceOf(r('heroku_app.external')), undefined);
    assert.deepEqual(graph.resourcesOfSpace(r('heroku_space.secure'), 'heroku_app').map(addressOf), ['heroku_app.api']);
  });

  it('links app resources to their app through app_id', () => {
    const expected: Record<string, string> = {
      'heroku_addon.db': 'heroku_app.api',
      'heroku_drain.web': 'heroku_app.web',
      'heroku_domain.api': 'heroku_app.api',
      'heroku_app_feature.exec': 'heroku_app.api',
      'heroku_formation.loose': 'heroku_app.loose',
      'heroku_collaborator.ext': 'heroku_app.external',
      'heroku_team_collaborator.api': 'heroku_app.api',
      'heroku_ssl.api': 'heroku_app.api',
      'heroku_app_webhook.api': 'heroku_app.api',
      'heroku_telemetry_drain.worker': 'heroku_app.worker',
    };
    for (const [address, app] of Object.entries(expected)) assert.equal(addressOf(graph.appOf(r(address))), app, address);
    assert.equal(graph.appOf(r('heroku_telemetry_drain.fir_space')), undefined);
    assert.deepEqual(graph.resourcesOfApp(r('heroku_app.api'), 'heroku_addon').map(addressOf), ['heroku_addon.db']);
    assert.deepEqual(graph.resourcesOfApp(r('heroku_app.web'), 'heroku_drain').map(addressOf), ['heroku_drain.web']);
    assert.deepEqual(graph.resourcesOfApp(r('heroku_app.loose'), 'heroku_drain'), []);
  });

  it('links space resources to their space through space', () => {
    assert.equal(addressOf(graph.spaceOf(r('heroku_space_inbound_ruleset.secure'))), 'heroku_space.secure');
    assert.equal(addressOf(graph.spaceOf(r('heroku_space_vpn_connection.office'))), 'heroku_space.secure');
    assert.equal(addressOf(graph.spaceOf(r('heroku_space_app_access.dev'))), 'heroku_space.plain');
    assert.equal(graph.spaceOf(r('heroku_space_peering_connection_accepter.vpc')), undefined);
    assert.equal(addressOf(graph.spaceOf(r('heroku_telemetry_drain.fir_space'))), 'heroku_space.fir');
    assert.deepEqual(graph.resourcesOfSpace(r('heroku_space.secure'), 'heroku_space_inbound_ruleset').map(addressOf), ['heroku_space_inbound_ruleset.secure']);
    assert.deepEqual(graph.resourcesOfSpace(r('heroku_space.plain'), 'heroku_space_inbound_ruleset'), []);
  });

  it('chooses each resource profile from its own space, never from another resource', () => {
    const profile = (address: string) => {
      const choice = graph.profileOf(r(address));
      return [choice.profile, addressOf(choice.decidedBy), choice.reason];
    };
    assert.deepEqual(profile('heroku_space.secure'), ['shield', 'heroku_space.secure', 'heroku_space.secure is a Shield space']);
    assert.deepEqual(profile('heroku_app.api'), ['shield', 'heroku_space.secure', 'runs in Shield space heroku_space.secure']);
    assert.deepEqual(profile('heroku_addon.db'), ['shield', 'heroku_space.secure', 'runs in Shield space heroku_space.secure']);
    assert.deepEqual(profile('heroku_app.web'), ['private', 'heroku_space.plain', 'runs in Private Space heroku_space.plain']);
    assert.deepEqual(profile('heroku_drain.web'), ['private', 'heroku_space.plain', 'runs in Private Space heroku_space.plain']);
    assert.deepEqual(profile('heroku_space_app_access.dev'), ['private', 'heroku_space.plain', 'runs in Private Space heroku_space.plain']);
    // No space: a Shield space elsewhere in the module does not make the app Shield.
    assert.deepEqual(profile('heroku_app.loose'), ['common', undefined, 'default (not in a space of this module)']);
    // A space the module does not declare (a data source): a Private Space at least.
    assert.deepEqual(profile('heroku_app.external'), ['private', undefined, 'runs in a space this module does not declare']);
    // Provider, variables and outputs serve the whole module, which manages a Shield space.
    assert.equal(moduleProfileOf(graph).profile, 'shield');
  });

  it('tells the generation from the space', () => {
    assert.equal(graph.generationOf(r('heroku_app.worker')), 'fir');
    assert.equal(graph.generationOf(r('heroku_telemetry_drain.worker')), 'fir');
    assert.equal(graph.generationOf(r('heroku_space.fir')), 'fir');
    assert.equal(graph.generationOf(r('heroku_app.api')), 'cedar');
    assert.equal(graph.generationOf(r('heroku_app.loose')), 'cedar');
  });

  it('lets an explicit profile win everywhere', () => {
    const explicit = moduleFrom(fixtureFiles('shield-module'), { profile: 'common' }).graph;
    for (const resource of explicit.module.resources) assert.equal(explicit.profileOf(resource).profile, 'common');
    assert.equal(moduleProfileOf(explicit).profile, 'common');
    assert.equal(explicit.profileOf(byAddress(explicit, 'heroku_app.api')).decidedBy, undefined);
  });

  it('uses the config profile for apps in a non-Shield space and without a space', () => {
    const files = fixtureFiles('private-module');
    const auto = moduleFrom(files).graph;
    assert.equal(auto.profileOf(byAddress(auto, 'heroku_app.api')).profile, 'private');
    assert.equal(auto.profileOf(byAddress(auto, 'heroku_app.loose')).profile, 'common');
    assert.equal(moduleProfileOf(auto).reason, 'the module declares Private Space heroku_space.main');
    const configured = moduleFrom(files, { configProfile: 'shield' }).graph;
    assert.equal(configured.profileOf(byAddress(configured, 'heroku_app.api')).profile, 'shield');
    assert.equal(configured.profileOf(byAddress(configured, 'heroku_addon.db')).reason, 'set in .heroku-compliance.yml');
    assert.equal(moduleProfileOf(configured).profile, 'shield');
    const common = moduleFrom(fixtureFiles('common-module')).graph;
    assert.equal(common.profileOf(byAddress(common, 'heroku_app.api')).profile, 'common');
    assert.equal(moduleFrom(fixtureFiles('common-module'), { configProfile: 'private' }).graph.profileOf(byAddress(common, 'heroku_app.api')).profile, 'private');
    assert.equal(moduleFrom(fixtureFiles('common-module'), { configGeneration: 'fir' }).graph.generationOf(byAddress(common, 'heroku_app.api')), 'fir');
  });

  it('links for_each and count resources when all their instances point at the same target', () => {
    const { graph: g } = moduleFrom({
      'main.tf': `locals {
  apps = { api = "core", web = "edge" }
}
resource "heroku_space" "core" {
  count  = 1
  name   = "core"
  shield = var.env == "prod"
}
resource "heroku_space" "edge" {
  name = "edge"
}
variable "env" {}
resource "heroku_app" "same" {
  for_each = local.apps
  name     = each.key
  space    = each.key == "api" ? heroku_space.core[0].name : heroku_space.core[0].id
}
resource "heroku_app" "split" {
  for_each = local.apps
  name     = "split-\${each.key}"
  space    = each.value
}
resource "heroku_formation" "f" {
  for_each = local.apps
  app_id   = heroku_app.same[each.key].id
  type     = "web"
  quantity = 1
  size     = "private-s"
}
`,
      'terraform.tfvars': 'env = "prod"\n',
    });
    assert.equal(addressOf(g.spaceOf(byAddress(g, 'heroku_app.same'))), 'heroku_space.core');
    assert.equal(g.spaceOf(byAddress(g, 'heroku_app.split')), undefined);
    assert.equal(addressOf(g.appOf(byAddress(g, 'heroku_formation.f'))), 'heroku_app.same');
    assert.equal(g.profileOf(byAddress(g, 'heroku_formation.f')).profile, 'shield');
    // Its instances are in different spaces, one of them Shield: the resource is checked as Shield.
    assert.equal(g.profileOf(byAddress(g, 'heroku_app.split')).profile, 'shield');
    assert.equal(g.profileOf(byAddress(g, 'heroku_space.edge')).profile, 'private');
  });

  it('leaves out resources with count = 0 from the links', () => {
    const { graph: g } = moduleFrom({
      'main.tf':
        'resource "heroku_space" "s" {\n  name = "s"\n  shield = true\n  count = 0\n}\nresource "heroku_app" "a" {\n  name = "a"\n}\nresource "heroku_drain" "d" {\n  count  = 0\n  app_id = heroku_app.a.id\n  url    = "syslog+tls://x:1"\n}\n',
    });
    assert.deepEqual(g.resourcesOfApp(byAddress(g, 'heroku_app.a'), 'heroku_drain'), []);
    assert.equal(g.profileOf(byAddress(g, 'heroku_app.a')).profile, 'common');
  });
});

describe('terraform rule helpers', () => {
  const files = fixtureFiles('shield-module');
  let documents: Document[];
  let tf: TerraformContext;
  before(() => {
    documents = sourceFiles(files).map((f) => Document.parse(f));
    tf = analyzeModule(documents, {});
  });
  const contextOf = (path: string): RuleContext => ({
    document: documents.find((d) => d.path === path)!,
    app: { dir: '' },
    profile: 'common',
    generation: 'cedar',
    terraform: tf,
    fileExists: () => undefined,
  });

  it('lists the resources, data sources and blocks of one file, in source order', () => {
    assert.deepEqual(resourcesIn(contextOf('apps.tf')).map(addressOf), ['heroku_app.api', 'heroku_app.web', 'heroku_app.worker', 'heroku_app.loose', 'heroku_app.somewhere', 'heroku_app.external']);
    assert.deepEqual(resourcesIn(contextOf('main.tf'), 'heroku_space').map(addressOf), ['heroku_space.secure', 'heroku_space.plain', 'heroku_space.fir']);
    assert.deepEqual(dataSourcesIn(contextOf('main.tf')).map(addressOf), ['data.heroku_space.external']);
    assert.deepEqual(blocksIn(contextOf('main.tf'), 'provider').map((b) => b.labels[0].value), ['heroku']);
    assert.deepEqual(blocksIn(contextOf('variables.tf'), 'variable').length, 6);
    assert.deepEqual(resourcesIn({ ...contextOf('apps.tf'), terraform: undefined }), []);
  });

  it('builds detections with the resource profile and the space that decides it', () => {
    const context = contextOf('attached.tf');
    const addon = resourcesIn(context, 'heroku_addon')[0];
    const detection = detectionFor(context, addon, headerSpan(addon.syntax), { x: 1 });
    assert.equal(detection.profile, 'shield');
    assert.equal(detection.related?.length, 1);
    const related = detection.related[0];
    assert.equal(related.path, 'main.tf');
    assert.equal(files['main.tf'].slice(related.start, related.end), 'shield       = var.shield_enabled');
    assert.equal(related.message, 'Shield space heroku_space.secure makes heroku_addon.db Shield.');
    const loose = resourcesIn(contextOf('apps.tf'), 'heroku_app')[3];
    const looseDetection = detectionFor(contextOf('apps.tf'), loose, loose.syntax, 0);
    assert.equal(looseDetection.profile, 'common');
    assert.equal(looseDetection.related, undefined);
    const web = resourcesIn(contextOf('apps.tf'), 'heroku_app')[1];
    const webDetection = detectionFor(contextOf('apps.tf'), web, web.syntax, 0);
    assert.equal(webDetection.profile, 'private');
    assert.equal(files['main.tf'].slice(webDetection.related![0].start, webDetection.related![0].end), 'resource "heroku_space" "plain"');
    const space = resourcesIn(contextOf('main.tf'), 'heroku_space')[0];
    assert.equal(detectionFor(contextOf('main.tf'), space, space.syntax, 0).related, undefined);
    const provider = blocksIn(contextOf('main.tf'), 'provider')[0];
    assert.equal(moduleDetection(contextOf('main.tf'), provider, 0).profile, 'shield');
  });
});

describe('terraform in lint', () => {
  it('builds one module per directory and gives Terraform files the module profile', () => {
    const files = sourceFiles({
      'infra/main.tf': 'resource "heroku_space" "s" {\n  name = "s"\n  shield = true\n}\n',
      'infra/apps.tf': 'resource "heroku_app" "a" {\n  name = "a"\n  space = heroku_space.s.name\n}\n',
      'other/main.tf': 'resource "heroku_app" "b" {\n  name = "b"\n}\n',
    });
    const result = lint({ files, only: ['HRK-TF-000'] });
    assert.deepEqual(
      result.apps.map((a) => [a.dir, a.profile.profile]),
      [
        ['infra', 'shield'],
        ['other', 'common'],
      ],
    );
    assert.deepEqual(result.failures, []);
  });

  it('finds secrets in Terraform string literals and template parts, with their keys', () => {
    const text = [
      'resource "heroku_app" "a" {',
      '  name = "a"',
      '  config_vars = {',
      '    SECRET_TOKEN = "s3cr3t-value-123"',
      '    "DATABASE_URL" = "postgres://u:${var.p}@host/db"',
      '  }',
      '}',
      'variable "db_password" {',
      '  default = "hunter2hunter2"',
      '}',
      '',
    ].join('\n');
    const document = Document.parse({ path: 'main.tf', kind: 'terraform', text });
    const sites = terraformStrings(document.hcl!, text, 'terraform');
    const pick = (key: string) => sites.filter((s) => s.key === key).map((s) => [s.value, text.slice(s.start, s.end), s.valueStart === undefined ? undefined : text.slice(s.valueStart, s.valueStart + s.value.length)]);
    assert.deepEqual(pick('SECRET_TOKEN'), [['s3cr3t-value-123', '"s3cr3t-value-123"', 's3cr3t-value-123']]);
    assert.deepEqual(pick('DATABASE_URL'), [
      ['postgres://u:', 'postgres://u:', 'postgres://u:'],
      ['@host/db', '@host/db', '@host/db'],
    ]);
    assert.deepEqual(pick('db_password'), [['hunter2hunter2', '"hunter2hunter2"', 'hunter2hunter2']]);
    const keySite = sites.find((s) => s.key === 'SECRET_TOKEN')!;
    assert.equal(text.slice(keySite.keyStart, keySite.keyEnd), 'SECRET_TOKEN');
    assert.ok(sites.every((s) => s.context === 'terraform'));
  });
});

describe('terraform robustness', () => {
  it('gives each TF finding the profile of its resource, with the deciding space as related location', () => {
    const { findings, failures } = lint({ files: sourceFiles(fixtureFiles('private-module')), profile: 'auto' });
    assert.deepEqual(failures, []);
    const tf = findings.filter((f) => f.ruleId.startsWith('HRK-TF-') && f.path === 'main.tf' && f.range.start.line === 12);
    assert.ok(tf.length > 0);
    for (const finding of tf) {
      assert.equal(finding.profile, 'private');
      assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.line]), [['main.tf', 1]]);
    }
  });

  it('never fails on truncated or broken modules', () => {
    const files = fixtureFiles('shield-module');
    const apps = files['attached.tf'];
    for (let cut = 0; cut < apps.length; cut += 97) {
      const broken = { ...files, 'attached.tf': apps.slice(0, cut), 'apps.tf': `${files['apps.tf']}\nresource "heroku_app" "x" {\n  name = "\${local.prefix`, 'extra.tf': '}}} = {\nlocals {\n  a = [1, 2\n' };
      const result = lint({ files: sourceFiles(broken), profile: 'auto' });
      assert.deepEqual(result.failures, [], `cut at ${cut}`);
    }
  });

  it('lints a 100,000-line module in seconds', () => {
    let text = 'resource "heroku_space" "s" {\n  name   = "s"\n  shield = var.shield\n}\nvariable "shield" {\n  default = true\n}\nlocals {\n  prefix = "acme"\n}\n';
    for (let i = 0; i < 6300; i++) {
      text += `resource "heroku_app" "a${i}" {\n  name   = "\${local.prefix}-a${i}"\n  region = "virginia"\n  space  = heroku_space.s.name\n  config_vars = {\n    LOG_LEVEL = "info"\n  }\n}\n`;
      text += `resource "heroku_addon" "a${i}" {\n  app_id = heroku_app.a${i}.id\n  plan   = "heroku-postgresql:essential-0"\n}\n`;
      text += `resource "heroku_drain" "a${i}" {\n  app_id = heroku_app.a${i}.id\n  url    = "syslog://logs.example.com:514"\n}\n`;
    }
    const lines = text.split('\n').length;
    assert.ok(lines >= 100_000, String(lines));
    const started = Date.now();
    const { findings, failures } = lint({ files: [{ path: 'big/main.tf', kind: 'terraform', text }], profile: 'auto' });
    const elapsed = Date.now() - started;
    assert.deepEqual(failures, []);
    assert.ok(findings.some((f) => f.ruleId === 'HRK-TF-015' && f.profile === 'shield'));
    assert.ok(elapsed < 30_000, `${lines} lines took ${elapsed} ms`);
  });
});

describe('terraform suppressions', () => {
  it('honours # and // directives with a reason on Terraform findings', () => {
    const module = (comment: string) =>
      sourceFiles({
        'main.tf': `resource "heroku_space" "s" {\n  name         = "s"\n  organization = "acme"\n}\n\nresource "heroku_space_inbound_ruleset" "s" {\n  space = heroku_space.s.id\n  rule {\n    action = "allow"\n    ${comment}\n    source = "0.0.0.0/0"\n  }\n}\n`,
      });
    const count = (comment: string) => lint({ files: module(comment), profile: 'shield', only: ['HRK-TF-011'] }).findings.length;
    assert.equal(count('# nothing here'), 1);
    assert.equal(count('# heroku-compliance-ignore HRK-TF-011: public marketing site'), 0);
    assert.equal(count('// heroku-compliance-ignore HRK-TF-011: public marketing site'), 0);
    assert.equal(count('// heroku-compliance-ignore HRK-TF-011'), 1);
  });
});

describe('instances in different spaces', () => {
  it('makes the resource Shield when one instance runs in a Shield space', () => {
    const { graph: g } = moduleFrom({
      'main.tf': `resource "heroku_space" "secure" {
  name   = "acme-secure"
  shield = true
}
resource "heroku_space" "main" {
  name = "acme-main"
}
resource "heroku_app" "svc" {
  for_each = { phi = "acme-secure", ops = "acme-main" }
  name     = "acme-\${each.key}"
  space    = each.value
}
resource "heroku_addon" "db" {
  app_id = heroku_app.svc["phi"].id
  plan   = "heroku-postgresql:private-0"
}
resource "heroku_addon" "ops" {
  app_id = heroku_app.svc["ops"].id
  plan   = "heroku-postgresql:private-0"
}
resource "heroku_app" "plain" {
  for_each = { a = "acme-main", b = "acme-main" }
  name     = "plain-\${each.key}"
  space    = each.value
}
`,
    });
    const svc = g.profileOf(byAddress(g, 'heroku_app.svc'));
    assert.equal(svc.profile, 'shield');
    assert.equal(addressOf(svc.decidedBy), 'heroku_space.secure');
    assert.equal(g.profileOf(byAddress(g, 'heroku_addon.db')).profile, 'shield');
    assert.equal(g.profileOf(byAddress(g, 'heroku_app.plain')).profile, 'private');
    // A resource that names one instance runs where that instance runs.
    assert.equal(addressOf(g.runtimeSpaceOf(byAddress(g, 'heroku_addon.db'))), 'heroku_space.secure');
    assert.equal(addressOf(g.runtimeSpaceOf(byAddress(g, 'heroku_addon.ops'))), 'heroku_space.main');
    assert.equal(g.profileOf(byAddress(g, 'heroku_addon.ops')).profile, 'private');
  });
});
