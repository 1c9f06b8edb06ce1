/**
 * The bugs the fuzzer found, each with its minimal input (see test/fuzz/ and `npm run fuzz`).
 * Time limits here are far above the fixed cost (well under a second) and far below the cost before the fix
 * (minutes), so they hold on a loaded machine.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { HclDocumentParser, lint, loadTerraformParser, parseConfig, parseHcl, RULE_IDS } from '../../../src/engine';
import { hasReference } from '../../../src/engine/detectors/secrets';
import { parseAppJson } from '../../../src/engine/parsers/appJson';
import { TOO_DEEP_MESSAGE } from '../../../src/engine/parsers/depth';
import { parseHerokuYml } from '../../../src/engine/parsers/herokuYml';
import { parseProcfile } from '../../../src/engine/parsers/procfile';
import { parseTfvarsJson } from '../../../src/engine/parsers/tfvarsJson';
import { spanEnd } from '../../../src/engine/text';
import { stableJson } from '../../fuzz/checks';
import { checkModelOffsets } from '../../fuzz/properties';

before(() => loadTerraformParser());

function splitsSurrogatePair(text: string, offset: number): boolean {
  return /[\uD800-\uDBFF]/.test(text[offset - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[offset] ?? '');
}

/** Every span lies in the text and cuts no character in two. */
function assertSpans(text: string, spans: readonly { start: number; end: number }[]): void {
  for (const { start, end } of spans) {
    assert.ok(0 <= start && start <= end && end <= text.length, `[${start}, ${end}) in a text of length ${text.length}`);
    assert.ok(!splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end), `[${start}, ${end}) splits a surrogate pair`);
  }
}

