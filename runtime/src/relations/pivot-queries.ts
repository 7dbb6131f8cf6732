/**
 * Pivot narrowing on a belongsToMany relation query, Laravel's names: `wherePivot("level", ">", 2)`,
 * `wherePivotIn`, `wherePivotNull`, `wherePivotBetween` (their `or` / `Not` forms), `orderByPivot`, and
 * the grouped `wherePivot(q => ...)`. Each becomes a clause on the pivot table of the one join query
 * (SQL, target on the pivot's connection); columns must be the pivot's keys or declared `pivotColumns`,
 * so nothing unknown reaches the SQL text.
 */
import { didYouMean } from "../model/errors";
import { modelMeta } from "../model/meta";
import { pivotColumnNames, type PivotSpec } from "./adapter";
import { extendQuery } from "./query-extension";
import { RelationError, type ResolvedRelation } from "./resolve";

type Call = readonly [method: string, args: readonly unknown[]];
type Bool = "and" | "or";

const OPERATORS = new Set(["=", "!=", "<>", "<", "<=", ">", ">="]);

/** Pivot clauses are SQL text on the joined pivot table: the target must share the pivot's SQL connection. */
function requireSqlJoin(relation: ResolvedRelation, op: string): void {
  const target = relation.target!;
  if (
    target.store !== "sql" ||
    target.adapter !== relation.owner.adapter ||
    modelMeta(target).connection !== relation.ownerMeta.connection
  ) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.${op}(): pivot clauses need the pivot joined to ${target.name} in one SQL query ` +
        `(both on one SQL connection). On Mongo or across connections, read the pivot keys with allRelatedIds() and filter with whereIn().`,
    );
  }
}

/** "'levle' is not a column of pivot role_user. Did you mean 'level'?": every pivot column check says it so. */
export function unknownPivotColumn(where: string, spec: PivotSpec, column: unknown): RelationError {
  const known = pivotColumnNames(spec);
  return new RelationError(
    `${where}: '${String(column)}' is not a column of pivot ${spec.table}.` +
      didYouMean(String(column), known) +
      ` Pivot columns: ${known.join(", ")} (declare others in the relation's pivotColumns).`,
  );
}

function pivotColumn(relation: ResolvedRelation, op: string, column: unknown): string {
  const spec = relation.pivot!;
  if (typeof column !== "string" || !pivotColumnNames(spec).includes(column)) {
    throw unknownPivotColumn(`${relation.owner.name}.${relation.name}.${op}()`, spec, column);
  }
  requireSqlJoin(relation, op);
  return `${spec.table}.${column}`;
}

/** `wherePivot` → `orWherePivot`: the method's name in messages. */
function named(base: string, bool: Bool): string {
  return bool === "and" ? base : `or${base[0]!.toUpperCase()}${base.slice(1)}`;
}

function raw(bool: Bool, sql: string, bindings: readonly unknown[]): Call {
  return [bool === "and" ? "whereRaw" : "orWhereRaw", [sql, bindings]];
}

export function wherePivot(relation: ResolvedRelation, args: readonly unknown[], bool: Bool = "and"): Call {
  const op = named("wherePivot", bool);
  if (args.length === 1 && typeof args[0] === "function") return wherePivotGroup(relation, args[0] as PivotGroup, bool);
  if (args.length !== 2 && args.length !== 3) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.${op}(): expected (column, value), (column, operator, value) or (q => ...).`,
    );
  }
  const column = pivotColumn(relation, op, args[0]);
  const operator = args.length === 3 ? String(args[1]) : "=";
  const value = args.length === 3 ? args[2] : args[1];
  if (!OPERATORS.has(operator)) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.${op}(): unknown operator '${operator}'. Use one of ${[...OPERATORS].join(", ")}.`,
    );
  }
  if (value === null || value === undefined) {
    if (operator !== "=" && operator !== "!=" && operator !== "<>") {
      throw new RelationError(`${relation.owner.name}.${relation.name}.${op}(): null only compares with = or !=.`);
    }
    return raw(bool, `?? is ${operator === "=" ? "" : "not "}null`, [column]);
  }
  return raw(bool, `?? ${operator} ?`, [column, value]);
}

