/**
 * The shortcuts taken for speed (bench/README.md) give exactly what the general code gives:
 * - flatten() through web-tree-sitter's wasm exports (flattenRaw) copies the same tree as the public TreeCursor;
 * - jsonModifyEdits() replacing an existing member on the lines it is on equals jsonc-parser's modify();
 * - findKnownTokens() answers from its cache as it did the first time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { modify } from 'jsonc-parser';
import { Language, Parser } from 'web-tree-sitter';
import { findKnownTokens } from '../../../src/engine/detectors/secrets';
import { Document } from '../../../src/engine/document';
import { jsonModifyEdits } from '../../../src/engine/edits';
import { type FlatTree, flatten, setTreeSitterBinding, treeSitterBinding } from '../../../src/engine/parsers/hclConvert';
import { loadTerraformParser } from '../../../src/engine/parsers/terraform';
import { REPO_ROOT } from '../../helpers/paths';

const CORPUS = path.join(REPO_ROOT, 'test', 'hclconform', 'corpus');

function plain(flat: FlatTree): unknown {
  return { ...flat, missing: [...flat.missing].sort((a, b) => a - b) };
}

describe('flatten through the wasm exports', () => {
  let parser: Parser;
  let binding: unknown;

  before(async () => {
    // The engine's loader hands its Parser.init options (the Emscripten module) to setTreeSitterBinding.
    await loadTerraformParser();
    const grammar = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    parser = new Parser();
    parser.setLanguage(await Language.load(fs.readFileSync(grammar)));
    binding = treeSitterBinding();
  });

  it('copies the same tree as the public TreeCursor, valid and broken files alike, with an offset', () => {
    assert.ok(binding, 'the loader captured the module');
    const texts = fs
      .readdirSync(CORPUS)
      .sort()
      .map((name) => fs.readFileSync(path.join(CORPUS, name), 'utf8'));
    texts.push('resource "heroku_app" "a" {\n  name = "x\n  acm = \n}\nresource "heroku_app" "b" { acm = false }\n', '');
    for (const [i, text] of texts.entries()) {
      const tree = parser.parse(text);
      assert.ok(tree);
      try {
        setTreeSitterBinding(binding);
        const fast = flatten(tree, 7);
        setTreeSitterBinding(undefined);
        const slow = flatten(tree, 7);
        assert.deepEqual(plain(fast), plain(slow), `text ${i}`);
      } finally {
        setTreeSitterBinding(binding);
        tree.delete();
      }
    }
  });
});

describe('jsonModifyEdits on an existing member', () => {
  const options = (text: string) => {
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    return { formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' } };
  };
  const texts = [
    '{\n  "env": {\n    "A": "sk_live_x",\n    "B": { "value": "y", "required": true },\n    "C": {\n      "value": "z"\n    }\n  }\n}\n',
    '{\r\n\t"env": {\r\n\t\t"A": "x",\r\n\t\t"B": {\r\n\t\t\t"value": "y"\r\n\t\t}\r\n\t}\r\n}\r\n',
    '{"env":{"A":"x","B":{"value":"y",\n"required":true}}}',
    '{"env":{"A":{"value":"x"\r}},"b":1}',
  ];
  it("equals jsonc-parser's modify() for every member, value and line-break style", () => {
    for (const text of texts) {
      const document = Document.parse({ path: 'app.json', kind: 'app.json', text });
      for (const key of ['A', 'B', 'C', 'missing']) {
        for (const value of [{ generator: 'secret' }, { description: 'Set it', required: true, value: 'v' }]) {
          const expected = modify(text, ['env', key], value, options(text)).map((e) => ({ path: 'app.json', start: e.offset, end: e.offset + e.length, newText: e.content }));
          assert.deepEqual(jsonModifyEdits(document, ['env', key], value), expected, `${JSON.stringify(text)} env.${key}`);
        }
      }
    }
  });
});

describe('findKnownTokens cache', () => {
  it('returns the same matches, in a fresh array, on every call', () => {
    const value = 'token ghp_0123456789abcdefghijABCDEFGHIJ012345 here';
    const first = findKnownTokens(value);
    first.pop();
    const second = findKnownTokens(value);
    assert.equal(second.length, 1);
    assert.deepEqual(second, findKnownTokens(value));
    assert.notEqual(findKnownTokens(value, 'GITHUB_TOKEN'), undefined);
  });
});
