// Item 1: attributes inferred from `static schema` (no Attrs generic), inputs checked, a drifting Attrs is an error.
import { expectTypeOf } from "vitest";
import { column } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
import { Photo, Post, User } from "./blog-models";

export async function readsAreTypedFromTheSchema(): Promise<void> {
  const user = await User.findOrFail(1);
  // a saved model's key is present (no `| undefined`, fine under exactOptionalPropertyTypes)
  expectTypeOf(user.id).toEqualTypeOf<number>();
  expectTypeOf(user.name).toEqualTypeOf<string>();
  expectTypeOf(user.email).toEqualTypeOf<string | null>(); // nullable → | null on output
  expectTypeOf(user.role).toEqualTypeOf<string>(); // a default makes it optional on input only
  expectTypeOf(user.created_at).toEqualTypeOf<Date>(); // timestamps expand
  expectTypeOf(user).toExtend<User>(); // still the class: passes where a User is expected

  const post = await Post.find(1);
  expectTypeOf(post).toExtend<Post | null>();
  expectTypeOf(post!.published_at).toEqualTypeOf<Date | null>();
  expectTypeOf(post!.meta).toEqualTypeOf<unknown>(); // json

  const all = await Post.all();
  expectTypeOf(all[0]!.views).toEqualTypeOf<number>();

  // Mongo reads bigint as a number (SQL: an exact string, see Ledger below)
  const photo = await Photo.findOrFail("64b000000000000000000000");
  expectTypeOf(photo.size).toEqualTypeOf<number>();
  expectTypeOf(photo.path).toEqualTypeOf<string>();
}

export async function createChecksItsInput(): Promise<void> {
  await User.create({ name: "Ada" }); // id, email (nullable), role (default) are optional
  await Post.create({ title: "T", user_id: 1, published_at: "2026-01-01T00:00:00Z" }); // dates also as strings
  // @ts-expect-error -- name is required (no default, not nullable)
  await User.create({ email: "a@b.c" });
  // @ts-expect-error -- bogus is not a column
  await User.create({ name: "Ada", bogus: 1 });
  // @ts-expect-error -- name is a string column
  await User.create({ name: 42 });
  // @ts-expect-error -- posts is a relation: written through related("posts")
  await User.create({ name: "Ada", posts: [] });
  await User.firstOrCreate({ name: "Ada" }, { email: null });
  // @ts-expect-error -- emial is not a column
  await User.firstOrCreate({ emial: "x" });
  await User.createMany([{ name: "A" }, { name: "B", role: "admin" }]);
}

// A hand-written Attrs generic still works, and is checked against the schema.
type GoodAttrs = { id?: number; title?: string; body?: string | null };
class Note extends SqlModel<GoodAttrs> {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string"),
    body: column("text", undefined, { nullable: true }),
  };
}
type DriftAttrs = { id?: number; title?: number };
class Drifted extends SqlModel<DriftAttrs> {
  static schema = { id: column("increments", undefined, { primary: true }), title: column("string") };
}

export async function declaredAttrsAreChecked(): Promise<void> {
  const note = await Note.findOrFail(1);
  expectTypeOf(note.title).toEqualTypeOf<string>();
  expectTypeOf(note.id).toEqualTypeOf<number>();
  const drifted = await Drifted.findOrFail(1);
  // @ts-expect-error -- DriftAttrs says title is a number, the schema says string: the model is unusable until they agree
  void drifted.title;
  // @ts-expect-error -- the same drift makes the query builder an error as well
  void Drifted.query().where("id", 1);
}

class Ledger extends SqlModel {
  static schema = {
    id: column("bigIncrements", undefined, { primary: true }),
    amount: column("decimal", undefined, { precision: 12, scale: 2 }),
    flag: column("boolean", undefined, { default: false }),
  };
}

export async function sqlExactNumbersAreStrings(): Promise<void> {
  const row = await Ledger.findOrFail("1");
  expectTypeOf(row.id).toEqualTypeOf<string>();
  expectTypeOf(row.amount).toEqualTypeOf<string>();
  expectTypeOf(row.flag).toEqualTypeOf<boolean>();
}
