/**
 * Batch reads over large tables with bounded memory (Laravel's chunk, chunkById, each, lazy,
 * lazyById, cursor). Every page is one query on a clone of the caller's query, so the query itself
 * is never changed.
 *
 * - `chunk` pages by LIMIT/OFFSET in the query's order (the primary key when it has none): rows that
 *   the callback changes so they stop matching shift later pages — use `chunkById` then.
 * - `chunkById` / `lazyById` page by `primaryKey > last seen`: safe while updating or deleting the rows.
 * - `cursor()` is `lazyById(1000)`: an async iterator holding one page at a time.
 */
import { EloquentError } from "../model/errors";
import type { SqlQuery } from "./sql-query";
import type { SqlModelBase } from "./sql-model";

export type ChunkCallback<M> = (models: M[], page: number) => unknown;

type AnyQuery<M> = SqlQuery<M, any>;

function checkedSize(q: Pick<AnyQuery<SqlModelBase>, "meta">, size: unknown, what: string): number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1) {
    throw new EloquentError(`${q.meta.name}.${what}(${JSON.stringify(size)}, ...): the chunk size must be a positive integer.`);
  }
  return size;
}

/** Pages through the query; a callback returning false stops. Returns false when stopped early. */
export async function chunk<M>(q: AnyQuery<M>, size: number, callback: ChunkCallback<M>): Promise<boolean> {
  checkedSize(q, size, "chunk");
  const base = q.hasOrder() ? q.clone() : q.clone().orderBy(q.meta.primaryKey);
  for (let page = 1; ; page++) {
    const models = await base
      .clone()
      .offset((page - 1) * size)
      .limit(size)
      .get();
    if (!models.length) return true;
    if ((await callback(models, page)) === false) return false;
    if (models.length < size) return true;
  }
}

/** Pages by primary key (`> last`), so the callback may update or delete the rows it is given. */
export async function chunkById<M>(q: AnyQuery<M>, size: number, callback: ChunkCallback<M>): Promise<boolean> {
  checkedSize(q, size, "chunkById");
  const pk = q.meta.primaryKey;
  let last: unknown;
  for (let page = 1; ; page++) {
    const pageQuery = q.clone().withoutOrder().orderBy(pk).limit(size);
    if (last !== undefined) pageQuery.whereKeyAfter(pk, last);
    const models = await pageQuery.get();
    if (!models.length) return true;
    if ((await callback(models, page)) === false) return false;
    last = (models[models.length - 1] as SqlModelBase).get(pk);
    if (last == null) throw new EloquentError(`${q.meta.name}.chunkById(): a row has no ${pk}; select the primary key when paging by it.`);
    if (models.length < size) return true;
  }
}

/** Calls `callback` for every model (pages of `size`); returning false stops. */
export function each<M>(q: AnyQuery<M>, callback: (model: M, index: number) => unknown, size = 1000): Promise<boolean> {
  let index = 0;
  return chunk(q, size, async (models) => {
    for (const m of models) if ((await callback(m, index++)) === false) return false;
    return true;
  });
}

/** Every model, one page in memory at a time (LIMIT/OFFSET pages in the query's order). */
export async function* lazy<M>(q: AnyQuery<M>, size = 1000): AsyncGenerator<M, void, undefined> {
  checkedSize(q, size, "lazy");
  const base = q.hasOrder() ? q.clone() : q.clone().orderBy(q.meta.primaryKey);
  for (let page = 0; ; page++) {
    const models = await base
      .clone()
      .offset(page * size)
      .limit(size)
      .get();
    yield* models;
    if (models.length < size) return;
  }
}

/** Every model, paged by primary key (`> last`): safe while the loop changes rows. */
export async function* lazyById<M>(q: AnyQuery<M>, size = 1000): AsyncGenerator<M, void, undefined> {
  checkedSize(q, size, "lazyById");
  const pk = q.meta.primaryKey;
  let last: unknown;
  for (;;) {
    const pageQuery = q.clone().withoutOrder().orderBy(pk).limit(size);
    if (last !== undefined) pageQuery.whereKeyAfter(pk, last);
    const models = await pageQuery.get();
    yield* models;
    if (models.length < size) return;
    last = (models[models.length - 1] as SqlModelBase).get(pk);
  }
}
