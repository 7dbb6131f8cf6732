/**
 * `join` / `leftJoin` another model's table. Identifiers stay checked: the joined table is a known
 * model's (a class, or a model name), and `table.column` names of it are validated against its
 * schema with did-you-mean, as the query's own columns are. Rows still hydrate as the query's model
 * (its columns are selected unless `select`/`selectRaw` say otherwise).
 */
import type { ColumnDescriptor } from "eloquent-engine";
import { didYouMean } from "../model/errors";
import { findModel, knownModelNames } from "../model/lookup";
import { modelMeta, type ModelMeta } from "../model/meta";
import type { ColumnNames, ModelClass } from "../model/types";
import type { SchemaHolder } from "../types/attributes";
import type { Knex } from "knex";

export interface JoinSpec {
  kind: "inner" | "left";
  meta: ModelMeta;
  first: string;
  op: string;
  second: string;
}

type SchemaOfClass<T> = T extends SchemaHolder ? T["schema"] : never;
type TableOfClass<T> = T extends { tableName: infer N extends string } ? (string extends N ? string : N) : string;

/** The joined model's columns as `table.column` keys (`${string}.column` when the table name is not a literal). */
export type JoinedSchema<T> = string extends keyof SchemaOfClass<T>
  ? {}
  : {
      [K in ColumnNames<SchemaOfClass<T>> as `${TableOfClass<T>}.${K}`]: K extends keyof SchemaOfClass<T>
        ? SchemaOfClass<T>[K]
        : ColumnDescriptor<"timestamp">;
    };

type Fail = (message: string) => Error;

export function joinTarget(owner: ModelMeta, target: unknown, method: string, fail: Fail): ModelMeta {
  const model = typeof target === "string" ? findModel(target) : typeof target === "function" ? (target as ModelClass) : undefined;
  if (!model) {
    throw fail(
      `${owner.name}.${method}(${JSON.stringify(target)}): expected a model class or a registered model name.` +
        (typeof target === "string" ? didYouMean(target, knownModelNames()) : ""),
    );
  }
  const meta = modelMeta(model);
  if (meta.store !== "sql" || meta.connection !== owner.connection) {
    throw fail(
      `${owner.name}.${method}(${meta.name}): ${meta.name} is not on ${owner.name}'s SQL connection; a join needs both tables in one database.`,
    );
  }
  return meta;
}

/** `table.column` of a joined model, checked; undefined when `name` is not qualified with a joined table. */
export function joinedColumn(joins: readonly JoinSpec[], name: string, where: string, fail: Fail): string | undefined {
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const table = name.slice(0, dot);
  const join = joins.find((j) => j.meta.table === table);
  if (!join) return undefined;
  const column = name.slice(dot + 1);
  if (!join.meta.columns.has(column)) {
    throw fail(
      `${where}: unknown column '${column}' on joined table ${table}.${didYouMean(column, join.meta.columns.keys())} Columns: ${[...join.meta.columns.keys()].join(", ")}.`,
    );
  }
  return name;
}

export function joinedDescriptor(joins: readonly JoinSpec[], qualified: string): ColumnDescriptor | undefined {
  const dot = qualified.indexOf(".");
  return joins.find((j) => j.meta.table === qualified.slice(0, dot))?.meta.columns.get(qualified.slice(dot + 1));
}

export function applyJoins(joins: readonly JoinSpec[], qb: Knex.QueryBuilder): void {
  for (const j of joins) qb[j.kind === "inner" ? "join" : "leftJoin"](j.meta.table, j.first, j.op, j.second);
}
