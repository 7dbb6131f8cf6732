/**
 * The part of the official driver's `Db` / `Collection` interface the Mongo runtime uses. A real
 * `mongodb` Db satisfies it structurally (checked at compile time in `connection.ts`), and the
 * embedded in-process store implements it, so the runtime never knows which one it talks to.
 */
import type {
  CountDocumentsOptions,
  DeleteResult,
  Document,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  InsertManyResult,
  InsertOneResult,
  UpdateFilter,
  UpdateOptions,
  UpdateResult,
  WithId,
} from "mongodb";

/** What the runtime reads from a cursor: everything at once (chunked `$in` keeps results bounded). */
export interface CursorPort<T> {
  toArray(): Promise<T[]>;
}

/** One upsert of an ordered bulk write (the only bulk operation the runtime sends). */
export interface UpsertOperation {
  updateOne: { filter: Filter<Document>; update: UpdateFilter<Document>; upsert: true };
}

export interface BulkUpsertResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

export interface CollectionPort {
  readonly collectionName: string;
  insertOne(doc: Document): Promise<InsertOneResult<Document>>;
  insertMany(docs: readonly Document[]): Promise<InsertManyResult<Document>>;
  find(filter: Filter<Document>, options?: FindOptions): CursorPort<WithId<Document>>;
  findOne(filter: Filter<Document>, options?: FindOptions): Promise<WithId<Document> | null>;
  updateOne(filter: Filter<Document>, update: UpdateFilter<Document>, options?: UpdateOptions): Promise<UpdateResult<Document>>;
  updateMany(filter: Filter<Document>, update: UpdateFilter<Document>, options?: UpdateOptions): Promise<UpdateResult<Document>>;
  deleteOne(filter: Filter<Document>): Promise<DeleteResult>;
  /** Ordered: stops at the first failure, like the server (`Model.upsert`). */
  bulkWrite(operations: readonly UpsertOperation[]): Promise<BulkUpsertResult>;
  deleteMany(filter: Filter<Document>): Promise<DeleteResult>;
  /** Pipelines the runtime sends: a leading `$match`, then `$group` (counts per key). */
  aggregate(pipeline: Document[]): CursorPort<Document>;
  countDocuments(filter: Filter<Document>, options?: CountDocumentsOptions): Promise<number>;
  findOneAndUpdate(
    filter: Filter<Document>,
    update: UpdateFilter<Document>,
    options: FindOneAndUpdateOptions,
  ): Promise<WithId<Document> | null>;
  drop(): Promise<boolean>;
  /** `{ field: 1 }` keys; `unique` refuses a second document with the same values (E11000). */
  createIndex(keys: Record<string, 1 | -1>, options?: { name?: string; unique?: boolean }): Promise<string>;
  /** The collection's indexes, `_id_` included, as the driver lists them. */
  indexes(): Promise<Document[]>;
}

export interface DbPort {
  readonly databaseName: string;
  collection(name: string): CollectionPort;
  dropDatabase(): Promise<boolean>;
}
