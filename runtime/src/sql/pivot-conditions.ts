/**
 * A relation's `wherePivot` conditions on SQL: one place for the pivot reads, writes and the whereHas join, so every
 * statement that touches the relation's pivot rows sees the same rows.
 */
import type { Knex } from "knex";
import type { PivotSpec } from "../relations/adapter";

/** The operators the engine accepts (`CONSTRAINT_OPERATORS`), as SQL spells them. */
const SQL_OPERATORS: Readonly<Record<string, string>> = { "!=": "<>" };

export function applyPivotConditions(qb: Knex.QueryBuilder, spec: PivotSpec, table: string = spec.table): Knex.QueryBuilder {
  for (const { column, operator, value } of spec.conditions ?? []) {
    const c = `${table}.${column}`;
    if (value === null) {
      if (operator === "=") qb.whereNull(c);
      else qb.whereNotNull(c);
    } else qb.where(c, SQL_OPERATORS[operator] ?? operator, value as Knex.Value);
  }
  return qb;
}
