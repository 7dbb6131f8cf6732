/**
 * Finds query sites in a file: calls of the engine's relation-path methods (`RELATION_PATH_METHODS`:
 * with, withCount, whereHas, …) whose receiver is a known model. Only finds; the engine's relation-path
 * rule checks.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import { RELATION_PATH_METHODS, stripPathAlias, stripPathColumns } from "eloquent-engine";
import type { FileFacts } from "../extract/file-facts";
import { skipOuter } from "../extract/literal";

/** The methods whose arguments are relation paths (the engine's list). */
export const QUERY_METHODS: ReadonlySet<string> = new Set(Object.keys(RELATION_PATH_METHODS));

/**
 * `static defaultWith = ["author"]` / `static defaultWithCount = ["comments"]`: paths every query of the class
 * loads, checked like a `with(...)` / `withCount(...)` rooted at the class itself.
 */
const DEFAULT_LOAD_STATICS: Readonly<Record<string, string>> = { defaultWith: "with", defaultWithCount: "withCount" };

/** Cheap test before parsing: most files have no query site at all. */
export const MAY_HAVE_QUERY_SITES = new RegExp(
  `\\.(${[...QUERY_METHODS].join("|")})\\s*\\(|static\\s+(${Object.keys(DEFAULT_LOAD_STATICS).join("|")})\\b`,
);

export interface QuerySitePath {
  /** The path text (alias and `:columns` stripped). */
  path: string;
  /** Under a nested spec key, the enclosing keys' path (`with({ posts: ["comments"] })`: "posts" for "comments"). */
  parent?: string;
  /** File offset of the first character of the path (inside the quotes). */
  start: number;
  /** The string literal node. */
  literal: TS.StringLiteralLike;
}

export interface QuerySite {
  method: string;
  /** Model the path starts from. */
  root: string;
  paths: QuerySitePath[];
}

/**
 * `isModel(name)` says whether a class name is a model in the graph. The receiver's root is found
 * syntactically (`User.with(...)`, `User.query().with(...)`), else through the checker when given
 * (`user.load(...)` with `user: User`).
 */
export function findQuerySites(
  sourceFile: TS.SourceFile,
  facts: FileFacts | undefined,
  isModel: (name: string) => boolean,
  checker?: TS.TypeChecker,
): QuerySite[] {
  const sites: QuerySite[] = [];
  // Cheap pre-filter: most files have no query sites at all.
  if (!MAY_HAVE_QUERY_SITES.test(sourceFile.text)) return sites;
  const visit = (node: TS.Node): void => {
    const defaults = defaultLoadSite(sourceFile, node, facts, isModel);
    if (defaults) sites.push(defaults);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_METHODS.has(node.expression.name.text)) {
      const root = rootModel(node.expression.expression, facts, isModel, checker);
      if (root !== undefined) {
        const paths = collectPaths(sourceFile, node.arguments, node.expression.name.text);
        if (paths.length > 0) sites.push({ method: node.expression.name.text, root, paths });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return sites;
}

/** `static defaultWith = [...]` in a model class: a site whose root is the class (its model name). */
function defaultLoadSite(
  sourceFile: TS.SourceFile,
  node: TS.Node,
  facts: FileFacts | undefined,
  isModel: (name: string) => boolean,
): QuerySite | undefined {
  if (!ts.isPropertyDeclaration(node) || !ts.isIdentifier(node.name) || node.initializer === undefined) return undefined;
  const method = DEFAULT_LOAD_STATICS[node.name.text];
  if (method === undefined || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return undefined;
  const cls = node.parent;
  if (!ts.isClassLike(cls) || cls.name === undefined) return undefined;
  const root = rootModel(cls.name, facts, isModel, undefined);
  if (root === undefined) return undefined;
  const paths = collectPaths(sourceFile, [node.initializer], method);
  return paths.length > 0 ? { method: node.name.text, root, paths } : undefined;
}
/** `"posts:id,title as p"` → `posts`: the relation path a spec text names. */
const pathOf = (text: string) => stripPathAlias(stripPathColumns(text));

function collectPaths(sourceFile: TS.SourceFile, args: readonly TS.Expression[], method: string): QuerySitePath[] {
  const paths: QuerySitePath[] = [];
  // whereHas/related take one relation path as first argument, whereAttachedTo as second; with/load accept
  // several, arrays and objects, and nested specs under an object key (`{ posts: { comments: ["tags"] } }`).
  const mode = RELATION_PATH_METHODS[method];
  const candidates = mode === "first" ? args.slice(0, 1) : mode === "second" ? args.slice(1, 2) : args;
  const push = (text: string, start: number, literal: TS.StringLiteralLike, parent: string | undefined) => {
    const path: QuerySitePath = { path: pathOf(text), start, literal };
    if (parent !== undefined) path.parent = parent;
    paths.push(path);
    return parent === undefined ? path.path : `${parent}.${path.path}`;
  };
  const visit = (arg: TS.Expression, parent: string | undefined) => {
    const expression = skipOuter(arg);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      push(expression.text, expression.getStart(sourceFile) + 1, expression, parent);
    } else if (ts.isArrayLiteralExpression(expression)) {
      for (const element of expression.elements) visit(element, parent);
    } else if (ts.isObjectLiteralExpression(expression)) {
      for (const property of expression.properties) {
        const name = property.name;
        let full: string | undefined;
        if (name && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))) {
          full = push(name.text, name.getStart(sourceFile) + 1, name, parent);
        } else if (name && ts.isIdentifier(name)) {
          // `with({ posts: q => ... })`: an identifier key is a one-segment path.
          full = push(name.text, name.getStart(sourceFile), name as unknown as TS.StringLiteralLike, parent);
        }
        // `{ posts: ["comments"] }` / `{ posts: { comments: true } }` / `{ posts: "comments" }`: children of the key.
        if (full !== undefined && mode === "nested" && ts.isPropertyAssignment(property)) {
          const value = skipOuter(property.initializer);
          if (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value) || ts.isStringLiteral(value)) visit(value, full);
        }
      }
    }
  };
  for (const arg of candidates) visit(arg, undefined);
  return paths;
}

function rootModel(
  receiver: TS.Expression,
  facts: FileFacts | undefined,
  isModel: (name: string) => boolean,
  checker: TS.TypeChecker | undefined,
): string | undefined {
  let current = skipOuter(receiver);
  // Walk down a builder chain: `User.query().where(...).with(...)` → `User`; `new User().load(...)` → `User`.
  for (;;) {
    if (ts.isCallExpression(current)) current = skipOuter(current.expression);
    else if (ts.isNewExpression(current) && ts.isIdentifier(current.expression)) current = current.expression;
    else if (ts.isPropertyAccessExpression(current) && (ts.isCallExpression(current.expression) || isClassReference(current.expression))) {
      current = skipOuter(current.expression);
    } else break;
  }
  if (ts.isIdentifier(current)) {
    const imported = facts?.imports.get(current.text);
    const name = imported && imported.name !== "*" && imported.name !== "default" ? imported.name : current.text;
    const local = current.text;
    const declaredHere = facts?.classes.some((cls) => cls.name === local);
    if ((declaredHere || imported) && isModel(name)) return name;
    if (!facts && isModel(name)) return name;
  }
  if (!checker) return undefined;
  try {
    const type = checker.getTypeAtLocation(receiver);
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    const name = symbol?.getName();
    return name !== undefined && isModel(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

function isClassReference(expression: TS.Expression): boolean {
  return ts.isIdentifier(expression) && /^[A-Z]/.test(expression.text);
}
