/**
 * JavaScript models (CommonJS .cjs and ES module .mjs, the twins of upstream-style .ts fixtures) are checked by
 * `eloquent check`, the recommended ESLint config (typed and untyped) and the tsserver plugin with allowJs,
 * with exactly the annotated results.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics, type ActualDiagnostic } from "../fixtures/relations/expectations";
import { upstreamJsFixtures } from "../fixtures/upstream";
import { makeTempRoot, TSCONFIG } from "./corpus-projects";
import { CLI, ESLINT10, parseEslintJson, run } from "./run";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "../ts-plugin/tsserver-client";

const SEED_ENTRY = join(REPO_ROOT, "node_modules/eloquent-orm/dist/seed-entry.d.ts");
const SEED_MODEL_ENTRY = join(REPO_ROOT, "node_modules/eloquent-orm/dist/seed-model-entry.d.ts");
const JS_TSCONFIG = {
  ...TSCONFIG,
  compilerOptions: {
    ...TSCONFIG.compilerOptions,
    allowJs: true,
    checkJs: false,
    // The seed's package names, as the eloquent-orm-seed re-export package installs them.
    paths: {
      "@alpha.consultings/eloquent-orm.js": [SEED_ENTRY],
      "@alpha.consultings/eloquent-orm.js/Model": [SEED_MODEL_ENTRY],
      "eloquent-orm.js": [SEED_ENTRY],
      "eloquent-orm.js/Model": [SEED_MODEL_ENTRY],
    },
    plugins: [{ name: "eloquent-ts-plugin" }],
  },
  include: ["*.js", "*.cjs", "*.mjs"],
};

let root: string;
const originals = new Map<string, string>();
const dirs: string[] = [];
const fixtures = upstreamJsFixtures();
const expected = () => fixtures.flatMap((file) => expectedDiagnostics(file));

beforeAll(() => {
  root = makeTempRoot("eloquent-upstream-js-");
  for (const fixture of fixtures) {
    const dir = join(root, basename(fixture).replace(/\./g, "_"));
    mkdirSync(dir);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(JS_TSCONFIG, null, 2));
    cpSync(fixture, join(dir, basename(fixture)));
    originals.set(join(dir, basename(fixture)), fixture);
    dirs.push(dir);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function eslint(config: string): ActualDiagnostic[] {
  writeFileSync(join(root, "eslint.config.mjs"), config);
  const result = run(ESLINT10, ["--format", "json", "."], root);
  return parseEslintJson(result).flatMap((file) =>
    file.messages.map((message) => ({
      file: originals.get(file.filePath) ?? file.filePath,
      line: message.line,
      ruleId: message.ruleId?.startsWith("eloquent/") ? message.ruleId.slice("eloquent/".length) : `(not eloquent) ${message.ruleId}`,
      message: message.message,
    })),
  );
}

describe("JavaScript models (upstream-style twins)", () => {
  it("has CommonJS and ES module clean files and mutants", () => {
    expect(upstreamJsFixtures("clean").map((f) => f.slice(f.lastIndexOf(".")))).toEqual(expect.arrayContaining([".cjs", ".mjs"]));
    expect(upstreamJsFixtures("mutants").length).toBeGreaterThanOrEqual(3);
  });

  it("`eloquent check` reports exactly the annotated diagnostics in .cjs/.mjs files", () => {
    const result = run(CLI, ["check", ...dirs, "--format", "json"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; ruleId: string; message: string }> };
    const actual = report.diagnostics.map((d) => ({
      file: originals.get(join(root, d.file)) ?? d.file,
      line: d.line,
      ruleId: d.ruleId,
      message: d.message,
    }));
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  });

  it("the recommended ESLint config (no type information) reports exactly the annotated diagnostics", () => {
    const actual = eslint(`import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`);
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  });

  it("with projectService on, JS files still parse (untyped) and report exactly the annotated diagnostics", () => {
    const actual = eslint(`import eloquent from "eslint-plugin-eloquent";
export default [
  eloquent.configs.recommended,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
];
`);
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  }, 180_000);

  describe.each(TYPESCRIPT_VERSIONS)("tsserver with allowJs ($label)", ({ tsserver }) => {
    let server: TsServer;
    beforeAll(() => {
      server = new TsServer({ tsserver });
    });
    afterAll(async () => server.close());
    it("reports exactly the annotated diagnostics in every JS fixture", async () => {
      const actual: ActualDiagnostic[] = [];
      for (const [copy, fixture] of originals) {
        server.open(copy);
        const diagnostics = await server.semanticDiagnostics(copy);
        server.notify("close", { file: copy });
        for (const d of diagnostics.filter((x: any) => x.source === "eloquent")) {
          actual.push({
            file: fixture,
            line: d.start.line,
            ruleId: /\(eloquent\/([a-z0-9-]+)\)$/.exec(d.text)?.[1] ?? `code-${d.code}`,
            message: String(d.text).split("\n")[0],
          });
        }
      }
      expect(compareDiagnostics(expected(), actual).report).toBe("");
    });
  });
});
