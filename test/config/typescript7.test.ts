/**
 * TypeScript 7 (native: no JavaScript API, no tsserver.js, no plugins) installed as the project's `typescript`:
 * every front says so in one line with the fix, and none crashes.
 */
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ESLINT10 } from "../eslint/run";
import { REPO_ROOT } from "../ts-plugin/tsserver-client";
import { type TempProject } from "../ts-plugin/tspc-project";
import { typescript7Project } from "./typescript7";
import * as path from "node:path";
import { unsupportedTypeScriptMessage } from "eloquent-analyzer";

const FIX =
  'keep TypeScript 6 beside it: npm install --save-dev "typescript@npm:@typescript/typescript6@^6" "@typescript/native@npm:typescript@^7"';
const projects: TempProject[] = [];
afterAll(() => {
  for (const project of projects) project.cleanup();
});

function project(): TempProject {
  const created = typescript7Project();
  projects.push(created);
  return created;
}

/** The lines of output that carry our message. */
const messageLines = (output: string): string[] => output.split("\n").filter((line) => line.includes("TypeScript 7.0.0"));

describe("with TypeScript 7 installed", () => {
  it("eloquent check: one line naming the version and the fix, exit 2, no internal error", () => {
    const root = project().root;
    const result = spawnSync(process.execPath, [CLI, "check"], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^eloquent: TypeScript 7\.0\.0 \(.*node_modules[\\/]typescript\) is the native compiler, which has no JavaScript API or plugins; /,
      ),
    ]);
    expect(result.stderr).toContain(FIX);
    expect(result.stderr).not.toMatch(/internal error|TypeError|\n\s+at /);
  });

  it("ESLint with configs.recommended: one report of the message (not a stack trace), exit 1", () => {
    const root = project().root;
    const result = spawnSync(ESLINT10, ["src"], { cwd: root, encoding: "utf8" });
    const output = result.stdout + result.stderr;
    expect(result.status, output).toBe(1);
    expect(messageLines(output)).toEqual([expect.stringContaining("eslint-plugin-eloquent: TypeScript 7.0.0")]);
    expect(output).toContain(FIX);
    expect(output).not.toMatch(/Oops|\n\s+at /);
  });

  it("the tsserver plugin: one log line and TypeScript's own language service, untouched", () => {
    const plugin = require(path.join(REPO_ROOT, "ts-plugin")) as (modules: { typescript: unknown }) => { create(info: unknown): unknown };
    const logged: string[] = [];
    const languageService = { getSemanticDiagnostics: () => [] };
    const info = {
      languageService,
      project: { projectService: { logger: { info: (line: string) => logged.push(line) } }, getProjectName: () => "p" },
      config: {},
    };
    const created = plugin({ typescript: { version: "7.0.0" } }).create(info);
    expect(created).toBe(languageService);
    expect(logged).toEqual([
      expect.stringMatching(
        /^eloquent-ts-plugin: TypeScript 7\.0\.0 is the native compiler, which has no JavaScript API or plugins; keep TypeScript 6 beside it/,
      ),
    ]);
  });

  it("the tspc transformer: one build error with the fix instead of running", () => {
    const transformProgram = require(path.join(REPO_ROOT, "ts-plugin/dist/transform")) as typeof import("../../ts-plugin/src/transform");
    const program = { getOptionsDiagnostics: () => [] } as unknown as import("typescript").Program;
    const transformed = transformProgram(program, undefined, {}, { ts: { version: "7.0.0", DiagnosticCategory: { Error: 1 } } as never });
    const diagnostics = transformed.getOptionsDiagnostics();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ category: 1, code: 950, file: undefined });
    expect(String(diagnostics[0]!.messageText)).toMatch(/^eloquent-ts-plugin\/transform: TypeScript 7\.0\.0 is the native compiler/);
  });

  it("the message for versions outside the range names the supported range", () => {
    expect(unsupportedTypeScriptMessage("x", "6.0.3")).toBeUndefined();
    expect(unsupportedTypeScriptMessage("x", "5.0.4")).toBeUndefined();
    expect(unsupportedTypeScriptMessage("x", "4.9.5")).toMatch(
      /^x: TypeScript 4\.9\.5 is not supported; eloquent needs TypeScript >=5\.0 <7/,
    );
  });
});
