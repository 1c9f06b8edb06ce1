/**
 * The shortcuts of the Terraform analysis after parsing (bench/README.md, figures 1 and 2) give exactly what the
 * general code gives:
 * - lint() of a module whose sibling files keep their parsed models, after one file was edited, equals a lint of
 *   freshly parsed files (per-module memos never leak from one lint into the next);
 * - the string sites and line index kept with a pre-parsed model serve only the same text and kind;
 * - resourcesIn() lists, built once per module, file and type, equal a filter of the module's resources;
 * - an attribute read by name is the first one written with that name, and the same view every time;
 * - HRK-TF-003's memo of reasons by key and value reports every app that merges a shared map, and tells a
 *   literal, a variable and null apart under the same key;
 * - dedupeSorted() equals the key-based de-duplication, and isVerbatim() the slice comparison it replaces.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Document } from '../../../../src/engine/document';
import { compareFindings, dedupeByKey, dedupeSorted, lint } from '../../../../src/engine/lint';
import { loadTerraformParser, parseHcl } from '../../../../src/engine/parsers/terraform';
import type { RuleContext } from '../../../../src/engine/rule';
import { isVerbatim } from '../../../../src/engine/sites';
import { existenceKnown, resourcesIn } from '../../../../src/engine/terraform/index';
import type { Finding, SourceFile } from '../../../../src/engine/types';
import { moduleFrom } from './helpers';

before(async () => {
  await loadTerraformParser();
});

/** A module of three files in which most TF rules find something, shared maps included. */
function moduleFiles(services: number): Record<string, string> {
  const main = [
    'provider "heroku" {}',
    'locals {\n  common = {\n    LANG = "en_US.UTF-8"\n    STRIPE_SECRET_KEY = "sk_live_4f9Xq2Lm8Rt6Yp3Wz7Kd1Hs5"\n  }\n}',
    'resource "heroku_space" "main" {\n  name         = "main"\n  organization = "acme"\n  region       = "virginia"\n  shield       = true\n}',
  ];
  for (let i = 0; i < services; i++) {
    main.push(
      [
        `resource "heroku_app" "svc_${i}" {`,
        `  name   = "svc-${i}"`,
        '  region = "virginia"',
        i % 2 === 0 ? '  space  = heroku_space.main.id' : '',
        `  stack  = "${i % 3 === 0 ? 'heroku-20' : 'heroku-24'}"`,
        '  organization {',
        '    name   = "acme"',
        `    locked = ${i % 2 === 0}`,
        '  }',
        '  config_vars = merge(local.common, {',
        '    DATABASE_PASSWORD = var.db_password',
        `    API_TOKEN         = "${i % 4 === 0 ? 'tok_9f8e7d6c5b4a39281706' : 'changeme'}"`,
        '  })',
        '}',
        `resource "heroku_addon" "db_${i}" {\n  app_id = heroku_app.svc_${i}.id\n  plan   = "heroku-postgresql:${i % 2 === 0 ? 'essential-0' : 'private-0'}"\n}`,
        `resource "heroku_drain" "logs_${i}" {\n  count  = ${i % 3 === 0 ? 2 : 1}\n  app_id = heroku_app.svc_${i}.id\n  url    = "syslog://user:hunter2secret@logs.example.net:514"\n}`,
        `resource "heroku_formation" "web_${i}" {\n  app_id = heroku_app.svc_${i}.id\n  type   = "web"\n  size   = "standard-1x"\n}`,
      ]
        .filter((line) => line !== '')
        .join('\n'),
    );
  }
  return {
    'infra/main.tf': `${main.join('\n\n')}\n`,
    'infra/variables.tf': 'variable "db_password" {\n  type = string\n}\n\nvariable "heroku_api_token" {\n  type = string\n}\n',
    'infra/outputs.tf': 'output "db_url" {\n  value = heroku_addon.db_0.config_var_values\n}\n',
  };
}

function sources(files: Record<string, string>, models?: ReadonlyMap<string, SourceFile['hcl']>): SourceFile[] {
  return Object.entries(files).map(([path, text]) => ({ path, text, kind: 'terraform' as const, hcl: models?.get(path) ?? parseHcl(text) }));
}

