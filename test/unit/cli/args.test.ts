/** Argument parsing, sizes and the small helpers of the CLI, without spawning it. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE, parseArgs, parseSize, UsageError } from '../../../src/cli/args';
import { useColor } from '../../../src/cli/colors';
import { encodeUriPath, pascalCase } from '../../../src/cli/formatters/sarif';
import { narrowEdit } from '../../../src/cli/redact';

const IDS = ['HRK-APPJSON-025', 'HRK-PROC-001'];

function check(argv: string[]) {
  const parsed = parseArgs(argv, IDS);
  assert.equal(parsed.kind, 'check');
  return parsed.kind === 'check' ? parsed.options : assert.fail();
}

describe('parseArgs', () => {
  it('defaults check to the current directory, auto profile, text, fail-on high', () => {
    const options = check(['check']);
    assert.deepEqual(options.paths, ['.']);
    assert.equal(options.profile, 'auto');
    assert.equal(options.format, 'text');
    assert.equal(options.failOn, 'high');
    assert.equal(options.fix, false);
    assert.deepEqual(options.rules, []);
    assert.equal(options.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  });

  it('reads values after a space or an equals sign, and repeated --rule', () => {
    const options = check(['check', 'a', '--profile=shield', '--format', 'sarif', '--rule', 'hrk-appjson-025', '--rule=HRK-PROC-001', 'b', '--fail-on', 'none']);
    assert.deepEqual(options.paths, ['a', 'b']);
    assert.equal(options.profile, 'shield');
    assert.equal(options.format, 'sarif');
    assert.equal(options.failOn, 'none');
    assert.deepEqual(options.rules, ['HRK-APPJSON-025', 'HRK-PROC-001']);
  });

  it('treats everything after -- as paths', () => {
    assert.deepEqual(check(['check', '--', '--fix', '-h']).paths, ['--fix', '-h']);
  });

  it('rejects unknown options, commands, bad values and unknown rules', () => {
    const bad: string[][] = [
      ['check', '--frobnicate'],
      ['lint'],
      [],
      ['check', '--format', 'xml'],
      ['check', '--profile', 'galaxy'],
      ['check', '--fail-on', 'warning'],
      ['check', '--rule', 'HRK-APPJSON-999'],
      ['check', '--format'],
      ['check', '--fix=yes'],
      ['check', '--output', ''],
      ['check', '--color', '--no-color'],
      ['check', '--fix', '--write-baseline', 'b.json'],
      ['check', '--max-file-size', 'huge'],
      ['check', '--format', 'json', '--format', 'text'],
      ['rules', '--format', 'sarif'],
      ['rules', '--fix'],
      ['explain'],
      ['explain', 'HRK-NOPE-001'],
    ];
    for (const argv of bad) assert.throws(() => parseArgs(argv, IDS), UsageError, argv.join(' '));
  });

  it('suggests the nearest rule id', () => {
    assert.throws(() => parseArgs(['explain', 'HRK-APPJSON-25'], IDS), /did you mean HRK-APPJSON-025\?/);
  });

  it('recognises help and version anywhere', () => {
    assert.equal(parseArgs(['check', '--help'], IDS).kind, 'help');
    assert.equal(parseArgs(['-h'], IDS).kind, 'help');
    assert.equal(parseArgs(['--version'], IDS).kind, 'version');
  });

  it('parses explain and rules', () => {
    assert.deepEqual(parseArgs(['explain', 'hrk-proc-001'], IDS), { kind: 'explain', id: 'HRK-PROC-001' });
    assert.deepEqual(parseArgs(['rules', '--format=json'], IDS), { kind: 'rules', format: 'json' });
  });
});

describe('parseSize', () => {
  it('reads binary units', () => {
    assert.equal(parseSize('0'), 0);
    assert.equal(parseSize('1024'), 1024);
    assert.equal(parseSize('500KB'), 500 * 1024);
    assert.equal(parseSize('10MB'), 10 * 1024 * 1024);
    assert.equal(parseSize('1.5m'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('2GiB'), 2 * 1024 ** 3);
    assert.throws(() => parseSize('-1'), UsageError);
  });
});

describe('useColor', () => {
  it('follows flags, FORCE_COLOR, NO_COLOR, then the terminal', () => {
    assert.equal(useColor(undefined, {}, true), true);
    assert.equal(useColor(undefined, {}, false), false);
    assert.equal(useColor(undefined, { NO_COLOR: '1' }, true), false);
    assert.equal(useColor(undefined, { NO_COLOR: '' }, true), true);
    assert.equal(useColor(undefined, { FORCE_COLOR: '1' }, false), true);
    assert.equal(useColor(undefined, { FORCE_COLOR: '0' }, true), false);
    assert.equal(useColor(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
    assert.equal(useColor(false, { FORCE_COLOR: '1' }, true), false);
    assert.equal(useColor(true, { NO_COLOR: '1' }, false), true);
  });
});

describe('SARIF helpers', () => {
  it('percent-encodes path segments but keeps the separators', () => {
    assert.equal(encodeUriPath('apps/café app/app.json'), 'apps/caf%C3%A9%20app/app.json');
    assert.equal(encodeUriPath('../x/a:b#c?.json'), '../x/a%3Ab%23c%3F.json');
  });

  it('makes PascalCase rule names', () => {
    assert.equal(pascalCase('deprecated-image-key'), 'DeprecatedImageKey');
    assert.equal(pascalCase('tls-1-0-allowed'), 'Tls10Allowed');
  });
});

describe('narrowEdit', () => {
  const text = '{\n  "name": "x",\n  "image": "y",\n  "stack": "heroku-24"\n}\n';
  it('keeps only the characters that change', () => {
    const start = text.indexOf('"name"');
    const end = text.indexOf('\n  "stack"');
    const edit = narrowEdit({ path: 'app.json', start, end, newText: '"name": "x",' }, text);
    const applied = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    assert.equal(applied, '{\n  "name": "x",\n  "stack": "heroku-24"\n}\n');
    assert.equal(edit.newText, '');
  });

  it('never splits a surrogate pair', () => {
    const emoji = 'a\u{1F600}b';
    const edit = narrowEdit({ path: 'f', start: 0, end: emoji.length, newText: 'a\u{1F601}b' }, emoji);
    assert.equal(edit.start, 1);
    assert.equal(edit.end, 3);
    assert.equal(edit.newText, '\u{1F601}');
  });
});