export function wherePivotIn(relation: ResolvedRelation, column: unknown, values: unknown, not = false, bool: Bool = "and"): Call {
  const op = named(not ? "wherePivotNotIn" : "wherePivotIn", bool);
  const qualified = pivotColumn(relation, op, column);
  if (!Array.isArray(values))
    throw new RelationError(`${relation.owner.name}.${relation.name}.${op}('${String(column)}', ...): expected an array of values.`);
  // an empty list matches nothing (NOT IN: everything), as whereIn does
  if (!values.length) return raw(bool, not ? "1 = 1" : "1 = 0", []);
  return raw(bool, `?? ${not ? "not in" : "in"} (${values.map(() => "?").join(", ")})`, [qualified, ...values]);
}

export function wherePivotNull(relation: ResolvedRelation, column: unknown, not = false, bool: Bool = "and"): Call {
  const qualified = pivotColumn(relation, named(not ? "wherePivotNotNull" : "wherePivotNull", bool), column);
  return raw(bool, `?? is ${not ? "not " : ""}null`, [qualified]);
}

export function wherePivotBetween(relation: ResolvedRelation, column: unknown, range: unknown, not = false, bool: Bool = "and"): Call {
  const op = named(not ? "wherePivotNotBetween" : "wherePivotBetween", bool);
  const qualified = pivotColumn(relation, op, column);
  if (!Array.isArray(range) || range.length !== 2 || range.some((v) => v === null || v === undefined)) {
    throw new RelationError(`${relation.owner.name}.${relation.name}.${op}('${String(column)}', ...): expected [from, to], two values.`);
  }
  return raw(bool, `?? ${not ? "not between" : "between"} ? and ?`, [qualified, range[0], range[1]]);
}

/** The query `wherePivot(q => ...)` hands its callback when the relation has no `using` pivot model. */
export interface PivotWhereQuery {
  where(group: (q: PivotWhereQuery) => unknown): this;
  where(column: string, value: unknown): this;
  where(column: string, operator: string, value: unknown): this;
  orWhere(group: (q: PivotWhereQuery) => unknown): this;
  orWhere(column: string, value: unknown): this;
  orWhere(column: string, operator: string, value: unknown): this;
  whereIn(column: string, values: readonly unknown[]): this;
  orWhereIn(column: string, values: readonly unknown[]): this;
  whereNotIn(column: string, values: readonly unknown[]): this;
  orWhereNotIn(column: string, values: readonly unknown[]): this;
  whereNull(column: string): this;
  orWhereNull(column: string): this;
  whereNotNull(column: string): this;
  orWhereNotNull(column: string): this;
  whereBetween(column: string, range: readonly [unknown, unknown]): this;
  orWhereBetween(column: string, range: readonly [unknown, unknown]): this;
  whereNotBetween(column: string, range: readonly [unknown, unknown]): this;
  orWhereNotBetween(column: string, range: readonly [unknown, unknown]): this;
}

type PivotGroup = (q: unknown) => unknown;

/**
 * Records the clauses of a `wherePivot(q => ...)` callback on a pivot without a model: each is one of the
 * pivot clauses above (same column check), replayed inside one group of the target's query.
 */
class PivotClauses implements PivotWhereQuery {
  readonly calls: Call[] = [];
  constructor(readonly relation: ResolvedRelation) {}
  #add(call: Call): this {
    this.calls.push(call);
    return this;
  }
  where(...args: unknown[]): this {
    return this.#add(wherePivot(this.relation, args));
  }
  orWhere(...args: unknown[]): this {
    return this.#add(wherePivot(this.relation, args, "or"));
  }
  whereIn(column: string, values: readonly unknown[]): this {
    return this.#add(wherePivotIn(this.relation, column, values));
  }
  orWhereIn(column: string, values: readonly unknown[]): this {
    return this.#add(wherePivotIn(this.relation, column, values, false, "or"));
  }
  whereNotIn(column: string, values: readonly unknown[]): this {
    return this.#add(wherePivotIn(this.relation, column, values, true));
  }
  orWhereNotIn(column: string, values: readonly unknown[]): this {
    return this.#add(wherePivotIn(this.relation, column, values, true, "or"));
  }
  whereNull(column: string): this {
    return this.#add(wherePivotNull(this.relation, column));
  }
  orWhereNull(column: string): this {
    return this.#add(wherePivotNull(this.relation, column, false, "or"));
  }
  whereNotNull(column: string): this {
    return this.#add(wherePivotNull(this.relation, column, true));
  }
  orWhereNotNull(column: string): this {
    return this.#add(wherePivotNull(this.relation, column, true, "or"));
  }
  whereBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#add(wherePivotBetween(this.relation, column, range));
  }
  orWhereBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#add(wherePivotBetween(this.relation, column, range, false, "or"));
  }
  whereNotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#add(wherePivotBetween(this.relation, column, range, true));
  }
  orWhereNotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#add(wherePivotBetween(this.relation, column, range, true, "or"));
  }
}

