/**
 * whereHasMorph / whereDoesntHaveMorph on Mongo. There is no join: per parent type, the keys of its
 * matching documents are read first (one query per type), then the owner's documents are matched with
 * `{ <morphType>: alias, <morphId>: { $in | $nin: keys } }`, the branches OR-ed — the SQL builder's
 * `type = alias AND [NOT] EXISTS (...)` per type. Aliases and key columns come from the resolver
 * (`morphAlias`, `modelForMorphType`, `ownerKey`); nothing here re-derives a convention.
 */
import type { Document } from "mongodb";
import { findModel } from "../model/lookup";
import { modelMeta, type ModelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { modelForMorphType, RelationError, type ResolvedRelation } from "../relations/resolve";
import { collectionFor } from "./documents";
import { expandKeys } from "./ids";
import { assertFilterFits, countKeys } from "./in-lists";
import { fieldFor, keyStorage, MongoQueryError } from "./mongo-values";
import type { MorphMode } from "../relations/existence-forms";

/** whereHasMorph's callback: the parent type's query and its model name. */
export type MorphConstraint = (query: any, type: string) => unknown;

/** One whereHasMorph call on a query of `owner`. */
export interface MorphExistence {
  readonly owner: ModelMeta;
  readonly relation: ResolvedRelation;
  readonly path: string;
  /** The method the user called, for messages. */
  readonly method: string;
  /** Which parents' rows match: existing ones, missing ones, either (the type alone) or none (see existence-forms.ts). */
  readonly mode: MorphMode;
  readonly constraint: MorphConstraint | undefined;
}

/** One parent type: the value stored in the type field, and the query of its matching parents. */
export interface MorphBranch {
  readonly name: string;
  readonly alias: string;
  readonly key: string;
  readonly query: { pluck(column: string): Promise<unknown[]> };
}

/** The `types` argument as a list of names; `"*"` stays a marker (read from the collection when the query runs). */
export function morphTypeNames(spec: MorphExistence, types: unknown): string[] | "*" {
  const names = typeof types === "string" ? [types] : types;
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string" && n !== "")) {
    throw new TypeError(
      `${spec.owner.name}.${spec.method}('${spec.path}', ...): types must be a model name, a list of model names or morph aliases, or "*"; ` +
        `got ${Array.isArray(types) ? "a list with a non-string entry" : typeof types}.`,
    );
  }
  return names.includes("*") ? "*" : names;
}

/**
 * A type name (model name or morph alias) → its branch, with the callback applied. A parent on another
 * store or connection is refused: its keys would have to cross stores inside one filter.
 */
export function morphBranch(spec: MorphExistence, typeName: string): MorphBranch {
  const { owner, relation, path, method } = spec;
  const parent: ModelClass = findModel(typeName) ?? modelForMorphType(relation, typeName);
  const meta = modelMeta(parent);
  if (parent.store !== "mongo" || meta.connection !== owner.connection) {
    const where = parent.store !== "mongo" ? `the ${parent.store} store` : `Mongo connection "${meta.connection}"`;
    throw new RelationError(
      `${owner.name}.${method}('${path}'): parent type ${meta.name} lives on ${where}, not on ${owner.name}'s Mongo connection ` +
        `"${owner.connection}"; ${method}() matches keys within one Mongo connection. Leave ${meta.name} out of the types and ` +
        `filter it separately: read its keys (${meta.name}.query().pluck(...)), then ` +
        `where("${relation.morphType}", "${meta.morphAlias}").whereIn("${relation.morphId}", keys).`,
    );
  }
  const query = (parent as unknown as { query(): MorphBranch["query"] }).query();
  if (spec.constraint) spec.constraint(query, meta.name);
  return { name: meta.name, alias: meta.morphAlias, key: relation.ownerKey ?? meta.primaryKey, query };
}

/** The type values present in the owner's collection (no global scopes, as Laravel reads them), sorted. */
export async function storedMorphTypes(spec: MorphExistence): Promise<string[]> {
  const field = fieldFor(spec.owner, spec.relation.morphType!);
  const rows = await collectionFor(spec.owner)
    .aggregate([{ $match: { [field]: { $ne: null } } }, { $group: { _id: `$${field}` } }])
    .toArray();
  return [...new Set(rows.map((r) => String(r._id)))].sort();
}

/**
 * The filter of one whereHasMorph call: one branch per type, OR-ed. `withNullType` adds the documents
 * whose type is null (whereDoesntHaveMorph(…, "*"), as Laravel: they point at no parent at all).
 */
export async function morphFilter(spec: MorphExistence, branches: readonly MorphBranch[], withNullType: boolean): Promise<Document> {
  const typeField = fieldFor(spec.owner, spec.relation.morphType!);
  const idField = fieldFor(spec.owner, spec.relation.morphId!);
  const parts: Document[] = [];
  for (const branch of spec.mode === "none" ? [] : branches) {
    if (spec.mode === "any") {
      parts.push({ [typeField]: { $eq: branch.alias } });
      continue;
    }
    const keys = await branch.query.pluck(branch.key);
    // In the forms the owner's morph id field stores (its declared type), whatever the parent type.
    const list = expandKeys(keys, keyStorage(spec.owner, spec.relation.morphId!));
    assertFilterFits(
      list,
      (mb) =>
        new MongoQueryError(
          `${spec.owner.name}.${spec.method}('${spec.path}'): the ${branch.name} query matched ${countKeys(keys)} keys ` +
            `(about ${mb} MB as a $in list), more than one MongoDB command can carry (16 MB). ` +
            `Narrow the ${branch.name} constraint, or load ${spec.owner.name} with with('${spec.path}') and filter the loaded models.`,
        ),
    );
    parts.push({ [typeField]: { $eq: branch.alias }, [idField]: { [spec.mode === "missing" ? "$nin" : "$in"]: list } });
  }
  if (withNullType) parts.push({ [typeField]: { $eq: null } });
  // No type at all (an empty list, or "*" over an empty collection): nothing matches, as SQL's `1 = 0`.
  if (!parts.length) return { _id: { $in: [] } };
  return parts.length === 1 ? parts[0]! : { $or: parts };
}
