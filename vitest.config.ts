import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";

const runtimeSrc = fileURLToPath(new URL("./runtime/src/", import.meta.url));
const engineSrc = fileURLToPath(new URL("./engine/src/", import.meta.url));

export default defineConfig({
  resolve: {
    // In-process tests run the runtime from source (no build step between edit and test). The seed's
    // package name maps to the same runtime so the seed's scenarios run verbatim.
    alias: [
      { find: /^eloquent-orm\/Model$/, replacement: `${runtimeSrc}model-entry.ts` },
      { find: /^eloquent-engine$/, replacement: `${engineSrc}index.ts` },
      { find: /^eloquent-orm$/, replacement: `${runtimeSrc}index.ts` },
      // The seed package's names resolve to the seed entry (what the eloquent-orm-seed re-export package installs).
      { find: /^(@alpha\.consultings\/)?eloquent-orm\.js\/Model$/, replacement: `${runtimeSrc}seed-model-entry.ts` },
      { find: /^(@alpha\.consultings\/)?eloquent-orm\.js$/, replacement: `${runtimeSrc}seed-entry.ts` },
      { find: /^eloquent-orm\/seed\/Model$/, replacement: `${runtimeSrc}seed-model-entry.ts` },
      { find: /^eloquent-orm\/seed$/, replacement: `${runtimeSrc}seed-entry.ts` },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // Most slow files wait on child processes (tsc, tsserver, eslint) or on a database, not on their own CPU, so
    // more workers than cores shortens the suite (vitest's default on 2 cores is a single worker).
    // ELOQUENT_TEST_WORKERS overrides it, e.g. 1 to debug an order-dependent failure.
    maxWorkers: testWorkers(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // After the default summary: one line per Mongo contract suite leg (embedded store, MONGODB_URL server) with its counts.
    // (By path: vitest loads it through its module runner, not the config loader.)
    reporters: ["default", "./test/runtime/mongo/legs-reporter.ts"],
  },
});

function testWorkers(): number {
  const requested = process.env.ELOQUENT_TEST_WORKERS;
  if (requested !== undefined && requested !== "") {
    const workers = Number(requested);
    if (!Number.isInteger(workers) || workers < 1)
      throw new Error(`ELOQUENT_TEST_WORKERS must be a positive whole number of test workers, got "${requested}".`);
    return workers;
  }
  return Math.max(3, Math.ceil(availableParallelism() * 1.5));
}
