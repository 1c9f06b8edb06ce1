/**
 * The native HCL parser (src/engine/parsers/hclNative.ts) against the tree-sitter path, its reference: on every
 * Terraform file of the repository, generated modules, hand-written cases and thousands of mutated files, it
 * builds the same model as tree-sitter, or gives up (undefined), and it gives up whenever tree-sitter reports a
 * syntax error. It also gives up quickly, without throwing, on deep nesting and long runs. (Where tree-sitter
 * itself gives up, out of time on a pathological but valid file, there is no reference to compare with.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { terraformModule } from '../../../bench/gen';
import { parseHclNative } from '../../../src/engine/parsers/hclNative';
import { HclDocumentParser, loadTerraformParser, parseHcl, parseHclWithTreeSitter } from '../../../src/engine/parsers/terraform';
import type { HclFile } from '../../../src/engine/terraform/hcl';
import { applyMutations, mutationsArb, UNIT_LIMITS } from '../../fuzz/mutations';
import { textsOfKind } from '../../fuzz/corpus';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

before(() => loadTerraformParser());

/** 'same': native equals tree-sitter; 'bail': native gave up on a file tree-sitter parses without error. */
function compare(text: string): 'same' | 'bail' | 'rejected' | 'unknown' {
  const reference = parseHclWithTreeSitter(text);
  const native = parseHclNative(text);
  // tree-sitter can run out of its read budget or deadline on a valid file (long runs of blanks): nothing to compare.
  if (reference.errors.some((error) => error.message.startsWith('The Terraform parser gave up'))) return 'unknown';
  if (reference.errors.length > 0) {
    assert.equal(native, undefined, `native accepted a file with syntax errors (${reference.errors[0].message}):\n${text.slice(0, 2000)}`);
    return 'rejected';
  }
  if (native === undefined) return 'bail';
  assert.deepStrictEqual(native, reference, `models differ for:\n${text.slice(0, 2000)}`);
  return 'same';
}

function parsesNatively(text: string): HclFile {
  const native = parseHclNative(text);
  assert.ok(native, `native gave up on:\n${text}`);
  assert.deepStrictEqual(native, parseHclWithTreeSitter(text), `models differ for:\n${text}`);
  return native;
}

function terraformFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('out')) terraformFiles(full, out);
    } else if (/\.(tf|tfvars)$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

describe('native HCL parser: repository files and generated modules', () => {
  it('equals tree-sitter on every .tf and .tfvars file, and never gives up on one without errors', () => {
    const files = ['test', 'examples', 'docs'].flatMap((dir) => terraformFiles(path.join(ROOT, dir)));
    assert.ok(files.length > 100, `found ${files.length} files`);
    const bails: string[] = [];
    let same = 0;
    for (const file of files) {
      const outcome = compare(fs.readFileSync(file, 'utf8'));
      if (outcome === 'bail') bails.push(path.relative(ROOT, file));
      if (outcome === 'same') same++;
    }
    assert.deepEqual(bails, []);
    assert.ok(same > 100, `${same} files parsed natively`);
  });

  it('equals tree-sitter on generated modules of several seeds and sizes', () => {
    for (const [lines, seeds] of [
      [300, [1, 2, 3, 4, 5, 6]],
      [3000, [7, 8]],
      [10_000, [42]],
    ] as const) {
      for (const seed of seeds) {
        for (const withSpaces of [true, false]) {
          for (const [name, text] of terraformModule(lines, seed, withSpaces).files) {
            assert.equal(compare(text), 'same', `${name} of module ${lines}/${seed}`);
          }
        }
      }
    }
  });
});

describe('native HCL parser: hand-written cases', () => {
  const cases: Record<string, string> = {
    'empty file': '',
    'only blanks': '  \n\n\t\n',
    'only comments': '# one\n// two\n/* three\n   lines */\n',
    'comment without newline at the end': 'a = 1 # end',
    'attribute without newline at the end': 'a = 1',
    'byte order mark': '\ufeffa = 1\n',
    'CRLF line endings': 'resource "heroku_app" "x" {\r\n  name = "x" # c\r\n  tags = {\r\n    a = 1\r\n  }\r\n}\r\n',
    'CRLF heredoc': 'a = <<EOT\r\nline one\r\n  two\r\nEOT\r\nb = 2\r\n',
    'unicode identifiers and strings': 'ünï = "é😀"\nlocals {\n  café = var.naïve\n}\n',
    'numbers': 'a = [0, 7, 1.5, 10.25e3, 2.0E-2, 3.5e+1, 007]\n',
    'bool and null': 'a = [true, false, null]\n',
    'escapes': 'a = "tab\\t nl\\n cr\\r quote\\" bs\\\\ \\u00e9 \\U0001F600 $${x} %%{y} $$ %% $ %"\n',
    'lone surrogate escape': 'a = "\\ud800"\n',
    'interpolations and strip markers': 'a = "x ${var.a} y ${~ var.b ~} z ${var.c~}  w"\n',
    'template with only an interpolation': 'a = "${var.a}"\n',
    'nested templates': 'a = "outer ${"inner ${var.x} end"} done"\n',
    'directives': 'a = "%{ if var.x }yes%{ else }no%{ endif }"\nb = "%{~ for k, v in var.m ~}${k}=${v},%{ endfor ~} tail"\n',
    'heredoc': 'a = <<EOT\nline ${var.x}\n  $${literal}\nEOT\n',
    'indented heredoc': 'a = <<-EOT\n    one\n      two\n\n    ${var.x} three\n    EOT\n',
    'indented heredoc starting with an interpolation': 'a = <<-EOT\n${var.x}\n    two\n  EOT\n',
    'heredoc with directives': 'a = <<EOT\n%{ for x in var.xs ~}\n- ${x}\n%{ endfor ~}\nEOT\n',
    'empty heredoc': 'a = <<EOT\nEOT\n',
    'heredoc marker with trailing blanks': 'a = <<EOT\nx\n  EOT  \n',
    'heredoc in a call': 'a = trimspace(<<EOT\n  x\nEOT\n)\n',
    'traversals': 'a = [var.x, local.y.z, data.heroku_space.s.id, each.value, count.index, a.0.1, b[0], c["k"][var.i], d[*].id, e.*.name, f[*].g[0].h]\n',
    'relative traversals': 'a = [(local.x).y, f(1)[0], [1, 2][0], "abc"[0], {a = 1}.a, true.x]\n',
    'calls': 'a = [f(), g(1), h(1, 2,), join(",", var.list), provider::aws::arn_parse(var.arn), spread(var.xs...)]\n',
    'operators and precedence': 'a = 1 + 2 * 3 - 4 / 5 % 6\nb = x == y && z != w || !v\nc = -1 + - -2\nd = a < b && c <= d && e > f && g >= h\n',
    'conditionals': 'a = x ? 1 : 2\nb = x ? 1 : y ? 2 : 3\nc = x ? y ? 1 : 2 : 3\nd = (x ? 1 : 2) + 1\ne = a || b ? c + d : e * f\n',
    'for expressions': 'a = [for x in var.xs : upper(x) if x != ""]\nb = {for k, v in var.m : k => v...}\nc = [\n  for s in var.list :\n  s.id\n]\n',
    'tuples and objects': 'a = []\nb = {}\nc = [1, [2, [3]], {x = 1}]\nd = {\n  a = 1,\n  "b" = 2\n  c: 3,\n  (var.k) = 4\n  var.k2 = 5\n  true = 6\n}\ne = { a = 1, b = 2 }\n',
    'multi-line expressions inside brackets': 'a = [\n  1,\n  2 +\n  3,\n]\nb = f(\n  1,\n  2\n)\nc = (\n  1 +\n  2\n)\n',
    'blocks': 'resource "heroku_app" "api" {\n  name = "x"\n  nested {\n    deep {\n    }\n  }\n}\nterraform {}\nempty { }\nsingle { a = 1 }\nbare label {\n}\n',
    'comments in odd places': 'resource /* a */ "x" /* b */ "y" /* c */ { # d\n  a = /* e */ 1 /* f */ # g\n  b = [ # h\n    1, // i\n    /* j */ 2\n  ]\n  c = /* multi\n  line */ 3\n}\n',
    'object keys in parentheses on their own line': 'a = {\n  x = "s"\n  (var.k) = 1\n  y = f(2)\n  (local.k) = 3\n  z = var.a.b\n  (k) = 4\n}\n',
    'spaces and tabs': '\ta\t=\t1\t\nb =    2    \n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      parsesNatively(text);
    });
  }

  it('decodes escapes and keeps valueStart only for verbatim literals', () => {
    const text = 'a = "x\\ty"\nb = "plain"\nc = <<-EOT\n  z\n  EOT\n';
    const file = parsesNatively(text);
    const [a, b, c] = file.body.attributes.map((attribute) => attribute.value);
    assert.deepEqual([a.kind, b.kind, c.kind], ['string', 'string', 'string']);
    assert.ok(a.kind === 'string' && a.value === 'x\ty' && a.valueStart === undefined);
    assert.ok(b.kind === 'string' && b.value === 'plain' && b.valueStart === text.indexOf('plain'));
    assert.ok(c.kind === 'string' && c.value === 'z\n' && c.valueStart === undefined);
  });

  const rejected: Record<string, string> = {
    'an unterminated string': 'a = "x\n',
    'a value on the next line': 'a =\n  1\n',
    'an operator across lines': 'a = 1 +\n  2\n',
    'a duplicate attribute': 'a = 1\na = 2\n',
    'two attributes on a line': 'a = 1 b = 2\n',
    'an unclosed block': 'x {\n  a = 1\n',
    'an invalid escape': 'a = "\\q"\n',
    'an empty interpolation': 'a = "${}"\n',
    'a hex number': 'a = 0x1F\n',
    'an exponent without a fraction': 'a = 1e5\n',
    'an unterminated heredoc': 'a = <<EOT\nx\n',
    'a block header across lines': 'x\n{\n}\n',
    'a parenthesized key after a bare name (a call to tree-sitter)': 'a = {\n  x = y\n  (k) = 1\n}\n',
    'a comma starting a line': 'a = {\n  b = 1\n  , c = 2\n}\n',
  };
  for (const [name, text] of Object.entries(rejected)) {
    it(`gives up on ${name}`, () => {
      assert.equal(parseHclNative(text), undefined);
      assert.ok(parseHclWithTreeSitter(text).errors.length > 0, 'tree-sitter reports it');
    });
  }
});

