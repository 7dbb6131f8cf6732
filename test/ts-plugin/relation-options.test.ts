/**
 * The relation-definition options in a real tsserver: option-key completions follow the engine's vocabulary per
 * kind (where / withTrashed / withoutGlobalScopes everywhere, wherePivot / as on the many-to-many kinds, inverse on
 * the has/morph kinds), and hover lists the definition's constraints. The fixture is the corpus's options file (its diagnostics are the corpus tests').
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { locate, REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const FIXTURE = join(REPO_ROOT, "test/fixtures/relations/options.ts");
const TSCONFIG_WITH_PLUGIN = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };

let corpus: CorpusProjects;
let copy: string;
beforeAll(() => {
  corpus = createCorpusProjects([FIXTURE], "eloquent-ts-relation-options-", TSCONFIG_WITH_PLUGIN);
  copy = [...corpus.originals.keys()][0]!;
});
afterAll(() => corpus.cleanup());

describe.each(TYPESCRIPT_VERSIONS.slice(0, 1))("relation-definition options in tsserver ($label)", ({ tsserver }) => {
  let server: TsServer;
  const source = readFileSync(FIXTURE, "utf8");
  beforeAll(() => {
    server = new TsServer({ tsserver });
    server.open(copy);
  });
  afterAll(async () => server.close());

  const completions = async (needle: string, column: number) => {
    const at = locate(source, needle, column);
    const info = await server.request("completionInfo", { file: copy, line: at.line, offset: at.offset });
    return info.entries.map((e: any) => e.name) as string[];
  };

  it("hovers the definition's own constraints", async () => {
    const at = locate(source, "recentClubs: relation", 2);
    const info = await server.request("quickinfo", { file: copy, line: at.line, offset: at.offset });
    const text = typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
    expect(text).toContain(
      "Definition: pivot joined_at > '2020-01-01'; pivot exposed as related.membership — on every read through the relation",
    );
    const good = locate(source, "goodPets: relation", 2);
    const goodInfo = await server.request("quickinfo", { file: copy, line: good.line, offset: good.offset });
    const goodText =
      typeof goodInfo.documentation === "string" ? goodInfo.documentation : goodInfo.documentation.map((part: any) => part.text).join("");
    expect(goodText).toContain(
      "Definition: where name != 'Rex'; soft-deleted rows included (withTrashed); the target's global scopes dropped",
    );
  });

  it("offers the definition options on a hasMany, inverse included, the pivot ones not", async () => {
    const keys = await completions('where: ["nme", "Rex"]', 1);
    expect(keys).toEqual(expect.arrayContaining(["withTrashed", "withoutGlobalScopes", "inverse", "foreignKey"]));
    expect(keys).not.toContain("wherePivot");
    expect(keys).not.toContain("as");
  });

  it("offers wherePivot / as on a belongsToMany, not inverse", async () => {
    const keys = await completions('wherePivot: ["joined_at", null]', 1);
    expect(keys).toEqual(expect.arrayContaining(["where", "withTrashed", "withoutGlobalScopes", "pivotColumns"]));
    expect(keys).not.toContain("inverse");
    expect(keys).not.toContain("as"); // already written in that object
  });
});
