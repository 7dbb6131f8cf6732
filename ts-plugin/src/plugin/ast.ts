/** Locating the eloquent construct under the cursor: a `relation(...)` argument, an option, a query-site path. */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { FileFacts } from "eloquent-analyzer";
import { propertyKey, skipOuter } from "eloquent-analyzer";

/** Innermost node whose [start, end] contains `position` (end inclusive, so "at the end of a token" counts). */
export function findNodeAt(sourceFile: TS.SourceFile, position: number): TS.Node | undefined {
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (position < node.getStart(sourceFile) || position > node.getEnd()) return;
    found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** True when `position` is inside the quotes of a string literal. */
export function isInsideString(sourceFile: TS.SourceFile, literal: TS.Node, position: number): boolean {
  const start = literal.getStart(sourceFile);
  const end = literal.getEnd();
  const text = sourceFile.text;
  const closed = end - start >= 2 && text[end - 1] === text[start];
  return position > start && (closed ? position < end : position <= end);
}

export function isStringLike(node: TS.Node): node is TS.StringLiteralLike {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** Whether `callee` is eloquent's `relation` (imported, renamed, or through a namespace import). */
export function isRelationCallee(callee: TS.Expression, facts: FileFacts | undefined): boolean {
  const expression = skipOuter(callee);
  if (ts.isIdentifier(expression)) {
    const binding = facts?.imports.get(expression.text);
    return (binding ? binding.name : expression.text) === "relation";
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    return facts?.imports.get(expression.expression.text)?.name === "*" && expression.name.text === "relation";
  }
  return false;
}

export interface RelationSite {
  call: TS.CallExpression;
  /** Model declaring the relation (enclosing class name) and the relation (schema key). */
  model?: string;
  relation?: string;
  /** Which argument the cursor is in: 0 kind, 1 target, 2 options. */
  argument: number;
  /** Inside the options object: the key being written (key position) or whose value the cursor is in. */
  option?: { key: string | undefined; position: "key" | "value"; node: TS.Node };
  /** The string literal under the cursor, when any. */
  literal?: TS.StringLiteralLike;
  kind: string | undefined;
  target: string | undefined;
}

/** The `relation(...)` call the cursor is in, and where in it. */
export function relationSiteAt(sourceFile: TS.SourceFile, position: number, facts: FileFacts | undefined): RelationSite | undefined {
  const node = findNodeAt(sourceFile, position);
  if (!node) return undefined;
  let current: TS.Node | undefined = node;
  let child: TS.Node | undefined;
  while (current && !ts.isSourceFile(current)) {
    if (
      ts.isCallExpression(current) &&
      child !== undefined &&
      current.arguments.includes(child as TS.Expression) &&
      isRelationCallee(current.expression, facts)
    ) {
      return describeSite(sourceFile, current, child as TS.Expression, node, position);
    }
    child = current;
    current = current.parent;
  }
  return undefined;
}

function describeSite(
  sourceFile: TS.SourceFile,
  call: TS.CallExpression,
  argument: TS.Expression,
  node: TS.Node,
  position: number,
): RelationSite {
  const index = call.arguments.indexOf(argument);
  const literalString = (expression: TS.Expression | undefined) => {
    const inner = expression ? skipOuter(expression) : undefined;
    return inner && isStringLike(inner) ? inner.text : undefined;
  };
  const site: RelationSite = {
    call,
    argument: index,
    kind: literalString(call.arguments[0]),
    target: literalString(call.arguments[1]),
  };
  if (isStringLike(node) && isInsideString(sourceFile, node, position)) site.literal = node;
  const entry = call.parent;
  if (entry && ts.isPropertyAssignment(entry)) {
    site.relation = propertyKey(entry);
    const schemaObject = entry.parent;
    const member = schemaObject?.parent;
    if (member && ts.isPropertyDeclaration(member) && ts.isClassLike(member.parent) && member.parent.name)
      site.model = member.parent.name.text;
  }
  if (index === 2) {
    const options = skipOuter(argument);
    if (ts.isObjectLiteralExpression(options)) {
      let current: TS.Node | undefined = node;
      while (current && current.parent !== options && current !== options) current = current.parent;
      if (current === options) site.option = { key: undefined, position: "key", node: options };
      else if (current && ts.isPropertyAssignment(current)) {
        const inName = position <= current.name.getEnd();
        site.option = { key: propertyKey(current), position: inName ? "key" : "value", node: current };
      } else if (current && ts.isShorthandPropertyAssignment(current)) {
        site.option = { key: current.name.text, position: "key", node: current };
      }
    }
  }
  return site;
}
