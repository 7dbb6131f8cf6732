/**
 * `column("increments")` on a Mongo model: ids from an atomic counter document per collection
 * (`eloquent_counters`, `{ _id: <collection>, seq }`), advanced with one `findOneAndUpdate($inc)` —
 * atomic on a server and in the embedded store, so concurrent creates never share an id.
 */
import type { ModelMeta } from "../model/meta";
import { getMongoConnection } from "./mongo-connection";

export const COUNTER_COLLECTION = "eloquent_counters";

export function usesCounter(meta: ModelMeta): boolean {
  const type = meta.columns.get(meta.primaryKey)?.type;
  return type === "increments" || type === "bigIncrements";
}

/** Reserves `count` consecutive ids for the model's collection; returns them in order. */
export async function nextIds(meta: ModelMeta, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const counters = getMongoConnection(meta.connection).db.collection(COUNTER_COLLECTION);
  const advance = () =>
    counters.findOneAndUpdate({ _id: meta.table as never }, { $inc: { seq: count } }, { upsert: true, returnDocument: "after" });
  let doc;
  try {
    doc = await advance();
  } catch (error) {
    // Two first-ever upserts race: one inserts the counter, the other gets E11000 on _id. MongoDB
    // retries that internally; other wire-compatible servers (FerretDB) do not. The document now
    // exists, so the retry is a plain $inc.
    if ((error as { code?: unknown })?.code !== 11000) throw error;
    doc = await advance();
  }
  const last = Number(doc?.seq);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
