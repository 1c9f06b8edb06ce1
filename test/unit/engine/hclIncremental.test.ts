/**
 * The incremental native re-parse (src/engine/parsers/hclIncremental.ts, used by HclDocumentParser): after any
 * edit, its model equals a whole-file parse of the new text, it reuses the unchanged items before the edit as the
 * same objects, and it never accepts a region that would parse differently within the whole file (so no syntax
 * error is ever hidden). Differential properties on fixtures, examples and generated modules, then hand-written cases.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { rng, terraformModule } from '../../../bench/gen';
import { type EditedRange, mergeEdit, reparseEdited } from '../../../src/engine/parsers/hclIncremental';
import { parseHclNative } from '../../../src/engine/parsers/hclNative';
import { type HclEdit, HclDocumentParser, loadTerraformParser, parseHcl } from '../../../src/engine/parsers/terraform';
import type { HclFile } from '../../../src/engine/terraform/hcl';
import { textsOfKind } from '../../fuzz/corpus';
import { hclEditOf } from '../../helpers/hclEdit';

before(() => loadTerraformParser());

/** Replacing `[start, start + deleted)` of `text` by `inserted`: the edit (as an editor reports it) and the new text. */
function replace(text: string, start: number, deleted: number, inserted: string): { edit: HclEdit; text: string } {
  return { edit: hclEditOf(text, start, start + deleted, inserted), text: text.slice(0, start) + inserted + text.slice(start + deleted) };
}

/** Text an edit may insert: what breaks and repairs HCL (line breaks, quotes, braces, comments, heredocs, templates). */
const FRAGMENTS = ['a', 'x', '_', '-', '1', '0', ' ', '\t', '\n', '\r\n', '"', '{', '}', '[', ']', '(', ')', '#', '//', '/*', '*/', '<<EOT\n', '<<-EOT\n', '\nEOT\n', 'EOT', '${', '%{', '=', ',', '.', '*', '\\', '~', 'var.x', ' = 1\n', 'b {\n', '\ufeff', '\0'];

interface EditSpec {
  /** Where, as a fraction of the text's length… */
  readonly at: number;
  /** …or that many characters before the end of the line there (where an item ends and its line break follows). */
  readonly beforeLineEnd: number | undefined;
  readonly deleted: number;
  /** `copy`: inserts a slice of the text itself (plausible HCL: whole items, lines); `undo`: reverts the last edit. */
  readonly kind: 'fragments' | 'copy' | 'undo';
  readonly fragments: readonly string[];
  readonly copyFrom: number;
  readonly copyLength: number;
}

const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  beforeLineEnd: fc.option(fc.nat(3)),
  deleted: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
  kind: fc.constantFrom('fragments', 'fragments', 'copy', 'undo'),
  fragments: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }),
  copyFrom: fc.double({ min: 0, max: 1, noNaN: true }),
  copyLength: fc.integer({ min: 1, max: 20 }),
});

/** The next edit of a sequence on `text`; `last` is the previous edit (for `undo`) and the text before it. */
function nextEdit(text: string, spec: EditSpec, last: { edit: HclEdit; before: string } | undefined): { edit: HclEdit; text: string } {
  if (spec.kind === 'undo' && last) {
    const { edit, before } = last;
    return replace(text, edit.startIndex, edit.newEndIndex - edit.startIndex, before.slice(edit.startIndex, edit.oldEndIndex));
  }
  let start = Math.min(text.length, Math.floor(spec.at * (text.length + 1)));
  if (spec.beforeLineEnd !== undefined) {
    const lineEnd = text.indexOf('\n', start);
    start = Math.max(0, (lineEnd === -1 ? text.length : lineEnd) - spec.beforeLineEnd);
  }
  const deleted = Math.min(spec.deleted, text.length - start);
  let inserted: string;
  if (spec.kind === 'copy') {
    const from = Math.floor(spec.copyFrom * text.length);
    inserted = text.slice(from, from + spec.copyLength);
  } else {
    inserted = spec.fragments.join('').slice(0, 20);
  }
  return replace(text, start, deleted, inserted);
}

const MODULE = [
  'resource "heroku_app" "api" {',
  '  name   = "api"',
  '  region = "us" # where',
  '}',
  '',
  '/* between */',
  'locals {',
  '  banner = <<EOT',
  '  hello ${var.name}',
  '  EOT',
  '}',
  '',
  '# a comment in a gap',
  'variable "name" {',
  '  default = "x"',
  '}',
  '',
].join('\n');

