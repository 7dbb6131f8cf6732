/**
 * The embedded store's server and databases. `memory:` URLs name in-process servers: every
 * connection to the same URL sees the same data for the life of the process (closing a connection
 * erases nothing, as with a real server); `drop()` / `dropDatabase()` do.
 */
import { mongoDriver } from "../driver";
import type { DbPort } from "../port";
import { EmbeddedCollection, newCollectionData, type CollectionData, type CommandReporter } from "./collection";

export interface EmbeddedCommand {
  database: string;
  collection: string;
  command: string;
  durationMs: number;
  filter?: unknown;
  error?: Error;
}

export type EmbeddedCommandHook = (event: EmbeddedCommand) => void;

type DatabaseData = Map<string, CollectionData>;

/** A database as seen by one connection (its own command hook), over data shared by all. */
export class EmbeddedDb implements DbPort {
  readonly #collections = new Map<string, EmbeddedCollection>();
  readonly #data: DatabaseData;
  readonly #report: CommandReporter;

  constructor(
    readonly databaseName: string,
    data: DatabaseData,
    hook?: EmbeddedCommandHook,
  ) {
    this.#data = data;
    this.#report = (collection, command, filter, started, error) =>
      hook?.({ database: databaseName, collection, command, durationMs: performance.now() - started, filter, ...(error ? { error } : {}) });
  }

  collection(name: string): EmbeddedCollection {
    let c = this.#collections.get(name);
    if (c) return c;
    if (typeof name !== "string" || name === "" || name.includes("$") || name.includes("\0")) {
      throw new Error(`Invalid collection name ${JSON.stringify(name)}: expected a non-empty string without '$' or NUL.`);
    }
    let data = this.#data.get(name);
    if (!data) this.#data.set(name, (data = newCollectionData()));
    this.#collections.set(name, (c = new EmbeddedCollection(name, this.databaseName, data, this.#report)));
    return c;
  }

  /** Names of the collections holding documents. */
  collectionNames(): string[] {
    return [...this.#data.entries()].filter(([, d]) => d.entries.size > 0).map(([n]) => n);
  }

  async dropDatabase(): Promise<boolean> {
    for (const data of this.#data.values()) {
      data.entries.clear();
      data.indexes.length = 0;
    }
    return true;
  }
}

/** One in-process server: its databases by name. */
export class EmbeddedServer {
  readonly #databases = new Map<string, DatabaseData>();

  constructor() {
    // Stored ObjectIds are shared (immutable) by every copy the store hands out, and the runtime
    // exposes keys as hex strings: bson's documented hex cache turns each repeat conversion into a
    // lookup (halves the CPU of eager loads over ObjectId keys).
    mongoDriver().ObjectId.cacheHexString = true;
  }

  /** The database `name` as seen by a connection whose commands go to `hook`. */
  db(name: string, hook?: EmbeddedCommandHook): EmbeddedDb {
    let data = this.#databases.get(name);
    if (!data) this.#databases.set(name, (data = new Map()));
    return new EmbeddedDb(name, data, hook);
  }
}

const servers = new Map<string, EmbeddedServer>();

/** The process-wide server for a `memory:` URL (`memory:` and `memory:other` are different servers). */
export function embeddedServer(url = "memory:"): EmbeddedServer {
  const key = url.trim().toLowerCase();
  let s = servers.get(key);
  if (!s) servers.set(key, (s = new EmbeddedServer()));
  return s;
}

export { isEmbeddedUrl } from "./url";
