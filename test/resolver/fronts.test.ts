/**
 * Issue 10, rows F1–F7: for the same model file, the runtime (`registerModels` plus real queries on SQLite
 * or the embedded Mongo store), `eloquent check`, ESLint and tsserver give the same verdict and the same
 * text — because all of them ask the engine's resolver. Requires `npm run build` (npm test builds first).
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeConnection,
  closeMongoConnection,
  configureConnection,
  configureMongoConnection,
  getMongoConnection,
  migrate,
  modelMeta,
  ModelValidationError,
  registerModels,
  validateModels,
} from "eloquent-orm";
import { ModelIndex, RELATION_PATH_METHODS } from "eloquent-engine";
import { resolveRelation } from "../../runtime/src/relations/resolve";
import { graphFromClasses } from "../../runtime/src/registry";
import { locate, TsServer, TYPESCRIPT_VERSIONS } from "../ts-plugin/tsserver-client";
import {
  asEslint,
  asTsserver,
  checkFront,
  engineRows,
  eslintFront,
  lineOf,
  staticProject,
  tsserverFront,
  type CheckRow,
  type StaticProject,
} from "./fronts";

/**
 * The fixture's models, loaded at run time. The path is not a literal on purpose: the fixtures hold the
 * mistakes each row is about (a misspelt path, a store-neutral base), which `tsc` must not check here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixtureModels = (name: string): Promise<Record<string, any>> => import(`../fixtures/resolver/${name}/models`);

let server: TsServer;
const projects: StaticProject[] = [];

beforeAll(() => {
  server = new TsServer({ tsserver: TYPESCRIPT_VERSIONS[0].tsserver });
  configureConnection("resolver", { client: "sqlite", filename: ":memory:" });
  configureMongoConnection("resolver-mongo", { url: "memory:", database: "elq_resolver" });
});
afterAll(async () => {
  await server?.close();
  await closeConnection("resolver");
  await closeMongoConnection("resolver-mongo");
  for (const project of projects) rmSync(dirname(project.file), { recursive: true, force: true });
});

/** The static fronts on one fixture: the CLI's rows, and ESLint + tsserver required to say exactly the same. */
function scenario(fixture: string) {
  const state: { project?: StaticProject; rows: CheckRow[] } = { rows: [] };
  beforeAll(() => {
    state.project = staticProject(fixture);
    projects.push(state.project);
    state.rows = checkFront(state.project);
  });
  it("ESLint and tsserver report exactly what `eloquent check` reports: same rules, lines and text", async () => {
    expect(eslintFront(state.project!)).toEqual(asEslint(state.rows));
    expect(await tsserverFront(server, state.project!)).toEqual(asTsserver(state.rows));
  });
  return state;
}

/** The graph-rule rows of the static fronts, comparable with what registerModels returns. */
const graphRows = (rows: readonly CheckRow[]) => engineRows(rows.filter((row) => row.ruleId !== "relation-path"));

/** "with('x'): Post has no relation 'x'. …" → the runtime's error text: the message without the site, then the hint. */
const runtimeText = (row: CheckRow) => `${row.message.replace(/^[A-Za-z]+\('[^']*'\): /, "")} ${row.hint}`;

describe("F1: the primary key is the first increments column when none says primary: true", () => {
  const state = scenario("f1-primary-key");

  it("registerModels, check, ESLint and tsserver: clean (no false ELQ202/ELQ204 about 'id')", async () => {
    const { Author, Book } = await fixtureModels("f1-primary-key");
    const registered = registerModels([Author, Book], { logger: false });
    expect(registered.diagnostics).toEqual([]);
    expect(state.rows).toEqual([]);
    // The engine's index, the runtime's metadata and migrate agree on the key.
    expect(new ModelIndex(graphFromClasses([Author, Book])).model("Author")!.primaryKey).toBe("author_id");
    expect(modelMeta(Author).primaryKey).toBe("author_id");
  });

  it("runtime: migrate makes author_id the primary key and both relations load through it", async () => {
    const { Author, Book } = await fixtureModels("f1-primary-key");
    await migrate([Author, Book]);
    const ada = await Author.create({ name: "Ada" });
    expect(ada.get("author_id")).toBe(1);
    await Book.create({ title: "Notes", author_id: ada.get("author_id") });
    const [book] = await Book.with("author").get();
    expect((book!.getRelation("author") as InstanceType<typeof Author>).get("name")).toBe("Ada");
    const [author] = await Author.with("books").get();
    expect((author!.getRelation("books") as InstanceType<typeof Book>[]).map((b) => b.get("title"))).toEqual(["Notes"]);
  });
});

