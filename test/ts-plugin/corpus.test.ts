/**
 * The conformance corpus through the built plugin in a real tsserver (TypeScript 5.9 and 6.0): every fixture
 * is its own project (as the runtime registers each file's classes on their own), and the plugin must
 * report exactly the `// expect:` annotations — same rule ids on the same lines, no more, no fewer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { compareDiagnostics, expectedDiagnostics, fixtureFiles } from "../fixtures/relations/expectations";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const RUNTIME = join(REPO_ROOT, "node_modules/eloquent-orm");

/** The user-facing setup: the plugin in tsconfig, and the seed's package name mapped to the runtime. */
const PLUGIN_TSCONFIG = {
  ...TSCONFIG,
  compilerOptions: {
    ...TSCONFIG.compilerOptions,
    paths: {
      "@alpha.consultings/eloquent-orm.js": [RUNTIME],
      "@alpha.consultings/eloquent-orm.js/Model": [join(RUNTIME, "dist/model-entry.d.ts")],
    },
    plugins: [{ name: "eloquent-ts-plugin" }],
  },
};

const fixtures = fixtureFiles();
let corpus: CorpusProjects;
const copies = new Map<string, string>();

beforeAll(() => {
  corpus = createCorpusProjects(fixtures, "eloquent-ts-corpus-", PLUGIN_TSCONFIG);
  for (const [copy, fixture] of corpus.originals) copies.set(fixture, copy);
});
afterAll(() => corpus.cleanup());

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