/** Top-level attributes (as in a .tfvars file) with heredocs, comments in the gaps and one-line blocks. */
const TOP_LEVEL = [
  'a = <<EOT',
  'hi ${x}',
  'EOT',
  'b = <<-EOT',
  '    indented',
  '  EOT   ',
  '/* gap */ // more',
  'c = [1,',
  '  2] # trailing',
  'd = { k = "v" }',
  'e { f = 1 }',
  '',
  'g = x /* spans',
  '*/',
  'h = "${a}-${b}"',
].join('\n');

/** Fixtures, examples and generated modules (some in CRLF), each at most a few kilobytes so tree-sitter stays quick. */
function sources(): string[] {
  const texts = [...textsOfKind('terraform'), ...textsOfKind('tfvars')].filter((text) => text.length < 8000);
  for (const seed of [1, 2, 3]) for (const text of terraformModule(120, seed).files.values()) texts.push(text);
  texts.push(MODULE, TOP_LEVEL);
  const crlf = texts.filter((_, i) => i % 7 === 0).map((text) => text.replace(/\r?\n/g, '\r\n'));
  return [...texts, ...crlf];
}

/**
 * The model of `text` from a document parser equals parseHcl's; for a broken text, whose model comes from
 * tree-sitter's incremental re-parse (untouched here, and whose error recovery can differ from a fresh parse's),
 * it reports an error too.
 */
/**
 * A valid text gets exactly the whole-file model. A broken one gets errors (not necessarily the whole file's
 * recovery: an open document re-parses a broken region alone, keeping the items around it).
 */
function assertSameModel(actual: HclFile, text: string, context: string): void {
  const expected = parseHcl(text);
  const message = `${context}\n--- text:\n${JSON.stringify(text.slice(0, 3000))}`;
  if (expected.errors.length === 0) assert.deepStrictEqual(actual, expected, message);
  else assert.ok(actual.errors.length > 0, message);
}

/**
 * Random edits (merged when several) on `valid` texts: reparseEdited's model, when it gives one, equals the
 * whole-file native parse and keeps the items before the edit as the same objects.
 */
function checkReparse(valid: readonly string[], numRuns: number, seed: number, minimum: number): void {
  let reparsed = 0;
  let missed = 0;
  fc.assert(
    fc.property(fc.nat(valid.length - 1), fc.array(editSpec, { minLength: 1, maxLength: 3 }), (index, specs) => {
      const text = valid[index];
      const base = parseHclNative(text) as HclFile;
      // Several edits merged into one range before a single re-parse.
      let current = text;
      let range: EditedRange | undefined;
      let last: { edit: HclEdit; before: string } | undefined;
      for (const spec of specs) {
        const next = nextEdit(current, spec, last);
        range = mergeEdit(range, next.edit, current.length);
        assert.ok(range);
        last = { edit: next.edit, before: current };
        current = next.text;
      }
      const result = reparseEdited(base, text.length, current, range as EditedRange);
      const whole = parseHclNative(current);
      if (result === undefined) {
        if (whole) missed++;
        return;
      }
      reparsed++;
      assert.ok(whole, `region accepted, whole file not:\n${JSON.stringify(current)}`);
      assert.deepStrictEqual(result, whole, JSON.stringify(current));
      // Items before the edit, followed by an untouched line break, are the base's own objects.
      const r = range as EditedRange;
      const keptBefore = (item: { end: number }) => {
        const lf = current.indexOf('\n', item.end);
        return item.end < r.start && lf !== -1 && lf < r.start;
      };
      for (const block of base.body.blocks) if (keptBefore(block)) assert.ok(result.body.blocks.includes(block));
      for (const attribute of base.body.attributes) if (keptBefore(attribute)) assert.ok(result.body.attributes.includes(attribute));
    }),
    { numRuns, seed },
  );
  // Most edits that keep the file valid are re-parsed by region (the rest: joined lines, duplicate names…).
  assert.ok(reparsed > minimum && missed < reparsed / 4, `${reparsed} edits re-parsed by region, ${missed} valid ones by the whole file`);
}

