/**
 * The newer relation kinds in a real tsserver: hover names the through model, all four through keys and the
 * join it runs; morphToMany's hover names its inferred pivot and type value; completions offer the through
 * model's columns for firstKey and model names for `through`. The fixture is the corpus's own file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { locate, REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const FIXTURE = join(REPO_ROOT, "test/fixtures/relations/through-and-morph-pivots.ts");
const TSCONFIG_WITH_PLUGIN = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };

let corpus: CorpusProjects;
let copy: string;
beforeAll(() => {
  corpus = createCorpusProjects([FIXTURE], "eloquent-ts-newer-kinds-", TSCONFIG_WITH_PLUGIN);
  copy = [...corpus.originals.keys()][0]!;
});
afterAll(() => corpus.cleanup());

describe.each(TYPESCRIPT_VERSIONS.slice(0, 1))("newer relation kinds in tsserver ($label)", ({ tsserver }) => {
  let server: TsServer;
  const source = readFileSync(FIXTURE, "utf8");
  beforeAll(() => {
    server = new TsServer({ tsserver });
    server.open(copy);
  });
  afterAll(async () => server.close());

  const hover = async (needle: string) => {
    const at = locate(source, needle, 2);
    const info = await server.request("quickinfo", { file: copy, line: at.line, offset: at.offset });
    return typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
  };

  it("hovers a hasManyThrough with its through model, four keys and the one joined query", async () => {
    const text = await hover("posts: relation");
    expect(text).toContain("(eloquent) Country.posts: hasManyThrough → Story");
    expect(text).toContain("Through: Writer → table 'writers'");
    expect(text).toContain("writers.country_id (inferred firstKey: <snake Country>_id) → countries.id (inferred localKey");
    expect(text).toContain("stories.writer_id (inferred secondKey: <snake Writer>_id) → writers.id (inferred secondLocalKey");
    expect(text).toContain(
      "select stories.*, writers.country_id from writers inner join stories on stories.writer_id = writers.id where writers.country_id in (?, ?, ...)",
    );
  });

  it("hovers a morphToMany with its inferred pivot table and the type it filters by", async () => {
    const text = await hover("labels: relation");
    expect(text).toContain("Pivot: labelables (inferred: the plural of morphName): labelables.labelable_id → stories.id");
    expect(text).toContain("labelables.labelable_type = 'Story'");
  });

  it("completes firstKey with the through model's columns and `through` with model names", async () => {
    const firstKey = locate(source, 'firstKey: "country_code"', 11);
    const keys = await server.request("completionInfo", { file: copy, line: firstKey.line, offset: firstKey.offset });
    const keyNames = keys.entries.map((e: any) => e.name);
    expect(keyNames).toEqual(expect.arrayContaining(["country_id", "country_code"]));
    expect(keyNames).not.toContain("code"); // Country's column, not the through model's
    const through = locate(source, 'through: "Writer",\n      firstKey: "country_code"', 10);
    const models = await server.request("completionInfo", { file: copy, line: through.line, offset: through.offset });
    expect(models.entries.map((e: any) => e.name)).toEqual(expect.arrayContaining(["Writer", "Editor"]));
  });
});
