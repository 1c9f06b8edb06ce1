/** Static evaluation of Terraform values: variables and tfvars, locals, templates, functions, operators, references, count/for_each/dynamic, cycles. */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadTerraformParser } from '../../../../src/engine/parsers/terraform';
import { isKnown, stringValue } from '../../../../src/engine/terraform/index';
import { evaluateAll, fixtureFiles, moduleFrom, output, plain } from './helpers';

before(async () => {
  await loadTerraformParser();
});

describe('terraform variables', () => {
  it('takes the default, then terraform.tfvars, then *.auto.tfvars in lexical order (later wins)', () => {
    const { module } = moduleFrom(fixtureFiles('shield-module'));
    const env = module.variable('env');
    assert.equal(stringValue(env?.value), 'prod');
    assert.equal(env?.valueSource?.path, 'b.auto.tfvars');
    assert.deepEqual(plain(module.variable('shield_enabled')?.value), true);
    assert.equal(module.variable('shield_enabled')?.valueSource?.path, 'terraform.tfvars');
    assert.deepEqual(plain(module.variable('team')?.value), 'acme');
    assert.equal(module.variable('team')?.valueSource?.path, 'variables.tf');
    assert.deepEqual(plain(module.variable('cidrs')?.value), ['203.0.113.0/24', '198.51.100.0/24']);
  });

  it('is unknown without a value anywhere, and ignores tfvars files Terraform does not load', () => {
    const { module } = moduleFrom({
      'variables.tf': 'variable "a" {}\nvariable "b" {\n  default = "x"\n}\nvariable "c" {\n  sensitive = true\n  default = null\n}\n',
      'prod.tfvars': 'a = "from-prod"\nb = "y"\n',
      'terraform.tfvars': 'undeclared = "z"\n',
    });
    assert.equal(plain(module.variable('a')?.value), '<unknown>');
    assert.equal(module.variable('a')?.valueSource, undefined);
    assert.equal(plain(module.variable('b')?.value), 'x');
    assert.equal(plain(module.variable('c')?.value), null);
    assert.equal(module.variable('c')?.sensitive, true);
    assert.equal(module.variable('a')?.sensitive, false);
    assert.equal(module.variable('undeclared'), undefined);
  });

  it('reads JSON variable files in Terraform\'s order: .tfvars, .tfvars.json, then *.auto.tfvars(.json)', () => {
    const { module } = moduleFrom({
      'variables.tf': 'variable "drain" {}\nvariable "sizes" {}\nvariable "region" {}\n',
      'terraform.tfvars': 'drain = "syslog://logs.example.net:514"\nregion = "us"\n',
      'terraform.tfvars.json': '{ "drain": "syslog+tls://logs.example.net:6514", "sizes": { "web": "private-m" } }',
      'z.auto.tfvars.json': '{ "region": "virginia" }',
    });
    assert.equal(plain(module.variable('drain')?.value), 'syslog+tls://logs.example.net:6514');
    assert.equal(module.variable('drain')?.valueSource?.path, 'terraform.tfvars.json');
    assert.deepEqual(plain(module.variable('sizes')?.value), { web: 'private-m' });
    assert.equal(plain(module.variable('region')?.value), 'virginia');
  });

  it('lets terraform.tfvars lose against *.auto.tfvars whatever the names sort to', () => {
    const { module } = moduleFrom({
      'v.tf': 'variable "x" {}\n',
      'terraform.tfvars': 'x = "tfvars"\n',
      '0first.auto.tfvars': 'x = "auto"\n',
    });
    assert.equal(plain(module.variable('x')?.value), 'auto');
  });

  it('resolves var.* inside expressions', () => {
    const values = evaluateAll({ a: 'var.name', b: 'var.missing', c: 'var.obj.key', d: 'var.list[1]' }, {
      'v.tf': 'variable "name" {\n  default = "api"\n}\nvariable "obj" {\n  default = { key = "v" }\n}\nvariable "list" {\n  default = ["a", "b"]\n}\n',
    });
    assert.deepEqual(values, { a: 'api', b: '<unknown>', c: 'v', d: 'b' });
  });
});

