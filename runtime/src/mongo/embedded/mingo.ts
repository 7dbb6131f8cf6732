/**
 * mingo (query and update semantics of the embedded store) is an optional peer: loaded the first time
 * the embedded store runs a query, so apps on a real server (or on SQL only) never need it.
 */
import type * as Mingo from "mingo";
import { EloquentError } from "../../model/errors";

let loaded: typeof Mingo | undefined;

export function mingo(): typeof Mingo {
  if (loaded) return loaded;
  try {
    loaded = require("mingo") as typeof Mingo;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    const missing = new EloquentError(
      "The embedded Mongo store (MONGODB_URL unset or memory:) needs the 'mingo' package, which is not installed. " +
        "Install it next to eloquent-orm:  npm install mingo  — or point MONGODB_URL at a MongoDB server.",
    );
    throw Object.assign(missing, { cause: error });
  }
  return loaded;
}
