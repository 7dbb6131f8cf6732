/** The embedded in-process MongoDB store (mingo semantics behind the driver's Db/Collection shape). */
export { EmbeddedCollection, EmbeddedStoreError, normaliseSort } from "./collection";
export { EmbeddedDb, EmbeddedServer, embeddedServer, isEmbeddedUrl, type EmbeddedCommand, type EmbeddedCommandHook } from "./db";
export { cloneDocument } from "./clone";
