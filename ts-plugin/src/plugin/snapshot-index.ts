/**
 * The engine's `ModelIndex` of a snapshot's graph: effective columns (timestamps → created_at/updated_at,
 * softDeletes → deleted_at, Mongo's implicit id/_id), table names and known pivot tables. Completions,
 * navigation and hover read it instead of re-deriving that knowledge, so they offer exactly what the rules accept.
 */
import type { ModelIndex } from "eloquent-engine";
import type { LoadedEngine } from "eloquent-analyzer";
import type { Snapshot } from "eloquent-analyzer";

const indexes = new WeakMap<Snapshot, ModelIndex>();

/** Built on the first request that needs it and kept while the snapshot lives (one per graph generation). */
export function snapshotIndex(snapshot: Snapshot, engine: LoadedEngine): ModelIndex {
  let index = indexes.get(snapshot);
  if (index === undefined) indexes.set(snapshot, (index = new engine.ModelIndex(snapshot.extraction.graph)));
  return index;
}
