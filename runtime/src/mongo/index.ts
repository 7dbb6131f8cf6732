/** The Mongo runtime: `MongoModel` on the official driver, or on the embedded in-process store. */
export { MongoModel, MongoModelBase, type MongoModelClass, type MongoModelConstructor, type UntypedMongoModel } from "./mongo-model";
export { MongoQuery } from "./mongo-query";
export { MongoQueryError } from "./mongo-values";
export { MongoUpsertError } from "./mongo-upsert";
export {
  configureMongoConnection,
  getMongoConnection,
  closeMongoConnections,
  closeMongoConnection,
  defaultMongoConnectionName,
  MongoConnectionError,
  DEFAULT_MONGO_DATABASE,
  DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
  type MongoConnection,
  type MongoConnectionConfig,
} from "./mongo-connection";
export { onMongoCommand, type MongoCommandEvent, type MongoCommandListener } from "./mongo-events";
export { mongoAdapter, chunkKeys, MAX_IN_BYTES, MAX_IN_VALUES } from "./mongo-adapter";
export { COUNTER_COLLECTION } from "./counter";
export { ensureMongoIndexes, mongoIndexPlan, type MongoIndexSpec } from "./indexes";
export { EmbeddedServer, EmbeddedDb, EmbeddedCollection, EmbeddedStoreError, embeddedServer } from "./embedded";
export type { CollectionPort, DbPort, CursorPort, UpsertOperation, BulkUpsertResult } from "./port";