function ms(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const GAVE_UP = /^The Terraform parser gave up on this file/;

describe('fuzz regressions: error spans', () => {
  it('an error at the end of app.json, .tfvars.json or heroku.yml has an empty span there, not one past the end', () => {
    for (const text of ['', '{', '{"a": 1']) {
      assertSpans(text, parseAppJson(text).errors);
      assertSpans(text, parseTfvarsJson(text).errors);
    }
    const yml = 'build: [';
    assert.ok(parseHerokuYml(yml).errors.length > 0);
    assertSpans(yml, parseHerokuYml(yml).errors);
  });

  it('a block comment left open before a final CRLF: app.json and .tfvars.json nodes end inside the text', () => {
    for (const text of ['{/*\r\n', '{"a": 1/*\r\n', '[/*\r\n']) {
      const { root, errors } = parseAppJson(text);
      assert.ok(root && root.offset + root.length <= text.length, `root [${root?.offset}, +${root?.length}) in ${text.length}`);
      for (const child of root.children ?? []) assert.ok(child.offset + child.length <= text.length);
      assertSpans(text, errors);
      assertSpans(text, parseTfvarsJson(text).errors);
    }
  });

  it('.tfvars.json: an unterminated key (`"` then a line break) gets an empty name span, not an inverted one', () => {
    const text = '{\n  "\r\nteam: 1\n}\n';
    const { body } = parseTfvarsJson(text);
    assert.ok(body.attributes.length > 0);
    for (const a of body.attributes) assertSpans(text, [a, a.nameSpan, a.value]);
  });

  it('a .tf file that is a lone backslash: the escape error ends at the end of the text', () => {
    const file = parseHcl('\\');
    assert.deepEqual(
      file.errors.map((e) => [e.start, e.end]),
      [[0, 1]],
    );
  });

  it('an invalid escape before an emoji: the HCL error covers the whole emoji and names it', () => {
    const text = 'a = "\\😀"';
    const [error] = parseHcl(text).errors;
    assertSpans(text, [error]);
    assert.match(error.message, /Invalid escape sequence `\\😀`/);
  });

  it('a heroku.yml error at an emoji does not end inside it, nor does its finding', () => {
    const text = ': 😀:';
    const { errors } = parseHerokuYml(text);
    assert.ok(errors.length > 0);
    assertSpans(text, errors);
    const { findings } = lint({ files: [{ path: 'heroku.yml', kind: 'heroku.yml', text }] });
    assert.ok(findings.length > 0);
    assertSpans(
      text,
      findings.map((f) => ({ start: f.range.start.offset, end: f.range.end.offset })),
    );
  });

  it('spanEnd keeps an end inside the text and out of surrogate pairs', () => {
    assert.equal(spanEnd('ab', 5), 2);
    assert.equal(spanEnd('ab', -1), 0);
    assert.equal(spanEnd('a😀b', 2), 3);
    assert.equal(spanEnd('a😀b', 3), 3);
  });
});

describe('fuzz regressions: quadratic time', () => {
  it('Terraform: blanks after an error (`a` + 30,000 spaces + `:`, 12 s before) stop at the read budget and are reported', () => {
    const text = `a${' '.repeat(30_000)}:`;
    let file: ReturnType<typeof parseHcl> | undefined;
    const took = ms(() => (file = parseHcl(text)));
    assert.ok(took < 10_000, `took ${Math.round(took)} ms`);
    assert.ok(file!.errors.some((e) => GAVE_UP.test(e.message)), JSON.stringify(file!.errors));
  });

  it('Terraform: a long line of tabs after an unclosed string, before a block (the recovery parse) is bounded too', () => {
    const text = `x"${'\t'.repeat(30_000)}\nresource "heroku_app" "a" {\n}\n`;
    let file: ReturnType<typeof parseHcl> | undefined;
    const took = ms(() => (file = parseHcl(text)));
    assert.ok(took < 10_000, `took ${Math.round(took)} ms`);
    assert.ok(file!.errors.some((e) => GAVE_UP.test(e.message)), JSON.stringify(file!.errors));
    // The outcome counts characters read, not time: the same on every call.
    assert.equal(stableJson(parseHcl(text)), stableJson(file));
  });

  it('Terraform: blanks, 90,000 `"`, blanks (quadratic inside tree-sitter without reading again; the campaign\'s 435 KB case took 202 s) stop at the deadline', () => {
    const text = `${' '.repeat(30_000)}${'"'.repeat(90_000)}${' '.repeat(30_000)}\n`;
    let file: ReturnType<typeof parseHcl> | undefined;
    const took = ms(() => (file = parseHcl(text)));
    assert.ok(took < 12_000, `took ${Math.round(took)} ms`);
    assert.ok(file!.errors.some((e) => GAVE_UP.test(e.message)), JSON.stringify(file!.errors));
  });

  it('Terraform: after a cancelled parse the shared parser and a document parser parse the next text normally', () => {
    const pathological = `a${' '.repeat(30_000)}:`;
    const module = 'resource "heroku_app" "api" {\n  name   = "api"\n  region = "us"\n}\n';
    const fresh = stableJson(parseHcl(module));
    assert.ok(parseHcl(pathological).errors.some((e) => GAVE_UP.test(e.message)));
    assert.equal(stableJson(parseHcl(module)), fresh);
    const parser = new HclDocumentParser();
    try {
      assert.ok(parser.parse(pathological).errors.some((e) => GAVE_UP.test(e.message)));
      assert.equal(stableJson(parser.parse(module)), fresh);
    } finally {
      parser.dispose();
    }
  });

  it('Terraform: the read budget leaves large ordinary files alone (a 300 KB module, a file with many errors)', () => {
    const block = (i: number) => `resource "heroku_app" "app_${i}" {\n  name   = "app-${i}"\n  region = "us"\n  config_vars = {\n    A = "${'x'.repeat(40)}"\n  }\n}\n\n`;
    const big = Array.from({ length: 2000 }, (_, i) => block(i)).join('');
    assert.ok(big.length > 250_000);
    const file = parseHcl(big);
    assert.deepEqual(file.errors, []);
    assert.equal(file.body.blocks.length, 2000);
    const broken = Array.from({ length: 300 }, (_, i) => `${block(i)}oops = "unclosed\n`).join('');
    assert.ok(!parseHcl(broken).errors.some((e) => GAVE_UP.test(e.message)));
  });

  it('Terraform: thousands of missing operands in one expression (`app_id = ||||…`) are described in linear time', () => {
    const text = (n: number) => `resource "heroku_app" "a" {\n  app_id = ${'|'.repeat(n)}\n}\n`;
    let file: ReturnType<typeof parseHcl> | undefined;
    const took = ms(() => (file = parseHcl(text(60_000))));
    assert.ok(took < 8_000, `took ${Math.round(took)} ms`);
    assert.deepEqual(
      file!.errors.map((e) => e.message),
      [TOO_DEEP_MESSAGE],
    );
    // The messages are those of the walk up the tree that the memo replaced.
    assert.deepEqual(
      parseHcl(text(2)).errors.map((e) => e.message),
      ['Missing name in attribute `app_id`'],
    );
    assert.deepEqual(
      parseHcl(text(100)).errors.map((e) => e.message),
      ['Missing name in attribute `app_id`'],
    );
  });

  it('Procfile: a command with a long run of blanks inside (`web: a` + 200,000 spaces + `x`) parses in linear time', () => {
    const text = `web: a${' '.repeat(200_000)}x`;
    let parsed: ReturnType<typeof parseProcfile> | undefined;
    const took = ms(() => (parsed = parseProcfile(text)));
    assert.ok(took < 2_000, `took ${Math.round(took)} ms`);
    assert.equal(parsed!.entries[0].command.length, 200_002);
  });

  it('.heroku-compliance.yml: a line of 200,000 quotes (100,000 errors) parses in linear time (yaml pretty errors scanned the line per error)', () => {
    const text = '"'.repeat(200_000);
    let parsed: ReturnType<typeof parseConfig> | undefined;
    const took = ms(() => (parsed = parseConfig(text, RULE_IDS)));
    assert.ok(took < 8_000, `took ${Math.round(took)} ms`);
    assert.ok(parsed!.problems.length > 0);
    assert.ok(parsed!.problems.every((p) => p.line === 1 && !p.message.includes('\n')));
  });

  it('secrets: a value made of 100,000 `${` (an app.json env value) is checked in linear time', () => {
    const value = '${'.repeat(100_000);
    const text = JSON.stringify({ env: { SECRET_KEY: { value } }, scripts: { postdeploy: value } });
    const took = ms(() => lint({ files: [{ path: 'app.json', kind: 'app.json', text }], only: [...RULE_IDS] }));
    assert.ok(took < 5_000, `took ${Math.round(took)} ms`);
    assert.equal(hasReference(value), false);
    for (const [v, expected] of [['${X}', true], ['a ${b', false], ['${a${b}', true], ['}${', false], ['x ${ y } z', true], ['$(cmd)', true], ['p@$sw0rd', false]] as const) {
      assert.equal(hasReference(v), expected, v);
    }
  });

  it('Procfile: trailing blanks are still trimmed from the command, with exact offsets', () => {
    const text = 'web:  run  x \t \nworker:\t\r\n';
    const [web, worker] = parseProcfile(text).entries;
    assert.equal(web.command, 'run  x');
    assert.equal(text.slice(web.commandStart, web.commandEnd), 'run  x');
    assert.equal(worker.command, '');
  });
});

describe('fuzz regressions: deep nesting in YAML', () => {
  const indented = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('');

  it('.heroku-compliance.yml nested past the limit is refused with one problem, the same every time', () => {
    for (const text of ['['.repeat(1000), '[{"a":'.repeat(3353) + '1' + '}]'.repeat(3353), indented(1000), `${'- '.repeat(300)}x`]) {
      const first = parseConfig(text, RULE_IDS);
      assert.deepEqual(first.problems.map((p) => p.message), [TOO_DEEP_MESSAGE]);
      assert.deepEqual(parseConfig(text, RULE_IDS), first);
    }
  });

  it('heroku.yml indented a thousand levels deep is refused, the same every time', () => {
    const text = indented(1000);
    const first = parseHerokuYml(text);
    assert.deepEqual(first.errors.map((e) => e.message), [TOO_DEEP_MESSAGE]);
    assert.deepEqual(parseHerokuYml(text).errors, first.errors);
  });

  it('`- ` repeated 1,000 times no longer aborts the process (a V8 fatal error on the second parse, uncatchable)', () => {
    // In a child process: before the fix this killed the process that parsed it (the CLI, the extension host).
    const script = `
      const { parseHerokuYml } = require(${JSON.stringify(require.resolve('../../../src/engine/parsers/herokuYml'))});
      const { parseConfig } = require(${JSON.stringify(require.resolve('../../../src/engine/config'))});
      for (const text of ['- '.repeat(1000) + 'x', '? '.repeat(1000) + 'x']) {
        for (let i = 0; i < 3; i++) {
          console.log(parseHerokuYml(text).errors.map((e) => e.message).join('|'));
          console.log(parseConfig(text).problems.map((p) => p.message).join('|'));
        }
      }`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr.slice(0, 2000));
    assert.deepEqual(new Set(child.stdout.trim().split('\n')), new Set([TOO_DEEP_MESSAGE]));
  });

  it('ordinary nesting is still read', () => {
    assert.deepEqual(parseConfig('rules:\n  HRK-TF-002: off\nignore: ["a/**"]\n', RULE_IDS).problems, []);
    assert.deepEqual(parseHerokuYml(indented(50)).errors, []);
    assert.deepEqual(parseHerokuYml(`${'- '.repeat(100)}x\n`).errors, []);
    const manifest = 'build:\n  docker:\n    web: Dockerfile\n  config:\n    - a: [1, {b: [2]}]\nrun:\n  web: bundle exec puma\n';
    assert.deepEqual(parseHerokuYml(manifest).errors, []);
  });
});

