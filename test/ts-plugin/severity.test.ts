/** Engine severities → TypeScript categories: info must not become an Error in editors (LSP maps `message` to Error). */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "eloquent-analyzer";
import { categoryOf } from "../../ts-plugin/src/plugin/to-ts-diagnostic";

// The plugin sources read the analyzer package's TypeScript instance.
useTypeScript(ts);

describe("categoryOf", () => {
  it("maps error → Error, warning → Warning, info → Suggestion", () => {
    expect(categoryOf("error")).toBe(ts.DiagnosticCategory.Error);
    expect(categoryOf("warning")).toBe(ts.DiagnosticCategory.Warning);
    expect(categoryOf("info")).toBe(ts.DiagnosticCategory.Suggestion);
  });
});
