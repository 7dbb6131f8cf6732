// Item 3: checked inputs — path segments, where values and operators, constraint callbacks, related(), relation create.
import { expectTypeOf } from "vitest";
import type { RelationQuery } from "eloquent-orm";
import { Comment, Post, Tag, User } from "./blog-models";

export function pathsAreCheckedSegmentBySegment(): void {
  User.query().with("posts", "posts.comments", "posts.comments.post.author", "profile.user");
  // @ts-expect-error -- postz is no relation of User
  User.query().with("postz");
  // The nested segments are the engine's rule relation-path (ELQ801: the editor, tspc, ESLint, eloquent check),
  // not the types': spelling every path of the model graph out as a type made tsc several times slower.
  // @ts-expect-error -- whereHas takes relation paths
  User.query().whereHas("postz");
}

export function whereValuesAndOperators(): void {
  User.query().where("name", "Ada").where("id", ">", 3).where("email", null).where("name", "like", "A%");
  Post.query().where("published_at", ">=", new Date()).where("published_at", "<", "2026-01-01");
  User.where({ name: "Ada", email: null });
  User.query().whereIn("id", [1, 2, 3]);
  // @ts-expect-error -- id is a number column
  User.query().where("id", "3");
  // @ts-expect-error -- === is no operator
  User.query().where("id", "===", 3);
  // @ts-expect-error -- a like pattern is a string
  User.query().where("id", "like", 3);
  // @ts-expect-error -- emial is not a column
  User.query().where("emial", "x");
  // @ts-expect-error -- ids are numbers
  User.whereIn("id", ["1"]);
  // @ts-expect-error -- object form values are checked too
  User.where({ name: 1 });
  // after with() (a rebound builder) the values are checked the same way
  User.query().with("posts").where("id", 1).orWhere("name", "like", "A%");
  // @ts-expect-error -- id is a number column on the rebound builder too
  User.query().with("posts").where("id", "1");
  // a column cast away is the run time's to check (it names the unknown column)
  User.query()
    .where("nmae" as never, 1)
    .whereIn("x" as never, ["a"]);
}

export function constraintCallbacksAreTheTargetsQuery(): void {
  User.query().with({
    posts: (q) => {
      expectTypeOf(q.where).toBeFunction();
      // @ts-expect-error -- q is Post's query: name is a User column, not a Post column
      q.where("name", "Ada");
      return q.where("title", "like", "A%").orderBy("views", "desc");
    },
  });
}

export async function relatedIsTypedByKind(): Promise<void> {
  const user = await User.findOrFail(1);
  const posts = await user.related("posts");
  expectTypeOf(posts).toExtend<Post[]>();
  const profile = await user.related("profile");
  expectTypeOf(profile!.bio).toEqualTypeOf<string | null>();
  expectTypeOf(user.related("posts")).toExtend<RelationQuery<unknown>>();
  // @ts-expect-error -- postz is no relation of User
  user.related("postz");

  const post = await Post.findOrFail(1);
  const tags = await post.related("tags");
  expectTypeOf(tags[0]!.pivot.added_by).toEqualTypeOf<unknown>();
  expectTypeOf(tags[0]!).toExtend<Tag>();

  const created = await post.related("comments").create({ body: "hi" });
  expectTypeOf(created).toExtend<Comment>();
  expectTypeOf(created.body).toEqualTypeOf<string>();
  // @ts-expect-error -- bogus is not a column of Comment
  await post.related("comments").create({ bogus: 1 });
  // @ts-expect-error -- body is a text column
  await post.related("comments").create({ body: 1 });
}
