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
import type { HclAttribute, HclBlock, HclBody, HclComment, HclExpression, HclFile, HclLabel, HclObjectItem, HclTemplatePart, HclTraverser, Span } from '../terraform/hcl';
import { parseHclNativeRegion } from './hclNative';

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
  if (baseLength + range.delta !== text.length) return undefined;
  const attributes = base.body.attributes;
  const blocks = base.body.blocks;
  // The region starts at the end of the last item before the edit whose line break is untouched: an item's parse
  // looks past its end (`a = x` + ` + 1`, a heredoc's closing line), never past that line break.
  let previous = lastItemEndingBefore(attributes, blocks, range.start);
  while (previous && !hasLineBreak(text, previous.end, range.start)) previous = lastItemEndingBefore(attributes, blocks, previous.start);
  const regionStart = previous ? previous.end : 0;
  // …and ends at the start of the first item after it (typing right before an item changes that item).
  const next = firstItemStartingAfter(attributes, blocks, range.oldEnd);
  const oldRegionEnd = next ? next.start : baseLength;
  const delta = range.delta;
  const region = parseHclNativeRegion(text, regionStart, oldRegionEnd + delta);
  if (!region) return undefined;

  const attributesBefore = countStartingBefore(attributes, regionStart);
  const attributesAfter = countStartingBefore(attributes, oldRegionEnd);
  const blocksBefore = countStartingBefore(blocks, regionStart);
  const blocksAfter = countStartingBefore(blocks, oldRegionEnd);
  if (!namesStayUnique(region.attributes, attributes, attributesBefore, attributesAfter)) return undefined;

  const newAttributes = attributes.slice(0, attributesBefore);
  for (const attribute of region.attributes) newAttributes.push(attribute);
  for (let i = attributesAfter; i < attributes.length; i++) newAttributes.push(delta === 0 ? attributes[i] : shiftAttribute(attributes[i], delta));

  const newBlocks = blocks.slice(0, blocksBefore);
  for (const block of region.blocks) newBlocks.push(block);
  for (let i = blocksAfter; i < blocks.length; i++) newBlocks.push(delta === 0 ? blocks[i] : shiftBlock(blocks[i], delta));

  const comments = base.comments;
  const newComments = comments.slice(0, countStartingBefore(comments, regionStart));
  for (const comment of region.comments) newComments.push(comment);
  for (let i = countStartingBefore(comments, oldRegionEnd); i < comments.length; i++) {
    newComments.push(delta === 0 ? comments[i] : shiftComment(comments[i], delta));
  }
  return { body: { start: 0, end: text.length, attributes: newAttributes, blocks: newBlocks }, errors: [], comments: newComments };
}

/** Whether `text[from, to)` holds a line feed. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  const lf = text.indexOf('\n', from);
  return lf !== -1 && lf < to;
}

/** How many of `spans` (sorted, not overlapping) start before `offset`. */
function countStartingBefore(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many of `spans` (sorted, not overlapping) end before `offset`. */
function countEndingBefore(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

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
  // The native parser always sets both brace offsets (a block it builds is closed).
  return {
    start: block.start + delta,
    end: block.end + delta,
    type: block.type,
    typeSpan: shiftSpan(block.typeSpan, delta),
    labels,
    body: shiftBody(block.body, delta),
    openBraceEnd: (block.openBraceEnd as number) + delta,
    closeBraceStart: (block.closeBraceStart as number) + delta,
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
