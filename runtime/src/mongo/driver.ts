/**
 * The official `mongodb` driver is an optional peer of the ORM: SQL-only apps never install it, and
 * `require("eloquent-orm")` does not load it. The Mongo runtime asks for it here the first time it
 * needs a driver value (an ObjectId, a client), and a missing driver is one clear error.
 */
import type * as Driver from "mongodb";
import { EloquentError } from "../model/errors";

let loaded: typeof Driver | undefined;

export function mongoDriver(): typeof Driver {
  if (loaded) return loaded;
  try {
    loaded = require("mongodb") as typeof Driver;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    const missing = new EloquentError(
      "Mongo models need the official MongoDB driver, which is not installed. " +
        "Install it next to eloquent-orm:  npm install mongodb  (and mingo for the embedded store: npm install mingo)",
    );
    throw Object.assign(missing, { cause: error });
  }
  return loaded;
}
