/**
 * The Terraform parser (src/engine/parsers/terraform.ts): the HCL syntax model it builds, its syntax errors,
 * recovery after an error, bad input, incremental re-parsing and memory.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Document } from '../../../src/engine/document';
import { lint } from '../../../src/engine';
import { TOO_DEEP_MESSAGE } from '../../../src/engine/parsers/depth';
import { HclDocumentParser, isTerraformParserLoaded, loadTerraformParser, parseHcl } from '../../../src/engine/parsers/terraform';
import type { HclAttribute, HclBlock, HclBody, HclExpression, HclFile } from '../../../src/engine/terraform/hcl';
import { hclEditOf } from '../../helpers/hclEdit';

before(async () => {
  await loadTerraformParser();
  await loadTerraformParser(); // idempotent
});

function attr(body: HclBody, name: string): HclAttribute {
  const found = body.attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

function block(body: HclBody, type: string, ...labels: string[]): HclBlock {
  const found = body.blocks.find((b) => b.type === type && labels.every((l, i) => b.labels[i]?.value === l));
  assert.ok(found, `block ${type} ${labels.join(' ')}`);
  return found;
}

/** The single attribute of `locals { x = … }`. */
function valueOf(source: string): { expr: HclExpression; text: string } {
  const text = `locals {\n  x = ${source}\n}\n`;
  const file = parseHcl(text);
  assert.deepEqual(file.errors, [], `no error for ${source}`);
  return { expr: attr(block(file.body, 'locals').body, 'x').value, text };
}

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('loading', () => {
  it('is loaded once and reports it', () => {
    assert.equal(isTerraformParserLoaded(), true);
  });

  it('finds the wasm files in a given directory or falls back to the packages', async () => {
    await loadTerraformParser('/nonexistent');
    assert.equal(isTerraformParserLoaded(), true);
  });
});

