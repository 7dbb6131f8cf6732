/**
 * The seed's Mongo scenario as its users write it (the seed's imports through eloquent-orm, the
 * `super("comments", "mongo")` constructor form, increments ids), with its mistakes corrected:
 * Comment morphTo Photo, Photo's attrs match its schema. Runs on every contract target.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, registerModels, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";
import { mongoTargets, useMongo, withCommands } from "./target";

type CommentAttrs = { id?: number; body?: string; commentable_type?: string; commentable_id?: string };
type PhotoAttrs = { id?: number; path?: string; comments?: SeedComment[] };

class SeedComment extends MongoModel<CommentAttrs> {
  static tableName = "comments";
  static connectionName = "mongo";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("string", 255),
    commentable_id: column("string"),
    commentable_type: column("string", 255),
    commentable: relation("morphTo", "SeedPhoto", { morphName: "commentable" }),
  };
  constructor() {
    super("comments", "mongo");
  }
}

class SeedPhoto extends MongoModel<PhotoAttrs> {
  static morphAlias = "Photo";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    path: column("string", 255),
    comments: relation("morphMany", "SeedComment", { morphName: "commentable" }),
  };
  constructor() {
    super("photos", "mongo");
  }
}

registerModels([SeedComment, SeedPhoto], { strict: true, logger: false });

describe.each(mongoTargets())("the seed's Mongo scenario on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("seed", target);
  });
  afterAll(() => teardown());

  it("increments ids, the constructor form, and comments eager loaded both ways", async () => {
    const [a, b] = await SeedPhoto.createMany([{ path: "a.jpg" }, { path: "b.jpg" }]);
    expect([a!.id, b!.id]).toEqual([1, 2]);
    expect(SeedPhoto.meta().table).toBe("photos"); // from super("photos", "mongo")
    // The seed declares commentable_id as a string column: numeric photo ids are read as "1", "2".
    await SeedComment.createMany([
      { body: "nice", commentable_type: "Photo", commentable_id: String(a!.id) },
      { body: "again", commentable_type: "Photo", commentable_id: String(a!.id) },
      { body: "b!", commentable_type: "Photo", commentable_id: String(b!.id) },
    ]);
    const photos = await withCommands(() => SeedPhoto.query().orderBy("path").with("comments"));
    expect(photos.count).toBe(2);
    expect(photos.result.map((p) => [p.path, p.comments!.map((c) => c.body)])).toEqual([
      ["a.jpg", ["nice", "again"]],
      ["b.jpg", ["b!"]],
    ]);
    const comments = await withCommands(() => SeedComment.query().orderBy("id").with("commentable"));
    expect(comments.count).toBe(2);
    expect(comments.result.map((c) => [c.id, c.body, (c.getRelation("commentable") as SeedPhoto | null)?.path])).toEqual([
      [1, "nice", "a.jpg"],
      [2, "again", "a.jpg"],
      [3, "b!", "b.jpg"],
    ]);
  });
});
