/**
 * The shortcuts that make app.json, Procfile and heroku.yml lint fast, each checked against the general path it
 * stands for: the same answers on ordinary, edge-case and random inputs.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';
import { type Document, parseDocument } from 'yaml';
import { findKnownTokens, isNormalizedName, normalizeKeyName } from '../../../src/engine/detectors/secrets';
import { lint } from '../../../src/engine/lint';
import { nodeAtPath, parseAppJson } from '../../../src/engine/parsers/appJson';
import { hasRepeatedKey, parseHerokuYml } from '../../../src/engine/parsers/herokuYml';
import { linesOf } from '../../../src/engine/rules/cmd/common';
import { parseCommandLines } from '../../../src/engine/shell';
import type { CommandSite } from '../../../src/engine/sites';
import { lineStartBefore } from '../../../src/engine/text';

/** mulberry32: the same random inputs on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];

describe('linesOf', () => {
  const site = (value: string): CommandSite => ({ value, start: 0, end: value.length, valueStart: 0, origin: 'procfile', process: 'web' });

  it('gives the parse of the site value, the same object on every call for the same site', () => {
    const web = site('FOO=1 bundle exec puma -p $PORT && echo "done" | tee log');
    const lines = linesOf(web);
    assert.deepEqual(lines, parseCommandLines(web.value));
    assert.equal(linesOf(web), lines);
  });

  it('keeps one parse per site even when more distinct commands are read than the string cache holds', () => {
    const sites = Array.from({ length: 3000 }, (_, i) => site(`bundle exec sidekiq -q q${i}`));
    const first = sites.map(linesOf);
    sites.forEach((s, i) => assert.equal(linesOf(s), first[i]));
    assert.deepEqual(first[2999][0].argv.map((w) => w.text), ['sidekiq', '-q', 'q2999']);
  });
});

describe('shell lexer: runs of plain characters', () => {
  const words = (command: string) => parseCommandLines(command).map((line) => line.command.words.map((w) => w.text));

  it('ends a run at every character that another branch handles', () => {
    assert.deepEqual(words('ab|cd'), [['ab'], ['cd']]);
    assert.deepEqual(words('ab;cd&ef&&gh||ij'), [['ab'], ['cd'], ['ef'], ['gh'], ['ij']]);
    assert.deepEqual(words('ab(cd)ef'), [['ab'], ['cd'], ['ef']]);
    assert.deepEqual(words("ab'c d'e\"f g\"h"), [["abc def gh"]]);
    assert.deepEqual(words('ab\\ cd'), [['ab cd']]);
    assert.deepEqual(words('ab$(x y)cd ${HOME}e `u v`'), [['ab$(x y)cd', '${HOME}e', '`u v`']]);
    assert.deepEqual(words('ab>out cd 2>&1 ef<in'), [['ab', 'cd', 'ef']]);
    assert.deepEqual(words('ab\tcd\r\nef'), [['ab', 'cd'], ['ef']]);
    assert.deepEqual(words("x$'a b'y"), [['xa by']]);
  });

  it('keeps `#` inside a word and starts a comment only before one', () => {
    assert.deepEqual(words('ab#cd #ef gh'), [['ab#cd']]);
  });

  it('maps every character of a word to the one it came from, outside the ASCII range too', () => {
    const command = 'aé😀b=c"d e" f';
    for (const line of parseCommandLines(command)) {
      for (const word of line.command.words) {
        assert.equal(word.pos.length, word.text.length);
        assert.equal(word.quote.length, word.text.length);
        for (let k = 0; k < word.text.length; k++) assert.equal(command[word.pos[k]], word.text[k]);
      }
    }
    assert.deepEqual(words(command), [['aé😀b=cd e', 'f']]);
  });

  it('gives every word consistent positions on random commands', () => {
    const r = random(7);
    const parts = [' ', '\t', '\n', '\\', "'", '"', '$', '`', '<', '>', '&', '|', ';', '(', ')', '#', '{', '}', '=', 'a', 'b', 'x1', '/', 'é', 'sh -c ', "$'", '$(', '${', '2>&1'];
    for (let t = 0; t < 2000; t++) {
      let command = '';
      for (let k = 0, n = 1 + Math.floor(r() * 20); k < n; k++) command += pick(r, parts);
      for (const line of parseCommandLines(command)) {
        if (line.command.depth > 0) continue;
        for (const word of line.command.words) {
          assert.equal(word.pos.length, word.text.length, command);
          for (let k = 0; k < word.text.length; k++) assert.equal(command[word.pos[k]], word.text[k], command);
        }
      }
    }
  });
});

describe('normalizeKeyName', () => {
  const general = (key: string) =>
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase();

  it('takes the shortcut only for names the general path leaves unchanged', () => {
    for (const key of ['DATABASE_URL', 'A', '_A', 'A_', 'A1_B2', '', 'S3_BUCKET_9']) {
      assert.equal(isNormalizedName(key), true, key);
      assert.equal(general(key), key);
    }
    for (const key of ['A__B', 'apiKey', 'Api_Key', 'a', 'A-B', 'A.B', 'É', '__', 'S3BUCKET', '_0Z']) assert.equal(isNormalizedName(key), false, key);
  });

  it('matches the general path on random names', () => {
    const r = random(11);
    const chars = ['A', 'B', 'Z', '0', '9', '_', '__', 'a', 'z', '-', '.', ' ', 'É', 'é'];
    for (let t = 0; t < 5000; t++) {
      let key = '';
      for (let k = 0, n = Math.floor(r() * 10); k < n; k++) key += pick(r, chars);
      assert.equal(normalizeKeyName(key), general(key), key);
      assert.equal(normalizeKeyName(key), general(key), key); // kept answer
    }
  });
});

describe('findKnownTokens', () => {
  const stripe = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dcX'.split('').reverse().join('')}`;
  const uuid = '3f1c2a9e-7b4d-4e8a-9c1f-2d6b8e0a5c7f';

  it('answers the same for a value whatever was asked before, with the key-dependent formats per key', () => {
    const fresh = findKnownTokens(`token ${stripe}`, 'PLAIN');
    assert.deepEqual(findKnownTokens(`token ${stripe}`, 'OTHER'), fresh);
    assert.deepEqual(findKnownTokens(`token ${stripe}`), fresh);
    assert.equal(fresh.length, 1);
    assert.deepEqual(findKnownTokens(uuid, 'HEROKU_API_KEY').map((t) => t.id), ['heroku-api-key']);
    assert.deepEqual(findKnownTokens(uuid, 'REQUEST_ID'), []);
    assert.deepEqual(findKnownTokens(uuid, 'HEROKU_API_KEY').map((t) => t.id), ['heroku-api-key']);
  });

  it('returns arrays that callers may change without changing later answers', () => {
    const first = findKnownTokens(stripe, 'K1');
    first.length = 0;
    assert.equal(findKnownTokens(stripe, 'K1').length, 1);
    assert.equal(findKnownTokens(stripe, 'K2').length, 1);
  });
});

describe('heroku.yml: unique keys checked with a set', () => {
  const checked = (text: string) => parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
  const content = (document: Document.Parsed): unknown => {
    try {
      return document.toJS({ mapAsMap: true });
    } catch (error) {
      return `throws: ${(error as Error).message}`;
    }
  };
  const samples = [
    'run:\n  web: a\n  worker: b\n',
    'run:\n  web: a\n  web: b\n',
    'setup:\n  config:\n    A: 1\n    B: 2\n    A: 3\n',
    'a: {x: 1, y: 2, x: 3}\n',
    'a: [{x: 1}, {x: 2}]\n',
    '- {x: 1, x: 1}\n',
    '? [a, b]\n: 1\n? [a, b]\n: 2\n',
    '1: a\n"1": b\n',
    '1: a\n1.0: b\n',
    '.nan: a\n.nan: b\n',
    '~: a\nnull: b\n',
    ': a\n: b\n',
    'x: &k a\n*k : b\n',
    'a: 1\n---\na: 1\na: 2\n',
    'a: 1\n---\nb: 2\n',
    'run:\n  web: "unclosed\n',
    '!!set\n? a\n? a\n',
    '%YAML 1.1\n---\n!!omap\n- a: 1\n- a: 2\n',
    'a:\n  b:\n    c: 1\n    c: 2\n',
    'a: 1\n  b: 2\nc: [1, 2\n',
    '',
  ];

  it('gives the errors and content of the checked parse', () => {
    for (const text of samples) {
      const expected = checked(text);
      const parsed = parseHerokuYml(text);
      assert.deepEqual(
        parsed.document.errors.map((e) => [e.code, e.pos, e.message]),
        expected.errors.map((e) => [e.code, e.pos, e.message]),
        text,
      );
      assert.deepEqual(content(parsed.document), content(expected), text);
      assert.equal(parsed.document.options.uniqueKeys, true);
    }
  });

  it('finds repeated keys by yaml\'s test: equal scalar values (not equal text), never NaN', () => {
    const unchecked = (text: string) => parseDocument(text, { uniqueKeys: false });
    assert.equal(hasRepeatedKey(unchecked('a: 1\nb: 2\n')), false);
    assert.equal(hasRepeatedKey(unchecked('a: 1\nb: {c: 1, c: 2}\n')), true);
    assert.equal(hasRepeatedKey(unchecked('- x: 1\n  y:\n    - z: 1\n      z: 2\n')), true);
    assert.equal(hasRepeatedKey(unchecked('1: a\n1.0: b\n')), true);
    assert.equal(hasRepeatedKey(unchecked('1: a\n"1": b\n')), false);
    assert.equal(hasRepeatedKey(unchecked('.nan: a\n.nan: b\n')), false);
    assert.equal(hasRepeatedKey(unchecked('? {a: 1, a: 2}\n: x\n')), true);
  });

  it('gives the checked parse\'s errors on random edits of a manifest', () => {
    const base = ['setup:', '  addons:', '    - plan: heroku-postgresql', '      as: DATABASE', '  config:', '    A: 1', '    B: "2"', 'build:', '  docker:', '    web: Dockerfile', 'run:', '  web: bundle exec puma', '  worker:', '    command:', '      - sidekiq', '    image: web'];
    const r = random(5);
    for (let t = 0; t < 300; t++) {
      const lines = [...base];
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(r() * lines.length);
        if (r() < 0.5) lines.splice(at, 0, pick(r, lines));
        else lines[at] = lines[at].replace(/:/, pick(r, [':', '', ': {a: 1, a: 2}', ':: ', ': [', ': "']));
      }
      const text = `${lines.join('\n')}\n`;
      assert.deepEqual(
        parseHerokuYml(text).document.errors.map((e) => [e.code, e.pos]),
        checked(text).errors.map((e) => [e.code, e.pos]),
        text,
      );
    }
  });
});

describe('nodeAtPath', () => {
  it('finds what jsonc-parser\'s findNodeAtLocation finds', () => {
    const text = '{"env": {"A": "1", "B": {"value": "x"}, "A": "2", "C": }, "list": [1, {"k": [true]}], "env": {"A": "3"}}';
    const root = parseTree(text) as Node;
    const paths: (string | number)[][] = [
      [], ['env'], ['env', 'A'], ['env', 'B', 'value'], ['env', 'C'], ['env', 'D'], ['list', 0], ['list', 1, 'k', 0],
      ['list', 2], ['list', -1], ['list', 'k'], ['env', 0], ['env', 'A', 'x'], ['missing', 'A'],
    ];
    for (const path of paths) assert.equal(nodeAtPath(root, path), findNodeAtLocation(root, path), JSON.stringify(path));
    assert.equal(nodeAtPath(undefined, ['env']), undefined);
  });
});

describe('app.json duplicate keys', () => {
  it('names the object that repeats a key by its JSON path, in arrays too', () => {
    const parsed = parseAppJson('{"a": [{"x": 1}, {"y": {"k": 1, "k": 2}}], "env": {"A": 1, "A": 2, "A": 3}, "b": {"c": 1, "c": 2}}');
    assert.deepEqual(
      parsed.duplicateKeys.map((d) => [d.key, d.objectPath]),
      [['k', ['a', 1, 'y']], ['A', ['env']], ['A', ['env']], ['c', ['b']]],
    );
  });
});

describe('lineStartBefore', () => {
  const general = (text: string, offset: number) => Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;

  it('matches the lastIndexOf form at every offset, line break at the start included', () => {
    const r = random(3);
    const texts = ['', '\n', '\r\n', 'a', '\nabc', 'ab\r\ncd\ref\n', '  "x": 1,\n  "y": 2'];
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let k = 0, n = Math.floor(r() * 12); k < n; k++) text += pick(r, ['a', ' ', '\n', '\r', '\r\n', '"']);
      texts.push(text);
    }
    for (const text of texts) for (let offset = 0; offset <= text.length; offset++) assert.equal(lineStartBefore(text, offset), general(text, offset), JSON.stringify([text, offset]));
  });
});

describe('HRK-APPJSON-008: entries that cannot disable TLS are skipped early', () => {
  it('still reports every case: Node, PGSSLMODE, sslmode= in a URL (any case), ssl_cert_reqs= and *_SSL_CERT_REQS', () => {
    const env = {
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      PGSSLMODE: 'prefer',
      DATABASE_URL: 'postgres://db.example.com/app?SSLMode=disable',
      REDIS_URL: 'rediss://cache.example.com:6379?ssl_cert_reqs=none',
      REDIS_SSL_CERT_REQS: 'none',
      LOG_LEVEL: 'info',
      OTHER_URL: 'https://example.com/?mode=disable',
    };
    const text = `${JSON.stringify({ name: 'x', env }, null, 2)}\n`;
    const found = lint({ files: [{ path: 'app.json', kind: 'app.json', text }], only: ['HRK-APPJSON-008'] }).findings;
    assert.deepEqual(
      found.map((f) => f.message.slice(0, f.message.indexOf('`', 1) + 1)),
      ['`env.NODE_TLS_REJECT_UNAUTHORIZED`', '`env.PGSSLMODE`', '`env.DATABASE_URL`', '`env.REDIS_URL`', '`env.REDIS_SSL_CERT_REQS`'],
    );
  });
});
