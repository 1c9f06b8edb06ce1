import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LineIndex, maskSecret } from '../../../src/engine';
import { Document } from '../../../src/engine/document';
import { jsonRemoveEdit } from '../../../src/engine/edits';
import { nearest } from '../../../src/engine/text';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and UTF-16 columns across LF, CRLF and CR', () => {
    const index = new LineIndex('a\r\nbé😀c\rd\n');
    assert.deepEqual(index.position(0), { offset: 0, line: 1, column: 1 });
    assert.deepEqual(index.position(3), { offset: 3, line: 2, column: 1 });
    assert.deepEqual(index.position(7), { offset: 7, line: 2, column: 5 });
    assert.deepEqual(index.position(9), { offset: 9, line: 3, column: 1 });
    assert.equal(index.lineText(2), 'bé😀c');
    assert.equal(index.lineCount, 4);
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab');
    assert.equal(index.position(-5).offset, 0);
    assert.equal(index.position(99).offset, 2);
  });
});

describe('applyEdits', () => {
  it('applies edits in offset order and skips overlapping ones', () => {
    const { text, skipped } = applyEdits('0123456789', [
      { path: 'f', start: 6, end: 8, newText: 'X' },
      { path: 'f', start: 1, end: 3, newText: 'AB' },
      { path: 'f', start: 2, end: 4, newText: 'no' },
    ]);
    assert.equal(text, '0AB345X89');
    assert.equal(skipped.length, 1);
  });
});

describe('maskSecret', () => {
  it('keeps only the first four and last two characters', () => {
    assert.equal(maskSecret('sk_live_abcdefghijklmn89'), 'sk_l…89');
    assert.equal(maskSecret('short'), '…');
  });
});

describe('nearest', () => {
  it('suggests within the distance and nothing beyond it', () => {
    assert.equal(nearest('enviroments', ['environments', 'env']), 'environments');
    assert.equal(nearest('zzzzzz', ['env']), undefined);
  });
});

describe('jsonRemoveEdit', () => {
  const remove = (text: string, path: (string | number)[]) => {
    const document = Document.parse({ path: 'app.json', kind: 'app.json', text });
    const edit = jsonRemoveEdit(document, path);
    return edit ? applyEdits(text, [edit]).text : undefined;
  };
  it('removes a member with one comma, in any position, without reformatting', () => {
    assert.equal(remove('{"a":1,"image":"x","b":2}', ['image']), '{"a":1,"b":2}');
    assert.equal(remove('{"image":"x", "b":2}', ['image']), '{"b":2}');
    assert.equal(remove('{"a":1, "image":"x"}', ['image']), '{"a":1}');
    assert.equal(remove('{ "image": "x" }', ['image']), '{}');
    assert.equal(remove('{"env": {\n    "A": "1"\n  }}', ['env', 'A']), '{"env": {}}');
    assert.equal(remove('{\n  "a": 1,\n  "image": "x"\n}\n', ['image']), '{\n  "a": 1\n}\n');
  });
  it('removes the last item of a one-line array', () => {
    assert.equal(remove('{"buildpacks":[{"url":"a"}, {"url":"b"}]}', ['buildpacks', 1]), '{"buildpacks":[{"url":"a"}]}');
  });
  it('targets the last of duplicate keys and answers undefined for a missing path', () => {
    assert.equal(remove('{"image":"1","image":"2"}', ['image']), '{"image":"1"}');
    assert.equal(remove('{"a":1}', ['image']), undefined);
  });
});