/**
 * `wherePivot(q => ...)`: one parenthesised condition on the pivot. With a `using` pivot model the callback
 * gets that model's own query (typed columns, value casts, its local scopes), whose clauses are qualified
 * with the pivot table the join already has; without one, a recorder of pivot clauses.
 */
export function wherePivotGroup(relation: ResolvedRelation, group: PivotGroup, bool: Bool = "and"): Call {
  const op = named("wherePivot", bool);
  requireSqlJoin(relation, op);
  const using = relation.pivot!.using as { query(): unknown } | undefined;
  if (using) {
    const query = using.query();
    group(query);
    return ["whereGroupOf", [query, bool]];
  }
  const clauses = new PivotClauses(relation);
  group(clauses);
  const calls = clauses.calls.slice();
  return [
    bool === "and" ? "where" : "orWhere",
    [
      (q: Record<string, (...a: unknown[]) => unknown>) => {
        for (const [method, args] of calls) q[method]!(...args);
      },
    ],
  ];
}

export function orderByPivot(relation: ResolvedRelation, column: unknown, direction: unknown = "asc"): Call {
  const qualified = pivotColumn(relation, "orderByPivot", column);
  const dir = String(direction).toLowerCase();
  if (dir !== "asc" && dir !== "desc") {
    throw new RelationError(`${relation.owner.name}.${relation.name}.orderByPivot(): direction must be "asc" or "desc".`);
  }
  return ["orderByRaw", [`?? ${dir}`, [qualified]]];
}

/** `withPivot(...)`: declared pivot columns are always loaded; an undeclared one is an error naming the fix. */
export function checkWithPivot(relation: ResolvedRelation, columns: readonly unknown[]): void {
  for (const c of columns) pivotColumn(relation, "withPivot", c);
}

/** The pivot clauses an eager constraint may call (`with({ roles: (q) => q.wherePivot("level", 3) })`), as Calls. */
const EAGER_PIVOT_METHODS: Readonly<Record<string, (relation: ResolvedRelation, args: readonly unknown[]) => Call>> = {
  wherePivot: (r, a) => wherePivot(r, a),
  orWherePivot: (r, a) => wherePivot(r, a, "or"),
  wherePivotIn: (r, a) => wherePivotIn(r, a[0], a[1]),
  orWherePivotIn: (r, a) => wherePivotIn(r, a[0], a[1], false, "or"),
  wherePivotNotIn: (r, a) => wherePivotIn(r, a[0], a[1], true),
  orWherePivotNotIn: (r, a) => wherePivotIn(r, a[0], a[1], true, "or"),
  wherePivotNull: (r, a) => wherePivotNull(r, a[0]),
  orWherePivotNull: (r, a) => wherePivotNull(r, a[0], false, "or"),
  wherePivotNotNull: (r, a) => wherePivotNull(r, a[0], true),
  orWherePivotNotNull: (r, a) => wherePivotNull(r, a[0], true, "or"),
  wherePivotBetween: (r, a) => wherePivotBetween(r, a[0], a[1]),
  orWherePivotBetween: (r, a) => wherePivotBetween(r, a[0], a[1], false, "or"),
  wherePivotNotBetween: (r, a) => wherePivotBetween(r, a[0], a[1], true),
  orWherePivotNotBetween: (r, a) => wherePivotBetween(r, a[0], a[1], true, "or"),
  orderByPivot: (r, a) => orderByPivot(r, a[0], a[1]),
};

/**
 * An eager constraint of a many-to-many, given the pivot clauses of relation queries: inside
 * `with({ roles: (q) => q.wherePivot("level", ">", 2) })` the target's query also answers `wherePivot`, its or /
 * in / null / between forms and `orderByPivot`, each a clause on the joined pivot (checked as on `related()`).
 */
export function withPivotClauses<C extends (query: any) => unknown>(relation: ResolvedRelation, constraint: C): C {
  return ((query: Record<string, unknown>) => {
    const extended = extendQuery(query, (name) => {
      const pivot = Object.hasOwn(EAGER_PIVOT_METHODS, name) ? EAGER_PIVOT_METHODS[name] : undefined;
      if (!pivot) return undefined;
      return (...args) => {
        const [method, callArgs] = pivot(relation, args);
        (query[method] as (...a: unknown[]) => unknown).apply(query, callArgs as unknown[]);
      };
    });
    return constraint(extended);
  }) as C;
}