describe('regression: a JSON error inside an astral character', () => {
  it('never starts a range in the middle of a surrogate pair (BOM + U+10000, found by the long campaign)', () => {
    const text = '\uFEFF\u{10000}';
    for (const finding of lint({ files: [{ path: 'app.json', kind: 'app.json', text }], profile: 'common' }).findings) {
      const { offset } = finding.range.start;
      const code = text.charCodeAt(offset);
      assert.ok(!(code >= 0xdc00 && code <= 0xdfff), `${finding.ruleId} starts at ${offset}, inside a surrogate pair`);
    }
  });
});

describe('regression: nesting hidden behind an unterminated string (found by the long campaign)', () => {
  it('app.json: brackets after a string left open on an earlier line still count towards the nesting limit', () => {
    const text = `{"a": "open\n${'[{"a":'.repeat(1138)}`;
    const parsed = parseAppJson(text);
    assert.deepEqual(
      parsed.errors.map((e) => e.message),
      [TOO_DEEP_MESSAGE],
    );
  });

  it('the fuzz checks walk and serialise a model 10,000 levels deep without overflowing the stack', () => {
    let model: Record<string, unknown> = { start: 0, end: 1 };
    for (let i = 0; i < 10_000; i++) model = { start: 0, end: 1, children: [model] };
    assert.doesNotThrow(() => checkModelOffsets(model, 1, 'model'));
    assert.ok(stableJson(model).length > 10_000 * 10);
  });
});

