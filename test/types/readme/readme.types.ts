// The README's example as written there (no Attrs generic), plus the Tag model it mentions: its results are typed.
import { expectTypeOf } from "vitest";
import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
  };
}

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    user_id: column("int"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
    tags: relation("belongsToMany", "Tag", { pivotTable: "post_tags", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
  };
}

export class Tag extends SqlModel {
  static tableName = "tags";
  static schema = { id: column("increments", undefined, { primary: true }), label: column("string", 50) };
}

declare module "eloquent-orm" {
  interface Models {
    User: typeof User;
    Post: typeof Post;
    Tag: typeof Tag;
  }
}

export async function readme(): Promise<void> {
  const users = await User.query()
    .with("posts.tags", { posts: (q) => q.where("title", "like", "A%") })
    .get();
  expectTypeOf(users[0]!.name).toEqualTypeOf<string>();
  expectTypeOf(users[0]!.posts[0]!.title).toEqualTypeOf<string>();
  expectTypeOf(users[0]!.posts[0]!.tags[0]!.label).toEqualTypeOf<string>();
  const lazy = await users[0]!.related("posts").where("title", "like", "A%");
  expectTypeOf(lazy).toExtend<Post[]>();
  const post = await Post.findOrFail(1);
  await post.related("tags").sync([1, 2, 3]);
  const ada = await User.create({ name: "Ada" });
  expectTypeOf(ada.id).toEqualTypeOf<number>();
  // @ts-expect-error -- the README's User has no email column
  await User.create({ name: "Ada", email: "a@b.c" });
}