describe("F2: relation targets use static modelName", () => {
  const state = scenario("f2-model-name");

  it("declarations are clean everywhere; the query-site typo names the model 'Admin' in every front", async () => {
    const { AdminUser, Memo, misspelt } = await fixtureModels("f2-model-name");
    expect(registerModels([AdminUser, Memo], { logger: false }).diagnostics).toEqual([]);
    expect(state.rows).toEqual([
      {
        ruleId: "relation-path",
        code: "ELQ801",
        severity: "error",
        line: lineOf(state.project!.text, 'AdminUser.with("memo")'),
        message: "with('memo'): Admin has no relation 'memo'. Did you mean 'memos'?",
        hint: "Relations of Admin: memos.",
      },
    ]);
    await expect(Promise.resolve().then(() => misspelt().get())).rejects.toThrow(runtimeText(state.rows[0]!));
  });

  it("runtime: a relation to 'Admin' loads the AdminUser class, and back", async () => {
    const { AdminUser, Memo } = await fixtureModels("f2-model-name");
    await migrate([AdminUser, Memo]);
    const root = await AdminUser.create({ name: "root" });
    await Memo.create({ admin_id: root.get("id") });
    const [memo] = await Memo.with("admin").get();
    expect(memo!.getRelation("admin")).toBeInstanceOf(AdminUser);
    const [admin] = await AdminUser.with("memos").get();
    expect((admin!.getRelation("memos") as unknown[]).length).toBe(1);
  });
});

describe("F3: a table given by super(...) — with static tableName on the same model, or beside another model", () => {
  const same = scenario("f3-constructor-table");
  const clash = scenario("f3-table-clash");

  it("static tableName and super() naming one table on one model: no clash anywhere", async () => {
    const { User } = await fixtureModels("f3-constructor-table");
    expect(registerModels([User], { logger: false }).diagnostics).toEqual([]);
    expect(same.rows).toEqual([]);
    expect(modelMeta(User).table).toBe("f3_users");
  });

  it("super() on one model and static tableName on another: the same ELQ702, labelled by how each table is given", async () => {
    const { Member, Person } = await fixtureModels("f3-table-clash");
    const registered = registerModels([Member, Person], { logger: false });
    expect(modelMeta(Member).table).toBe("f3_people");
    expect(modelMeta(Person).table).toBe("f3_people");
    expect(clash.rows.map((row) => [row.ruleId, row.line])).toEqual([
      ["table-clash", lineOf(clash.project!.text, 'static tableName = "f3_people"')],
    ]);
    expect(clash.rows[0]!.message).toContain(`(Person: static tableName; Member: super("f3_people"))`);
    expect(engineRows(registered.diagnostics)).toEqual(graphRows(clash.rows));
  });
});

