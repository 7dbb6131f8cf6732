/**
 * Raw driver errors for a missing table, NOT NULL, UNIQUE and foreign keys become eloquent errors
 * naming the model, the operation, the connection and the fix, with the driver error as `cause` —
 * the same classes on every dialect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  column,
  DatabaseError,
  dropTables,
  ForeignKeyViolationError,
  migrate,
  MissingTableError,
  NotNullViolationError,
  SqlModel,
  UniqueViolationError,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { BLOG, Post, registerBlog, Tag, User } from "./blog-models";

registerBlog();

class Ghost extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "ghosts_never_migrated";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string") };
}

class Draft extends SqlModel<{ id?: number; required_text?: string; optional_text?: string | null }> {
  static connectionName = "test";
  static tableName = "drafts_dry_run_only";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    required_text: column("string"),
    optional_text: column("string", 255, { nullable: true }),
  };
}

async function failure(work: () => PromiseLike<unknown>): Promise<Error> {
  return work().then(
    () => {
      throw new Error("expected a failure");
    },
    (e: Error) => e,
  );
}

describe.each(sqlDialects())("driver errors on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "drivererrors");
    await migrate([...BLOG]);
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });
  beforeEach(async () => {
    await Post.query().withTrashed().forceDelete();
    await Tag.query().forceDelete();
    await User.query().forceDelete();
  });

  it("a missing table names the model, the connection and migrate()", async () => {
    for (const work of [() => Ghost.create({ name: "x" }), () => Ghost.query().get(), () => Ghost.count()]) {
      const e = await failure(work);
      expect(e).toBeInstanceOf(MissingTableError);
      expect(e.message).toMatch(
        new RegExp(`^Ghost\\.\\w+\\(\\) on connection 'test' \\(${dialect.name}\\): table 'ghosts_never_migrated' does not exist`),
      );
      expect(e.message).toMatch(/await migrate\(\[Ghost\]\)/);
      expect((e as DatabaseError).cause).toBeInstanceOf(Error);
      expect((e as DatabaseError).connection).toBe("test");
    }
  });

  it("NOT NULL: the column, the fix (nullable: true or a default)", async () => {
    const e = await failure(() => User.create({ email: "no-name@x" }));
    expect(e).toBeInstanceOf(NotNullViolationError);
    expect(e.message).toMatch(/^User\.save\(\) on connection 'test'.*NOT NULL column of 'users'.*name.*nullable: true/);
  });

  it("migrate() makes columns NOT NULL unless nullable: true (Laravel)", async () => {
    const e = await failure(() => Tag.create({}));
    expect(e).toBeInstanceOf(NotNullViolationError); // Tag.name declares no nullable
    const u = await User.create({ name: "Ada", email: null, settings: null }); // nullable: true columns
    expect((await User.findOrFail(u.id)).email).toBeNull();
    const [plan] = await migrate([Draft], { dryRun: true });
    const ddl = plan!.sql.join("\n");
    expect(ddl).toMatch(/["`]required_text["`] varchar\(255\) not null/i);
    expect(ddl).toMatch(/["`]optional_text["`] varchar\(255\)(?! not null)/i);
    expect(ddl).not.toMatch(/["`]optional_text["`] varchar\(255\) not null/i);
  });

  it("UNIQUE and foreign keys, also through pivot writes", async () => {
    await Tag.create({ name: "dup" });
    const unique = await failure(() => Tag.create({ name: "dup" }));
    expect(unique).toBeInstanceOf(UniqueViolationError);
    expect(unique.message).toMatch(/^Tag\.save\(\) on connection 'test'.*UNIQUE constraint of 'tags'/);
    const fk = await failure(() => Post.create({ user_id: 987_654, title: "orphan" }));
    expect(fk).toBeInstanceOf(ForeignKeyViolationError);
    expect(fk.message).toMatch(/^Post\.save\(\) on connection 'test'.*foreign key of 'posts'.*referenced row must exist/);
    const u = await User.create({ name: "Ada" });
    const post = await Post.create({ user_id: u.id, title: "p" });
    const pivot = await failure(() => post.related("tags").attach([987_654]));
    expect(pivot).toBeInstanceOf(ForeignKeyViolationError);
    expect(pivot.message).toMatch(/^Post\.attach\(\) on connection 'test'.*foreign key of 'post_tags'/);
    expect(await post.related("tags").count()).toBe(0);
  });
});
