/**
 * Incremental native re-parse of an edited HCL file, block by block: HclDocumentParser (terraform.ts) keeps the
 * last model the native parser built (the base) and where the text has changed since (an EditedRange); the new
 * model re-parses only the top-level items the edits touch and reuses every other one.
 *
 * The region re-parsed runs from the end of the last top-level item before the edits (or 0) to the start of the
 * first one after them (or the end of the text). It starts after an item whose line break is untouched, so that
 * the items before it parse as they did; parseHclNativeRegion checks that the new text parses exactly as the whole
 * file would there, and arrives between two items at the region's end, so that the items after it parse as they
 * did too (an edit that joins two lines makes that parse fail). Anything else, and any error, gives undefined:
 * the caller then parses the whole text, so no syntax error is ever hidden.
 *
 * The items and comments before the region are the base's own objects (other code caches per object); those after
 * it are copies with every offset moved by the change in length, made by one function per model type.
 */
import type { HclAttribute, HclBlock, HclBody, HclComment, HclExpression, HclFile, HclLabel, HclObjectItem, HclSyntaxError, HclTemplatePart, HclTraverser, Span } from '../terraform/hcl';
import { countBefore } from '../sorted';
import { type HclRegion, parseHclNativeRegion } from './hclNative';

/**
 * Where the current text differs from the base's: the base's `[start, oldEnd)` became the current
 * `[start, oldEnd + delta)`; everything before and after it is the same text.
 */
export interface EditedRange {
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
}

/** One edit, in offsets of the text it was made on (tree-sitter's and terraform.ts's HclEdit). */
export interface OffsetEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
}

/**
 * Adds `edit`, made on a text of `length` characters that differs from the base by `range` (undefined: none), to
 * the range. Undefined when the edit does not fit that text (the caller then forgets the base).
 */
export function mergeEdit(range: EditedRange | undefined, edit: OffsetEdit, length: number): EditedRange | undefined {
  const { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd } = edit;
  if (!(start >= 0 && oldEnd >= start && newEnd >= start && oldEnd <= length)) return undefined;
  if (!range) return { start, oldEnd, delta: newEnd - oldEnd };
  // Offsets before the range are the base's; those at or after its current end are the base's plus delta.
  const currentEnd = range.oldEnd + range.delta;
  return {
    start: Math.min(range.start, start),
    oldEnd: oldEnd <= currentEnd ? range.oldEnd : oldEnd - range.delta,
    delta: range.delta + newEnd - oldEnd,
  };
}

/**
 * The model of `text`, which differs from the text of `base` (`baseLength` characters, parsed natively without
 * error) by `range`: the touched items re-parsed, the rest reused. Undefined when the region does not parse
 * natively, or not as it would within the whole file.
 */
export function reparseEdited(base: HclFile, baseLength: number, text: string, range: EditedRange): HclFile | undefined {
  const region = editedRegion(base, baseLength, text, range);
  if (!region) return undefined;
  const parsed = parseHclNativeRegion(text, region.start, region.oldEnd + region.delta);
  if (!parsed) return undefined;
  const attributes = base.body.attributes;
  if (!namesStayUnique(parsed.attributes, attributes, countStartingBefore(attributes, region.start), countStartingBefore(attributes, region.oldEnd))) return undefined;
  return splice(base, text, region, parsed, []);
}

/**
 * Like reparseEdited, for an edit that leaves the region broken (typing usually passes through a syntax error):
 * tree-sitter parses the region's text alone, with its recovery and messages, and every other item is reused.
 * Undefined unless tree-sitter finds an error there: an edit that breaks the text only where the region meets
 * its neighbours (two items joined on one line) must be found by the whole-file parse.
 */
export function reparseEditedBroken(base: HclFile, baseLength: number, text: string, range: EditedRange, parseAlone: (text: string) => HclFile): HclFile | undefined {
  const region = editedRegion(base, baseLength, text, range);
  if (!region || !endsLine(text, region.start)) return undefined;
  const alone = parseAlone(text.slice(region.start, region.oldEnd + region.delta));
  if (alone.errors.length === 0) return undefined;
  const at = region.start;
  const parsed = {
    attributes: alone.body.attributes.map((attribute) => shiftAttribute(attribute, at)),
    blocks: alone.body.blocks.map((block) => shiftBlock(block, at)),
    comments: alone.comments.map((comment) => shiftComment(comment, at)),
  };
  return splice(base, text, region, parsed, alone.errors.map((error) => ({ start: error.start + at, end: error.end + at, message: error.message })));
}

/** The base's `[start, oldEnd)`, whose text is now `[start, oldEnd + delta)`: whole top-level items and the gaps around them. */
interface EditedRegion {
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
}

