/**
 * Laravel's custom pivot models (`->using(Membership::class)`, Pivot / MorphPivot), translated: the pivot
 * rows of a relation declared with `using` are instances of the pivot model — typed columns (migrate
 * creates them from its schema), casts, relations — and `pivot.save()` / `delete()` / `fresh()` /
 * `refresh()` address exactly that row by its two keys (and morph type), although the table has no
 * primary key. On SQLite, PostgreSQL and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  dropTables,
  migrate,
  MorphPivot,
  Pivot,
  registerModels,
  PivotRow,
  relation,
  RelationError,
  SqlModel,
  type ModelClass,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

type MembershipAttrs = {
  pm_user_id?: number;
  pm_team_id?: number;
  role?: string;
  active?: boolean;
  joined_at?: Date | null;
  settings?: Record<string, unknown> | null;
  invited_by?: number | null;
};

class PmMembership extends Pivot<MembershipAttrs> {
  static connectionName = "test";
  static tableName = "pm_memberships";
  static schema = {
    pm_user_id: column("int"),
    pm_team_id: column("int"),
    role: column("string", 20),
    active: column("boolean", undefined, { default: false }),
    joined_at: column("datetime", undefined, { nullable: true }),
    settings: column("json", undefined, { nullable: true }),
    invited_by: column("int", undefined, { nullable: true }),
    inviter: relation("belongsTo", "PmUser", { foreignKey: "invited_by" }),
  };
}

class PmUser extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "pm_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    teams: relation("belongsToMany", "PmTeam", { using: "PmMembership", pivotLocalKey: "pm_user_id", pivotForeignKey: "pm_team_id" }),
  };
}

class PmTeam extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "pm_teams";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    members: relation("belongsToMany", "PmUser", {
      pivotTable: "pm_memberships",
      using: "PmMembership",
      pivotLocalKey: "pm_team_id",
      pivotForeignKey: "pm_user_id",
    }),
  };
}

class PmLabelling extends MorphPivot<{ pm_label_id?: number; labellable_id?: number; labellable_type?: string; weight?: number }> {
  static connectionName = "test";
  static tableName = "pm_labellings";
  static schema = {
    pm_label_id: column("int"),
    labellable_id: column("int"),
    labellable_type: column("string", 40),
    weight: column("int", undefined, { default: 1 }),
  };
}

class PmPost extends SqlModel<{ id?: number; title?: string }> {
  static connectionName = "test";
  static tableName = "pm_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 50),
    labels: relation("morphToMany", "PmLabel", { morphName: "labellable", using: "PmLabelling" }),
  };
}

class PmVideo extends SqlModel<{ id?: number; title?: string }> {
  static connectionName = "test";
  static tableName = "pm_videos";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 50),
    labels: relation("morphToMany", "PmLabel", { morphName: "labellable", using: "PmLabelling" }),
  };
}

class PmLabel extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "pm_labels";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("morphedByMany", "PmPost", { morphName: "labellable", using: "PmLabelling" }),
  };
}

/** No `using`: the pivot is a PivotRow (the row as read, with save / fresh / refresh / delete). */
class PmArticle extends SqlModel<{ id?: number; title?: string }> {
  static connectionName = "test";
  static tableName = "pm_articles";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 50),
    tags: relation("belongsToMany", "PmTag", {
      pivotTable: "pm_article_tag",
      pivotLocalKey: "pm_article_id",
      pivotForeignKey: "pm_tag_id",
      pivotColumns: ["flag", "note", "created_at", "updated_at"],
    }),
  };
  static database = {
    tables: {
      pm_article_tag: {
        columns: {
          pm_article_id: column("int"),
          pm_tag_id: column("int"),
          flag: column("boolean", undefined, { default: false }),
          note: column("string", 40, { nullable: true }),
          created_at: column("timestamp", undefined, { nullable: true }),
          updated_at: column("timestamp", undefined, { nullable: true }),
        },
      },
    },
  };
}

class PmTag extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "pm_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
  };
}

const MODELS: ModelClass[] = [PmUser, PmTeam, PmMembership, PmPost, PmVideo, PmLabel, PmLabelling, PmArticle, PmTag];
registerModels(MODELS, { logger: false });

const membership = (team: PmTeam) => team.pivotAs(PmMembership)!;