describe('syntax model', () => {
  const text = [
    '# leading comment',
    'resource "heroku_app" "api" { // trailing',
    '  name   = "acme-api"',
    '  region = var.region /* inline */',
    '',
    '  organization {',
    '    name = "acme"',
    '  }',
    '}',
    '',
  ].join('\n');

  it('has blocks with type, labels, braces and spans', () => {
    const file = parseHcl(text);
    assert.deepEqual(file.errors, []);
    const app = block(file.body, 'resource', 'heroku_app', 'api');
    assert.equal(slice(text, app.typeSpan), 'resource');
    assert.deepEqual(
      app.labels.map((l) => [l.value, slice(text, l)]),
      [
        ['heroku_app', '"heroku_app"'],
        ['api', '"api"'],
      ],
    );
    assert.equal(text[(app.openBraceEnd as number) - 1], '{');
    assert.equal(text[app.closeBraceStart as number], '}');
    assert.ok(slice(text, app).startsWith('resource') && slice(text, app).endsWith('}'));
    const org = block(app.body, 'organization');
    assert.equal(slice(text, attr(org.body, 'name').value), '"acme"');
  });

  it('has attributes with name spans and values', () => {
    const app = block(parseHcl(text).body, 'resource');
    const name = attr(app.body, 'name');
    assert.equal(slice(text, name.nameSpan), 'name');
    assert.equal(slice(text, name), 'name   = "acme-api"');
    assert.deepEqual({ ...name.value, start: 0, end: 0 }, { kind: 'string', value: 'acme-api', valueStart: name.value.start + 1, start: 0, end: 0 });
  });

  it('lists the comments of all three styles', () => {
    assert.deepEqual(
      parseHcl(text).comments.map((c) => c.text),
      ['# leading comment', '// trailing', '/* inline */'],
    );
  });

  it('decodes strings; valueStart only when the value is verbatim', () => {
    const plain = valueOf('"héllo 😀"').expr;
    assert.equal(plain.kind === 'string' && plain.value, 'héllo 😀');
    assert.ok(plain.kind === 'string' && plain.valueStart === plain.start + 1);
    const escaped = valueOf('"a\\tb\\n\\"c\\" \\\\ \\u00e9 \\U0001F600 $${x} %%{y}"').expr;
    assert.equal(escaped.kind === 'string' && escaped.value, 'a\tb\n"c" \\ é 😀 ${x} %{y}');
    assert.equal(escaped.kind === 'string' && escaped.valueStart, undefined);
  });

  it('builds templates with literal, interpolation and directive parts, honouring strip markers', () => {
    const { expr, text: source } = valueOf('"app-${var.env}-%{ if var.x }a%{ endif } ${~ local.y ~} z"');
    assert.equal(expr.kind, 'template');
    if (expr.kind !== 'template') return;
    assert.equal(expr.heredoc, false);
    assert.deepEqual(
      expr.parts.map((p) => [p.kind, p.text ?? slice(source, p)]),
      [
        ['literal', 'app-'],
        ['interpolation', '${var.env}'],
        ['literal', '-'],
        ['directive', '%{ if var.x }a%{ endif }'],
        ['interpolation', '${~ local.y ~}'],
        ['literal', 'z'],
      ],
    );
  });

  it('reads heredocs, with `<<-` removing the common indentation', () => {
    const plain = valueOf('<<EOT\n  one\n    two\nEOT').expr;
    assert.equal(plain.kind === 'string' && plain.value, '  one\n    two\n');
    assert.ok(plain.kind === 'string' && plain.valueStart !== undefined);
    const flush = valueOf('<<-EOT\n    one\n      two\n\n    EOT').expr;
    assert.equal(flush.kind === 'string' && flush.value, 'one\n  two\n\n');
    assert.equal(flush.kind === 'string' && flush.valueStart, undefined);
    const template = valueOf('<<-EOT\n    hi ${var.name}\n    EOT').expr;
    assert.ok(template.kind === 'template' && template.heredoc);
    if (template.kind === 'template') assert.deepEqual(template.parts.map((p) => p.kind), ['literal', 'interpolation', 'literal']);
  });

  it('reads literals, collections and object keys', () => {
    assert.deepEqual(valueOf('1.5e3').expr.kind === 'number' && valueOf('1.5e3').expr, { kind: 'number', value: 1500, start: 15, end: 20 });
    assert.equal(valueOf('true').expr.kind, 'bool');
    assert.equal(valueOf('null').expr.kind, 'null');
    const tuple = valueOf('[1, "a", [],]').expr;
    assert.ok(tuple.kind === 'tuple' && tuple.items.length === 3);
    const { expr: object, text: source } = valueOf('{\n    plain = 1\n    "quoted" = 2\n    (var.k) = 3\n    "${var.p}-x" : 4\n  }');
    assert.equal(object.kind, 'object');
    if (object.kind !== 'object') return;
    assert.deepEqual(
      object.items.map((i) => [i.key.kind, i.key.kind === 'string' ? i.key.value : slice(source, i.key)]),
      [
        ['string', 'plain'],
        ['string', 'quoted'],
        ['traversal', '(var.k)'],
        ['template', '"${var.p}-x"'],
      ],
    );
  });

  it('reads traversals with attributes, indexes, legacy indexes and splats', () => {
    const { expr, text: source } = valueOf('data.heroku_space.s.outbound_ips[0].x[*].y.0');
    assert.equal(expr.kind, 'traversal');
    if (expr.kind !== 'traversal') return;
    assert.equal(expr.root, 'data');
    assert.equal(slice(source, expr.rootSpan), 'data');
    assert.deepEqual(
      expr.traversers.map((t) => (t.kind === 'attr' ? t.name : t.kind === 'index' ? `[${slice(source, t.key)}]` : '*')),
      ['heroku_space', 's', 'outbound_ips', '[0]', 'x', '*', 'y', '[0]'],
    );
    const attrSplat = valueOf('heroku_app.all.*.name').expr;
    assert.ok(attrSplat.kind === 'traversal' && attrSplat.traversers.map((t) => t.kind).join() === 'attr,splat,attr');
    const relative = valueOf('f(1)[0].name').expr;
    assert.ok(relative.kind === 'relative' && relative.source.kind === 'call' && relative.traversers.length === 2);
    const paren = valueOf('(local.obj).field').expr;
    assert.ok(paren.kind === 'relative' && paren.source.kind === 'traversal');
  });

  it('reads calls, conditionals, operations and for-expressions', () => {
    const call = valueOf('format("%s-%s", var.a, 1)').expr;
    assert.ok(call.kind === 'call' && call.name === 'format' && call.args.length === 3);
    assert.equal(valueOf('concat(var.lists...)').expr.kind, 'unknown', 'a spread call is not evaluated');
    const cond = valueOf('var.a ? "x" : "y"').expr;
    assert.ok(cond.kind === 'conditional' && cond.condition.kind === 'traversal' && cond.then.kind === 'string' && cond.otherwise.kind === 'string');
    const op = valueOf('1 + 2 * 3').expr;
    assert.ok(op.kind === 'operation' && op.operator === '+' && op.operands[1].kind === 'operation');
    const not = valueOf('!var.flag').expr;
    assert.ok(not.kind === 'operation' && not.operator === '!' && not.operands.length === 1);
    assert.equal(valueOf('[for s in var.l : upper(s) if s != ""]').expr.kind, 'for');
    assert.equal(valueOf('{ for k, v in var.m : k => v... }').expr.kind, 'for');
  });

  it('counts UTF-16 offsets and handles CRLF', () => {
    const source = 'locals {\r\n  "é😀" = 1\r\n  ok = "✓"\r\n}\r\n';
    const file = parseHcl(source.replace('"é😀" = 1', 'ünï = 1'));
    assert.deepEqual(file.errors, []);
    const ok = attr(block(file.body, 'locals').body, 'ok');
    const expected = source.replace('"é😀" = 1', 'ünï = 1');
    assert.equal(slice(expected, ok.value), '"✓"');
  });

  it('gives Document.hcl for .tf and .tfvars files only', () => {
    const tf = Document.parse({ path: 'main.tf', kind: 'terraform', text: 'locals {\n  a = 1\n}\n' });
    assert.equal(tf.hcl?.body.blocks.length, 1);
    assert.equal(Document.parse({ path: 'x.tfvars', kind: 'tfvars', text: 'a = 1\n' }).hcl?.body.attributes.length, 1);
    assert.equal(Document.parse({ path: 'Procfile', kind: 'procfile', text: 'web: x\n' }).hcl, undefined);
    const pre: HclFile = { body: { start: 0, end: 0, attributes: [], blocks: [] }, errors: [], comments: [] };
    assert.equal(Document.parse({ path: 'main.tf', kind: 'terraform', text: 'locals {}\n', hcl: pre }).hcl, pre);
  });
});

