/**
 * A bug inside eloquent must not abort the user's lint run: it becomes one `internal-error` report on
 * line 1 of the file, and the other rules of the run keep working.
 */
import { join } from "node:path";
import { tmpdir } from "node:os";
import * as parser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { expect, it } from "vitest";
import plugin = require("eslint-plugin-eloquent");
import { REPO_ROOT } from "./corpus-projects";
import { CLEAN } from "./rule-snippets";

it("turns an exception inside the plugin into one internal-error report", () => {
  // The plugin's own module instance (the rule reads `reportForFile` from it at call time).
  const diagnostics = require(join(REPO_ROOT, "analyzer/dist/project/file-diagnostics.js")) as { reportForFile: unknown };
  const original = diagnostics.reportForFile;
  const cwd = join(tmpdir(), "eloquent-internal-error");
  const config = [
    {
      files: ["**/*.ts"],
      plugins: { eloquent: plugin as never },
      languageOptions: { parser: parser as never },
      rules: {
        ...Object.fromEntries(Object.keys(plugin.rules).map((id) => [`eloquent/${id}`, "error" as const])),
        "no-debugger": "error" as const,
      },
    },
  ];
  diagnostics.reportForFile = () => {
    throw new Error("extractor exploded");
  };
  let messages: Linter.LintMessage[];
  try {
    messages = new Linter({ configType: "flat", cwd }).verify(`${CLEAN}\ndebugger;\n`, config, join(cwd, "models.ts"));
  } finally {
    diagnostics.reportForFile = original;
  }
  expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
    ["eloquent/internal-error", 1],
    ["no-debugger", CLEAN.split("\n").length + 1],
  ]);
  expect(messages[0]!.message).toContain("eloquent could not analyse this file: extractor exploded.");
  // And once the failure is gone, the same lint is clean again.
  const again = new Linter({ configType: "flat", cwd }).verify(CLEAN, config, join(cwd, "models.ts"));
  expect(again).toEqual([]);
});
