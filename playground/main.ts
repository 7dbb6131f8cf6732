/**
 * `npm run playground`: the main job.
 *  1. validates the playground's models (strict) and prints the report of the deliberately broken set;
 *  2. builds the SQL blog on SQLite and runs relation loading, printing query counts;
 *  2b. relation queries on that blog: per-parent eager limits, pivot queries, existence and aggregates;
 *  3. runs the seed's Mongo scenario on the embedded store, mixed with the SQL post;
 *  4. runs the everyday model API (upsert import, aggregates, hidden password, event-set slug, cursor);
 *  5. runs the newer relation kinds (hasManyThrough, morphToMany, latestOfMany) with their query counts.
 */
import { runValidation } from "./validate";
import { runSqlDemo } from "./sql";
import { runRelationsDemo } from "./relations";
import { runMongoDemo } from "./mongo";
import { runEverydayDemo } from "./everyday";
import { runThroughDemo } from "./through";
import { closeAllConnections } from "eloquent-orm";

async function main(): Promise<void> {
  await runValidation();
  await runSqlDemo();
  await runRelationsDemo();
  await runMongoDemo();
  await runEverydayDemo();
  await runThroughDemo();
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => closeAllConnections());