describe("F4: a Mongo belongsToMany with pivotTable goes through the pivot collection", () => {
  const state = scenario("f4-mongo-pivot");

  it("registerModels and the static fronts: the same ELQ303 'uses pivot collection' warning", async () => {
    const { Student, Course, Enrollment } = await fixtureModels("f4-mongo-pivot");
    const registered = registerModels([Student, Course, Enrollment], { logger: false });
    expect(state.rows.map((row) => row.ruleId)).toEqual(["mongo-belongs-to-many"]);
    expect(state.rows[0]!.message).toContain("uses pivot collection 'f4_enrollments'");
    expect(engineRows(registered.diagnostics)).toEqual(graphRows(state.rows));
  });

  it("hover describes the pivot collection, not an id array", async () => {
    const at = locate(state.project!.text, "courses: relation", 2);
    const info = await server.request("quickinfo", { file: state.project!.file, line: at.line, offset: at.offset });
    const documentation =
      typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
    expect(documentation).toContain("Pivot collection: f4_enrollments.student_id → f4_students.");
    expect(documentation).not.toContain("array of ids");
  });

  it("runtime: attach writes a pivot document (no id array on the student) and eager loading reads it", async () => {
    const { Student, Course, Enrollment } = await fixtureModels("f4-mongo-pivot");
    expect(resolveRelation(Student, "courses").mongoMode).toBe("pivot");
    const ada = await Student.create({ name: "Ada" });
    const logic = await Course.create({ title: "Logic" });
    await ada.related("courses").attach([logic.get("id")]);
    expect(await Enrollment.query().count()).toBe(1);
    const raw = await getMongoConnection("resolver-mongo").db.collection("f4_students").findOne({});
    expect(Object.keys(raw ?? {}).sort()).toEqual(["_id", "name"]);
    const [loaded] = await Student.with("courses").get();
    expect((loaded!.getRelation("courses") as InstanceType<typeof Course>[]).map((c) => c.get("title"))).toEqual(["Logic"]);
  });
});

describe("F5: class X extends Model (the store-neutral base) is an error in every front", () => {
  const state = scenario("f5-store-neutral");

  it("registerModels throws the same ELQ605 the static fronts report on the class name", async () => {
    const { Note } = await fixtureModels("f5-store-neutral");
    expect(state.rows.map((row) => [row.ruleId, row.code, row.severity, row.line])).toEqual([
      ["model-store", "ELQ605", "error", lineOf(state.project!.text, "export class Note")],
    ]);
    expect(state.rows[0]!.message).toBe("Note extends the store-neutral Model, which has no store: it cannot be queried or registered.");
    expect(() => registerModels([Note], { logger: false })).toThrow(ModelValidationError);
    expect(() => registerModels([Note], { logger: false })).toThrow(state.rows[0]!.message);
    expect(engineRows(validateModels([Note]))).toEqual(graphRows(state.rows));
  });
});

describe("F6: one did-you-mean for runtime errors and static diagnostics", () => {
  const state = scenario("f6-did-you-mean");

  it("with('auth') on a model with author and comments: 'Did you mean author?' everywhere", async () => {
    const { Writer, Post, Comment, misspelt } = await fixtureModels("f6-did-you-mean");
    expect(registerModels([Writer, Post, Comment], { logger: false }).diagnostics).toEqual([]);
    expect(state.rows).toEqual([
      {
        ruleId: "relation-path",
        code: "ELQ801",
        severity: "error",
        line: lineOf(state.project!.text, 'Post.with("auth")'),
        message: "with('auth'): Post has no relation 'auth'. Did you mean 'author'?",
        hint: "Relations of Post: author, comments.",
      },
    ]);
    await migrate([Writer, Post, Comment]);
    await expect(Promise.resolve().then(() => misspelt().get())).rejects.toThrow(runtimeText(state.rows[0]!));
  });
});

