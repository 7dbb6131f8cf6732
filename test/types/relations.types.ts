// Item 2: relation results follow the query (with, load, withCount, select, pluck).
import { expectTypeOf } from "vitest";
import { column, relation, SqlModel, type CountField, type Model, type SnakeCase, type SqlModelBase } from "eloquent-orm";
import { Comment, Post, Profile, Tag, User } from "./blog-models";

export async function withAddsWhatItLoads(): Promise<void> {
  const users = await User.query().with("posts.comments", "profile").get();
  const user = users[0]!;
  expectTypeOf(user.posts).toExtend<Array<Post & { comments: Comment[] }>>();
  expectTypeOf(user.posts[0]!.comments[0]!.body).toEqualTypeOf<string>();
  expectTypeOf(user.profile).toExtend<Profile | null>();
  expectTypeOf(user.profile!.bio).toEqualTypeOf<string | null>();

  // an unloaded relation is not in the type: without an Attrs generic the instance keeps the base's
  // index signature (any attribute reads as unknown), so it is unknown, never Post[]
  const plain = await User.findOrFail(1);
  expectTypeOf(plain.posts).toEqualTypeOf<unknown>();
  expectTypeOf(user.comments).toEqualTypeOf<unknown>();

  // static with(), the object form with a typed constraint, nested arrays
  const viaStatic = await User.with({ posts: (q) => q.where("views", ">", 10) }).first();
  expectTypeOf(viaStatic!.posts[0]!.views).toEqualTypeOf<number>();
  const nested = await User.with({ posts: ["tags"] }).get();
  expectTypeOf(nested[0]!.posts[0]!.tags[0]!.label).toEqualTypeOf<string>();
  // belongsToMany: the declared pivot columns are on .pivot
  const posts = await Post.with("tags", "author").get();
  expectTypeOf(posts[0]!.tags[0]!.pivot.added_by).toEqualTypeOf<unknown>();
  expectTypeOf(posts[0]!.tags[0]!).toExtend<Tag>();
  expectTypeOf(posts[0]!.author).toExtend<User | null>();
  // a rebound result is still a model of its store (the builder's type parameter is unconstrained)
  expectTypeOf(user).toExtend<SqlModelBase>();
  const untyped = await Untyped.with("children").get();
  expectTypeOf(untyped[0]!).toExtend<Model>();
  expectTypeOf(untyped[0]!.anything).toBeAny();
}

// `extends SqlModel<any>` opts out of typing: its rows read as any, and with() results stay models
class Untyped extends SqlModel<any> {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    children: relation("hasMany", "Untyped", { foreignKey: "id" }),
  };
}

export async function loadNarrowsTheInstance(): Promise<void> {
  const post = await Post.findOrFail(1);
  const loaded = await post.load("comments", "author.profile");
  expectTypeOf(loaded.comments).toExtend<Comment[]>();
  expectTypeOf(loaded.author!.profile).toExtend<Profile | null>();
  // @ts-expect-error -- commments is no relation of Post
  await post.load("commments");
}

export async function countsSelectAndPluck(): Promise<void> {
  const counted = await User.withCount("posts", "profile as has_profile").get();
  expectTypeOf(counted[0]!.posts_count).toEqualTypeOf<number>();
  expectTypeOf(counted[0]!.has_profile).toEqualTypeOf<number>();
  // a camelCase relation's count is named as the run time names it (the engine's snakeCase)
  const drafts = await User.withCount("draftPosts").first();
  expectTypeOf(drafts!.draft_posts_count).toEqualTypeOf<number>();
  // (draftPosts_count is not typed: a model reads unknown attributes as unknown)
  expectTypeOf(drafts!.draftPosts_count).toEqualTypeOf<unknown>();
  expectTypeOf<CountField<"HTTPRequests">>().toEqualTypeOf<"http_requests_count">();
  expectTypeOf<SnakeCase<"PostTag">>().toEqualTypeOf<"post_tag">();
  expectTypeOf<SnakeCase<"userId2Fa">>().toEqualTypeOf<"user_id2_fa">();
  expectTypeOf<SnakeCase<"ABcDEf">>().toEqualTypeOf<"a_bc_d_ef">();
  expectTypeOf<SnakeCase<"my-posts">>().toEqualTypeOf<"my_posts">();
  expectTypeOf<CountField<string>>().toEqualTypeOf<`${string}_count`>();
  const viaQuery = await User.query()
    .withCount({ posts: (q) => q.where("title", "like", "A%") })
    .first();
  expectTypeOf(viaQuery!.posts_count).toEqualTypeOf<number>();

  const picked = await User.query().select("id", "name").first();
  expectTypeOf(picked!.id).toEqualTypeOf<number>();
  expectTypeOf(picked!.name).toEqualTypeOf<string>();
  // the other columns are no longer typed as present (no Attrs: they read as unknown)
  expectTypeOf(picked!.email).toEqualTypeOf<unknown>();

  const names = await User.query().pluck("name");
  expectTypeOf(names).toEqualTypeOf<string[]>();
  const published = await Post.query().pluck("published_at");
  expectTypeOf(published).toEqualTypeOf<(Date | null)[]>();
}