describe('incremental native re-parse: differential properties', () => {
  const texts = sources();

  it('reparseEdited after every insertion of a fragment and every short deletion, at every offset of small files', () => {
    const small = [MODULE, TOP_LEVEL, MODULE.replace(/\n/g, '\r\n'), TOP_LEVEL.replace(/\n/g, '\r\n')];
    let reparsed = 0;
    for (const text of small) {
      const base = parseHclNative(text);
      assert.ok(base, JSON.stringify(text));
      for (let at = 0; at <= text.length; at++) {
        const edits: [number, string][] = [...FRAGMENTS.map((inserted): [number, string] => [0, inserted]), [1, ''], [2, ''], [1, ' ']];
        for (const [deleted, inserted] of edits) {
          if (at + deleted > text.length) continue;
          const next = replace(text, at, deleted, inserted);
          const result = reparseEdited(base, text.length, next.text, mergeEdit(undefined, next.edit, text.length) as EditedRange);
          if (result === undefined) continue;
          reparsed++;
          assert.deepStrictEqual(result, parseHclNative(next.text), JSON.stringify(next.text));
        }
      }
    }
    assert.ok(reparsed > 5000, `${reparsed} edits re-parsed by region`);
  });

  it('reparseEdited equals a whole-file native parse, keeps the items before the region, or gives up', () => {
    const valid = texts.filter((text) => parseHclNative(text) !== undefined);
    assert.ok(valid.length > 50, `${valid.length} valid sources`);
    checkReparse(valid, 20000, 11, 2000);
  });

  it('HclDocumentParser after each of a sequence of edits equals parseHcl of the new text', () => {
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(fc.array(editSpec, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (index, steps) => {
        let text = texts[index];
        const parser = new HclDocumentParser();
        try {
          assertSameModel(parser.parse(text), text, 'parse');
          let last: { edit: HclEdit; before: string } | undefined;
          for (const [i, specs] of steps.entries()) {
            const edits: HclEdit[] = [];
            for (const spec of specs) {
              const next = nextEdit(text, spec, last);
              edits.push(next.edit);
              last = { edit: next.edit, before: text };
              text = next.text;
            }
            parser.apply(edits, text);
            // Now and then two applies before one file(): their edits merge.
            if (i % 3 !== 1) assertSameModel(parser.file(), text, `after step ${i}`);
          }
          assertSameModel(parser.file(), text, 'at the end');
        } finally {
          parser.dispose();
        }
      }),
      { numRuns: 1000, seed: 12 },
    );
  });
});

/** A parser on `text`, then one edit replacing `[start, start + deleted)` by `inserted`; returns both models. */
function edited(text: string, start: number, deleted: number, inserted: string): { before: HclFile; after: HclFile; text: string; parser: HclDocumentParser } {
  const parser = new HclDocumentParser();
  const before = parser.parse(text);
  const next = replace(text, start, deleted, inserted);
  parser.apply([next.edit], next.text);
  const after = parser.file();
  assertSameModel(after, next.text, 'edited');
  return { before, after, text: next.text, parser };
}