describe('lint after an edit, with the unchanged files models kept', () => {
  it('equals a lint of freshly parsed files, edit after edit', () => {
    const files = moduleFiles(8);
    const models = new Map(Object.entries(files).map(([path, text]) => [path, parseHcl(text)]));
    const first = lint({ files: sources(files, models), profile: 'auto' });
    assert.ok(first.findings.length > 20, 'the module exercises many rules');
    const edits: [string, string][] = [
      ['locked = true', 'locked = false'],
      ['"heroku-24"', '"heroku-18"'],
      ['shield       = true', 'shield       = false'],
      ['count  = 2', 'count  = 0'],
    ];
    let current = files;
    for (const [from, to] of edits) {
      current = { ...current, 'infra/main.tf': current['infra/main.tf'].replace(from, to) };
      models.set('infra/main.tf', parseHcl(current['infra/main.tf']));
      for (const profile of ['auto', 'shield'] as const) {
        const kept = lint({ files: sources(current, models), profile });
        const fresh = lint({ files: sources(current), profile });
        assert.deepEqual(kept, fresh, `after ${from} → ${to} (${profile})`);
      }
    }
    // Linting the same models again gives the same result.
    assert.deepEqual(lint({ files: sources(current, models), profile: 'auto' }), lint({ files: sources(current, models), profile: 'auto' }));
  });
});

describe('data kept with a pre-parsed model', () => {
  it('reuses the string sites and line index of the same model and text, and only of those', () => {
    const text = 'resource "heroku_app" "a" {\n  config_vars = { API_KEY = "x-${var.k}" }\n}\n';
    const hcl = parseHcl(text);
    const first = Document.parse({ path: 'main.tf', text, kind: 'terraform', hcl });
    const again = Document.parse({ path: 'other/main.tf', text, kind: 'terraform', hcl });
    assert.equal(again.strings(), first.strings());
    assert.equal(again.lines, first.lines);
    const fresh = Document.parse({ path: 'main.tf', text, kind: 'terraform' });
    assert.deepEqual(first.strings(), fresh.strings());
    // Another kind or another text with the same model object: computed for that text and kind.
    const asTfvars = Document.parse({ path: 'main.tfvars', text, kind: 'tfvars', hcl });
    assert.notEqual(asTfvars.strings(), first.strings());
    assert.deepEqual(asTfvars.strings(), Document.parse({ path: 'main.tfvars', text, kind: 'tfvars' }).strings());
    const longer = `${text}\n`;
    const edited = Document.parse({ path: 'main.tf', text: longer, kind: 'terraform', hcl });
    assert.notEqual(edited.lines, first.lines);
    assert.equal(edited.lines.lineCount, first.lines.lineCount + 1);
  });
});

describe('resourcesIn', () => {
  it('equals the resources of the file and type whose existence is known, and keeps its list', () => {
    const terraform = moduleFrom({
      'main.tf': [
        'variable "n" {}',
        'resource "heroku_app" "a" {\n  name = "a"\n}',
        'resource "heroku_app" "b" {\n  count = var.n\n  name  = "b"\n}',
        'resource "heroku_app" "c" {\n  count = 0\n  name  = "c"\n}',
        'resource "heroku_app" "d" {\n  for_each = toset(["x", "y"])\n  name     = each.key\n}',
        'resource "heroku_addon" "e" {\n  app_id = heroku_app.a.id\n  plan   = "heroku-redis:mini"\n}',
      ].join('\n'),
      'other.tf': 'resource "heroku_app" "f" {\n  name = "f"\n}\n',
    });
    for (const path of ['main.tf', 'other.tf']) {
      const document = terraform.module.resources.find((r) => r.document.path === path)!.document;
      const context = { document, terraform } as unknown as RuleContext;
      for (const type of [undefined, 'heroku_app', 'heroku_addon', 'heroku_space']) {
        const expected = terraform.module.resources.filter(
          (r) => r.document === document && (type === undefined || r.type === type) && r.instances.length > 0 && existenceKnown(context, r),
        );
        const listed = resourcesIn(context, type);
        assert.deepEqual(
          listed.map((r) => r.address),
          expected.map((r) => r.address),
          `${path} ${type ?? 'all'}`,
        );
        assert.equal(resourcesIn(context, type), listed, 'the same list the second time');
      }
    }
    const main = terraform.module.resources[0].document;
    assert.deepEqual(
      resourcesIn({ document: main, terraform } as unknown as RuleContext, 'heroku_app').map((r) => r.address),
      ['heroku_app.a', 'heroku_app.d'],
    );
  });
});