describe('terraform locals and templates', () => {
  it('resolves locals across files, and templates when every part is known', () => {
    const { module } = moduleFrom(fixtureFiles('shield-module'));
    const api = module.resource('heroku_app.api');
    assert.equal(stringValue(api?.attribute('name')?.value), 'acme-prod-api');
    const space = module.resource('heroku_space.secure');
    assert.equal(stringValue(space?.attribute('name')?.value), 'acme-prod-secure');
  });

  it('makes a template with an unknown part unknown', () => {
    const values = evaluateAll(
      { known: '"${var.env}-api"', unknown: '"${var.nothing}-api"', number: '"n=${1 + 2}"', bool: '"${true}"', list: '"${[1]}"', directive: '"%{ if true }x%{ endif }"' },
      { 'v.tf': 'variable "env" {\n  default = "prod"\n}\nvariable "nothing" {}\n' },
    );
    assert.deepEqual(values, { known: 'prod-api', unknown: '<unknown>', number: 'n=3', bool: 'true', list: '<unknown>', directive: '<unknown>' });
  });

  it('evaluates heredocs', () => {
    const values = evaluateAll({ h: '<<-EOT\n    hello ${local.who}\n    EOT' }, { 'l.tf': 'locals {\n  who = "world"\n}\n' });
    assert.deepEqual(values, { h: 'hello world\n' });
  });

  it('makes cycles unknown without hanging', () => {
    const values = evaluateAll(
      { a: 'local.a', b: 'local.b', self: 'local.self', after: 'local.after' },
      { 'l.tf': 'locals {\n  a = local.b\n  b = "${local.a}x"\n  self = local.self\n  after = "${local.c}!"\n  c = "ok"\n}\n' },
    );
    assert.deepEqual(values, { a: '<unknown>', b: '<unknown>', self: '<unknown>', after: 'ok!' });
  });

  it('follows long chains of locals and bounds the depth of very long ones', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `  l${i} = ${i === n - 1 ? '"end"' : `local.l${i + 1}`}`).join('\n');
    assert.deepEqual(evaluateAll({ v: 'local.l0' }, { 'l.tf': `locals {\n${chain(40)}\n}\n` }), { v: 'end' });
    assert.deepEqual(evaluateAll({ v: 'local.l0' }, { 'l.tf': `locals {\n${chain(5000)}\n}\n` }), { v: '<unknown>' });
  });

  it('survives deeply nested expressions', () => {
    const deep = `${'('.repeat(400)}1${')'.repeat(400)}`;
    const sum = Array.from({ length: 3000 }, () => '1').join(' + ');
    const values = evaluateAll({ deep, sum, list: `${'['.repeat(300)}${']'.repeat(300)}` });
    // Too deep to evaluate, or refused by the parser: never a crash.
    for (const value of Object.values(values)) assert.ok(value === '<unknown>' || value === '<absent>' || typeof value === 'number' || Array.isArray(value));
  });
});

describe('terraform functions and operators', () => {
  it('evaluates pure functions when every argument is known', () => {
    const values = evaluateAll(
      {
        lower: 'lower("ABC")',
        upper: 'upper("abc")',
        format: 'format("%s-%d-%v%%", "a", 2, true)',
        join: 'join(",", ["a", "b"], ["c"])',
        concat: 'concat(["a"], ["b", "c"])',
        merge: 'merge({ a = 1, b = 2 }, { b = 3 })',
        tostring: 'tostring(12)',
        tonumber: 'tonumber("12")',
        tobool: 'tobool("true")',
        coalesce: 'coalesce("", null, "x")',
        lookup: 'lookup({ a = "1" }, "b", "fallback")',
        lookupHit: 'lookup({ a = "1" }, "a")',
        try: 'try(var.known, "fallback")',
        element: 'element(["a", "b"], 3)',
        length: 'length({ a = 1, b = 2 })',
        replace: 'replace("a-b-c", "-", "_")',
        trimspace: 'trimspace("  x  ")',
        jsonencode: 'jsonencode({ b = [1, true], a = null })',
        toset: 'toset(["a", "a", "b"])',
        contains: 'contains(["a", "b"], "b")',
        keys: 'keys({ b = 1, a = 2 })',
        split: 'split(",", "a,b")',
        substr: 'substr("hello", 1, 3)',
        min: 'min(3, 1, 2)',
      },
      { 'v.tf': 'variable "missing" {}\nvariable "known" {\n  default = "given"\n}\n' },
    );
    assert.deepEqual(values, {
      lower: 'abc',
      upper: 'ABC',
      format: 'a-2-true%',
      join: 'a,b,c',
      concat: ['a', 'b', 'c'],
      merge: { a: 1, b: 3 },
      tostring: '12',
      tonumber: 12,
      tobool: true,
      coalesce: 'x',
      lookup: 'fallback',
      lookupHit: '1',
      try: 'given',
      element: 'b',
      length: 2,
      replace: 'a_b_c',
      trimspace: 'x',
      jsonencode: '{"a":null,"b":[1,true]}',
      toset: ['a', 'b'],
      contains: true,
      keys: ['a', 'b'],
      split: ['a', 'b'],
      substr: 'ell',
      min: 1,
    });
  });

  it('is unknown for other functions and for unknown arguments', () => {
    const values = evaluateAll(
      { file: 'file("key.pem")', timestamp: 'timestamp()', tryUnknown: 'try(var.missing.field, "fallback")', lowerVar: 'lower(var.missing)', coalesceFirst: 'coalesce(var.missing, "x")', regex: 'replace("abc", "/b/", "x")', forExpr: '[for s in ["a"] : upper(s)]' },
      { 'v.tf': 'variable "missing" {}\n' },
    );
    assert.deepEqual(values, { file: '<unknown>', timestamp: '<unknown>', tryUnknown: '<unknown>', lowerVar: '<unknown>', coalesceFirst: '<unknown>', regex: '<unknown>', forExpr: '<unknown>' });
  });

  it('evaluates operators and conditionals', () => {
    const values = evaluateAll(
      {
        eq: '"a" == "a"',
        neq: '1 != 2',
        typed: '"1" == 1',
        and: 'true && false',
        orUnknown: 'var.missing || true',
        andUnknown: 'var.missing && true',
        not: '!false',
        arithmetic: '(1 + 2) * 3 - 4 / 2 % 3',
        negative: '-5',
        compare: '2 >= 2',
        cond: 'var.env == "prod" ? "big" : "small"',
        condUnknown: 'var.missing ? "a" : "b"',
      },
      { 'v.tf': 'variable "env" {\n  default = "prod"\n}\nvariable "missing" {}\n' },
    );
    assert.deepEqual(values, {
      eq: true,
      neq: true,
      typed: false,
      and: false,
      orUnknown: true,
      andUnknown: '<unknown>',
      not: true,
      arithmetic: 7,
      negative: -5,
      compare: true,
      cond: 'big',
      condUnknown: '<unknown>',
    });
  });
});