describe('F8: nested with() spec keys and "rel:cols" paths are checked in every front', () => {
  const state = scenario("f8-nested-specs");

  it("each key is looked up on the model its enclosing keys reach; the column list is not part of the path", async () => {
    const { Rack, Box, clean, nestedTypo, columnsTypo, deepTypo } = await fixtureModels("f8-nested-specs");
    const row = (site: string, message: string, hint: string) => ({
      ruleId: "relation-path",
      code: "ELQ801",
      severity: "error",
      line: lineOf(state.project!.text, site),
      message,
      hint,
    });
    expect(state.rows).toEqual([
      row('Rack.with({ boxes: ["ownr"] })', "with('ownr'): Box has no relation 'ownr'. Did you mean 'owner'?", "Relations of Box: owner."),
      row('Rack.with("boxs:id,rack_id")', "with('boxs'): Rack has no relation 'boxs'. Did you mean 'boxes'?", "Relations of Rack: boxes."),
      row(
        'Rack.with({ boxes: { owner: ["boxs"] } })',
        "with('boxs'): Rack has no relation 'boxs'. Did you mean 'boxes'?",
        "Relations of Rack: boxes.",
      ),
    ]);
    registerModels([Rack, Box], { logger: false });
    await migrate([Rack, Box]);
    await expect(clean().get()).resolves.toEqual([]);
    for (const [i, misspelt] of [nestedTypo, columnsTypo, deepTypo].entries()) {
      await expect(Promise.resolve().then(() => misspelt().get())).rejects.toThrow(runtimeText(state.rows[i]!));
    }
  });
});

