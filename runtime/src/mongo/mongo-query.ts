/**
 * The Mongo query builder of a model: the SQL builder's API (where/orWhere/whereIn/whereNull/
 * orderBy/limit/offset/select/with/withCount, get/first/find/count/exists/pluck/paginate, mass
 * update/delete) translated to one filter document. Field names come only from the schema (plus
 * `id`/`_id`); values go through the injection policy in values.ts. Soft-deleted documents are
 * filtered by the store, not in memory. Awaiting the query runs it.
 */
import type { Document, Filter } from "mongodb";
import type { ModelClass, SchemaShape } from "../model/types";
import type { Model } from "../model/model";
import type { QueryConstraint } from "../relations/adapter";
import { RelationError, resolveRelation } from "../relations/resolve";
import { BaseQuery, type Column, type WithPath } from "../model/base-query";
import { SOFT_DELETES_SCOPE } from "../model/scopes";
import { usesDocumentReferences } from "./document-references";
import { collectionFor, documentToRow, exposeColumnValue, rowToDocument } from "./documents";
import { assertFilterFits, countKeys } from "./in-lists";
import { expandKeys } from "./ids";
import type { CollectionPort } from "./port";
import { morphBranch, morphFilter, morphTypeNames, storedMorphTypes, type MorphConstraint, type MorphExistence } from "./morph-existence";
import { fieldFor, filterList, filterValue, isKeyField, keyStorage, likeToRegex, MongoQueryError } from "./mongo-values";
import type { MongoModelBase } from "./mongo-model";
import {
  attachedTo,
  keysConstraint,
  morphCountMode,
  relationCondition,
  type MorphMode,
  type RelationCondition,
} from "../relations/existence-forms";
import { withDefinition } from "../relations/definition";
import type {
  AttributeValue,
  ComparisonOperator,
  CountArg,
  MongoWhereValues,
  PatternOperator,
  WhereValueIn,
  Rebind,
  Selected,
} from "../types/query";
import type { Counted } from "../types/relations";

export { MAX_FILTER_KEY_BYTES } from "./in-lists";

/** A where clause; `pending` clauses (whereHas) get their filter from a key query before the run. */
type Clause = { bool: "and" | "or"; filter: Document | undefined; pending?: () => Promise<Document> };

/** Schema columns, plus `id` (the document's `_id`). */
export type MongoColumn<S> = Column<S> | "id";

const COMPARISONS = new Map<string, string>([
  ["=", "$eq"],
  ["!=", "$ne"],
  ["<>", "$ne"],
  ["<", "$lt"],
  ["<=", "$lte"],
  [">", "$gt"],
  [">=", "$gte"],
]);
const PATTERNS = new Set(["like", "not like", "ilike", "not ilike"]);

/** `M` is unconstrained for the reason SqlQuery's is (its class comment). */
export class MongoQuery<M = MongoModelBase, S = SchemaShape> extends BaseQuery<M, S> {
  #clauses: Clause[] = [];
  /** Relation-key filters: AND-ed outside the user's (possibly OR-ed) clauses. */
  #keyFilters: Document[] = [];
  #sort: Array<[string, 1 | -1]> = [];
  #projection: Document | undefined;

  declare readonly "~store"?: "mongo";

  constructor(model: ModelClass<M & Model>) {
    super(model);
  }

  protected queryError(message: string): Error {
    return new MongoQueryError(message);
  }

  // ---- identifiers --------------------------------------------------------------------------------

