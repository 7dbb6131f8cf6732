/**
 * Streaming the related rows of one parent (`post.related("comments").chunkById(100, cb)`, `each`, `cursor`,
 * `chunk`): pages read by key (keyset) or offset from the relation query itself, so every narrowing call,
 * pivot and constraint applies to each page and memory stays bounded by the page size.
 */
import type { Model } from "../model/model";
import { RelationError } from "./resolve";

/** Reads one page: rows after `after` (by `column`, ascending) or at `offset`, at most `size`. */
export type PageReader = (page: { size: number; column?: string; after?: unknown; offset?: number }) => Promise<Model[]>;

/** What a chunk callback may return: `false` stops the iteration (Laravel's contract). */
export type ChunkCallback<M> = (models: M[], page: number) => unknown;

function checkSize(size: number, op: string): void {
  if (!Number.isInteger(size) || size < 1)
    throw new RelationError(`${op}: the chunk size must be a positive integer, got ${String(size)}.`);
}

/** Keyset pages by `column`: stable while rows are updated or deleted between pages. Returns false when stopped. */
export async function chunkById<M>(
  read: PageReader,
  size: number,
  column: string,
  callback: ChunkCallback<M>,
  op = "chunkById()",
): Promise<boolean> {
  checkSize(size, op);
  let after: unknown;
  for (let page = 1; ; page++) {
    const rows = await read({ size, column, ...(page > 1 ? { after } : {}) });
    if (rows.length === 0) return true;
    if ((await callback(rows as M[], page)) === false) return false;
    if (rows.length < size) return true;
    after = rows[rows.length - 1]!.get(column);
    if (after === null || after === undefined)
      throw new RelationError(`${op}: a related row has no ${column}; keyset pages need it on every row.`);
  }
}

/** Offset pages, in the query's own order. Returns false when stopped. */
export async function chunk<M>(read: PageReader, size: number, callback: ChunkCallback<M>): Promise<boolean> {
  checkSize(size, "chunk()");
  for (let page = 1; ; page++) {
    const rows = await read({ size, offset: (page - 1) * size });
    if (rows.length === 0) return true;
    if ((await callback(rows as M[], page)) === false) return false;
    if (rows.length < size) return true;
  }
}

/** Every row through keyset pages of `size`, as an async iterator. */
export async function* cursor<M>(read: PageReader, size: number, column: string): AsyncGenerator<M, void, undefined> {
  checkSize(size, "cursor()");
  let after: unknown;
  for (let page = 1; ; page++) {
    const rows = await read({ size, column, ...(page > 1 ? { after } : {}) });
    for (const row of rows) yield row as M;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.get(column);
  }
}