describe('incremental native re-parse: hand-written cases', () => {
  it('reuses the items and comments before the edit, shifts those after it', () => {
    const at = MODULE.indexOf('hello');
    const { before, after, parser } = edited(MODULE, at, 0, 'say ');
    try {
      assert.equal(after.errors.length, 0);
      assert.equal(after.body.blocks[0], before.body.blocks[0]);
      assert.notEqual(after.body.blocks[1], before.body.blocks[1]);
      assert.equal(after.body.blocks[2].start, before.body.blocks[2].start + 4);
      assert.equal(after.comments[0], before.comments[0]);
      assert.equal(after.comments.at(-1)?.start, (before.comments.at(-1)?.start ?? 0) + 4);
    } finally {
      parser.dispose();
    }
  });

  it('edits inside a heredoc, and breaking its closing line', () => {
    const at = MODULE.indexOf('  EOT');
    for (const [deleted, inserted] of [
      [0, 'more\n'],
      [5, '  EOT x'],
      [5, '  EOT # no'],
      [5, '  EOT /* no */'],
      [5, ''],
    ] as const) {
      edited(MODULE, at, deleted, inserted).parser.dispose();
    }
    // After the closing marker, on its line.
    edited(MODULE, at + 5, 0, ' ').parser.dispose();
    edited(MODULE, at + 5, 0, '.x').parser.dispose();
    // A top-level heredoc: its closing line looks past the item's end, up to the line break.
    const text = 'a = <<EOT\nhi\nEOT \nb = 1\n';
    const afterMarker = text.indexOf('EOT \n') + 4;
    for (const inserted of ['# c', '/* c */', 'x', ' ', '\r']) {
      const { after, parser } = edited(text, afterMarker, 0, inserted);
      parser.dispose();
      assert.equal(after.errors.length > 0, inserted !== ' ' && inserted !== '\r', JSON.stringify(inserted));
    }
  });

  it('opening an unterminated string, comment or brace falls back and reports the error', () => {
    const inString = MODULE.indexOf('"x"') + 1;
    const { after, parser } = edited(MODULE, inString, 0, '"');
    parser.dispose();
    assert.ok(after.errors.length > 0);
    for (const inserted of ['"', '/*', '{', '[', '(', '<<EOT\n', '"${']) {
      const { after: inGap, parser: second } = edited(MODULE, MODULE.indexOf('# a comment'), 0, `z = ${inserted}\n`);
      second.dispose();
      assert.ok(inGap.errors.length > 0, JSON.stringify(inserted));
    }
  });

  it('deleting the line break between two items is an error, not two items', () => {
    const text = 'a = 1\nb = 2\nc = 3\n';
    for (const at of [5, 11]) {
      const { after, parser } = edited(text, at, 1, '');
      parser.dispose();
      assert.ok(after.errors.length > 0);
    }
    const block = 'x {\n}\ny {\n}\n';
    const { after, parser } = edited(block, block.indexOf('\ny'), 1, ' ');
    parser.dispose();
    assert.ok(after.errors.length > 0);
  });

  it('an item continued on its line by an edit after its end', () => {
    for (const inserted of [' + 1', '.y', '[0]', ' ? 1 : 2', 'b = 2']) {
      edited('a = x \nb = 2\n', 6, 0, inserted).parser.dispose();
      edited('a = x /*\n*/\nb = 2\n', 11, 0, inserted).parser.dispose();
    }
  });

  it('edits a comment in a gap, at offset 0 and at the end', () => {
    edited(MODULE, MODULE.indexOf('a comment in') + 2, 7, 'note').parser.dispose();
    edited(MODULE, MODULE.indexOf('between'), 0, '*/ x = 1 /* ').parser.dispose();
    edited(MODULE, 0, 0, 'x = 1\n').parser.dispose();
    edited(MODULE, 0, 0, 'x').parser.dispose();
    edited(MODULE, 0, 0, '\ufeff').parser.dispose();
    edited(MODULE, MODULE.length, 0, 'z = 1').parser.dispose();
    edited(MODULE, MODULE.length - 1, 1, '').parser.dispose();
    edited('a = 1', 5, 0, '2').parser.dispose();
    edited('a = 1', 5, 0, '\nb = 2').parser.dispose();
  });

  it('a duplicate top-level attribute name is left to the whole-file parse', () => {
    const { after, parser } = edited('a = 1\nb = 2\nc = 3\n', 6, 1, 'a');
    parser.dispose();
    assert.ok(after.errors.length > 0);
  });

  it('CRLF files', () => {
    const text = MODULE.replace(/\n/g, '\r\n');
    edited(text, text.indexOf('hello'), 0, 'say ').parser.dispose();
    edited(text, text.indexOf('\r\nlocals'), 1, '').parser.dispose();
    edited(text, text.indexOf('\r\nlocals') + 1, 1, '').parser.dispose();
    edited(text, text.indexOf('\r\n# a comment'), 0, '\r').parser.dispose();
    edited(text, text.indexOf('\n# a comment'), 0, '\r').parser.dispose();
  });

  it('an edit that makes the file valid again is re-parsed by region, reusing the items before it', () => {
    const parser = new HclDocumentParser();
    try {
      const valid = parser.parse(MODULE);
      const at = MODULE.indexOf('"x"');
      let next = replace(MODULE, at, 0, '"');
      parser.apply([next.edit], next.text);
      assert.ok(parser.file().errors.length > 0);
      next = replace(next.text, at, 1, '');
      parser.apply([next.edit], next.text);
      const repaired = parser.file();
      assert.deepStrictEqual(repaired, parseHcl(MODULE));
      assert.equal(repaired.body.blocks[0], valid.body.blocks[0]);
      assert.equal(repaired.body.blocks[1], valid.body.blocks[1]);
    } finally {
      parser.dispose();
    }
  });

  it('forgets its base when the edits do not fit the text', () => {
    const parser = new HclDocumentParser();
    try {
      parser.parse('a = 1\n');
      // An empty edit list for a different text, and an edit whose length change does not match.
      parser.apply([], 'b = 2\n');
      assert.deepStrictEqual(parser.file(), parseHcl('b = 2\n'));
      const wrong = replace('b = 2\n', 0, 0, 'x');
      parser.apply([wrong.edit], 'c = 3\n');
      assert.deepStrictEqual(parser.file(), parseHcl('c = 3\n'));
    } finally {
      parser.dispose();
    }
  });

  it('merges edits into one range of the base text', () => {
    let range = mergeEdit(undefined, { startIndex: 10, oldEndIndex: 12, newEndIndex: 15 }, 100);
    assert.deepStrictEqual(range, { start: 10, oldEnd: 12, delta: 3 });
    range = mergeEdit(range, { startIndex: 20, oldEndIndex: 25, newEndIndex: 20 }, 103);
    assert.deepStrictEqual(range, { start: 10, oldEnd: 22, delta: -2 });
    range = mergeEdit(range, { startIndex: 2, oldEndIndex: 3, newEndIndex: 3 }, 98);
    assert.deepStrictEqual(range, { start: 2, oldEnd: 22, delta: -2 });
    assert.equal(mergeEdit(range, { startIndex: 5, oldEndIndex: 99, newEndIndex: 5 }, 98), undefined);
  });
});

