/**
 * morphToMany / morphedByMany, translated from Laravel's DatabaseEloquentMorphToManyTest and the docs'
 * polymorphic tags: posts and videos share tags through `taggables` (taggable_id, taggable_type, tag_id).
 * Attach / detach / sync / toggle write and filter the type column; eager loads are one query per level.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

class MtmPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 100),
    tags: relation("morphToMany", "MtmTag", { morphName: "taggable", pivotTable: "mtm_taggables", pivotForeignKey: "tag_id" }),
  };
}

class MtmVideo extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_videos";
  static morphAlias = "video";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 100),
    tags: relation("morphToMany", "MtmTag", {
      morphName: "taggable",
      pivotTable: "mtm_taggables",
      pivotForeignKey: "tag_id",
      pivotColumns: ["note"],
    }),
  };
}

class MtmTag extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("morphedByMany", "MtmPost", { morphName: "taggable", pivotTable: "mtm_taggables", pivotLocalKey: "tag_id" }),
    videos: relation("morphedByMany", "MtmVideo", { morphName: "taggable", pivotTable: "mtm_taggables", pivotLocalKey: "tag_id" }),
  };
}

class MtmTaggable extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_taggables";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    tag_id: column("int"),
    taggable_id: column("int"),
    taggable_type: column("string", 50),
    note: column("string", 50, { nullable: true }),
  };
}

/** No pivot model: migrate() creates `mtm_markables` (the plural of the morph name) from the relations. */
class MtmNote extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_notes";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    marks: relation("morphToMany", "MtmMark", { morphName: "mtm_markable", pivotColumns: ["created_at"] }),
  };
}

class MtmMark extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "mtm_marks";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    label: column("string", 20),
    notes: relation("morphedByMany", "MtmNote", { morphName: "mtm_markable" }),
  };
}

registerModels([MtmPost, MtmVideo, MtmTag, MtmTaggable, MtmNote, MtmMark], { logger: false });

describe.each(sqlDialects())("morphToMany / morphedByMany on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let post: any, video: any, php: any, laravel: any, sql: any;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "mtm");
    await migrate([MtmPost, MtmVideo, MtmTag, MtmTaggable]);
    // Same ids on purpose: the type column is all that tells post 1's tags from video 1's.
    post = await MtmPost.create({ title: "Post" });
    video = await MtmVideo.create({ title: "Video" });
    php = await MtmTag.create({ name: "php" });
    laravel = await MtmTag.create({ name: "laravel" });
    sql = await MtmTag.create({ name: "sql" });
  });
  beforeEach(async () => {
    await MtmTaggable.query().delete();
  });
  afterAll(async () => {
    await dropTables([MtmNote, MtmMark]);
    await dropTables([MtmPost, MtmVideo, MtmTag, MtmTaggable]);
    await teardown();
  });

  it("testAttachInsertsPivotTableRecord: attach writes the owner's morph type (alias or class name)", async () => {
    await post.related("tags").attach([php.id, laravel.id]);
    await video.related("tags").attach({ [sql.id]: { note: "n1" } });
    const rows = await MtmTaggable.orderBy("id").get();
    expect(rows.map((r: any) => [r.taggable_type, r.taggable_id, r.tag_id])).toEqual([
      ["MtmPost", post.id, php.id],
      ["MtmPost", post.id, laravel.id],
      ["video", video.id, sql.id],
    ]);
  });

  it("loads lazily and eagerly (one query per level), filtered by type although ids collide", async () => {
    await post.related("tags").attach([php.id, laravel.id]);
    await video.related("tags").attach({ [sql.id]: { note: "n1" } });
    expect((await post.related("tags").orderBy("id").get()).map((t: any) => t.name)).toEqual(["php", "laravel"]);
    const { result, count } = await withQueryCount(() => MtmVideo.with("tags").get());
    expect(count).toBe(2);
    expect(result[0]!.tags.map((t: any) => [t.name, t.pivot.note])).toEqual([["sql", "n1"]]);
    const counted = await MtmPost.withCount("tags").first();
    expect(counted!.tags_count).toBe(2);
  });

  it("morphedByMany: the inverse reads only pivot rows of the target's type", async () => {
    await post.related("tags").attach([php.id, sql.id]);
    await video.related("tags").attach(sql.id);
    const { result, count } = await withQueryCount(() => MtmTag.with("posts", "videos").orderBy("id").get());
    expect(count).toBe(3);
    expect(result.map((t: any) => [t.name, t.posts.map((p: any) => p.title), t.videos.map((v: any) => v.title)])).toEqual([
      ["php", ["Post"], []],
      ["laravel", [], []],
      ["sql", ["Post"], ["Video"]],
    ]);
  });

  it("whereHas on morphToMany / morphedByMany honours the type column", async () => {
    await video.related("tags").attach(php.id);
    expect(await MtmPost.whereHas("tags").count()).toBe(0);
    expect(await MtmVideo.whereHas("tags", (q: any) => q.where("name", "php")).count()).toBe(1);
    expect(await MtmTag.whereHas("videos").pluck("name")).toEqual(["php"]);
    expect(await MtmTag.whereHas("posts").pluck("name")).toEqual([]);
  });

  it("testDetachRemovesPivotTableRecord / sync / toggle touch only the owner's type", async () => {
    await post.related("tags").attach([php.id, sql.id]);
    await video.related("tags").attach([php.id, sql.id]);
    expect(await post.related("tags").detach(php.id)).toBe(1);
    const synced = await post.related("tags").sync([laravel.id]);
    expect(synced.attached).toEqual([laravel.id]);
    expect(synced.detached.map(Number)).toEqual([sql.id]);
    await post.related("tags").toggle([laravel.id, php.id]);
    expect((await post.related("tags").get()).map((t: any) => t.name)).toEqual(["php"]);
    // The video's rows (same taggable_id) were never touched.
    expect((await video.related("tags").orderBy("id").get()).map((t: any) => t.name)).toEqual(["php", "sql"]);
  });

  it("migrate() creates the morph pivot table (morph id, morph type, related key) from the relations alone", async () => {
    await migrate([MtmNote, MtmMark]);
    const note = await MtmNote.create({});
    const mark = await MtmMark.create({ label: "x" });
    await note.related("marks").attach(mark.id);
    const loaded = await MtmMark.with("notes").firstOrFail();
    expect(loaded.notes.map((n: any) => n.id)).toEqual([note.id]);
    const pivot = (await note.related("marks").first())!.pivot!;
    expect(Object.keys(pivot).sort()).toEqual(["created_at", "mtm_mark_id", "mtm_markable_id"]);
    // One row per link: the composite primary key rejects a duplicate.
    await expect(note.related("marks").attach(mark.id)).rejects.toThrow();
  });
});