describe('syntax errors', () => {
  const cases: [string, string, string][] = [
    ['resource "heroku_app" "api" {\n  name = "api"\n', '1:29', 'Missing closing brace `}` for block `resource "heroku_app" "api"`'],
    ['resource "heroku_app" "api" {\n  name = "api\n}\n', '2:10', 'Unterminated string'],
    ['locals {\n  a = <<EOT\ntext\n}\n', '2:7', 'Unterminated heredoc `EOT`'],
    ['locals {\n  a =\n  b = 1\n}\n', '2:5', 'Missing value for attribute `a`'],
    ['locals {\n  a = 1 = 2\n}\n', '2:9', 'Unexpected `=` after the value of attribute `a`'],
    ['locals {\n  a = 1 b = 2\n}\n', '2:9', 'Unexpected `b` after attribute `a`'],
    ['locals {\n  a = 1\n  a = 2\n}\n', '3:3', 'Attribute `a` is set twice'],
    ['locals {\n  a = "${var.x"\n}\n', '2:8', 'Unclosed `${`'],
    ['locals {\n  a = "c:\\q"\n}\n', '2:10', 'Invalid escape sequence `\\q`'],
    ['locals {\n  a = 1\n}\n}\n', '4:1', 'Unexpected `}`'],
    ['locals {\n  a = [1, 2\n}\n', '2:7', 'Missing closing bracket `]`'],
    ['locals {\n  a = 0x10\n}\n', '2:7', 'Invalid number `0x10`'],
    ['name "label"\n', '1:1', 'Expected `=` after `name`'],
    ['locals {\n  name "label"\n}\n', '2:3', 'Expected `=` after `name`'],
  ];
  for (const [source, at, message] of cases) {
    it(`${JSON.stringify(source)} → ${message}`, () => {
      const file = parseHcl(source);
      assert.ok(file.errors.length >= 1, 'an error');
      const first = file.errors[0];
      const before = source.slice(0, first.start).split('\n');
      assert.equal(`${before.length}:${before[before.length - 1].length + 1}`, at, first.message);
      assert.ok(first.message.includes(message), first.message);
    });
  }

  it('reports one error per broken region, in source order', () => {
    const source = 'resource "a" "one" {\n  x = 1 y = 2 z = 3\n}\n\nresource "a" "two" {\n  v = "oops\n}\n';
    const file = parseHcl(source);
    assert.equal(file.errors.length, 2);
    assert.ok(file.errors[0].start < file.errors[1].start);
  });

  it('keeps the blocks after an unclosed brace, string or bracket', () => {
    for (const broken of ['  name = "api"\n', '  name = "api\n', '  ips = ["a",\n', '  a = <<EOT\n']) {
      const source = `resource "heroku_app" "api" {\n${broken}\nresource "heroku_app" "after" {\n  acm = false\n}\n`;
      const file = parseHcl(source);
      assert.ok(file.errors.length > 0, broken);
      const after = file.body.blocks.find((b) => b.labels[1]?.value === 'after');
      assert.ok(after, `the later block survives ${JSON.stringify(broken)}`);
      assert.equal(attr(after.body, 'acm').value.kind, 'bool');
    }
  });

  it('keeps every block when errors recur through the file, with one error per broken block', () => {
    let source = '';
    for (let i = 0; i < 100; i++) {
      source += `resource "heroku_app_webhook" "w${i}" {\n  level = "notify"\n  url   = "https://hooks.example.com/${i}"\n${i % 10 === 5 ? '  secret = \n' : ''}}\n\n`;
    }
    const file = parseHcl(source);
    assert.equal(file.body.blocks.length, 100);
    assert.equal(file.errors.length, 10);
    assert.ok(file.body.blocks.every((b, i) => b.labels[1]?.value === `w${i}` && b.body.attributes.some((a) => a.name === 'url')));
  });

  it('lets the other rules run on what parsed (HRK-TF-000 and the rest)', () => {
    const files = [{ path: 'main.tf', kind: 'terraform' as const, text: 'resource "heroku_app" "api" {\n  name = "x" ]\n}\n\nresource "heroku_app" "b" {\n  acm = false\n}\n' }];
    const result = lint({ files, profile: 'common' });
    assert.deepEqual(result.failures, []);
    assert.ok(result.findings.some((f) => f.ruleId === 'HRK-TF-000'));
  });
});

