/**
 * The ORM is an optional peer of the CLI: `check` and `graph` never need it; `migrate*` and
 * `check --db` load it from the user's project (so the app's own connections and drivers are used).
 */
import type * as OrmModule from "eloquent-orm";
import type { CliIo } from "./io";

export type Orm = typeof OrmModule;
export type ModelClass = OrmModule.ModelClass;

export function loadOrm(io: CliIo, command: string): Orm | undefined {
  for (const from of [io.cwd, __dirname]) {
    try {
      return require(require.resolve("eloquent-orm", { paths: [from] })) as Orm;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    }
  }
  io.stderr.write(
    `eloquent ${command}: the ORM package 'eloquent-orm' is not installed in this project.\n` +
      "Install it next to the CLI:  npm install eloquent-orm\n",
  );
  return undefined;
}

/** Fails early, with the ORM's own message, when a named connection is not configured anywhere. */
export function assertConnection(orm: Orm, name: string | undefined): void {
  if (name !== undefined) orm.getConnection(name);
}