describe('terraform references', () => {
  const files = {
    'main.tf': [
      'resource "heroku_space" "main" {\n  name = "${local.team}-space"\n}',
      'resource "heroku_app" "api" {\n  name  = "api"\n  space = heroku_space.main.name\n}',
      'data "heroku_space" "ext" {\n  name = "ext"\n}',
      'locals {\n  team = "acme"\n}',
    ].join('\n'),
  };

  it('reads written attributes with their origin, and computed ones as refs', () => {
    const values = evaluateAll(
      { name: 'heroku_space.main.name', id: 'heroku_app.api.id', chained: 'heroku_app.api.space', data: 'data.heroku_space.ext.id', dataName: 'data.heroku_space.ext.name', missing: 'heroku_app.nope.id', self: 'path.module' },
      files,
    );
    assert.deepEqual(values, {
      name: 'acme-space',
      id: '<ref heroku_app.api.id>',
      chained: 'acme-space',
      data: '<unknown>',
      dataName: '<unknown>',
      missing: '<unknown>',
      self: '<unknown>',
    });
    const { module } = moduleFrom(files);
    const space = module.resource('heroku_app.api')?.attribute('space')?.value;
    assert.deepEqual(space && 'from' in space ? space.from : undefined, { address: 'heroku_space.main', attribute: 'name' });
    assert.equal(isKnown(module.evaluate({ kind: 'traversal', root: 'heroku_app', rootSpan: { start: 0, end: 0 }, traversers: [
      { kind: 'attr', name: 'api', span: { start: 0, end: 0 } },
      { kind: 'attr', name: 'id', span: { start: 0, end: 0 } },
    ], start: 0, end: 0 })), false);
    assert.equal(module.resource('data.heroku_space.ext')?.mode, 'data');
    assert.equal(module.resources.some((r) => r.mode === 'data'), false);
  });

  it('makes cycles between resource attributes unknown', () => {
    const values = evaluateAll(
      { a: 'heroku_app.a.name' },
      { 'main.tf': 'resource "heroku_app" "a" {\n  name = heroku_app.b.name\n}\nresource "heroku_app" "b" {\n  name = heroku_app.a.name\n}\n' },
    );
    assert.deepEqual(values, { a: '<ref heroku_app.a.name>' });
  });
});