describe('bad input', () => {
  it('survives every prefix of a module (truncated files)', () => {
    const source = 'resource "heroku_app" "api" {\n  name = "a-${var.x}"\n  config_vars = {\n    A = <<-EOT\n      x\n    EOT\n  }\n  l = [for s in var.l : s if s != ""]\n}\n';
    for (let i = 0; i <= source.length; i++) parseHcl(source.slice(0, i));
  });

  it('survives random garbage', () => {
    const alphabet = ['{', '}', '[', ']', '(', ')', '"', '=', '\n', ' ', 'a', '1', '$', '%', '{', '<<', 'EOT', '#', '/*', '*/', '\\', '.', ',', ':', '?', '~', '\u00e9', '\r\n'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = 0; i < 60; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const file = parseHcl(text);
      for (const error of file.errors) assert.ok(error.start >= 0 && error.end <= text.length && error.message.length > 0);
    }
  });

  it('refuses nesting past the limit without overflowing the stack', () => {
    const depth = 5000;
    const tuple = parseHcl(`a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    assert.ok(tuple.errors.some((e) => e.message === TOO_DEEP_MESSAGE));
    const blocks = parseHcl(`${'b {\n'.repeat(depth)}${'}\n'.repeat(depth)}`);
    assert.ok(blocks.errors.some((e) => e.message === TOO_DEEP_MESSAGE));
    const unary = parseHcl(`a = ${'-'.repeat(depth)}1\n`);
    assert.ok(unary.errors.length >= 0);
  });

  it('parses a 100,000-line module in reasonable time', () => {
    const unit = 'resource "heroku_app" "app_N" {\n  name   = "app-N"\n  region = var.region\n  acm    = true\n  config_vars = {\n    LOG_LEVEL = "info"\n  }\n}\n\n';
    const text = Array.from({ length: 11_112 }, (_, i) => unit.replace(/N/g, String(i))).join('');
    const started = Date.now();
    const file = parseHcl(text);
    assert.equal(file.errors.length, 0);
    assert.equal(file.body.blocks.length, 11_112);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });
});

/** `global.gc`, enabled at run time when node was started without --expose-gc. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return gc;
}

/** The tree-sitter edit that replaces `[start, end)` of `text` by `insert`. */
const MODULE = [
  'variable "region" {',
  '  default = "virginia"',
  '}',
  '',
  'resource "heroku_app" "api" {',
  '  name   = "acme-${var.env}"',
  '  region = var.region',
  '  acm    = true',
  '',
  '  config_vars = {',
  '    LOG_LEVEL = "info"',
  '    NOTES     = <<-EOT',
  '      multi ${local.x}',
  '    EOT',
  '  }',
  '',
  '  organization {',
  '    name = "acme" # team',
  '  }',
  '}',
  '',
  'resource "heroku_addon" "db" {',
  '  app_id = heroku_app.api.id',
  '  plan   = "heroku-postgresql:standard-0"',
  '}',
  '',
].join('\n');

describe('incremental parsing', () => {
  it('gives the same model as a full parse after random edits', () => {
    const pieces = ['a', ' ', '\n', '"', '{', '}', '=', '1', '${', '#', 'x = 1\n', 'resource "a" "b" {\n', ']', '<<EOT\n', 'EOT\n'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const parser = new HclDocumentParser();
    try {
      let text = MODULE;
      parser.parse(text);
      for (let n = 0; n < 300; n++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = random() < 0.5 ? start : Math.min(text.length, start + Math.floor(random() * 6));
        const insert = random() < 0.3 ? '' : pieces[Math.floor(random() * pieces.length)];
        const edit = hclEditOf(text, start, end, insert);
        text = text.slice(0, start) + insert + text.slice(end);
        // Every few edits, start again from the module, so that the text stays mostly valid.
        if (n % 25 === 24) {
          const reset = hclEditOf(text, 0, text.length, MODULE);
          text = MODULE;
          assert.deepEqual(parser.update([reset], text), parseHcl(text));
          continue;
        }
        // A broken text re-parsed by region keeps the items around it, where a whole-file recovery may not.
        const expected = parseHcl(text);
        const actual = parser.update([edit], text);
        if (expected.errors.length === 0) assert.deepEqual(actual, expected, `after edit ${n}: ${JSON.stringify(insert)} at ${start}`);
        else assert.ok(actual.errors.length > 0, `after edit ${n}: ${JSON.stringify(insert)} at ${start}`);
      }
    } finally {
      parser.dispose();
    }
  });

  it('keeps RSS bounded over 1,000 edits of a 10,000-line file', () => {
    const text = Array.from({ length: 400 }, (_, i) => MODULE.replace(/"api"|"db"|"region"/g, (m) => `"${m.slice(1, -1)}_${i}"`)).join('');
    assert.ok(text.split('\n').length >= 10_000);
    const parser = new HclDocumentParser();
    try {
      let current = text;
      parser.parse(current);
      const edit = (n: number) => {
        // Type and delete a character inside a string in the middle of the file, alternately.
        const at = current.indexOf('"info"', Math.floor(current.length / 2)) + 2 + ((n >> 1) % 3);
        const e = n % 2 === 0 ? hclEditOf(current, at, at, 'x') : hclEditOf(current, at, at + 1, '');
        current = n % 2 === 0 ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
        // Build the model now and then (cursors are freed too); the tree is replaced on every edit.
        if (n % 100 === 0) parser.update([e], current);
        else parser.apply([e], current);
      };
      // Trees live in the wasm heap (external memory, never returned); JS garbage is collected before measuring.
      const gc = collector();
      const usage = () => {
        gc();
        const m = process.memoryUsage();
        return { rss: m.rss, external: m.external + m.arrayBuffers };
      };
      for (let n = 0; n < 100; n++) edit(n);
      const baseline = usage();
      for (let n = 100; n < 1100; n++) edit(n);
      const after = usage();
      const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      assert.ok(after.external - baseline.external < 16 * 1024 * 1024, `wasm/external memory grew by ${mib(after.external - baseline.external)} MiB over 1,000 edits`);
      assert.ok(after.rss - baseline.rss < 96 * 1024 * 1024, `RSS grew by ${mib(after.rss - baseline.rss)} MiB over 1,000 edits`);
      assert.deepEqual(parser.file(), parseHcl(current));
    } finally {
      parser.dispose();
    }
  });
});
