/**
 * Pivot narrowing on a belongsToMany relation query, Laravel's names: `wherePivot("level", ">", 2)`,
 * `wherePivotIn`, `wherePivotNotIn`, `wherePivotNull`, `wherePivotNotNull`, `orderByPivot`. Each becomes
 * a clause on the pivot table of the one join query (SQL, target on the pivot's connection); columns
 * must be the pivot's keys or declared `pivotColumns`, so nothing unknown reaches the SQL text.
 */
import { didYouMean } from "../model/errors";
import { modelMeta } from "../model/meta";
import { RelationError, type ResolvedRelation } from "./resolve";

type Call = readonly [method: string, args: readonly unknown[]];

const OPERATORS = new Set(["=", "!=", "<>", "<", "<=", ">", ">="]);

function pivotColumn(relation: ResolvedRelation, op: string, column: unknown): string {
  const spec = relation.pivot!;
  const known = [spec.localKey, spec.foreignKey, ...spec.columns, ...spec.timestamps];
  if (typeof column !== "string" || !known.includes(column)) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.${op}(): '${String(column)}' is not a column of pivot ${spec.table}.` +
        didYouMean(String(column), known) +
        ` Pivot columns: ${known.join(", ")} (declare others in the relation's pivotColumns).`,
    );
  }
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
  return `${spec.table}.${column}`;
}

export function wherePivot(relation: ResolvedRelation, args: readonly unknown[], bool: "and" | "or" = "and"): Call {
  const op = bool === "and" ? "wherePivot" : "orWherePivot";
  const raw = bool === "and" ? "whereRaw" : "orWhereRaw";
  if (args.length !== 2 && args.length !== 3) {
    throw new RelationError(`${relation.owner.name}.${relation.name}.${op}(): expected (column, value) or (column, operator, value).`);
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
    return [raw, [`?? is ${operator === "=" ? "" : "not "}null`, [column]]];
  }
  return [raw, [`?? ${operator} ?`, [column, value]]];
}

export function wherePivotIn(relation: ResolvedRelation, column: unknown, values: unknown, not = false): Call {
  const op = not ? "wherePivotNotIn" : "wherePivotIn";
  const qualified = pivotColumn(relation, op, column);
  if (!Array.isArray(values))
    throw new RelationError(`${relation.owner.name}.${relation.name}.${op}('${String(column)}', ...): expected an array of values.`);
  // an empty list matches nothing (NOT IN: everything), as whereIn does
  if (!values.length) return ["whereRaw", [not ? "1 = 1" : "1 = 0", []]];
  return ["whereRaw", [`?? ${not ? "not in" : "in"} (${values.map(() => "?").join(", ")})`, [qualified, ...values]]];
}

export function wherePivotNull(relation: ResolvedRelation, column: unknown, not = false): Call {
  const qualified = pivotColumn(relation, not ? "wherePivotNotNull" : "wherePivotNull", column);
  return ["whereRaw", [`?? is ${not ? "not " : ""}null`, [qualified]]];
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