describe.each(sqlDialects())("custom pivot models (using) on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ada: PmUser;
  let bob: PmUser;
  let core: PmTeam;
  let docs: PmTeam;
  const joined = new Date("2026-03-04T05:06:07.000Z");

  beforeAll(async () => {
    teardown = await useDialect(dialect, "pivot_models");
    await dropTables(MODELS);
    await migrate(MODELS);
    [ada, bob] = await PmUser.createMany([{ name: "Ada" }, { name: "Bob" }]);
    [core, docs] = await PmTeam.createMany([{ name: "core" }, { name: "docs" }]);
    await ada!.related("teams").attach({
      [core!.id!]: { role: "lead", active: true, joined_at: joined, settings: { notify: true }, invited_by: bob!.id },
      [docs!.id!]: { role: "writer" },
    });
    await bob!.related("teams").attach(core!.id!, { role: "dev", active: true });
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  it("migrate creates the pivot table from the pivot model: typed columns round-trip", async () => {
    const [first] = await ada.related("teams").where("name", "core");
    const pivot = membership(first!);
    expect(pivot).toBeInstanceOf(PmMembership);
    expect(pivot.active).toBe(true);
    expect(pivot.joined_at).toBeInstanceOf(Date);
    expect(pivot.joined_at!.toISOString()).toBe(joined.toISOString());
    expect(pivot.settings).toEqual({ notify: true });
    expect(pivot.role).toBe("lead");
    const [second] = await ada.related("teams").where("name", "docs");
    expect(membership(second!).active).toBe(false);
    expect(membership(second!).joined_at).toBeNull();
  });

  it("lazy and eager loads hydrate the pivot model (one query per level); toJSON serializes it", async () => {
    const { result, count } = await withQueryCount(() => PmUser.with("teams").orderBy("id"));
    expect(count).toBe(2);
    const teams = result[0]!.getRelation("teams") as PmTeam[];
    expect(teams.map((t) => [t.name, membership(t).role, membership(t).active]).sort()).toEqual([
      ["core", "lead", true],
      ["docs", "writer", false],
    ]);
    const json = JSON.parse(JSON.stringify(teams.find((t) => t.name === "core"))) as { pivot: Record<string, unknown> };
    expect(json.pivot).toMatchObject({ pm_user_id: ada.id, pm_team_id: core.id, role: "lead", active: true, settings: { notify: true } });
  });

  it("the pivot model's columns are pivot columns without pivotColumns: wherePivot, orderByPivot, withPivot", async () => {
    expect((await ada.related<PmTeam[]>("teams").wherePivot("active", true)).map((t) => t.name)).toEqual(["core"]);
    expect((await ada.related<PmTeam[]>("teams").orderByPivot("role", "desc")).map((t) => t.name)).toEqual(["docs", "core"]);
    expect(() => ada.related("teams").withPivot("role", "settings")).not.toThrow();
    expect(() => ada.related("teams").wherePivot("rol", "x")).toThrow(/Did you mean 'role'\?/);
  });

  it("pivot.save() updates exactly its row, found by the two keys (no primary key needed)", async () => {
    const [team] = await ada.related("teams").where("name", "core");
    const pivot = membership(team!);
    pivot.role = "owner";
    pivot.settings = { notify: false };
    const { count } = await withQueryCount(() => pivot.save());
    expect(count).toBe(1);
    expect(pivot.isDirty()).toBe(false);
    const roles = await PmMembership.query().orderBy("pm_user_id").orderBy("pm_team_id").pluck("role");
    expect(roles).toEqual(["owner", "writer", "dev"]);
    const [reloaded] = await ada.related("teams").where("name", "core");
    expect(membership(reloaded!).settings).toEqual({ notify: false });
    expect(await pivot.save()).toBe(pivot); // nothing dirty: no statement
  });

  it("fresh() and refresh() re-read the row by its keys; the pivot's own relations load", async () => {
    const [team] = await ada.related("teams").where("name", "core");
    const pivot = membership(team!);
    await ada.related("teams").updateExistingPivot(core.id!, { role: "chair" });
    const fresh = await pivot.fresh();
    expect(fresh).toBeInstanceOf(PmMembership);
    expect([fresh!.role, pivot.role]).toEqual(["chair", "owner"]);
    await pivot.refresh();
    expect(pivot.role).toBe("chair");
    const inviter = await pivot.related<PmUser | null>("inviter");
    expect(inviter?.name).toBe("Bob");
    // The inverse side reads the same rows as the same pivot model.
    const members = await core.related<PmUser[]>("members").orderBy("name");
    expect(members.map((m) => [m.name, m.pivotAs(PmMembership)!.role])).toEqual([
      ["Ada", "chair"],
      ["Bob", "dev"],
    ]);
  });

  it("pivot.delete() removes only its row; a row detached meanwhile is a clear error on save", async () => {
    const [team] = await bob.related("teams").where("name", "core");
    const pivot = membership(team!);
    await pivot.delete();
    expect(await bob.related("teams").count()).toBe(0);
    expect(await ada.related("teams").count()).toBe(2);
    await bob.related("teams").attach(core.id!, { role: "dev" });
    const [again] = await bob.related("teams");
    await bob.related("teams").detach(core.id!);
    const stale = membership(again!);
    stale.role = "ghost";
    await expect(stale.save()).rejects.toThrow(
      /PmMembership.save\(\): no row of pm_memberships has .*pm_user_id = .*\(detached meanwhile\?\)/,
    );
  });

  it("attach(ids, attributes) gives every row the attributes (a row's own values win); sync(ids, false) keeps the others", async () => {
    const carl = await PmUser.create({ name: "Carl" });
    await carl.related("teams").attach([core.id!], { role: "guest", active: true });
    await carl.related("teams").sync({ [docs.id!]: { role: "editor" } }, false);
    const rows = await carl.related<PmTeam[]>("teams").orderBy("name");
    expect(rows.map((t) => [t.name, membership(t).role, membership(t).active])).toEqual([
      ["core", "guest", true],
      ["docs", "editor", false],
    ]);
    await expect(carl.related("teams").attach(core.id!, ["role"] as never)).rejects.toThrow(
      /attributes must be an object of pivot values, got an array/,
    );
  });

  it("migrate([owner]) creates the pivot table from its pivot model, keyed by the two pivot keys", async () => {
    await dropTables([PmPost, PmVideo, PmLabel, PmLabelling]);
    await migrate([PmPost, PmVideo, PmLabel]); // PmLabelling is not passed: its relation brings it
    const post = await PmPost.create({ title: "only owners" });
    const label = await PmLabel.create({ name: "typed" });
    await post.related("labels").attach(label.id!, { weight: 3 });
    expect((await post.related("labels"))[0]!.pivotAs(PmLabelling)!.weight).toBe(3); // an int column, not a string
    // (pm_label_id, labellable_id, labellable_type) is the primary key: the same link twice is refused.
    await expect(post.related("labels").attach(label.id!)).rejects.toThrow(/unique|duplicate/i);
    await dropTables([PmPost, PmVideo, PmLabel, PmLabelling]);
    await migrate([PmPost, PmVideo, PmLabel, PmLabelling]);
  });

  it("pivotAs() names the fix when the pivot is a plain row or another class", async () => {
    const [team] = await ada.related("teams").where("name", "docs");
    expect(() => team!.pivotAs(PmLabelling)).toThrow(/this pivot is a PmMembership. Declare using: "PmLabelling"/);
    expect(new PmTeam().pivotAs(PmMembership)).toBeUndefined();
  });

  it("MorphPivot: the type column is part of the row's identity (a post and a video with the same id)", async () => {
    const post = await PmPost.create({ title: "p" });
    const video = await PmVideo.create({ title: "v" });
    expect(post.id).toBe(video.id); // first row of each table: same id, different type
    const label = await PmLabel.create({ name: "sql" });
    await post.related("labels").attach(label.id!, { weight: 5 });
    await video.related("labels").attach(label.id!, { weight: 7 });
    const [loaded] = await post.related("labels");
    const pivot = loaded!.pivotAs(PmLabelling)!;
    expect([pivot.weight, pivot.labellable_type]).toEqual([5, "PmPost"]);
    pivot.weight = 9;
    await pivot.save();
    const weights = await PmLabelling.query().orderBy("labellable_type").pluck("weight");
    expect(weights).toEqual([9, 7]);
    const [byLabel] = await label.related("posts");
    expect(byLabel!.pivotAs(PmLabelling)!.weight).toBe(9);
  });
});

describe.each(sqlDialects())("default pivots (no using) are PivotRows on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let article: PmArticle;
  let sql: PmTag;
  let orm: PmTag;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "pivot_defaults");
    await dropTables(MODELS);
    await migrate(MODELS);
    article = await PmArticle.create({ title: "a" });
    [sql, orm] = await PmTag.createMany([{ name: "sql" }, { name: "orm" }]);
    await article.related("tags").attach({ [sql!.id!]: { flag: true, note: "first" }, [orm!.id!]: {} });
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  const pivotOf = async (name: string) => (await article.related<PmTag[]>("tags").where("name", name))[0]!.pivot!;

  it("reads as before: the row's values as read, Object.keys, spread and toJSON see it", async () => {
    const pivot = await pivotOf("sql");
    expect(pivot).toBeInstanceOf(PivotRow);
    expect([Boolean(pivot.flag), pivot.note, pivot.pm_tag_id]).toEqual([true, "first", sql.id]);
    expect(pivot.created_at).toBeInstanceOf(Date);
    expect(Object.keys(pivot).sort()).toEqual(["created_at", "flag", "note", "pm_article_id", "pm_tag_id", "updated_at"]);
    expect({ ...pivot }).toMatchObject({ note: "first", pm_article_id: article.id });
    expect(JSON.parse(JSON.stringify((await article.related<PmTag[]>("tags").where("name", "sql"))[0])).pivot).toMatchObject({
      note: "first",
    });
    expect(Boolean((await pivotOf("orm")).flag)).toBe(false); // the column default, not NULL
  });

  it("pivot.save() updates that row (and its updated_at); fresh() and refresh() re-read it", async () => {
    const pivot = await pivotOf("orm");
    const before = (pivot.updated_at as Date).getTime();
    await new Promise((resolve) => setTimeout(resolve, 5));
    pivot.note = "edited";
    await pivot.save();
    const reread = await pivotOf("orm");
    expect(reread.note).toBe("edited");
    expect((reread.updated_at as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((await pivotOf("sql")).note).toBe("first");
    await article.related("tags").updateExistingPivot(orm.id!, { note: "by query" });
    expect((await pivot.fresh())!.note).toBe("by query");
    expect(pivot.note).toBe("edited");
    await pivot.refresh();
    expect(pivot.note).toBe("by query");
  });

  it("changing a key column and saving moves the link (Laravel: pivot.tag_id = 2)", async () => {
    const third = await PmTag.create({ name: "third" });
    const pivot = await pivotOf("orm");
    pivot.pm_tag_id = third.id;
    await pivot.save();
    expect((await article.related<PmTag[]>("tags").orderBy("name")).map((t) => t.name)).toEqual(["sql", "third"]);
    pivot.note = "after the move";
    await pivot.save(); // found by its new key
    expect((await pivotOf("third")).note).toBe("after the move");
  });
});

describe("using: misdeclarations fail at the first use, naming the fix", () => {
  class PmPlainRow extends SqlModel {
    static tableName = "pm_plain_rows";
    static schema = { id: column("increments", undefined, { primary: true }), a_id: column("int"), b_id: column("int") };
  }
  class PmA extends SqlModel {
    static tableName = "pm_as";
    static schema = {
      id: column("increments", undefined, { primary: true }),
      unknown: relation("belongsToMany", "PmB", { using: "PmNoSuchPivot", pivotLocalKey: "a_id", pivotForeignKey: "b_id" }),
      plain: relation("belongsToMany", "PmB", { using: "PmPlainRow", pivotLocalKey: "a_id", pivotForeignKey: "b_id" }),
      otherTable: relation("belongsToMany", "PmB", {
        pivotTable: "a_b",
        using: "PmMembership",
        pivotLocalKey: "pm_user_id",
        pivotForeignKey: "pm_team_id",
      }),
      missingKey: relation("belongsToMany", "PmB", { using: "PmMembership", pivotLocalKey: "a_id", pivotForeignKey: "pm_team_id" }),
    };
  }
  class PmB extends SqlModel {
    static tableName = "pm_bs";
    static schema = { id: column("increments", undefined, { primary: true }) };
  }
  registerModels([PmA, PmB, PmPlainRow], { strict: false, logger: false });
  const a = new PmA();

  it.each([
    ["unknown", /PmA.unknown: pivot model 'PmNoSuchPivot' is not registered/],
    ["plain", /pivot model PmPlainRow does not extend Pivot \(or MorphPivot\).*class PmPlainRow extends Pivot/],
    ["otherTable", /pivotTable 'a_b' is not the table of its pivot model PmMembership \('pm_memberships'\)/],
    ["missingKey", /pivot model PmMembership has no column 'a_id'.*Add a_id: column\(\.\.\.\)/],
  ])("%s", (name, message) => {
    expect(() => a.related(name)).toThrow(RelationError);
    expect(() => a.related(name)).toThrow(message);
  });
});
