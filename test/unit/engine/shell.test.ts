import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveProgram, parseCommandLines, splitParts, wordDeletion, wordSpan } from '../../../src/engine/shell';

const summary = (command: string) =>
  parseCommandLines(command).map((line) => ({
    depth: line.command.depth,
    op: line.command.op,
    program: line.program,
    assignments: line.assignments.map((a) => `${a.via}:${a.name}=${a.value}`),
    argv: line.argv.map((w) => w.text),
    piped: line.pipedFrom !== undefined,
  }));

describe('parseCommandLines', () => {
  it('splits simple commands on operators and keeps redirections out of the words', () => {
    assert.deepEqual(summary('bundle exec rake db:migrate && bin/rails s -p $PORT 2>&1 | tee log; echo done > /dev/null &'), [
      { depth: 0, op: '&&', program: 'rake', assignments: [], argv: ['rake', 'db:migrate'], piped: false },
      { depth: 0, op: '|', program: 'rails', assignments: [], argv: ['bin/rails', 's', '-p', '$PORT'], piped: false },
      { depth: 0, op: ';', program: 'tee', assignments: [], argv: ['tee', 'log'], piped: true },
      { depth: 0, op: '&', program: 'echo', assignments: [], argv: ['echo', 'done'], piped: false },
    ]);
  });

  it('finds leading, env and export assignments, with quotes removed', () => {
    assert.deepEqual(summary(`NODE_ENV=production A="x y" env -i B='z' node app.js`)[0].assignments, ['prefix:NODE_ENV=production', 'prefix:A=x y', 'env:B=z']);
    assert.deepEqual(summary('export A=1 B=2 && node app.js'), [
      { depth: 0, op: '&&', program: '', assignments: ['export:A=1', 'export:B=2'], argv: [], piped: false },
      { depth: 0, op: '', program: 'node', assignments: [], argv: ['node', 'app.js'], piped: false },
    ]);
    // A quoted name is not an assignment.
    assert.deepEqual(summary(`"A=1" node`)[0].assignments, []);
  });

  it('unwraps exec, sudo, npx, bundle exec, poetry run and friends', () => {
    assert.equal(summary('exec bundle exec puma -C config/puma.rb')[0].program, 'puma');
    assert.equal(summary('sudo -E -u app npx --yes nodemon server.js')[0].program, 'nodemon');
    assert.equal(summary('poetry run gunicorn app:app')[0].program, 'gunicorn');
    assert.equal(summary('newrelic-admin run-program gunicorn app:app')[0].program, 'gunicorn');
    assert.equal(summary('bin/start-nginx bundle exec unicorn -c config/unicorn.rb')[0].program, 'unicorn');
  });

  it('parses `sh -c` scripts with offsets mapped to the outer string', () => {
    const command = `bash -lc "RAILS_ENV=development bin/rails s -p 3000"`;
    const lines = parseCommandLines(command);
    assert.equal(lines.length, 2);
    const inner = lines[1];
    assert.equal(inner.command.depth, 1);
    assert.equal(inner.program, 'rails');
    const port = inner.argv[3];
    const span = wordSpan(port);
    assert.equal(command.slice(span.start, span.end), '3000');
    const value = inner.assignments[0];
    const valueSpan = wordSpan(value.word, value.valueFrom);
    assert.equal(command.slice(valueSpan.start, valueSpan.end), 'development');
  });

  it('keeps command and process substitutions inside one word', () => {
    assert.deepEqual(summary('bash <(curl -s https://x.example.com/i.sh) && echo "$(date) `id`"').map((l) => l.argv), [
      ['bash', '<(curl -s https://x.example.com/i.sh)'],
      ['echo', '$(date) `id`'],
    ]);
  });

  it('maps word characters through quotes and escapes', () => {
    const command = `mysql -p'se cr"et' --x="a\\"b"`;
    const [line] = parseCommandLines(command);
    const password = line.argv[1];
    assert.equal(password.text, '-pse cr"et');
    assert.equal(password.quote, 'nnssssssss');
    assert.deepEqual(password.segments.map((s) => [s.kind, s.from, s.to, command[s.open], command[s.close]]), [['s', 2, 10, "'", "'"]]);
    const x = line.argv[2];
    assert.equal(x.text, '--x=a"b');
    assert.equal(command[x.pos[5]], '"');
    assert.equal(command[x.pos[5] - 1], '\\');
  });

  it('ignores comments and joins continued lines', () => {
    assert.deepEqual(summary('gunicorn app:app \\\n  --workers 3 # --reload').map((l) => l.argv), [['gunicorn', 'app:app', '--workers', '3']]);
  });

  it('never throws on unbalanced or odd input', () => {
    for (const input of ['"unterminated', "'open", '$(echo', '`tick', 'a >', '| |', '&&', '\\', 'x=(', '<<<', '${', 'a\r\nb\rc', '']) {
      assert.doesNotThrow(() => parseCommandLines(input), input);
    }
  });
});

describe('shell helpers', () => {
  it('splits assignment values into parts', () => {
    const [line] = parseCommandLines('NODE_OPTIONS="--inspect=0.0.0.0:9229  --max-old-space-size=512" node app.js');
    const word = line.assignments[0].word;
    assert.deepEqual(
      splitParts(word, line.assignments[0].valueFrom).map((p) => word.text.slice(p.from, p.to)),
      ['--inspect=0.0.0.0:9229', '--max-old-space-size=512'],
    );
  });

  it('deletes a word with the whitespace on one side', () => {
    const command = 'node --inspect app.js';
    const [line] = parseCommandLines(command);
    const middle = wordDeletion(line.command.words, 1);
    assert.equal(command.slice(0, middle.start) + command.slice(middle.end), 'node app.js');
    const last = wordDeletion(line.command.words, 2);
    assert.equal(command.slice(0, last.start) + command.slice(last.end), 'node --inspect');
  });

  it('sees through `python -m`', () => {
    const [line] = parseCommandLines('python3 -u -m http.server 8000');
    assert.deepEqual(effectiveProgram(line), { name: 'http.server', args: 4 });
  });
});