describe("F7: the relation-path methods are exactly the runtime's", () => {
  const state = scenario("f7-path-methods");

  it("the static fronts check every runtime method that takes a path, and no method the runtime lacks", async () => {
    const methods = Object.keys(RELATION_PATH_METHODS);
    expect(methods.sort()).toEqual(
      [
        "doesntHave",
        "has",
        "load",
        "loadAvg",
        "loadCount",
        "loadMax",
        "loadMin",
        "loadMissing",
        "loadSum",
        "orDoesntHave",
        "orHas",
        "orWhereDoesntHave",
        "orWhereHas",
        "orWhereRelation",
        "related",
        "whereDoesntHave",
        "whereHas",
        "whereRelation",
        "whereDoesntHaveRelation",
        "orWhereDoesntHaveRelation",
        "whereHasMorph",
        "orWhereHasMorph",
        "whereDoesntHaveMorph",
        "orWhereDoesntHaveMorph",
        "hasMorph",
        "orHasMorph",
        "doesntHaveMorph",
        "orDoesntHaveMorph",
        "whereMorphRelation",
        "orWhereMorphRelation",
        "whereMorphDoesntHaveRelation",
        "orWhereMorphDoesntHaveRelation",
        "whereAttachedTo",
        "with",
        "withAvg",
        "withCount",
        "withExists",
        "withMax",
        "withMin",
        "withSum",
        "without",
      ].sort(),
    );
    expect(state.rows.map((row) => /^([A-Za-z]+)\(/.exec(row.message)![1]).sort()).toEqual(methods);
    for (const row of state.rows) {
      expect(row).toMatchObject({ ruleId: "relation-path", hint: "Relations of Shelf: items." });
      expect(row.message).toMatch(/^[A-Za-z]+\('nope'\): Shelf has no relation 'nope'\.$/);
    }
  });

  it("runtime: each of those methods exists and fails with the same text; the old list's extra names do not exist", async () => {
    const { Shelf, Item } = await fixtureModels("f7-path-methods");
    registerModels([Shelf, Item], { logger: false });
    await migrate([Shelf]);
    const shelf = await Shelf.create({});
    const calls: Record<string, () => unknown> = {
      with: () => Shelf.with("nope" as never).get(),
      withCount: () => Shelf.withCount("nope" as never).get(),
      whereHas: () => Shelf.whereHas("nope" as never).get(),
      orWhereHas: () =>
        Shelf.query()
          .orWhereHas("nope" as never)
          .get(),
      whereDoesntHave: () =>
        Shelf.query()
          .whereDoesntHave("nope" as never)
          .get(),
      orWhereDoesntHave: () =>
        Shelf.query()
          .orWhereDoesntHave("nope" as never)
          .get(),
      has: () => Shelf.has("nope" as never).get(),
      orHas: () =>
        Shelf.query()
          .orHas("nope" as never)
          .get(),
      doesntHave: () => Shelf.doesntHave("nope" as never).get(),
      orDoesntHave: () =>
        Shelf.query()
          .orDoesntHave("nope" as never)
          .get(),
      whereRelation: () => Shelf.whereRelation("nope" as never, "id", 1).get(),
      orWhereRelation: () =>
        Shelf.query()
          .orWhereRelation("nope" as never, "id", 1)
          .get(),
      withSum: () =>
        Shelf.query()
          .withSum("nope" as never, "id")
          .get(),
      withAvg: () =>
        Shelf.query()
          .withAvg("nope" as never, "id")
          .get(),
      withMin: () =>
        Shelf.query()
          .withMin("nope" as never, "id")
          .get(),
      withMax: () =>
        Shelf.query()
          .withMax("nope" as never, "id")
          .get(),
      withExists: () =>
        Shelf.query()
          .withExists("nope" as never)
          .get(),
      loadMissing: () => shelf.loadMissing("nope"),
      load: () => shelf.load("nope"),
      loadCount: () => shelf.loadCount("nope"),
      loadSum: () => shelf.loadSum("nope", "id"),
      loadAvg: () => shelf.loadAvg("nope", "id"),
      loadMin: () => shelf.loadMin("nope", "id"),
      loadMax: () => shelf.loadMax("nope", "id"),
      related: () => shelf.related("nope").get(),
      without: () =>
        Shelf.query()
          .without("nope" as never)
          .get(),
      whereDoesntHaveRelation: () => Shelf.whereDoesntHaveRelation("nope" as never, "id", 1).get(),
      orWhereDoesntHaveRelation: () => Shelf.orWhereDoesntHaveRelation("nope" as never, "id", 1).get(),
      whereHasMorph: () => Shelf.whereHasMorph("nope" as never, ["Item"]).get(),
      orWhereHasMorph: () =>
        Shelf.query()
          .orWhereHasMorph("nope" as never, ["Item"])
          .get(),
      whereDoesntHaveMorph: () => Shelf.whereDoesntHaveMorph("nope" as never, ["Item"]).get(),
      orWhereDoesntHaveMorph: () =>
        Shelf.query()
          .orWhereDoesntHaveMorph("nope" as never, ["Item"])
          .get(),
      hasMorph: () => Shelf.hasMorph("nope" as never, ["Item"]).get(),
      orHasMorph: () =>
        Shelf.query()
          .orHasMorph("nope" as never, ["Item"])
          .get(),
      doesntHaveMorph: () => Shelf.doesntHaveMorph("nope" as never, ["Item"]).get(),
      orDoesntHaveMorph: () =>
        Shelf.query()
          .orDoesntHaveMorph("nope" as never, ["Item"])
          .get(),
      whereMorphRelation: () => Shelf.whereMorphRelation("nope" as never, ["Item"], "id", 1).get(),
      orWhereMorphRelation: () =>
        Shelf.query()
          .orWhereMorphRelation("nope" as never, ["Item"], "id", 1)
          .get(),
      whereMorphDoesntHaveRelation: () => Shelf.whereMorphDoesntHaveRelation("nope" as never, ["Item"], "id", 1).get(),
      orWhereMorphDoesntHaveRelation: () =>
        Shelf.query()
          .orWhereMorphDoesntHaveRelation("nope" as never, ["Item"], "id", 1)
          .get(),
      whereAttachedTo: () => Shelf.whereAttachedTo(new Item(), "nope" as never).get(),
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(RELATION_PATH_METHODS).sort());
    const expected = runtimeText(state.rows[0]!);
    for (const [method, call] of Object.entries(calls)) {
      await expect(Promise.resolve().then(call), method).rejects.toThrow(expected);
    }
    for (const missing of ["withOnly"]) {
      expect(
        [Shelf, Shelf.prototype, Object.getPrototypeOf(Shelf.query())].some((holder) => typeof (holder as any)[missing] === "function"),
        missing,
      ).toBe(false);
    }
  });
});
