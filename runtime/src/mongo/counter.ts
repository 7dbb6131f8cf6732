/**
 * `column("increments")` on a Mongo model: ids from an atomic counter document per collection
 * (`eloquent_counters`, `{ _id: <collection>, seq }`), advanced with one `findOneAndUpdate($inc)` —
 * atomic on a server and in the embedded store, so concurrent creates never share an id.
 */
import type { ModelMeta } from "../model/meta";
import { getMongoConnection } from "./connection";

export const COUNTER_COLLECTION = "eloquent_counters";

export function usesCounter(meta: ModelMeta): boolean {
  const type = meta.columns.get(meta.primaryKey)?.type;
  return type === "increments" || type === "bigIncrements";
}

/** Reserves `count` consecutive ids for the model's collection; returns them in order. */
export async function nextIds(meta: ModelMeta, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const counters = getMongoConnection(meta.connection).db.collection(COUNTER_COLLECTION);
  const doc = await counters.findOneAndUpdate(
    { _id: meta.table as never },
    { $inc: { seq: count } },
    { upsert: true, returnDocument: "after" },
  );
  const last = Number(doc?.seq);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
