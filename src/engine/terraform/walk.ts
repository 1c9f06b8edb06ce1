/** Walking HCL expressions. */
import type { HclExpression, HclTraverser } from './hcl';

/** Calls every sub-expression of `expression` (itself included), depth first. `for` expressions are opaque. */
export function walkExpression(expression: HclExpression, visit: (expression: HclExpression) => void, depth = 0): void {
  if (depth > 200) return;
  visit(expression);
  const next = (e: HclExpression) => walkExpression(e, visit, depth + 1);
  const traversers = (list: readonly HclTraverser[]) => {
    for (const t of list) if (t.kind === 'index') next(t.key);
  };
  switch (expression.kind) {
    case 'template':
      for (const part of expression.parts) if (part.expression) next(part.expression);
      break;
    case 'tuple':
      expression.items.forEach(next);
      break;
    case 'object':
      for (const item of expression.items) {
        next(item.key);
        next(item.value);
      }
      break;
    case 'traversal':
      traversers(expression.traversers);
      break;
    case 'relative':
      next(expression.source);
      traversers(expression.traversers);
      break;
    case 'call':
      expression.args.forEach(next);
      break;
    case 'conditional':
      next(expression.condition);
      next(expression.then);
      next(expression.otherwise);
      break;
    case 'operation':
      expression.operands.forEach(next);
      break;
    default:
      break;
  }
}
