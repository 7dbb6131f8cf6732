/**
 * The conformance corpus through the built plugin in a real tsserver (TypeScript 5.9 and 6.0): every fixture
 * is its own project (as the runtime registers each file's classes on their own), and the plugin must
 * report exactly the `// expect:` annotations — same rule ids on the same lines, no more, no fewer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { compareDiagnostics, expectedDiagnostics, fixtureFiles } from "../fixtures/relations/expectations";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const RUNTIME = join(REPO_ROOT, "node_modules/eloquent-orm");

/** The user-facing setup: the plugin in tsconfig, and the seed's package name mapped to the runtime. */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    noLib: true,
    paths: {
      "@alpha.consultings/eloquent-orm.js": [RUNTIME],
      "@alpha.consultings/eloquent-orm.js/Model": [join(RUNTIME, "dist/model-entry.d.ts")],
    },
    plugins: [{ name: "eloquent-ts-plugin" }],
  },
  include: ["*.ts"],
};

const fixtures = fixtureFiles();
let root: string;
const copies = new Map<string, string>();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "eloquent-ts-corpus-"));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  for (const fixture of fixtures) {
    const name = basename(fixture, ".ts");
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    const copy = join(root, name, `${name}.ts`);
    cpSync(fixture, copy);
    copies.set(fixture, copy);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(TYPESCRIPT_VERSIONS)("conformance corpus through tsserver ($label)", ({ tsserver }) => {
  let server: TsServer;
  beforeAll(() => {
    server = new TsServer({ tsserver });
  });
  afterAll(async () => server.close());

  it("finds the fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  for (const fixture of fixtures) {
    it(basename(fixture), async () => {
      const copy = copies.get(fixture)!;
      server.open(copy);
      const diagnostics = await server.semanticDiagnostics(copy);
      server.notify("close", { file: copy });
      const actual = diagnostics
        .filter((d: any) => d.source === "eloquent")
        .map((d: any) => ({
          file: fixture,
          line: d.start.line as number,
          ruleId: /\(eloquent\/([a-z0-9-]+)\)$/.exec(d.text)?.[1] ?? `code-${d.code}`,
          message: String(d.text).split("\n")[0],
        }));
      const comparison = compareDiagnostics(expectedDiagnostics(fixture, readFileSync(fixture, "utf8")), actual);
      expect(comparison.report, `plugin diagnostics differ from the annotations in ${basename(fixture)}`).toBe("");
    });
  }
});
