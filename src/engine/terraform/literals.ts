/** Reading what is written in an attribute's source: URL schemes and add-on plans, with exact spans for fixes. */
import { parseAddonSpec } from '../facts/addonPlans';
import type { Document } from '../document';
import type { HclExpression, Span } from './hcl';
import { isKnown, stringValue, type TfAttribute } from './model';

/** The literal text an expression starts with, and where, when the source holds it verbatim. */
export function leadingLiteral(expression: HclExpression): { text: string; start?: number } | undefined {
  if (expression.kind === 'string') return { text: expression.value, start: expression.valueStart };
  if (expression.kind === 'template' && !expression.heredoc) {
    const first = expression.parts[0];
    if (first?.kind === 'literal' && first.text !== undefined) return { text: first.text, start: first.start };
  }
  return undefined;
}

/**
 * The scheme of a URL attribute, lowercased, when it is one of `schemes`. The evaluated value decides when it
 * is known; a template such as `"syslog://${var.host}:514"` has a known scheme even when the host is not.
 */
export function urlSchemeOf<S extends string>(attribute: TfAttribute, schemes: readonly S[]): S | undefined {
  const text = isKnown(attribute.value) ? stringValue(attribute.value) : attribute.syntax.value.kind === 'template' ? leadingLiteral(attribute.syntax.value)?.text : undefined;
  const scheme = text === undefined ? undefined : /^\s*([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1].toLowerCase();
  return schemes.find((s) => s === scheme);
}

/** Where `scheme` is written at the start of the attribute's value, verified against the source text. */
export function schemeSpanOf(document: Document, attribute: TfAttribute, scheme: string): Span | undefined {
  const lead = leadingLiteral(attribute.syntax.value);
  if (!lead || lead.start === undefined) return undefined;
  const start = lead.start + (lead.text.length - lead.text.trimStart().length);
  const end = start + scheme.length;
  return document.text.slice(start, end).toLowerCase() === scheme && document.text.slice(end, end + 3) === '://' ? { start, end } : undefined;
}

/** The plan part of a `plan = "service:plan"` literal written verbatim, else the whole value. */
export function planSpan(attribute: TfAttribute, spec: string): Span {
  const value = attribute.syntax.value;
  if (value.kind === 'string' && value.valueStart !== undefined && value.value === spec) {
    const parsed = parseAddonSpec(spec);
    if (parsed.planIndex !== undefined) return { start: value.valueStart + parsed.planIndex, end: value.valueStart + spec.trimEnd().length };
  }
  return { start: value.start, end: value.end };
}
