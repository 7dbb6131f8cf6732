/**
 * The conformance corpus through the real runtime path: each fixture's exported model classes go
 * through registerModels (non-strict, isolated registry) and the diagnostics must be exactly the
 * `// expect:` annotations — same rule ids on the same lines, no more, no fewer.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics, fixtureFiles } from "../fixtures/relations/expectations";
import { modelClassesOf, runtimeDiagnostics } from "./fixture-runner";

const files = fixtureFiles();

describe("conformance corpus (runtime registerModels)", () => {
  it("finds the fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it("runs on the real SqlModel/MongoModel (static store convention)", async () => {
    const entry = (await import("eloquent-orm/Model")) as Record<string, unknown>;
    expect((entry.SqlModel as { store?: unknown }).store).toBe("sql");
    expect((entry.MongoModel as { store?: unknown }).store).toBe("mongo");
  });

  for (const file of files) {
    it(basename(file), async () => {
      const text = readFileSync(file, "utf8");
      const mod = (await import(file)) as Record<string, unknown>;
      const actual = runtimeDiagnostics(new Map([[file, modelClassesOf(file, mod)]]));
      const comparison = compareDiagnostics(expectedDiagnostics(file, text), actual);
      expect(comparison.report, `diagnostics differ from the annotations in ${basename(file)}`).toBe("");
    });
  }
});

describe("conformance corpus coverage", () => {
  it("triggers every rule somewhere (internal-error aside: it needs an engine bug)", async () => {
    const { RULES } = await import("eloquent-engine");
    const annotated = new Set(files.flatMap((file) => expectedDiagnostics(file).map((e) => e.ruleId)));
    const untriggered = RULES.map((r) => r.id).filter((id) => id !== "internal-error" && !annotated.has(id));
    expect(untriggered).toEqual([]);
    for (const id of annotated)
      expect(
        RULES.some((r) => r.id === id),
        `unknown rule id '${id}' in an annotation`,
      ).toBe(true);
  });
});

describe("diagnostic invariants over the whole corpus", () => {
  it("every diagnostic names its model, has a one-line hint, and a known rule id and code", async () => {
    const { RULES } = await import("eloquent-engine");
    const { ModelRegistry, registerModels } = await import("eloquent-orm");
    let count = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const { diagnostics } = registerModels(modelClassesOf(file, mod), { strict: false, logger: false, registry: new ModelRegistry() });
      for (const d of diagnostics) {
        count++;
        const rule = RULES.find((r) => r.id === d.ruleId);
        expect(rule?.code).toBe(d.code);
        expect(d.message).toContain(d.node.model);
        if (d.node.relation) expect(d.message).toContain(`${d.node.model}.${d.node.relation}`);
        expect(d.hint.length).toBeGreaterThan(10);
        expect(d.hint).not.toContain("\n");
        for (const s of d.suggestions) expect(s.description.length).toBeGreaterThan(5);
      }
    }
    expect(count).toBeGreaterThan(50);
  });
});
