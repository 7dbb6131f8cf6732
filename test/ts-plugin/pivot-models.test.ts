/**
 * Custom pivot models (`using`) in a real tsserver: hover names the pivot model and the table it stands for;
 * pivotLocalKey completes with the pivot model's columns (its table is the pivot table); `using` completes with
 * SQL model names. The fixture is the corpus's own file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { locate, REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const FIXTURE = join(REPO_ROOT, "test/fixtures/relations/pivot-models.ts");
const TSCONFIG_WITH_PLUGIN = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };

let corpus: CorpusProjects;
let copy: string;
beforeAll(() => {
  corpus = createCorpusProjects([FIXTURE], "eloquent-ts-pivot-models-", TSCONFIG_WITH_PLUGIN);
  copy = [...corpus.originals.keys()][0]!;
});
afterAll(() => corpus.cleanup());

describe.each(TYPESCRIPT_VERSIONS.slice(0, 1))("custom pivot models in tsserver ($label)", ({ tsserver }) => {
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
  const completions = async (needle: string, column: number) => {
    const at = locate(source, needle, column);
    const info = await server.request("completionInfo", { file: copy, line: at.line, offset: at.offset });
    return info.entries.map((e: any) => e.name) as string[];
  };

  it("hovers a belongsToMany with using: the pivot model's table is the pivot, and the pivot model is named", async () => {
    const text = await hover("crews: relation");
    expect(text).toContain("Pivot: memberships.member_id → members.id; memberships.crew_id → crews.id");
    expect(text).toContain("Pivot model: Membership (related.pivot is a Membership");
  });

  it("hovers a morphToMany with using: its table, not the plural of morphName", async () => {
    const text = await hover("badges: relation");
    expect(text).toContain("Pivot: badgings (the table of pivot model Badging): badgings.badgeable_id → members.id");
  });

  it("completes pivot keys with the pivot model's columns and `using` with SQL model names", async () => {
    const keys = await completions('pivotLocalKey: "membr_id"', 16);
    expect(keys).toEqual(expect.arrayContaining(["member_id", "crew_id", "role"]));
    const models = await completions('using: "Membershp"', 9);
    expect(models).toEqual(expect.arrayContaining(["Membership", "Badging", "Badge"]));
    expect(models).not.toContain("Idol"); // a MongoModel
    expect(models).not.toContain("Member"); // the declaring model
  });
});
