/**
 * Local and global query scopes (Laravel's scopeX methods and addGlobalScope), declared as data:
 *
 *   static scopes = { published: (q: SqlQuery) => q.where("published", true), ofType: (q: SqlQuery, t: string) => q.where("type", t) };
 *   static globalScopes = { active: (q: SqlQuery) => q.where("active", true) };
 *
 * Local scopes become methods of the model's queries (`Post.query().published().ofType("news")`,
 * also inside where-groups and whereHas callbacks); their clauses are grouped like Laravel's, so an
 * OR inside a scope stays inside and OR-ed clauses before it are grouped. Global scopes add their
 * where clauses to every query of the model (static queries, relation loads, whereHas subqueries)
 * unless removed by name with `withoutGlobalScope(name)` / `withoutGlobalScopes()`. Soft deletes are
 * one more global scope, named "softDeletes".
 */
import { EloquentError } from "./errors";

export type ScopeFn = (query: any, ...args: any[]) => unknown;
type ScopeMap = Readonly<Record<string, ScopeFn>>;

/** The local-scope methods a model's `static scopes` adds to its query type `Q`. */
export type ScopeMethods<C, Q> = C extends { scopes: infer Sc }
  ? // the type-only brand lets a narrowed builder find the scopes again (types/query.ts Rebind)
    { readonly "~scopesOf": C } & {
      [K in keyof Sc]: Sc[K] extends (q: any, ...args: infer P) => unknown ? (...args: P) => Scoped<C, Q> : never;
    }
  : unknown;
/** A model's query type with its local scopes. */
export type Scoped<C, Q> = Q & ScopeMethods<C, Q>;

/** Names of a model's global scopes (any string when it declares none literally). */
export type GlobalScopeName<C> = C extends { globalScopes: infer G }
  ? string extends keyof G
    ? string
    : (keyof G & string) | typeof SOFT_DELETES_SCOPE
  : string;

/** The name soft deletes go by as a global scope: `withoutGlobalScope("softDeletes")` is `withTrashed()`. */
export const SOFT_DELETES_SCOPE = "softDeletes";

interface ScopedQuery {
  applyScope(fn: (q: unknown) => unknown): unknown;
}

function scopeMap(model: Function, key: "scopes" | "globalScopes"): ScopeMap | undefined {
  const value = (model as unknown as Record<string, unknown>)[key];
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Object.values(value).some((f) => typeof f !== "function")) {
    throw new EloquentError(`${model.name}.${key} must be an object of functions ({ name: (query, ...args) => query.where(...) }).`);
  }
  return value as ScopeMap;
}

/** Defines the model's local scopes as methods on a new query (called by the query constructor). */
export function installScopes(query: object, model: Function): void {
  const scopes = scopeMap(model, "scopes");
  if (!scopes) return;
  for (const [name, fn] of Object.entries(scopes)) {
    if (name in query) {
      throw new EloquentError(`${model.name}.scopes.${name}: '${name}' is already a query method; rename the scope (e.g. '${name}Scope').`);
    }
    Object.defineProperty(query, name, {
      value: (...args: unknown[]) => (query as ScopedQuery).applyScope((q) => fn(q, ...args)),
      enumerable: false,
      configurable: true,
    });
  }
}

/** The global scopes that apply, given what the query removed (`true`: all). */
export function activeGlobalScopes(model: Function, removed: ReadonlySet<string> | true | undefined): Array<[string, ScopeFn]> {
  if (removed === true) return [];
  const scopes = scopeMap(model, "globalScopes");
  if (!scopes) return [];
  return Object.entries(scopes).filter(([name]) => !removed?.has(name));
}

/** A name given to withoutGlobalScope(s) must be declared (a typo would silently keep the scope). */
export function checkGlobalScopeNames(model: Function, names: readonly unknown[], softDeletes = false): string[] {
  const declared = Object.keys(scopeMap(model, "globalScopes") ?? {});
  if (softDeletes && !declared.includes(SOFT_DELETES_SCOPE)) declared.push(SOFT_DELETES_SCOPE);
  for (const name of names) {
    if (typeof name !== "string" || !declared.includes(name)) {
      throw new EloquentError(
        `${model.name}: no global scope named ${JSON.stringify(name)}. Global scopes: ${declared.join(", ") || "(none declared in static globalScopes)"}.`,
      );
    }
  }
  return names as string[];
}
