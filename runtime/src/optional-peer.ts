/**
 * Optional peer dependencies (database drivers, mingo) load the first time they are needed, so an app
 * installs only the ones it uses; a missing one is one EloquentError saying what to install.
 */
import { EloquentError } from "./model/errors";

export function optionalPeer<T>(name: string, whenMissing: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    try {
      loaded = require(name) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      throw Object.assign(new EloquentError(whenMissing), { cause: error });
    }
    return loaded;
  };
}
