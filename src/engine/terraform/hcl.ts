/**
 * A plain syntax model of one HCL file, built by the native parser (well-formed files) or from the tree-sitter
 * tree (files with syntax errors) and independent of both: a tree lives in the wasm heap and is freed as soon as
 * this model exists. Offsets are UTF-16 `[start, end)`.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface HclFile {
  readonly body: HclBody;
  /** Syntax errors (from tree-sitter's ERROR and MISSING nodes), in source order, with readable messages. */
  readonly errors: readonly HclSyntaxError[];
  readonly comments: readonly HclComment[];
}

export interface HclSyntaxError extends Span {
  readonly message: string;
}

export interface HclBody extends Span {
  readonly attributes: readonly HclAttribute[];
  readonly blocks: readonly HclBlock[];
}

export interface HclLabel extends Span {
  /** The label text without quotes. */
  readonly value: string;
}

export interface HclBlock extends Span {
  /** `resource`, `variable`, `provider`, `dynamic`, `organization`… */
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly HclLabel[];
  readonly body: HclBody;
  /** Offset just after `{`, where an attribute can be inserted; undefined when the block did not parse that far. */
  readonly openBraceEnd?: number;
  /** Offset of `}`; undefined when it is missing. */
  readonly closeBraceStart?: number;
}

export interface HclAttribute extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: HclExpression;
}

/** One step after the root of a traversal: `.name`, `[index]`, `[*]` or `.*`. */
export type HclTraverser =
  | { readonly kind: 'attr'; readonly name: string; readonly span: Span }
  | { readonly kind: 'index'; readonly key: HclExpression; readonly span: Span }
  | { readonly kind: 'splat'; readonly span: Span };

export interface HclTemplatePart extends Span {
  /** Literal text (escapes decoded) or an interpolated expression. Directives (`%{ if }`) are `directive`. */
  readonly kind: 'literal' | 'interpolation' | 'directive';
  readonly text?: string;
  readonly expression?: HclExpression;
}

export interface HclObjectItem extends Span {
  readonly key: HclExpression;
  readonly value: HclExpression;
}

export type HclExpression = Span &
  (
    | { readonly kind: 'string'; readonly value: string; /** Offset of value[0] when the literal is verbatim in the source. */ readonly valueStart?: number }
    | { readonly kind: 'number'; readonly value: number }
    | { readonly kind: 'bool'; readonly value: boolean }
    | { readonly kind: 'null' }
    /** A quoted or heredoc template with at least one interpolation or directive. */
    | { readonly kind: 'template'; readonly parts: readonly HclTemplatePart[]; readonly heredoc: boolean }
    | { readonly kind: 'tuple'; readonly items: readonly HclExpression[] }
    | { readonly kind: 'object'; readonly items: readonly HclObjectItem[] }
    /** `var.x`, `local.y`, `heroku_app.api.id`, `each.value`, `count.index`, `data.heroku_space.s.id`, `rule.value.action`… */
    | { readonly kind: 'traversal'; readonly root: string; readonly rootSpan: Span; readonly traversers: readonly HclTraverser[] }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly HclExpression[] }
    | { readonly kind: 'conditional'; readonly condition: HclExpression; readonly then: HclExpression; readonly otherwise: HclExpression }
    | { readonly kind: 'for' }
    | { readonly kind: 'operation'; readonly operator: string; readonly operands: readonly HclExpression[] }
    /** A traversal applied to a non-variable expression, e.g. `(local.x).y` or `f()[0]`. */
    | { readonly kind: 'relative'; readonly source: HclExpression; readonly traversers: readonly HclTraverser[] }
    /** Anything the model does not represent (and partial expressions after a syntax error). */
    | { readonly kind: 'unknown' }
  );

/** Every comment in the file (`#`, `//` and block comments), for suppressions and conformance checks. */
export interface HclComment extends Span {
  readonly text: string;
}