function editedRegion(base: HclFile, baseLength: number, text: string, range: EditedRange): EditedRegion | undefined {
  if (baseLength + range.delta !== text.length) return undefined;
  const attributes = base.body.attributes;
  const blocks = base.body.blocks;
  // The region starts at the end of the last item before the edit whose line break is untouched: an item's parse
  // looks past its end (`a = x` + ` + 1`, a heredoc's closing line), never past that line break.
  let previous = lastItemEndingBefore(attributes, blocks, range.start);
  while (previous && !hasLineBreak(text, previous.end, range.start)) previous = lastItemEndingBefore(attributes, blocks, previous.start);
  // …and ends at the start of the first item after it (typing right before an item changes that item).
  const next = firstItemStartingAfter(attributes, blocks, range.oldEnd);
  return { start: previous ? previous.end : 0, oldEnd: next ? next.start : baseLength, delta: range.delta };
}

/** The base with the region's items replaced: those before are the base's own objects, those after shifted copies. */
function splice(base: HclFile, text: string, region: EditedRegion, parsed: HclRegion, errors: HclSyntaxError[]): HclFile {
  const { attributes, blocks } = base.body;
  const comments = base.comments;
  const { start, oldEnd, delta } = region;
  const newAttributes = attributes.slice(0, countStartingBefore(attributes, start));
  for (const attribute of parsed.attributes) newAttributes.push(attribute);
  for (let i = countStartingBefore(attributes, oldEnd); i < attributes.length; i++) newAttributes.push(delta === 0 ? attributes[i] : shiftAttribute(attributes[i], delta));

  const newBlocks = blocks.slice(0, countStartingBefore(blocks, start));
  for (const block of parsed.blocks) newBlocks.push(block);
  for (let i = countStartingBefore(blocks, oldEnd); i < blocks.length; i++) newBlocks.push(delta === 0 ? blocks[i] : shiftBlock(blocks[i], delta));

  const newComments = comments.slice(0, countStartingBefore(comments, start));
  for (const comment of parsed.comments) newComments.push(comment);
  for (let i = countStartingBefore(comments, oldEnd); i < comments.length; i++) newComments.push(delta === 0 ? comments[i] : shiftComment(comments[i], delta));
  return { body: { start: 0, end: text.length, attributes: newAttributes, blocks: newBlocks }, errors, comments: newComments };
}

/**
 * Whether the line at `offset` (the end of the item before a region) ends there, with only blanks or a line
 * comment after it: then the region starts a new item. A line break inside a block comment does not end the
 * item (a traversal can go on after the comment closes on the next line), and the region alone would look broken.
 */
function endsLine(text: string, offset: number): boolean {
  if (offset === 0) return true;
  let at = offset;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || text.charCodeAt(at) === 13) at++;
  if (at >= text.length || text.charCodeAt(at) === 10 || text.charCodeAt(at) === 35) return true;
  return text.startsWith('//', at);
}

/** Whether `text[from, to)` holds a line feed. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  const lf = text.indexOf('\n', from);
  return lf !== -1 && lf < to;
}

/** How many of `spans` (sorted, not overlapping) start before `offset`. */
function countStartingBefore(spans: readonly Span[], offset: number): number {
  return countBefore(spans, startOf, offset);
}

/** How many of `spans` (sorted, not overlapping) end before `offset`. */
function countEndingBefore(spans: readonly Span[], offset: number): number {
  return countBefore(spans, endOf, offset);
}

const startOf = (span: Span) => span.start;
const endOf = (span: Span) => span.end;

/** The top-level item that ends last before `offset` (strictly: an edit at an item's end changes the item). */
function lastItemEndingBefore(attributes: readonly Span[], blocks: readonly Span[], offset: number): Span | undefined {
  const attribute = attributes[countEndingBefore(attributes, offset) - 1];
  const block = blocks[countEndingBefore(blocks, offset) - 1];
  if (!attribute) return block;
  if (!block) return attribute;
  return attribute.end > block.end ? attribute : block;
}

/** The top-level item that starts first after `offset` (strictly). */
function firstItemStartingAfter(attributes: readonly Span[], blocks: readonly Span[], offset: number): Span | undefined {
  const attribute = attributes[countStartingBefore(attributes, offset + 1)];
  const block = blocks[countStartingBefore(blocks, offset + 1)];
  if (!attribute) return block;
  if (!block) return attribute;
  return attribute.start < block.start ? attribute : block;
}

/** Top-level attribute names are unique in a file (the whole-file parse gives up on a duplicate). */
function namesStayUnique(added: readonly HclAttribute[], kept: readonly HclAttribute[], before: number, after: number): boolean {
  if (added.length === 0) return true;
  const names = new Set<string>();
  for (const attribute of added) names.add(attribute.name);
  for (let i = 0; i < before; i++) if (names.has(kept[i].name)) return false;
  for (let i = after; i < kept.length; i++) if (names.has(kept[i].name)) return false;
  return true;
}

// ---------------------------------------------------------------- shifted copies
// One function per model type, each building the object with the parser's own keys in its order (one object shape
// per type, as the parser's), and an optional key only where the parser sets it.

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftComment(comment: HclComment, delta: number): HclComment {
  return { start: comment.start + delta, end: comment.end + delta, text: comment.text };
}

