/**
 * The upstream-style corpus (code written for the seed package) through the built plugin in a real tsserver:
 * each fixture is its own project with the seed's package names mapped to the runtime's seed entry, and the
 * plugin must report exactly the `// expect:` annotations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { compareDiagnostics, expectedDiagnostics } from "../fixtures/relations/expectations";
import { upstreamFixtures } from "../fixtures/upstream";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const RUNTIME = join(REPO_ROOT, "node_modules/eloquent-orm");

const PLUGIN_TSCONFIG = {
  ...TSCONFIG,
  compilerOptions: {
    ...TSCONFIG.compilerOptions,
    paths: {
      "@alpha.consultings/eloquent-orm.js": [join(RUNTIME, "dist/seed-entry.d.ts")],
      "@alpha.consultings/eloquent-orm.js/Model": [join(RUNTIME, "dist/seed-model-entry.d.ts")],
    },
    plugins: [{ name: "eloquent-ts-plugin" }],
  },
};

const fixtures = upstreamFixtures();
let corpus: CorpusProjects;
const copies = new Map<string, string>();

beforeAll(() => {
  corpus = createCorpusProjects(fixtures, "eloquent-ts-upstream-", PLUGIN_TSCONFIG);
  for (const [copy, fixture] of corpus.originals) copies.set(fixture, copy);
});
afterAll(() => corpus.cleanup());

describe.each(TYPESCRIPT_VERSIONS)("upstream-style corpus through tsserver ($label)", ({ tsserver }) => {
  let server: TsServer;
  beforeAll(() => {
    server = new TsServer({ tsserver });
  });
  afterAll(async () => server.close());

  for (const fixture of fixtures) {
    it(basename(fixture), async () => {
      const copy = copies.get(fixture)!;
      server.open(copy);
      const diagnostics = await server.semanticDiagnostics(copy);
      server.notify("close", { file: copy });
      const eloquent = diagnostics.filter((d: any) => d.source === "eloquent");
      const actual = eloquent.map((d: any) => ({
        file: fixture,
        line: d.start.line as number,
        ruleId: /\(eloquent\/([a-z0-9-]+)\)$/.exec(d.text)?.[1] ?? `code-${d.code}`,
        message: String(d.text).split("\n")[0],
      }));
      const comparison = compareDiagnostics(expectedDiagnostics(fixture, readFileSync(fixture, "utf8")), actual);
      expect(comparison.report, `plugin diagnostics differ from the annotations in ${basename(fixture)}`).toBe("");
      if (fixture.includes("/mutants/"))
        expect(
          eloquent.some((d: any) => d.category === "error"),
          "a mutant gets an error",
        ).toBe(true);
    });
  }
});