describe('regression: HCL error messages quote the source briefly (seen replaying the long campaign)', () => {
  it('a header of thousands of labels or a name of thousands of characters is cut to 80 characters in the message', () => {
    const name = 'x'.repeat(5000);
    const texts = [
      `resource "heroku_app" "a" {\n  name ${'"" '.repeat(3000)}\n}\n`,
      `${name} = \n`,
      `a = ${name}(1,`,
      `${name} "x" "y" { a = }`,
    ];
    for (const text of texts) {
      const { errors } = parseHcl(text);
      assert.ok(errors.length > 0, `an error for ${text.slice(0, 30)}…`);
      for (const error of errors) assert.ok(error.message.length < 300, `a message of ${error.message.length} characters: ${error.message.slice(0, 120)}…`);
    }
  });
});

describe('regression: a line of thousands of string starts in a broken file (found by the long campaign)', () => {
  it('Terraform: 240,000 `"` after a block are described in linear time (each string start rescanned the line: 10.8 s)', () => {
    const text = `resource "heroku_app" "a" {\n  name = "a"\n}\n${'"'.repeat(240_000)}\n`;
    let errors: readonly { message: string }[] = [];
    const took = ms(() => {
      errors = parseHcl(text).errors;
    });
    assert.ok(errors.length > 0);
    assert.ok(took < 6000, `${Math.round(took)} ms`);
  });
});