function shiftBody(body: HclBody, delta: number): HclBody {
  const attributes: HclAttribute[] = [];
  for (const attribute of body.attributes) attributes.push(shiftAttribute(attribute, delta));
  const blocks: HclBlock[] = [];
  for (const block of body.blocks) blocks.push(shiftBlock(block, delta));
  return { start: body.start + delta, end: body.end + delta, attributes, blocks };
}

function shiftAttribute(attribute: HclAttribute, delta: number): HclAttribute {
  return {
    start: attribute.start + delta,
    end: attribute.end + delta,
    name: attribute.name,
    nameSpan: shiftSpan(attribute.nameSpan, delta),
    value: shiftExpression(attribute.value, delta),
  };
}

function shiftBlock(block: HclBlock, delta: number): HclBlock {
  const labels: HclLabel[] = [];
  for (const label of block.labels) labels.push({ start: label.start + delta, end: label.end + delta, value: label.value });
  const start = block.start + delta;
  const end = block.end + delta;
  const typeSpan = shiftSpan(block.typeSpan, delta);
  const body = shiftBody(block.body, delta);
  const { openBraceEnd, closeBraceStart } = block;
  // The native parser always sets both brace offsets (a block it builds is closed); tree-sitter's broken blocks may not.
  if (openBraceEnd !== undefined && closeBraceStart !== undefined) {
    return { start, end, type: block.type, typeSpan, labels, body, openBraceEnd: openBraceEnd + delta, closeBraceStart: closeBraceStart + delta };
  }
  return {
    start,
    end,
    type: block.type,
    typeSpan,
    labels,
    body,
    ...(openBraceEnd === undefined ? {} : { openBraceEnd: openBraceEnd + delta }),
    ...(closeBraceStart === undefined ? {} : { closeBraceStart: closeBraceStart + delta }),
  };
}

function shiftExpressions(expressions: readonly HclExpression[], delta: number): HclExpression[] {
  const shifted: HclExpression[] = [];
  for (const expression of expressions) shifted.push(shiftExpression(expression, delta));
  return shifted;
}

function shiftTraversers(traversers: readonly HclTraverser[], delta: number): HclTraverser[] {
  const shifted: HclTraverser[] = [];
  for (const t of traversers) {
    const span = shiftSpan(t.span, delta);
    if (t.kind === 'attr') shifted.push({ kind: 'attr', name: t.name, span });
    else if (t.kind === 'index') shifted.push({ kind: 'index', key: shiftExpression(t.key, delta), span });
    else shifted.push({ kind: 'splat', span });
  }
  return shifted;
}

function shiftPart(part: HclTemplatePart, delta: number): HclTemplatePart {
  const start = part.start + delta;
  const end = part.end + delta;
  if (part.kind === 'literal') return { kind: 'literal', start, end, text: part.text };
  if (part.kind === 'interpolation') return { kind: 'interpolation', start, end, expression: shiftExpression(part.expression as HclExpression, delta) };
  return { kind: part.kind, start, end };
}

function shiftExpression(e: HclExpression, delta: number): HclExpression {
  const start = e.start + delta;
  const end = e.end + delta;
  switch (e.kind) {
    case 'string':
      return e.valueStart === undefined ? { kind: 'string', start, end, value: e.value } : { kind: 'string', start, end, value: e.value, valueStart: e.valueStart + delta };
    case 'number':
      return { kind: 'number', start, end, value: e.value };
    case 'bool':
      return { kind: 'bool', start, end, value: e.value };
    case 'template': {
      const parts: HclTemplatePart[] = [];
      for (const part of e.parts) parts.push(shiftPart(part, delta));
      return { kind: 'template', start, end, parts, heredoc: e.heredoc };
    }
    case 'tuple':
      return { kind: 'tuple', start, end, items: shiftExpressions(e.items, delta) };
    case 'object': {
      const items: HclObjectItem[] = [];
      for (const item of e.items) {
        items.push({ start: item.start + delta, end: item.end + delta, key: shiftExpression(item.key, delta), value: shiftExpression(item.value, delta) });
      }
      return { kind: 'object', start, end, items };
    }
    case 'traversal':
      return { kind: 'traversal', start, end, root: e.root, rootSpan: shiftSpan(e.rootSpan, delta), traversers: shiftTraversers(e.traversers, delta) };
    case 'call':
      return { kind: 'call', start, end, name: e.name, args: shiftExpressions(e.args, delta) };
    case 'conditional':
      return { kind: 'conditional', start, end, condition: shiftExpression(e.condition, delta), then: shiftExpression(e.then, delta), otherwise: shiftExpression(e.otherwise, delta) };
    case 'operation':
      return { kind: 'operation', start, end, operator: e.operator, operands: shiftExpressions(e.operands, delta) };
    case 'relative':
      return { kind: 'relative', start, end, source: shiftExpression(e.source, delta), traversers: shiftTraversers(e.traversers, delta) };
    case 'null':
    case 'for':
    case 'unknown':
      return { kind: e.kind, start, end };
  }
}
