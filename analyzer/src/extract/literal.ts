/**
 * Static evaluation of the few expression shapes a schema is written with. Anything else becomes the
 * engine's `Unverifiable` (the "cannot verify" diagnostic) — never a guess.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import type { Unverifiable } from "eloquent-engine";
import { unverifiable } from "./unverifiable";

export type Evaluated = unknown;

export interface EvalContext {
  sourceFile: TS.SourceFile;
  /** File-level `const NAME = <literal>` initializers, so `tableName = USERS` resolves. */
  constants: ReadonlyMap<string, TS.Expression>;
}

/** Unwraps `(x)`, `x as const`, `x satisfies T`, `<T>x`, `x!`. */
export function skipOuter(node: TS.Expression): TS.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current)) current = current.expression;
    else if (ts.isAsExpression(current)) current = current.expression;
    else if (ts.isSatisfiesExpression?.(current)) current = current.expression;
    else if (ts.isTypeAssertionExpression(current)) current = current.expression;
    else if (ts.isNonNullExpression(current)) current = current.expression;
    else return current;
  }
}

export function textOf(node: TS.Node, sourceFile: TS.SourceFile): string {
  const text = node.getText(sourceFile);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Evaluates a literal expression. Objects may contain Unverifiable members; the whole result is
 * Unverifiable only when the top-level shape itself is unknown.
 */
export function evaluate(node: TS.Expression, ctx: EvalContext, depth = 0): Evaluated | Unverifiable {
  const expr = skipOuter(node);
  if (depth > 20) return unverifiable(textOf(expr, ctx.sourceFile));
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (expr.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(expr)) {
    if (expr.text === "undefined") return undefined;
    const init = ctx.constants.get(expr.text);
    if (init) return evaluate(init, ctx, depth + 1);
    return unverifiable(textOf(expr, ctx.sourceFile));
  }
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand)) {
    return -Number(expr.operand.text);
  }
  // `process.env.X ?? "sqlite"` / `process.env.X || "sqlite"`: the literal fallback is what a fresh
  // checkout runs with, and what the seed's examples mean.
  if (
    ts.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
    isProcessEnv(skipOuter(expr.left))
  ) {
    return evaluate(expr.right, ctx, depth + 1);
  }
  if (ts.isArrayLiteralExpression(expr)) {
    const out: unknown[] = [];
    for (const element of expr.elements) {
      if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return unverifiable(textOf(expr, ctx.sourceFile));
      out.push(evaluate(element, ctx, depth + 1));
    }
    return out;
  }
  if (ts.isObjectLiteralExpression(expr)) {
    const out: Record<string, unknown> = {};
    for (const property of expr.properties) {
      const key = propertyKey(property);
      if (key === undefined || !ts.isPropertyAssignment(property)) return unverifiable(textOf(expr, ctx.sourceFile));
      out[key] = evaluate(property.initializer, ctx, depth + 1);
    }
    return out;
  }
  return unverifiable(textOf(expr, ctx.sourceFile));
}

/** `process.env.X` or `process.env["X"]`. */
export function isProcessEnv(expr: TS.Expression): boolean {
  const target = ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr) ? expr.expression : undefined;
  return (
    target !== undefined &&
    ts.isPropertyAccessExpression(target) &&
    target.name.text === "env" &&
    ts.isIdentifier(target.expression) &&
    target.expression.text === "process"
  );
}

/** Static key of an object member; undefined for computed, spread and method-like members we cannot name. */
export function propertyKey(member: TS.ObjectLiteralElementLike | TS.ClassElement): string | undefined {
  const name = (member as { name?: TS.PropertyName }).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isPrivateIdentifier?.(name)) return undefined;
  if (ts.isComputedPropertyName(name)) {
    const inner = skipOuter(name.expression);
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  }
  return undefined;
}
