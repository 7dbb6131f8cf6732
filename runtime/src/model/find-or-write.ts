/**
 * Laravel's find-or-write statics, store-neutral: `firstOrNew`, `firstOrCreate`, `createOrFirst`,
 * `updateOrCreate`. Each looks rows up with the store's own `where({...})`, so only declared columns
 * are matched (an unknown one is the query's did-you-mean error).
 *
 * As in Laravel ≥ 10, `firstOrCreate` falls back to `createOrFirst`: two processes racing to create
 * the same row both end up with the one row (the loser's insert hits the unique index and re-reads).
 */
import type { Model } from "./model";
import { EloquentError } from "./errors";
import { modelMeta } from "./meta";
import type { ModelClass } from "./types";
import { wasRecentlyCreated } from "./changes";

interface WhereQuery<M> {
  where(values: Record<string, unknown>): { first(): Promise<M | null> };
}

type Attrs = Record<string, unknown>;

function lookup<M extends Model>(cls: ModelClass<M>, attributes: Attrs): Promise<M | null> {
  const q = (cls as unknown as { query(): WhereQuery<M> }).query();
  return q.where(checkedAttributes(cls, attributes)).first();
}

function checkedAttributes(cls: ModelClass, attributes: unknown): Attrs {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
    throw new EloquentError(
      `${modelMeta(cls).name}: expected the attributes to match as an object ({ column: value }), got ${Array.isArray(attributes) ? "an array" : attributes === null ? "null" : typeof attributes}.`,
    );
  }
  return attributes as Attrs;
}

/** The first row matching `attributes`, else a new unsaved model of `{ ...attributes, ...values }`. */
export async function firstOrNew<M extends Model>(cls: ModelClass<M>, attributes: Attrs, values: Attrs = {}): Promise<M> {
  const found = await lookup(cls, attributes);
  if (found) return found;
  const model = new cls();
  model.fill({ ...attributes, ...values });
  return model;
}

/** The first row matching `attributes`, else created from `{ ...attributes, ...values }` (race-safe: see createOrFirst). */
export async function firstOrCreate<M extends Model>(cls: ModelClass<M>, attributes: Attrs, values: Attrs = {}): Promise<M> {
  return (await lookup(cls, attributes)) ?? createOrFirst(cls, attributes, values);
}

/**
 * Inserts first; when the insert violates a unique index, returns the existing row matching
 * `attributes`. Inside an open SQL transaction the insert runs in a savepoint, so the failed insert
 * does not abort the transaction (PostgreSQL would otherwise reject every later statement).
 */
export async function createOrFirst<M extends Model>(cls: ModelClass<M>, attributes: Attrs, values: Attrs = {}): Promise<M> {
  checkedAttributes(cls, attributes);
  const create = async () => {
    const model = new cls();
    model.fill({ ...attributes, ...values });
    await model.save();
    return model;
  };
  try {
    return cls.store === "sql" ? await cls.adapter.atomic(cls, create) : await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await lookup(cls, attributes);
    if (existing) return existing;
    throw error;
  }
}

/** firstOrCreate, then an existing row is updated with `values`. */
export async function updateOrCreate<M extends Model>(cls: ModelClass<M>, attributes: Attrs, values: Attrs = {}): Promise<M> {
  const model = await firstOrCreate(cls, attributes, values);
  if (!wasRecentlyCreated(model)) {
    model.fill(values);
    await model.save();
  }
  return model;
}

/** A driver's duplicate-key error: SQLite, PostgreSQL (23505), MySQL/MariaDB (1062), MongoDB (11000). */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; errno?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  // The SQL runtime wraps driver errors (UniqueViolationError, the driver's error as `cause`).
  if (e.name === "UniqueViolationError" || (depth < 3 && e.cause !== undefined && isUniqueViolation(e.cause, depth + 1))) return true;
  if (e.code === "23505" || e.code === "ER_DUP_ENTRY" || e.errno === 1062 || e.code === 11000 || e.code === 11001) return true;
  if (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  return typeof e.message === "string" && /UNIQUE constraint failed|duplicate key/i.test(e.message);
}
