/**
 * A relation's key columns placed at their live tables: the engine's own key resolution (explicit or
 * inferred, every kind) with each owner turned into the table the database must have.
 */
import type { RelationNode } from "../graph/graph";
import { keyNode, type ResolvedKey } from "../resolve/keys";
import type { ModelIndex, ModelInfo } from "../resolve/model-index";
import { describeRelationKeys, type KeyOption } from "../resolve/relation-keys";
import type { RuleContext } from "../rule";
import type { LiveSchema, LiveTable } from "./live-schema";

export interface LiveKey {
  option: KeyOption;
  key: ResolvedKey;
  /** The table the column must be on. */
  table: string;
  /** That table in the live database; undefined when it does not exist. */
  live: LiveTable | undefined;
  /** The model owning the table, when the owner is a model (undefined for a pivot table). */
  owner: ModelInfo | undefined;
}

/** The SQL models whose table is known: the only ones the database can be asked about. */
export function* sqlModels(index: ModelIndex): Generator<ModelInfo & { table: string }> {
  for (const model of index.models) {
    if (model.store === "sql" && typeof model.table === "string") yield model as ModelInfo & { table: string };
  }
}

export function liveKeys(index: ModelIndex, database: LiveSchema, model: ModelInfo, relation: RelationNode): LiveKey[] {
  const out: LiveKey[] = [];
  const keys = describeRelationKeys(index, model, relation);
  for (const option of Object.keys(keys) as KeyOption[]) {
    const key = keys[option]!;
    if (key.owner === undefined) continue;
    let table: string | undefined;
    let owner: ModelInfo | undefined;
    if ("model" in key.owner) {
      owner = index.model(key.owner.model);
      // A key on a Mongo model (a cross-store relation) is not the SQL database's to hold.
      if (owner === undefined || owner.store !== "sql") continue;
      table = owner.table;
    } else table = key.owner.table;
    if (table === undefined) continue;
    out.push({ option, key, table, live: database.tables[table], owner });
  }
  return out;
}

/**
 * Every relation of the SQL models with its keys placed at their live tables — the walk each relation rule
 * of the database makes. Nothing runs without a database (the static fronts).
 */
export function eachLiveRelation(
  context: RuleContext,
  visit: (model: ModelInfo & { table: string }, relation: RelationNode, keys: LiveKey[], database: LiveSchema) => void,
): void {
  const database = context.database;
  if (!database) return;
  for (const model of sqlModels(context.index)) {
    for (const relation of model.node.relations) visit(model, relation, liveKeys(context.index, database, model, relation), database);
  }
}

export { keyNode };