describe('native HCL parser: robustness', () => {
  it('gives up on very deep nesting instead of overflowing the stack, and parseHcl still reports it', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['(', ')'],
      ['{a = ', '}'],
      ['"${', '}"'],
      ['-', ''],
      ['f(', ')'],
    ]) {
      const text = `a = ${open.repeat(20_000)}1${close.repeat(20_000)}\n`;
      assert.equal(parseHclNative(text), undefined, open);
    }
    assert.equal(parseHclNative(`${'b {\n'.repeat(5000)}${'}\n'.repeat(5000)}`), undefined);
    assert.equal(parseHclNative(`a = ${Array.from({ length: 5000 }, (_, i) => `x${i}`).join(' + ')}\n`), undefined);
  });

  it('stays linear on long runs of one character', () => {
    const size = 400_000;
    for (const text of [
      `a = "${'x'.repeat(size)}"\n`,
      `a = "${'$'.repeat(size)}"\n`,
      `a = <<EOT\n${'E\n'.repeat(size / 2)}EOT\n`,
      `# ${'#'.repeat(size)}\n`,
      `a = [${'1,'.repeat(size / 2)}]\n`,
      `${'\n'.repeat(size)}a = 1\n`,
      ' '.repeat(size),
      `a = "${'\\n'.repeat(size / 2)}"\n`,
    ]) {
      const started = performance.now();
      parseHclNative(text);
      assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms on a run of ${JSON.stringify(text.slice(0, 8))}`);
    }
  });
});

describe('native HCL parser: mutated files (differential against tree-sitter)', () => {
  const sources = [...textsOfKind('terraform'), ...textsOfKind('tfvars')];

  it('fuzz corpus mutations: same model or a bail, and always a bail on syntax errors', () => {
    let same = 0;
    fc.assert(
      fc.property(fc.nat(), mutationsArb(UNIT_LIMITS), (source, mutations) => {
        if (compare(applyMutations(sources[source % sources.length], mutations)) === 'same') same++;
      }),
      { numRuns: 1500, seed: 20261129 },
    );
    assert.ok(same > 100, `${same} mutated files parsed natively`);
  });

  /** Tokens whose lexing is where two parsers would disagree. */
  const TOKENS = [
    '"', '${', '%{', '}', '{', '[', ']', '(', ')', '\n', '\r\n', '\r', ',', '=', ':', '?', '.', '.*', '[*]', '...', '<<EOT\n', '\nEOT\n',
    '<<-EOT\n', '~', '#', '//', '/*', '*/', '\\', '\\u00e9', '\\U0001F600', '$${', '%%{', '$$', '-', '!', '==', '=>', '&&', '||', '1.5e3',
    '0x1', '1e5', '.0', 'true', 'null', 'for', ' in ', ' if ', 'endif', '%{ endif }', '%{ else }', ' ', '\t', 'é', '😀', '\u00a0', '\ufeff',
    '::', '\u2028', '\0', '\\n', 'a', '_', '1', ' = ', '<<', '<', '>=',
  ];

  it('token insertions, deletions and replacements: same model or a bail, and always a bail on syntax errors', () => {
    const valid = sources.filter((text) => parseHclWithTreeSitter(text).errors.length === 0 && text.length < 20_000);
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 3 }), token: fc.constantFrom(...TOKENS) });
    let same = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (source, edits) => {
        let text = valid[source % valid.length];
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % text.length;
          text = text.slice(0, at) + e.token + text.slice(at + e.length);
        }
        if (compare(text) === 'same') same++;
      }),
      { numRuns: 3000, seed: 7 },
    );
    assert.ok(same > 100, `${same} edited files parsed natively`);
  });
});

describe('HclDocumentParser with the native parser', () => {
  it('re-parses with tree-sitter only when needed, and always equals parseHcl', () => {
    const parser = new HclDocumentParser();
    try {
      const texts = ['a = 1\n', 'a = [1,\n', 'a = [1,\n  2]\n', 'a = [1,\n  2]\nb = "x\n', 'a = [1,\n  2]\nb = "x"\n', ''];
      let previous = '';
      for (const text of texts) {
        // One edit replacing the whole previous text.
        const lines = previous.split('\n');
        const edit = {
          startIndex: 0,
          oldEndIndex: previous.length,
          newEndIndex: text.length,
          startPosition: { row: 0, column: 0 },
          oldEndPosition: { row: lines.length - 1, column: lines[lines.length - 1].length },
          newEndPosition: { row: text.split('\n').length - 1, column: text.split('\n').at(-1)!.length },
        };
        parser.apply([edit], text);
        assert.deepStrictEqual(parser.file(), parseHcl(text), JSON.stringify(text));
        assert.deepStrictEqual(parser.file(), parseHclWithTreeSitter(text), JSON.stringify(text));
        previous = text;
      }
      assert.deepStrictEqual(parser.parse('x {\n'), parseHclWithTreeSitter('x {\n'));
    } finally {
      parser.dispose();
    }
  });
});