describe('attributes by name', () => {
  it('reads the first attribute of a name written twice, and returns the same view each time', () => {
    const { module } = moduleFrom({ 'main.tf': 'resource "heroku_app" "a" {\n  name = "first"\n  acm  = true\n  name = "second"\n}\n' });
    const app = module.resource('heroku_app.a')!;
    const name = app.attribute('name');
    assert.equal(name?.value.kind === 'string' && name.value.value, 'first');
    assert.equal(app.attribute('name'), name);
    assert.equal(app.instances[0].attribute('name'), name);
    assert.equal(app.attribute('space'), undefined);
    assert.equal(app.attribute('acm')?.syntax.name, 'acm');
  });
});

describe('HRK-TF-003 with shared maps', () => {
  it('reports the shared secret in every app that merges it, and each key by its own value', () => {
    const files = {
      'infra/main.tf': [
        'variable "token" {}',
        'locals {\n  shared = {\n    STRIPE_SECRET_KEY = "sk_live_4f9Xq2Lm8Rt6Yp3Wz7Kd1Hs5"\n    LANG = "en"\n  }\n}',
        'resource "heroku_app" "a" {\n  name        = "a"\n  config_vars = merge(local.shared, { API_TOKEN = var.token })\n}',
        'resource "heroku_app" "b" {\n  name        = "b"\n  config_vars = merge(local.shared, { API_TOKEN = "plainvalue-1234567" })\n}',
        'resource "heroku_app" "c" {\n  name        = "c"\n  config_vars = merge(local.shared, { API_TOKEN = null })\n}',
        'resource "heroku_app" "d" {\n  name        = "d"\n  config_vars = merge(local.shared, { API_TOKEN = 42 })\n}',
      ].join('\n'),
    };
    const findings = lint({ files: sources(files), profile: 'common', only: ['HRK-TF-003'] }).findings;
    const seen = findings.map((f) => `${/heroku_app\.(\w)/.exec(f.message)?.[1]} ${/STRIPE_SECRET_KEY|API_TOKEN/.exec(f.message)?.[0]}`);
    assert.deepEqual(seen.sort(), ['a API_TOKEN', 'a STRIPE_SECRET_KEY', 'b API_TOKEN', 'b STRIPE_SECRET_KEY', 'c STRIPE_SECRET_KEY', 'd STRIPE_SECRET_KEY']);
  });
});

describe('dedupeSorted', () => {
  function finding(path: string, start: number, end: number, ruleId: string, message: string): Finding {
    const position = (offset: number) => ({ offset, line: 1, column: offset + 1 });
    return { ruleId, severity: 'low', message, path, range: { start: position(start), end: position(end) }, related: [], profile: 'common' };
  }

  it('equals the key-based de-duplication on sorted findings with many repeats', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const findings: Finding[] = [];
      for (let i = 0; i < 40; i++) {
        const start = random(6);
        findings.push(finding(`f${random(2)}.tf`, start, start + random(3), `HRK-TF-00${random(3)}`, `message ${random(3)}`));
      }
      findings.sort(compareFindings);
      assert.deepEqual(dedupeSorted(findings), dedupeByKey(findings));
    }
  });

  it('falls back to keys for NaN offsets', () => {
    const findings = [finding('a.tf', NaN, 1, 'HRK-TF-001', 'm'), finding('a.tf', 0, 1, 'HRK-TF-001', 'm'), finding('a.tf', NaN, 1, 'HRK-TF-001', 'm')];
    assert.deepEqual(dedupeSorted(findings), dedupeByKey(findings));
    assert.equal(dedupeSorted(findings).length, 2);
  });
});

describe('isVerbatim', () => {
  it('equals comparing the slice', () => {
    const text = 'ab"cd\\"e"f${x}g';
    const values = ['', 'a', 'ab', 'cd', 'cd"e', 'cd\\"e', 'f', 'g', 'zz', 'ab"cd\\"e"f${x}g', 'ab"cd\\"e"f${x}gh'];
    for (let start = -2; start <= text.length + 1; start++) {
      for (let end = start - 1; end <= text.length + 2; end++) {
        for (const value of values) {
          assert.equal(isVerbatim(text, value, start, end), text.slice(start, end) === value, `${start} ${end} ${value}`);
        }
      }
    }
  });

  it('marks escaped template literals as not verbatim in the strings of a file', () => {
    const text = 'resource "heroku_app" "a" {\n  name = "x\\ty-${var.n}"\n}\n';
    const document = Document.parse({ path: 'main.tf', text, kind: 'terraform', hcl: parseHcl(text) });
    const sites = document.strings().filter((s) => s.key === 'name');
    assert.deepEqual(
      sites.map((s) => [s.value, s.valueStart === undefined]),
      [['x\ty-', true]],
    );
  });
});
