/**
 * The playground's models: the corrected set registers strictly with zero diagnostics, and the
 * broken set reports exactly its `// expect:` annotations (same contract as the corpus).
 */
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ModelRegistry, registerModels } from "eloquent-orm";
import { compareDiagnostics, expectedDiagnostics, fixtureFiles } from "../fixtures/relations/expectations";
import { runtimeDiagnostics } from "./fixture-runner";
import { brokenFiles, brokenModels } from "../../playground/broken";
import { mongoModels, sqlModels } from "../../playground/models";
import { runValidation } from "../../playground/validate";
import { RULES } from "eloquent-engine";

const brokenDir = join(__dirname, "../../playground/broken");

describe("playground/models", () => {
  it("registers strictly with zero diagnostics", async () => {
    const result = registerModels([...sqlModels, ...mongoModels], { registry: new ModelRegistry(), logger: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.models.map((m) => m.name)).toEqual(["User", "Profile", "Post", "Tag", "Image", "Comment", "Photo", "GeoLocation"]);
  });
});

describe("playground/broken", () => {
  it("reports exactly the annotated mistakes, one or more per rule", async () => {
    const byFile = new Map(
      Object.entries(brokenFiles).map(([name, mod]) => [
        join(brokenDir, name),
        brokenModels.filter((cls: Function) => (Object.values(mod) as unknown[]).includes(cls)) as Function[],
      ]),
    );
    expect([...byFile.values()].flat()).toHaveLength(brokenModels.length);
    const files = fixtureFiles(brokenDir).filter((f) => !f.endsWith("index.ts"));
    expect(files.sort()).toEqual([...byFile.keys()].sort());
    const expected = files.flatMap((file) => expectedDiagnostics(file));
    const comparison = compareDiagnostics(expected, runtimeDiagnostics(byFile));
    expect(comparison.report).toBe("");

    const covered = new Set(expected.map((e) => e.ruleId));
    expect(RULES.map((r) => r.id).filter((id) => id !== "internal-error" && !covered.has(id))).toEqual([]);
  });

  it("prints the validation report grouped by model with counts", async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line?: unknown) => void lines.push(String(line ?? "")));
    try {
      await runValidation();
    } finally {
      log.mockRestore();
    }
    const out = lines.join("\n");
    expect(out).toContain("registered 8 playground models (5 SQL, 3 Mongo) — 0 diagnostics.");
    expect(out).toContain("\nShop\n");
    expect(out).toContain("  error   ELQ101 relation-kind\n          Shop.products: unknown relation kind 'hasmany'.");
    expect(out).toMatch(/^\d+ errors, \d+ warnings, 1 info$/m);
    expect(out).not.toContain("\x1b["); // no colour when stdout is not a TTY
  });
});
