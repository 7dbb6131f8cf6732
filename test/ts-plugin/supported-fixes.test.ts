/** registerSupportedCodes: codes reach TypeScript's global fixable list once, whatever the number of calls. */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "eloquent-analyzer";
import { registerSupportedCodes } from "../../ts-plugin/src/plugin/supported-fixes";

// The plugin sources read the analyzer package's TypeScript instance.
useTypeScript(ts);

describe("registerSupportedCodes", () => {
  it("adds codes to ts.getSupportedCodeFixes() (the list tsserver answers without a file), idempotently", () => {
    const logs: string[] = [];
    expect(ts.getSupportedCodeFixes()).not.toContain("9871");
    registerSupportedCodes([9871, 9872, 2304], (message) => logs.push(message));
    registerSupportedCodes([9871, 9872], (message) => logs.push(message));
    const list = ts.getSupportedCodeFixes();
    expect(list.filter((code) => code === "9871")).toEqual(["9871"]);
    expect(list).toContain("9872");
    expect(new Set(list).size).toBe(list.length);
    expect(logs).toEqual([]);
  });

  it("logs, and does not throw, when TypeScript has no registry", () => {
    const logs: string[] = [];
    const bare = { getSupportedCodeFixes: () => [] as string[] } as unknown as typeof ts;
    useTypeScript(bare);
    try {
      registerSupportedCodes([9873], (message) => logs.push(message));
    } finally {
      useTypeScript(ts);
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("no code-fix registry");
  });
});