describe('incremental re-parse of a broken region', () => {
  it('a keystroke that breaks one block reports its error there and keeps every other block', () => {
    const text = 'resource "heroku_app" "a" {\n  name = "a"\n}\n\nresource "heroku_app" "b" {\n  name = "b"\n}\n\nresource "heroku_app" "c" {\n  name = "c"\n}\n';
    const at = text.indexOf('"b"\n') + 3;
    for (const inserted of ['"', '{', '=', '${', '/*', 'x y']) {
      const { before, after, parser } = edited(text, at, 0, inserted);
      parser.dispose();
      const region = { start: before.body.blocks[0].end, end: before.body.blocks[2].start + inserted.length };
      assert.ok(after.errors.length > 0, JSON.stringify(inserted));
      for (const error of after.errors) assert.ok(error.start >= region.start && error.end <= region.end, `${JSON.stringify(inserted)}: ${JSON.stringify(error)}`);
      assert.equal(after.body.blocks[0], before.body.blocks[0], 'the block before is the same object');
      const last = after.body.blocks.at(-1);
      assert.equal(last?.labels[1].value, 'c');
      assert.equal(last?.start, before.body.blocks[2].start + inserted.length);
    }
  });

  it('random keystrokes on generated modules: a broken region is only reported when the whole text is broken', () => {
    const random = rng(20261129);
    const letters = 'abz=" {}[]#$/\n';
    for (const text of [terraformModule(300, 11).files.get('main.tf') as string, MODULE]) {
      const parser = new HclDocumentParser();
      try {
        let current = text;
        parser.parse(current);
        let broken = 0;
        for (let n = 0; n < 400; n++) {
          const at = Math.floor(random() * (current.length + 1));
          const next = replace(current, at, 0, letters[Math.floor(random() * letters.length)]);
          parser.apply([next.edit], next.text);
          const model = parser.file();
          const whole = parseHcl(next.text);
          assert.equal(model.errors.length > 0, whole.errors.length > 0, JSON.stringify(next.text.slice(Math.max(0, at - 40), at + 40)));
          if (whole.errors.length === 0) assert.deepStrictEqual(model, whole);
          else broken++;
          // Undo the keystroke, as the benchmark does, so that the module stays mostly valid.
          const undo = replace(next.text, at, 1, '');
          parser.apply([undo.edit], undo.text);
          assert.deepStrictEqual(parser.file(), parseHcl(undo.text));
          current = undo.text;
        }
        assert.ok(broken > 20, `${broken} broken keystrokes`);
      } finally {
        parser.dispose();
      }
    }
  });
});
