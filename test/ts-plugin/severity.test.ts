/** Engine severities → TypeScript categories: info must not become an Error in editors (LSP maps `message` to Error). */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { categoryOf } from "../../ts-plugin/src/plugin/to-ts-diagnostic";

describe("categoryOf", () => {
  it("maps error → Error, warning → Warning, info → Suggestion", () => {
    expect(categoryOf(ts, "error")).toBe(ts.DiagnosticCategory.Error);
    expect(categoryOf(ts, "warning")).toBe(ts.DiagnosticCategory.Warning);
    expect(categoryOf(ts, "info")).toBe(ts.DiagnosticCategory.Suggestion);
  });
});
