import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAppJson } from '../../../src/engine/parsers/appJson';
import { MAX_NESTING } from '../../../src/engine/parsers/depth';
import { effectiveCommand, parseDockerfile } from '../../../src/engine/parsers/dockerfile';
import { parseHerokuYml } from '../../../src/engine/parsers/herokuYml';
import { parseProcfile } from '../../../src/engine/parsers/procfile';

describe('parseAppJson', () => {
  it('keeps a partial tree after an error and reports readable messages', () => {
    const parsed = parseAppJson('{"name": , "stack": "heroku-24"}');
    assert.equal(parsed.errors[0].message, 'Value expected');
    assert.equal(parsed.errors[0].start, 9);
    assert.ok(parsed.root?.children?.some((p) => p.children?.[0].value === 'stack'));
  });

  it('reports duplicate keys at every depth, in source order', () => {
    const parsed = parseAppJson('{"env": {"A": "1", "A": "2"}, "name": "x", "name": "y"}');
    assert.deepEqual(
      parsed.duplicateKeys.map((d) => [d.key, d.objectPath.join('.')]),
      [['A', 'env'], ['name', '']],
    );
  });

  it('rejects comments, as Heroku does', () => {
    assert.match(parseAppJson('{\n  // note\n  "name": "x"\n}').errors[0].message, /Comments are not allowed/);
  });
});

describe('parseProcfile', () => {
  it('keeps exact offsets for keys and commands, across CRLF', () => {
    const text = '# comment\r\nweb: bundle exec puma -C config/puma.rb\r\n  Worker_1:node worker.js  \r\nnot a process line\r\n';
    const parsed = parseProcfile(text);
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.normalizedKey, e.line, text.slice(e.commandStart, e.commandEnd)]),
      [
        ['web', 'web', 2, 'bundle exec puma -C config/puma.rb'],
        ['Worker_1', 'worker-1', 3, 'node worker.js'],
      ],
    );
    assert.deepEqual(parsed.badLines.map((b) => [b.line, b.text]), [[4, 'not a process line']]);
  });

  it('marks binary content instead of parsing it', () => {
    assert.equal(parseProcfile('web: x\u0000\u0001').binary, true);
    assert.equal(parseProcfile('\uFFFD\u0001\uFFFD\u0002web').binary, true);
  });

  it('reads a file with a stray invalid byte as text', () => {
    const parsed = parseProcfile('# Proc\uFFFDdures\nweb: bundle exec puma\n');
    assert.equal(parsed.binary, false);
    assert.equal(parsed.entries.length, 1);
  });
});

describe('parseHerokuYml', () => {
  it('points an unterminated quoted string at its opening quote', () => {
    const parsed = parseHerokuYml('setup:\n  config:\n    A: "never closed\nbuild:\n  docker:\n    web: Dockerfile\n');
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0].start, 'setup:\n  config:\n    A: '.length);
    assert.match(parsed.errors[0].message, /Unterminated quoted string/);
  });

  it('reports duplicate keys', () => {
    assert.ok(parseHerokuYml('run:\n  web: a\n  web: b\n').errors.length > 0);
  });
});

describe('deeply nested input', () => {
  const brackets = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  it('refuses app.json nested past the limit with one error at the bracket, instead of overflowing the stack', () => {
    const text = `{"env": {"X": ${brackets(7000)}}}`;
    const parsed = parseAppJson(text);
    assert.equal(parsed.root, undefined);
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0].start, '{"env": {"X": '.length + MAX_NESTING - 2);
    assert.ok(parseAppJson(`{"env": {"X": ${brackets(100)}}}`).root);
  });

  it('refuses heroku.yml nested past the limit, by brackets or by indentation', () => {
    assert.match(parseHerokuYml(`run:\n  web: ${brackets(7000)}\n`).errors[0].message, /Nesting deeper/);
    let indented = '';
    for (let i = 0; i < 3000; i++) indented += `${' '.repeat(i)}k${i}:\n`;
    const parsed = parseHerokuYml(indented);
    assert.ok(parsed.errors.length >= 1);
  });
});

describe('parseDockerfile', () => {
  it('takes the final stage command, joining continuation lines', () => {
    const parsed = parseDockerfile('FROM a AS build\nCMD ["make"]\nFROM b\nENTRYPOINT ["bundle", "exec"]\nCMD puma \\\n  -C config/puma.rb\n');
    assert.deepEqual(parsed.entrypoint?.args, ['bundle', 'exec']);
    assert.equal(parsed.cmd?.form, 'shell');
    assert.equal(effectiveCommand(parsed)?.text, 'bundle exec puma    -C config/puma.rb');
  });

  it('keeps a one-line shell form verbatim so that ranges are exact', () => {
    const text = 'FROM x\nCMD node --inspect=0.0.0.0 server.js\n';
    const command = effectiveCommand(parseDockerfile(text))!;
    assert.equal(text.slice(command.valueStart, (command.valueStart ?? 0) + command.text.length), command.text);
  });

  it('lets a shell-form ENTRYPOINT ignore CMD, and quotes exec words with spaces', () => {
    assert.equal(effectiveCommand(parseDockerfile('ENTRYPOINT ./run.sh\nCMD ["x"]\n'))?.text, './run.sh');
    assert.equal(effectiveCommand(parseDockerfile('CMD ["sh", "-c", "rails s -p $PORT"]\n'))?.text, "sh -c 'rails s -p $PORT'");
    assert.equal(effectiveCommand(parseDockerfile('FROM x\nRUN make\n')), undefined);
  });
});