  /** A schema column (or id/_id) → its document field; anything else is a clear error. */
  #field(name: unknown, where: string): string {
    if (typeof name === "string" && (name === "id" || name === "_id" || this.meta.columns.has(name))) return fieldFor(this.meta, name);
    throw this.columnError(where, name, ["id", ...this.meta.columns.keys()], "collection");
  }

  // ---- where ----------------------------------------------------------------------------------------

  where(group: (q: MongoQuery<M, S>) => unknown): this;
  where(values: Partial<MongoWhereValues<S>>): this;
  where<K extends MongoColumn<S>>(column: K, value: WhereValueIn<MongoWhereValues<S>, K>): this;
  where<K extends MongoColumn<S>>(column: K, operator: ComparisonOperator, value: WhereValueIn<MongoWhereValues<S>, K>): this;
  where(column: MongoColumn<S>, operator: PatternOperator, pattern: string): this;
  where(...args: unknown[]): this {
    return this.#where("and", args);
  }

  orWhere(group: (q: MongoQuery<M, S>) => unknown): this;
  orWhere(values: Partial<MongoWhereValues<S>>): this;
  orWhere<K extends MongoColumn<S>>(column: K, value: WhereValueIn<MongoWhereValues<S>, K>): this;
  orWhere<K extends MongoColumn<S>>(column: K, operator: ComparisonOperator, value: WhereValueIn<MongoWhereValues<S>, K>): this;
  orWhere(column: MongoColumn<S>, operator: PatternOperator, pattern: string): this;
  orWhere(...args: unknown[]): this {
    return this.#where("or", args);
  }

  /**
   * Internal: a relation definition's `where` option, checked like `where()` but AND-ed outside the caller's
   * clauses (with the relation keys), so an `orWhere` in an eager constraint cannot widen the relation.
   */
  whereRelationOption(column: string, operator: string, value: unknown): this {
    this.#keyFilters.push(this.#comparison(column, operator, value, "where()"));
    return this;
  }

  #where(bool: "and" | "or", args: unknown[]): this {
    const method = bool === "and" ? "where" : "orWhere";
    const [first] = args;
    if (typeof first === "function" && args.length === 1) {
      const group = new MongoQuery<M, S>(this.model);
      first(group);
      if (group.#clauses.some((c) => c.pending)) {
        this.#clauses.push({ bool, filter: undefined, pending: async () => (await group.resolve(), group.userFilter() ?? {}) });
        return this;
      }
      const filter = group.userFilter();
      if (filter) this.#clauses.push({ bool, filter });
      return this;
    }
    if (first !== null && typeof first === "object" && !Array.isArray(first) && args.length === 1) {
      const parts = Object.entries(first as Record<string, unknown>).map(([c, v]) => this.#comparison(c, "=", v, `${method}({...})`));
      if (parts.length) this.#clauses.push({ bool, filter: parts.length === 1 ? parts[0]! : { $and: parts } });
      return this;
    }
    if (args.length !== 2 && args.length !== 3) {
      throw new MongoQueryError(
        `${this.meta.name}.${method}(): expected (column, value), (column, operator, value), ({ column: value }) or (q => ...), got ${args.length} arguments.`,
      );
    }
    const [column, operator, value] = args.length === 3 ? args : [args[0], "=", args[1]];
    this.#clauses.push({ bool, filter: this.#comparison(column, operator, value, `${method}()`) });
    return this;
  }

  #comparison(column: unknown, operator: unknown, value: unknown, where: string): Document {
    const field = this.#field(column, where);
    const name = String(column);
    const op = String(operator).toLowerCase();
    if (PATTERNS.has(op)) {
      const regex = likeToRegex(value, this.meta, where, op.includes("ilike"));
      return { [field]: op.startsWith("not") ? { $not: regex } : { $regex: regex } };
    }
    const mongoOp = COMPARISONS.get(op);
    if (mongoOp === undefined) {
      throw new MongoQueryError(
        `${this.meta.name}.${where.replace("()", "")}('${name}', '${String(operator)}', ...): unknown operator. ` +
          `Use one of ${[...COMPARISONS.keys(), ...PATTERNS].join(", ")}.`,
      );
    }
    if (value === null || value === undefined) {
      if (mongoOp !== "$eq" && mongoOp !== "$ne") {
        throw new MongoQueryError(`${this.meta.name}.${where}: null only compares with = or != ('${name}' ${op} null).`);
      }
      return { [field]: { [mongoOp]: null } };
    }
    if (Array.isArray(value)) {
      throw new MongoQueryError(`${this.meta.name}.${where}: '${name}' was compared with an array; use whereIn('${name}', [...]).`);
    }
    if ((mongoOp === "$eq" || mongoOp === "$ne") && isKeyField(this.meta, name)) {
      // A key matches in every stored form: a hex string finds an ObjectId and the reverse.
      return { [field]: { [mongoOp === "$eq" ? "$in" : "$nin"]: filterList(this.meta, name, [value], where) } };
    }
    return { [field]: { [mongoOp]: filterValue(this.meta, name, value, where) } };
  }

  whereIn<K extends MongoColumn<S>>(column: K, values: readonly WhereValueIn<MongoWhereValues<S>, K>[]): this {
    return this.#in("and", "$in", column, values, "whereIn()");
  }
  whereNotIn<K extends MongoColumn<S>>(column: K, values: readonly WhereValueIn<MongoWhereValues<S>, K>[]): this {
    return this.#in("and", "$nin", column, values, "whereNotIn()");
  }
  orWhereIn(column: MongoColumn<S>, values: readonly unknown[]): this {
    return this.#in("or", "$in", column, values, "orWhereIn()");
  }

  #in(bool: "and" | "or", op: "$in" | "$nin", column: string, values: readonly unknown[], where: string): this {
    const field = this.#field(column, where);
    this.#clauses.push({ bool, filter: { [field]: { [op]: filterList(this.meta, column, values, where) } } });
    return this;
  }

  whereNull(column: MongoColumn<S>): this {
    this.#clauses.push({ bool: "and", filter: { [this.#field(column, "whereNull()")]: { $eq: null } } });
    return this;
  }
  whereNotNull(column: MongoColumn<S>): this {
    this.#clauses.push({ bool: "and", filter: { [this.#field(column, "whereNotNull()")]: { $ne: null } } });
    return this;
  }

  /** Internal (store adapter): `column` in `values`, each in the key forms the column stores. */
  whereKeyIn(column: string, values: readonly unknown[]): this {
    this.#keyFilters.push({ [fieldFor(this.meta, column)]: { $in: expandKeys(values, keyStorage(this.meta, column)) } });
    return this;
  }

  /** Internal (store adapter): equality on a relation column (morph type). */
  whereKeyEquals(column: string, value: unknown): this {
    this.#keyFilters.push({ [fieldFor(this.meta, column)]: { $eq: value } });
    return this;
  }

  /**
   * Documents with at least one related row (matching the constraint). Mongo has no joins: the
   * related keys are read first (one query on the target's store, SQL or Mongo), then matched with
   * `$in`. Paths nest ("books.reviews"). Pivot-collection belongsToMany is not supported; morphTo goes
   * through whereHasMorph.
   */
  whereHas(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has("and", relation, constraint, "$in");
  }
  orWhereHas(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has("or", relation, constraint, "$in");
  }
  whereDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has("and", relation, constraint, "$nin");
  }

  orWhereDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has("or", relation, constraint, "$nin");
  }
  doesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.whereDoesntHave(relation, constraint);
  }
  orDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.orWhereDoesntHave(relation, constraint);
  }
  /**
   * `has("books")` (at least one) and `has("books", "<", 1)` (none) match related keys with $in / $nin.
   * Any other count needs a per-document count, which this store's key matching cannot express.
   */
  has(relation: WithPath<S>, operator: string = ">=", count: number = 1, constraint?: QueryConstraint): this {
    return this.#hasCount("and", relation, operator, count, constraint);
  }
  orHas(relation: WithPath<S>, operator: string = ">=", count: number = 1, constraint?: QueryConstraint): this {
    return this.#hasCount("or", relation, operator, count, constraint);
  }
  /** `whereRelation("books", "year", ">", 1970)`: whereHas with one where on the related documents (or a callback). */
  whereRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.whereHas(relation, relationCondition(condition, `${this.meta.name}.whereRelation('${relation}'`));
  }
  orWhereRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.orWhereHas(relation, relationCondition(condition, `${this.meta.name}.orWhereRelation('${relation}'`));
  }
  /** `whereDoesntHaveRelation("books", "year", ">", 1970)`: no related document matches the where. */
  whereDoesntHaveRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.whereDoesntHave(relation, relationCondition(condition, `${this.meta.name}.whereDoesntHaveRelation('${relation}'`));
  }
  orWhereDoesntHaveRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.orWhereDoesntHave(relation, relationCondition(condition, `${this.meta.name}.orWhereDoesntHaveRelation('${relation}'`));
  }

  /**
   * Documents whose morphTo points at an existing parent of one of `types` (model names or morph aliases;
   * `"*"`: every type stored in the collection) that matches `constraint(query, typeName)`. Per type, the
   * parents' keys are read first (one query each, on this connection), then matched with `$in`; the
   * types are OR-ed (Laravel's whereHasMorph; see morph-existence.ts).
   */
  whereHasMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("and", relation, types, constraint, "exists", "whereHasMorph");
  }
  orWhereHasMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("or", relation, types, constraint, "exists", "orWhereHasMorph");
  }
  /** Documents whose morphTo points at one of `types` but at no parent matching `constraint`. */
  whereDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("and", relation, types, constraint, "missing", "whereDoesntHaveMorph");
  }
  orWhereDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("or", relation, types, constraint, "missing", "orWhereDoesntHaveMorph");
  }
  /** `hasMorph("commentable", ["Post"], ">=", 1)`: whereHasMorph by the number (0 or 1) of parents. */
  hasMorph(relation: WithPath<S>, types: string | readonly string[], operator = ">=", count = 1, constraint?: MorphConstraint): this {
    const mode = morphCountMode(this.meta.name, "hasMorph", relation, operator, count);
    return this.#hasMorph("and", relation, types, constraint, mode, "hasMorph");
  }
  orHasMorph(relation: WithPath<S>, types: string | readonly string[], operator = ">=", count = 1, constraint?: MorphConstraint): this {
    const mode = morphCountMode(this.meta.name, "orHasMorph", relation, operator, count);
    return this.#hasMorph("or", relation, types, constraint, mode, "orHasMorph");
  }
  doesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("and", relation, types, constraint, "missing", "doesntHaveMorph");
  }
  orDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph("or", relation, types, constraint, "missing", "orDoesntHaveMorph");
  }
  /** `whereMorphRelation("commentable", ["Post"], "votes", ">", 5)`: whereHasMorph with one where on the parents. */
  whereMorphRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.#hasMorph(
      "and",
      relation,
      types,
      relationCondition(condition, `${this.meta.name}.whereMorphRelation('${relation}'`),
      "exists",
      "whereMorphRelation",
    );
  }
  orWhereMorphRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.#hasMorph(
      "or",
      relation,
      types,
      relationCondition(condition, `${this.meta.name}.orWhereMorphRelation('${relation}'`),
      "exists",
      "orWhereMorphRelation",
    );
  }
  whereMorphDoesntHaveRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    const constraint = relationCondition(condition, `${this.meta.name}.whereMorphDoesntHaveRelation('${relation}'`);
    return this.#hasMorph("and", relation, types, constraint, "missing", "whereMorphDoesntHaveRelation");
  }
  orWhereMorphDoesntHaveRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    const constraint = relationCondition(condition, `${this.meta.name}.orWhereMorphDoesntHaveRelation('${relation}'`);
    return this.#hasMorph("or", relation, types, constraint, "missing", "orWhereMorphDoesntHaveRelation");
  }
  /**
   * Documents attached to the given model(s) through a belongsToMany: `Post.whereAttachedTo(tag)`. On Mongo the
   * relation must keep the ids on the document (a pivot collection cannot be matched, see whereHas).
   */
  whereAttachedTo(related: object | readonly object[], relation?: WithPath<S>): this {
    const { path, column, keys } = attachedTo(this.model, related, relation);
    return this.whereHas(path as WithPath<S>, keysConstraint(column, keys));
  }

  #hasMorph(
    bool: "and" | "or",
    path: string,
    types: unknown,
    constraint: MorphConstraint | undefined,
    mode: MorphMode,
    method: string,
  ): this {
    const relation = resolveRelation(this.model, path);
    if (relation.kind !== "morphTo") {
      throw new RelationError(
        `${this.meta.name}.${path} is a ${relation.kind} relation: whereHasMorph() works on morphTo relations; use whereHas().`,
      );
    }
    const spec: MorphExistence = { owner: this.meta, relation, path, method, mode, constraint };
    const names = morphTypeNames(spec, types);
    // Listed types are checked (and their callbacks run) now; "*" reads the types when the query runs.
    const listed = names === "*" ? undefined : names.map((name) => morphBranch(spec, name));
    this.#clauses.push({
      bool,
      filter: undefined,
      pending: async () => {
        const branches = listed ?? (await storedMorphTypes(spec)).map((name) => morphBranch(spec, name));
        return morphFilter(spec, branches, names === "*" && (mode === "missing" || mode === "any"));
      },
    });
    return this;
  }

  #hasCount(bool: "and" | "or", path: string, operator: string, count: number, constraint: QueryConstraint | undefined): this {
    if ((operator === ">=" && count === 1) || (operator === ">" && count === 0)) return this.#has(bool, path, constraint, "$in");
    if ((operator === "<" && count === 1) || (operator === "=" && count === 0) || (operator === "<=" && count === 0)) {
      return this.#has(bool, path, constraint, "$nin");
    }
    throw new RelationError(
      `${this.meta.name}.has('${path}', '${operator}', ${JSON.stringify(count)}): on Mongo, has() only tells "at least one" from "none" ` +
        `(related keys matched with $in/$nin; there is no per-document count). Load withCount("${path}") and filter the models, ` +
        `or keep the relation on SQL, where has() runs a correlated COUNT.`,
    );
  }

  #has(bool: "and" | "or", path: string, constraint: QueryConstraint | undefined, op: "$in" | "$nin"): this {
    const dot = path.indexOf(".");
    if (dot > 0) {
      const rest = path.slice(dot + 1);
      return this.#has(
        bool,
        path.slice(0, dot),
        (q: { whereHas(p: string, c?: QueryConstraint): unknown }) => q.whereHas(rest, constraint),
        op,
      );
    }
    const rel = resolveRelation(this.model, path);
    if (rel.kind === "morphTo") {
      throw new RelationError(
        `${this.meta.name}.${path} is a morphTo relation: whereHas() needs a single target. ` +
          `Use whereHasMorph('${path}', ["Type", ...]) (or "*" for every stored type), or filter on ${rel.morphType}/${rel.morphId}.`,
      );
    }
    if (rel.kind === "belongsToMany" && !usesDocumentReferences(rel)) {
      throw new RelationError(
        `${this.meta.name}.whereHas('${path}'): the relation goes through the pivot collection ${rel.pivot!.table}; ` +
          `read the pivot's ${rel.pivot!.localKey} values first, then use whereIn().`,
      );
    }
    const meta = this.meta;
    this.#clauses.push({
      bool,
      filter: undefined,
      pending: async () => {
        const target = rel.target as unknown as {
          query(): { pluck(c: string): Promise<unknown[]>; whereKeyEquals(c: string, v: unknown): unknown };
        };
        const q = target.query();
        if (rel.morphType) q.whereKeyEquals(rel.morphType, rel.ownerMeta.morphAlias);
        withDefinition(rel, constraint)?.(q); // the relation's own where / withTrashed first
        let keys: unknown[];
        let field: string;
        if (rel.kind === "belongsTo" || rel.kind === "belongsToMany") {
          keys = await q.pluck(rel.ownerKey!);
          field = rel.foreignKey; // belongsToMany: the id array (an array field matches any element)
        } else {
          keys = await q.pluck(rel.morphId ?? rel.foreignKey);
          field = rel.localKey;
        }
        const list = expandKeys(keys, keyStorage(meta, field));
        assertFilterFits(
          list,
          (mb) =>
            new MongoQueryError(
              `${meta.name}.${op === "$in" ? "whereHas" : "whereDoesntHave"}('${path}'): the related query matched ${countKeys(keys)} keys ` +
                `(about ${mb} MB as a $in list), more than one MongoDB command can carry (16 MB). ` +
                `Narrow the constraint, or load ${meta.name} with with('${path}') and filter the loaded models.`,
            ),
        );
        return { [fieldFor(meta, field)]: { [op]: list } };
      },
    });
    return this;
  }

  /** Runs the key queries of whereHas clauses (once); every run method calls it. */
  async resolve(): Promise<void> {
    for (const clause of this.#clauses) if (clause.filter === undefined && clause.pending) clause.filter = await clause.pending();
  }

  // ---- global scopes: soft deletes are the only one a Mongo model has -------------------------------

  /** `withoutGlobalScope("softDeletes")` includes trashed documents (as `withTrashed()`). */
  withoutGlobalScope(name: string): this {
    return this.withoutGlobalScopes([name]);
  }
  withoutGlobalScopes(names?: readonly string[]): this {
    for (const name of names ?? []) {
      if (name !== SOFT_DELETES_SCOPE || !this.meta.softDeletes)
        throw new MongoQueryError(
          `${this.meta.name}: no global scope named ${JSON.stringify(name)}. ` +
            (this.meta.softDeletes
              ? `Its only global scope is "softDeletes".`
              : `Mongo models have no global scopes but "softDeletes", which ${this.meta.name} does not use.`),
        );
    }
    this.removeSoftDeleteScope();
    return this;
  }

  // ---- shape ----------------------------------------------------------------------------------------

  /** The result type keeps only the selected attributes (call it before with()/withCount()). */
  select<const K extends MongoColumn<S>>(...columns: K[]): Rebind<this, Selected<M, K>> {
    this.#projection = {};
    for (const c of columns) this.#projection[this.#field(c, "select()")] = 1;
    return this as never;
  }

  orderBy(column: MongoColumn<S>, direction: "asc" | "desc" = "asc"): this {
    const dir = String(direction).toLowerCase();
    if (dir !== "asc" && dir !== "desc") {
      throw new MongoQueryError(
        `${this.meta.name}.orderBy('${String(column)}', '${String(direction)}'): direction must be "asc" or "desc".`,
      );
    }
    this.#sort.push([this.#field(column, "orderBy()"), dir === "asc" ? 1 : -1]);
    return this;
  }
  latest(column: MongoColumn<S> = "created_at" as MongoColumn<S>): this {
    return this.orderBy(column, "desc");
  }

  withCount<const A extends readonly CountArg<S>[]>(...specs: A): Rebind<this, M & Counted<A>> {
    return this.addCounts(specs) as never;
  }

  clone(): MongoQuery<M, S> {
    const q = new MongoQuery<M, S>(this.model);
    q.#clauses = this.#clauses.slice();
    q.#keyFilters = this.#keyFilters.slice();
    q.#sort = this.#sort.slice();
    q.#projection = this.#projection;
    this.copySharedTo(q);
    return q;
  }

  // ---- building -------------------------------------------------------------------------------------

  /** The user's clauses: AND binds tighter than OR, as in SQL (`a and b or c` = `(a and b) or c`). */
  userFilter(): Document | undefined {
    const groups: Document[][] = [];
    for (const { bool, filter, pending } of this.#clauses) {
      if (filter === undefined) {
        if (pending) throw new MongoQueryError(`${this.meta.name}: internal — a whereHas clause was not resolved before the query ran.`);
        continue;
      }
      if (bool === "or" || !groups.length) groups.push([filter]);
      else groups[groups.length - 1]!.push(filter);
    }
    const and = (parts: Document[]) => (parts.length === 1 ? parts[0]! : { $and: parts });
    if (!groups.length) return undefined;
    return groups.length === 1 ? and(groups[0]!) : { $or: groups.map(and) };
  }

  /** The complete filter document this query sends. */
  toFilter(): Filter<Document> {
    const parts: Document[] = [...this.#keyFilters];
    if (this.meta.softDeletes && this.trashed !== "include") {
      parts.push({ deleted_at: this.trashed === "exclude" ? { $eq: null } : { $ne: null } });
    }
    const user = this.userFilter();
    if (user) parts.push(user);
    if (!parts.length) return {};
    // One level of $and is flattened into the top so the store can use a key index on it.
    if (parts.length === 1) return parts[0]!;
    const merged: Document = {};
    for (const p of parts) {
      for (const [k, v] of Object.entries(p)) {
        if (k in merged) return { $and: parts };
        merged[k] = v;
      }
    }
    return merged;
  }

  collection(): CollectionPort {
    return collectionFor(this.meta);
  }

  #findOptions(): Document {
    const options: Document = {};
    if (this.#sort.length) options.sort = Object.fromEntries(this.#sort);
    if (this.offsetCount !== undefined) options.skip = this.offsetCount;
    if (this.limitCount !== undefined) options.limit = this.limitCount;
    if (this.#projection) options.projection = this.#projection;
    return options;
  }

  /** Internal: hydrates documents and loads the requested relations and counts. */
  finish(docs: Document[]): Promise<M[]> {
    for (let i = 0; i < docs.length; i++) documentToRow(this.meta, docs[i]!);
    return this.hydrateAndLoad(docs as Record<string, unknown>[]);
  }

  // ---- running --------------------------------------------------------------------------------------

  async get(): Promise<M[]> {
    await this.resolve();
    const docs = await this.collection().find(this.toFilter(), this.#findOptions()).toArray();
    return this.finish(docs);
  }

  async first(): Promise<M | null> {
    return (await this.clone().limit(1).get())[0] ?? null;
  }

  async find(id: unknown): Promise<M | null> {
    if (id === null || id === undefined) return null;
    if (typeof id === "object" && !(id as { _bsontype?: unknown })._bsontype) {
      throw new MongoQueryError(`${this.meta.name}.find(): expected an id (string, number or ObjectId), got an object.`);
    }
    return this.clone().whereKeyIn("id", [id]).first();
  }

  async count(): Promise<number> {
    await this.resolve();
    return this.collection().countDocuments(this.toFilter());
  }

  async exists(): Promise<boolean> {
    await this.resolve();
    const docs = await this.collection()
      .find(this.toFilter(), { limit: 1, projection: { _id: 1 } })
      .toArray();
    return docs.length > 0;
  }

  // ---- aggregates (Laravel's: sum is 0 when nothing matches, avg/min/max are null) -----------------

  async #aggregate(fn: "sum" | "avg" | "min" | "max", column: MongoColumn<S>): Promise<unknown> {
    await this.resolve();
    const field = this.#field(column, `${fn}()`);
    if (fn === "avg") {
      // The present values' sum over their count — $avg's answer (SQL skips NULL alike) on every server
      // (FerretDB has no $avg accumulator). A typed numeric column holds numbers only.
      const present = { $and: [this.toFilter(), { [field]: { $ne: null } }] };
      const [row] = await this.collection()
        .aggregate([{ $match: present }, { $group: { _id: null, total: { $sum: `$${field}` } } }])
        .toArray();
      const n = row ? await this.collection().countDocuments(present) : 0;
      return n > 0 ? Number(row!.total) / n : null;
    }
    if (fn === "sum") {
      const [row] = await this.collection()
        .aggregate([{ $match: this.toFilter() }, { $group: { _id: null, value: { $sum: `$${field}` } } }])
        .toArray();
      return row?.value ?? 0;
    }
    // min/max: the first non-null value in BSON order — a sorted read of one document (an index serves it).
    const [doc] = await this.collection()
      .find(
        { $and: [this.toFilter(), { [field]: { $ne: null } }] },
        { sort: { [field]: fn === "min" ? 1 : -1 }, limit: 1, projection: { [field]: 1 } },
      )
      .toArray();
    const value = doc?.[field] ?? null;
    return value === null ? value : exposeColumnValue(this.meta, column as string, value);
  }

  /** Sum of a numeric column over the matching documents (0 when none; non-numbers are skipped, as the server does). */
  async sum(column: MongoColumn<S>): Promise<number> {
    return Number(await this.#aggregate("sum", column));
  }
  async avg(column: MongoColumn<S>): Promise<number | null> {
    return (await this.#aggregate("avg", column)) as number | null;
  }
  /** Laravel's alias of avg. */
  average(column: MongoColumn<S>): Promise<number | null> {
    return this.avg(column);
  }
  async min(column: MongoColumn<S>): Promise<unknown> {
    return this.#aggregate("min", column);
  }
  async max(column: MongoColumn<S>): Promise<unknown> {
    return this.#aggregate("max", column);
  }

  /** Values of one column (as attributes expose them). */
  async pluck<K extends MongoColumn<S>>(column: K): Promise<AttributeValue<M, K>[]> {
    await this.resolve();
    const field = this.#field(column, "pluck()");
    const docs = await this.collection()
      .find(this.toFilter(), { ...this.#findOptions(), projection: { [field]: 1 } })
      .toArray();
    return docs.map((d) => documentToRow(this.meta, d)[field]) as AttributeValue<M, K>[];
  }

  /** Mass update of the matching documents ($set of schema columns; updated_at is set). Returns the count. */
  async update(values: Partial<Record<MongoColumn<S>, unknown>>): Promise<number> {
    await this.resolve();
    const set = rowToDocument(this.meta, values as Record<string, unknown>, "update()");
    delete set._id;
    if (this.meta.timestamps && !("updated_at" in set)) set.updated_at = new Date();
    if (!Object.keys(set).length) return 0;
    const res = await this.collection().updateMany(this.toFilter(), { $set: set });
    return res.matchedCount;
  }

  /** Mass delete (soft when the model has softDeletes). Returns the count. */
  async delete(): Promise<number> {
    await this.resolve();
    if (this.meta.softDeletes) {
      const res = await this.collection().updateMany(this.toFilter(), { $set: { deleted_at: new Date() } });
      return res.matchedCount;
    }
    return this.forceDelete();
  }

  async forceDelete(): Promise<number> {
    await this.resolve();
    return (await this.collection().deleteMany(this.toFilter())).deletedCount;
  }
}

declare module "../types/query" {
  // Rebind's way to this builder over another result model (types/query.ts).
  interface QueryBuilders<M, S> {
    mongo: MongoQuery<M, S>;
  }
}
