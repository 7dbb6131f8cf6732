/**
 * Untyped ESLint parses each file once: the project graph reuses ESLint's parse of the linted file, and a
 * file the graph parsed before ESLint reached it is handed to typescript-eslint's parser as its
 * ts.SourceFile. What ESLint gets must be exactly what its parser would have produced from the text —
 * same ESTree, tokens, comments and scopes — whatever the parser options, and a parse is handed over
 * only for the same file, the same text and the same options.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import parser from "@typescript-eslint/parser";
import type * as TS from "typescript";
import * as ts from "typescript";
import { normalizeFileName, SharedParses, sharedParses } from "eloquent-analyzer";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sourceParser } from "../../eslint-plugin/src/source-parser";
import { writeProject } from "./corpus-projects";
import { COMMENT_TS, PROJECT_FILES } from "./project-fixture";

const wrapper = sourceParser(() => parser);

const MODEL_TS = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

/** A user. @see Post */
export class User extends SqlModel {
  static schema = {
    id: column("increments", undefined, { primary: true }), // the key
    posts: relation("hasMany", "Post"),
  };
}
`;
const VIEW_TSX = `/** @jsx h */
export const view = (name: string) => <b title={name}>{name}</b>;
const unused = <T,>(x: T) => x;
`;
const SCRIPT_TS = `/** Not a module: no import or export. */
var count: number = 1;
function next() { return count++; }
`;

type Result = ReturnType<typeof wrapper.parseForESLint>;

function sourceFileOf(result: Result): TS.SourceFile {
  const services = result.services as { esTreeNodeToTSNodeMap: { get(node: unknown): unknown } };
  return services.esTreeNodeToTSNodeMap.get(result.ast) as TS.SourceFile;
}

function scopes(result: Result): string[] {
  const manager = result.scopeManager as { scopes: Array<{ type: string; variables: Array<{ name: string; references: unknown[] }> }> };
  return manager.scopes.map((scope) => `${scope.type}: ${scope.variables.map((v) => `${v.name}/${v.references.length}`).join(",")}`);
}

const cases: Array<{ name: string; file: string; text: string; options: Record<string, unknown> }> = [
  { name: "a module (ESLint's default sourceType)", file: "/project/src/user.ts", text: MODEL_TS, options: { sourceType: "module" } },
  { name: "a script", file: "/project/scripts/count.ts", text: SCRIPT_TS, options: { sourceType: "script" } },
  { name: "module code without import or export", file: "/project/scripts/count.ts", text: SCRIPT_TS, options: { sourceType: "module" } },
  {
    name: "JSDoc parsed on request",
    file: "/project/src/user.ts",
    text: MODEL_TS,
    options: { sourceType: "module", jsDocParsingMode: "all" },
  },
  { name: "TSX", file: "/project/src/view.tsx", text: VIEW_TSX, options: { sourceType: "module", ecmaFeatures: { jsx: true } } },
  {
    name: "an extension TypeScript does not know, with ecmaFeatures.jsx",
    file: "/project/src/view.es6",
    text: VIEW_TSX,
    options: { sourceType: "module", ecmaFeatures: { jsx: true } },
  },
  { name: "an .mts file without sourceType", file: "/project/src/user.mts", text: MODEL_TS, options: {} },
];

afterEach(() => vi.restoreAllMocks());

describe("parses shared between ESLint and the project graph", () => {
  for (const c of cases) {
    it(`hands the graph's parse to ESLint's parser, with the parser's own result: ${c.name}`, () => {
      // ESLint's parse of the first linted file tells how its parser parses.
      wrapper.parseForESLint("export {};\n", { ...c.options, filePath: "/project/src/first.ts" });
      const graphParse = sharedParses.parse(normalizeFileName(c.file), c.text);

      const shared = wrapper.parseForESLint(c.text, { ...c.options, filePath: c.file });
      expect(sourceFileOf(shared)).toBe(graphParse);

      const own = parser.parseForESLint(c.text, { ...c.options, filePath: c.file });
      expect(shared.ast).toEqual(own.ast);
      expect(scopes(shared)).toEqual(scopes(own));
      const ownFile = sourceFileOf(own);
      // Internal SourceFile fields that the parse settings decide.
      type Internals = { scriptKind: number; externalModuleIndicator?: unknown; parseDiagnostics: unknown[] };
      const facts = (file: TS.SourceFile) => {
        const internal = file as unknown as Internals;
        return [internal.scriptKind, file.languageVariant, Boolean(internal.externalModuleIndicator), internal.parseDiagnostics.length];
      };
      expect(facts(graphParse)).toEqual(facts(ownFile));
      // The JSDoc of the class: present in both parses or in neither.
      const jsDocOf = (file: TS.SourceFile) => (file.statements.at(-1) as unknown as { jsDoc?: unknown[] }).jsDoc?.length ?? 0;
      expect(jsDocOf(graphParse)).toBe(jsDocOf(ownFile));
    });
  }

  it("hands nothing over for other text (an unsaved edit) or other parser options, and only once", () => {
    const file = "/project/src/user.ts";
    wrapper.parseForESLint("export {};\n", { sourceType: "module", filePath: "/project/src/first.ts" });
    const graphParse = sharedParses.parse(file, MODEL_TS);
    const edited = wrapper.parseForESLint(`${MODEL_TS}// edited\n`, { sourceType: "module", filePath: file });
    expect(sourceFileOf(edited)).not.toBe(graphParse);
    expect(sourceFileOf(edited).text).toBe(`${MODEL_TS}// edited\n`);

    const again = sharedParses.parse(file, MODEL_TS);
    const script = wrapper.parseForESLint(MODEL_TS, { sourceType: "script", filePath: file });
    expect(sourceFileOf(script)).not.toBe(again);

    const other = "/project/src/other.ts";
    wrapper.parseForESLint("export {};\n", { sourceType: "module", filePath: "/project/src/first.ts" });
    const once = sharedParses.parse(other, MODEL_TS);
    expect(sourceFileOf(wrapper.parseForESLint(MODEL_TS, { sourceType: "module", filePath: other }))).toBe(once);
    expect(sourceFileOf(wrapper.parseForESLint(MODEL_TS, { sourceType: "module", filePath: other }))).not.toBe(once);
  });

  it("drops what it kept once ESLint parses without a file name or with type information", () => {
    const file = "/project/src/kept.ts";
    wrapper.parseForESLint("export {};\n", { sourceType: "module", filePath: "/project/src/first.ts" });
    const kept = sharedParses.parse(file, MODEL_TS);
    wrapper.parseForESLint("export {};\n", { sourceType: "module" });
    expect(sourceFileOf(wrapper.parseForESLint(MODEL_TS, { sourceType: "module", filePath: file }))).not.toBe(kept);
  });

  it("drops what ESLint has not taken for a while (an editor's ESLint server between lints)", () => {
    vi.useFakeTimers();
    try {
      const parses = new SharedParses(() => Date.now());
      const first = parser.parseForESLint("export {};\n", { sourceType: "module", filePath: "/p/first.ts" });
      parses.useSettings({ jsDocParsingMode: ts.JSDocParsingMode.ParseNone, module: true, jsx: false });
      parses.parsedByESLint("/p/first.ts", sourceFileOf(first));
      const a = parses.parse("/p/a.ts", MODEL_TS);
      parses.parse("/p/b.ts", MODEL_TS);
      vi.advanceTimersByTime(4_000);
      expect(parses.take("/p/a.ts", MODEL_TS)).toBe(a);
      vi.advanceTimersByTime(5_000);
      expect(parses.take("/p/b.ts", MODEL_TS)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives the graph ESLint's own parse of the file being linted", () => {
    const result = wrapper.parseForESLint(MODEL_TS, { sourceType: "module", filePath: "/project/src/linted.ts" });
    expect(sharedParses.parse("/project/src/linted.ts", MODEL_TS)).toBe(sourceFileOf(result));
    expect(sharedParses.parse("/project/src/linted.ts", `${MODEL_TS}\n`)).not.toBe(sourceFileOf(result));
  });

  it("a lint reports the same with shared parses as with ESLint's own (eloquent's rules and core rules)", async () => {
    const project = writeProject(
      { ...PROJECT_FILES, "src/more.ts": `${COMMENT_TS}var stale = 1;\nlet never = 2;\n` },
      "eloquent-shared-parse-",
    );
    try {
      const core = { "no-var": "error", "prefer-const": "error", "no-unused-vars": "error", "spaced-comment": "error" };
      const shared = `import eloquent from "eslint-plugin-eloquent";
export default [eloquent.configs.recommended, { files: ["**/*.ts"], rules: ${JSON.stringify(core)} }];\n`;
      const own = `import eloquent from "eslint-plugin-eloquent";
import parser from "@typescript-eslint/parser";
export default [eloquent.configs.recommended, { files: ["**/*.ts"], languageOptions: { parser }, rules: ${JSON.stringify(core)} }];\n`;
      const lint = async (config: string) => {
        writeFileSync(join(project.root, "eslint.config.mjs"), config);
        const results = await new ESLint({ cwd: project.root }).lintFiles(["src"]);
        return results
          .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(project.root.length)}:${m.line}:${m.column} ${m.ruleId}`))
          .sort();
      };
      const take = vi.spyOn(sharedParses, "take");
      const withSharing = await lint(shared);
      const handedOver = take.mock.results.filter((r) => r.value !== undefined).length;
      expect(handedOver).toBeGreaterThan(0);
      take.mockClear();
      const withoutSharing = await lint(own);
      expect(take.mock.results.filter((r) => r.value !== undefined)).toHaveLength(0);
      expect(withSharing).toEqual(withoutSharing);
      expect(withSharing.some((m) => m.endsWith("eloquent/relation-target-exists"))).toBe(true);
      expect(withSharing.some((m) => m.endsWith(" no-var"))).toBe(true);
    } finally {
      project.cleanup();
    }
  });
});