describe('terraform count, for_each and dynamic blocks', () => {
  it('expands a static count with count.index bound, and count = 0 to nothing', () => {
    const { module } = moduleFrom({
      'main.tf': [
        'resource "heroku_app" "n" {\n  count = 2\n  name  = "app-${count.index}"\n}',
        'resource "heroku_app" "none" {\n  count = var.enabled ? 1 : 0\n  name  = "x"\n}',
        'resource "heroku_app" "maybe" {\n  count = var.unknown ? 1 : 0\n  name  = "m-${count.index}"\n  region = "us"\n}',
        'variable "enabled" {\n  default = false\n}\nvariable "unknown" {}',
        'output "second" {\n  value = heroku_app.n[1].name\n}',
        'output "anyId" {\n  value = heroku_app.n[0].id\n}',
      ].join('\n'),
    });
    const n = module.resource('heroku_app.n')!;
    assert.deepEqual(n.instances.map((i) => plain(i.attribute('name')?.value)), ['app-0', 'app-1']);
    assert.equal(plain(n.attribute('name')?.value), '<unknown>');
    assert.equal(module.resource('heroku_app.none')!.instances.length, 0);
    const maybe = module.resource('heroku_app.maybe')!;
    assert.equal(maybe.instances.length, 1);
    assert.equal(plain(maybe.instances[0].attribute('name')?.value), '<unknown>');
    assert.equal(plain(maybe.attribute('region')?.value), 'us');
    assert.equal(output(module, 'second'), 'app-1');
    assert.equal(output(module, 'anyId'), '<ref heroku_app.n.id>');
  });

  it('expands a static for_each over a map or a set with each.key and each.value', () => {
    const { module } = moduleFrom({
      'main.tf': [
        'resource "heroku_app" "m" {\n  for_each = { api = "us", web = "eu" }\n  name   = each.key\n  region = each.value\n}',
        'resource "heroku_app" "s" {\n  for_each = toset(["a", "b"])\n  name = "${each.value}-${each.key}"\n}',
        'resource "heroku_app" "u" {\n  for_each = var.apps\n  name  = each.key\n  stack = "heroku-24"\n}',
        'resource "heroku_app" "e" {\n  for_each = {}\n  name = "x"\n}',
        'variable "apps" {}',
        'output "web" {\n  value = heroku_app.m["web"].region\n}',
      ].join('\n'),
    });
    const m = module.resource('heroku_app.m')!;
    assert.deepEqual(m.instances.map((i) => [plain(i.attribute('name')?.value), plain(i.attribute('region')?.value)]), [['api', 'us'], ['web', 'eu']]);
    assert.deepEqual(module.resource('heroku_app.s')!.instances.map((i) => plain(i.attribute('name')?.value)), ['a-a', 'b-b']);
    const u = module.resource('heroku_app.u')!;
    assert.equal(u.instances.length, 1);
    assert.equal(plain(u.instances[0].attribute('name')?.value), '<unknown>');
    assert.equal(plain(u.attribute('stack')?.value), 'heroku-24');
    assert.equal(module.resource('heroku_app.e')!.instances.length, 0);
    assert.equal(output(module, 'web'), 'eu');
  });

  it('expands dynamic blocks with a static for_each, with the iterator bound', () => {
    const { module } = moduleFrom(fixtureFiles('shield-module'));
    const ruleset = module.resource('heroku_space_inbound_ruleset.secure')!;
    const rules = ruleset.blocks('rule');
    assert.deepEqual(rules.map((r) => [plain(r.attribute('action')?.value), plain(r.attribute('source')?.value), r.partial]), [
      ['allow', '203.0.113.0/24', false],
      ['allow', '198.51.100.0/24', false],
    ]);
    assert.equal(rules[0].syntax.type, 'content');
  });

  it('mixes static and dynamic blocks, renames iterators, nests dynamics and marks unknown ones partial', () => {
    const { module } = moduleFrom({
      'main.tf': `resource "heroku_space_inbound_ruleset" "r" {
  space = "s"
  rule {
    action = "deny"
    source = "10.0.0.0/8"
  }
  dynamic "rule" {
    for_each = { office = "1.2.3.4/32" }
    iterator = cidr
    content {
      action = "allow"
      source = "\${cidr.value}-\${cidr.key}"
    }
  }
  dynamic "rule" {
    for_each = var.unknown
    content {
      action = "allow"
      source = "0.0.0.0/0"
    }
  }
}
resource "heroku_app" "a" {
  name = "a"
  dynamic "outer" {
    for_each = ["x", "y"]
    content {
      dynamic "inner" {
        for_each = [1, 2]
        content {
          v = "\${outer.value}\${inner.value}\${inner.key}"
        }
      }
    }
  }
}
variable "unknown" {}
`,
    });
    const rules = module.resource('heroku_space_inbound_ruleset.r')!.blocks('rule');
    assert.deepEqual(rules.map((r) => [plain(r.attribute('action')?.value), plain(r.attribute('source')?.value), r.partial]), [
      ['deny', '10.0.0.0/8', false],
      ['allow', '1.2.3.4/32-office', false],
      ['<unknown>', '<unknown>', true],
    ]);
    const inner = module.resource('heroku_app.a')!.blocks('outer').flatMap((o) => o.blocks('inner'));
    assert.deepEqual(inner.map((b) => plain(b.attribute('v')?.value)), ['x10', 'x21', 'y10', 'y21']);
  });
});
