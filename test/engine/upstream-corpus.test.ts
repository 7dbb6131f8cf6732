/**
 * The upstream-style corpus (code written for the seed package) through the real runtime: each fixture's
 * model classes, imported through the seed's package name, go through registerModels and must give exactly
 * the `// expect:` annotations. Query-site annotations (`relation-path`) are the runtime's with() errors,
 * checked by running the query.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics } from "../fixtures/relations/expectations";
import { upstreamFixtures, upstreamJsFixtures } from "../fixtures/upstream";
import { modelClassesOf, runtimeDiagnostics } from "./fixture-runner";

// The ES-module JavaScript twins run here too (CommonJS twins `require()` the package name, which only an install provides:
// test/runtime/seed-consumer.test.ts runs CommonJS seed code on an installed package).
const files = [...upstreamFixtures(), ...upstreamJsFixtures().filter((file) => file.endsWith(".mjs"))];

describe("upstream-style corpus (runtime registerModels)", () => {
  it("has a clean set and a mutant per realistic mistake", () => {
    expect(upstreamFixtures("clean").length).toBeGreaterThanOrEqual(3);
    expect(upstreamFixtures("mutants").length).toBeGreaterThanOrEqual(7);
  });

  for (const file of files) {
    it(basename(file), async () => {
      const text = readFileSync(file, "utf8");
      const mod = (await import(file)) as Record<string, unknown>;
      const classes = modelClassesOf(file, mod);
      expect(classes.length, "the fixture's classes are models at runtime").toBeGreaterThanOrEqual(2);
      const actual = runtimeDiagnostics(new Map([[file, classes]]));
      const expected = expectedDiagnostics(file, text).filter((d) => d.ruleId !== "relation-path");
      expect(compareDiagnostics(expected, actual).report, `diagnostics differ from the annotations in ${basename(file)}`).toBe("");
    });
  }

  it("every mutant's annotated mistake is an error (not only a warning) somewhere on its line", async () => {
    const { ModelRegistry, registerModels } = await import("eloquent-orm");
    for (const file of upstreamFixtures("mutants")) {
      const mod = (await import(file)) as Record<string, unknown>;
      const { diagnostics } = registerModels(modelClassesOf(file, mod), { strict: false, logger: false, registry: new ModelRegistry() });
      const wanted = expectedDiagnostics(file).filter((d) => d.ruleId !== "relation-path");
      if (wanted.length === 0) continue;
      expect(
        diagnostics.some((d) => d.severity === "error"),
        basename(file),
      ).toBe(true);
    }
  });

  it("the clean set has no warning or error (infos included: nothing at all)", async () => {
    const { ModelRegistry, registerModels } = await import("eloquent-orm");
    for (const file of upstreamFixtures("clean")) {
      const mod = (await import(file)) as Record<string, unknown>;
      const { diagnostics } = registerModels(modelClassesOf(file, mod), { strict: false, logger: false, registry: new ModelRegistry() });
      expect(
        diagnostics.map((d) => `${d.ruleId}: ${d.message}`),
        basename(file),
      ).toEqual([]);
    }
  });
});
