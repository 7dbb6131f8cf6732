/**
 * belongsToMany inputs, on every dialect: updateExistingPivot takes what attach/detach take; a null
 * key never becomes a pivot row; detach()/detach(null) detach all (Laravel); sync([], { detaching:
 * false }) does nothing at all; nested eager specs either load or fail loudly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, Comment, Post, registerBlog, Tag, User } from "./blog-models";

registerBlog();

describe.each(sqlDialects())("pivot inputs and eager specs on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let post: Post;
  let tags: Tag[];
  beforeAll(async () => {
    teardown = await useDialect(dialect, "pivotinputs");
    await migrate([...BLOG]);
    const user = await User.create({ name: "Ada" });
    post = await Post.create({ user_id: user.id, title: "p" });
    tags = await Tag.createMany([{ name: "a" }, { name: "b" }, { name: "c" }]);
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });
  beforeEach(async () => {
    await post.related("tags").detach();
  });

  const roles = async () => (await post.related<Tag[]>("tags").orderBy("name")).map((t) => `${t.name}:${String(t.pivot!.role)}`);

  it("updateExistingPivot accepts an id, a model, or a list of either", async () => {
    await post.related("tags").attach(tags);
    expect(await post.related("tags").updateExistingPivot(tags[0]!.id, { role: "by-id" })).toBe(1);
    expect(await post.related("tags").updateExistingPivot(tags[1]!, { role: "by-model" })).toBe(1);
    expect(await roles()).toEqual(["a:by-id", "b:by-model", "c:null"]);
    expect(await post.related("tags").updateExistingPivot([tags[0]!, tags[2]!.id], { role: "list" })).toBe(2);
    expect(await roles()).toEqual(["a:list", "b:by-model", "c:list"]);
  });

  it("attach(null), sync(null), toggle(null), an unsaved model: a clear error and no pivot row", async () => {
    await expect(post.related("tags").attach(null)).rejects.toThrow(
      /Post\.tags\.attach\(\): got null where a Tag id or a saved Tag was expected/,
    );
    await expect(post.related("tags").sync(null)).rejects.toThrow(/Post\.tags\.sync\(\): got null/);
    await expect(post.related("tags").toggle([tags[0]!.id, undefined])).rejects.toThrow(/Post\.tags\.toggle\(\): .*undefined/);
    await expect(post.related("tags").attach(new Tag({ name: "unsaved" }))).rejects.toThrow(/save a new Tag before attaching it/);
    await expect(post.related("tags").updateExistingPivot(null, { role: "x" })).rejects.toThrow(/updateExistingPivot\(\): got null/);
    expect(await post.related("tags").count()).toBe(0);
  });

  it("a string that is not an integer key is a clear error on every dialect, digit strings work", async () => {
    for (const bad of ["abc", "1 OR 1=1", "1; DROP TABLE tags"]) {
      await expect(post.related("tags").attach([bad])).rejects.toThrow(
        /Post\.tags\.attach\(\): ".*" is not a Tag key \(id is an integer column\)/,
      );
      await expect(post.related("tags").sync([bad])).rejects.toThrow(/is not a Tag key/);
      await expect(post.related("tags").detach([bad])).rejects.toThrow(/is not a Tag key/);
    }
    await post.related("tags").attach([String(tags[0]!.id)]);
    expect((await post.related<Tag[]>("tags")).map((t) => t.name)).toEqual(["a"]);
  });

  it("detach() and detach(null) detach all; detach([]) detaches nothing", async () => {
    await post.related("tags").attach(tags);
    expect(await post.related("tags").detach([])).toBe(0);
    expect(await post.related("tags").detach(null)).toBe(3);
    await post.related("tags").attach(tags);
    expect(await post.related("tags").detach()).toBe(3);
  });

  it("sync([], { detaching: false }) issues no query; sync([]) detaches all", async () => {
    await post.related("tags").attach(tags);
    const { result, count } = await withQueryCount(() => post.related("tags").sync([], { detaching: false }));
    expect(count).toBe(0);
    expect(result).toEqual({ attached: [], detached: [], updated: [] });
    const toggled = await withQueryCount(() => post.related("tags").toggle([]));
    expect(toggled.count).toBe(0);
    expect((await post.related("tags").sync([])).detached).toHaveLength(3);
  });

  it("nested eager specs load: { relation: [paths] }, { relation: { path: constraint } }, nested lists", async () => {
    await post.related("tags").attach(tags);
    await Comment.createMany([
      { body: "c1", commentable_type: "Post", commentable_id: post.id },
      { body: "c2", commentable_type: "Post", commentable_id: post.id },
    ]);
    const [u1] = await User.with({ posts: ["tags", "comments"] }).get(); // typed: nested specs are accepted
    expect(u1!.posts![0]!.tags!.map((t) => t.name).sort()).toEqual(["a", "b", "c"]);
    expect(u1!.posts![0]!.comments!).toHaveLength(2);
    const [u2] = await User.with({ posts: { comments: (q: { where(c: string, v: string): unknown }) => q.where("body", "c2") } }).get();
    expect(u2!.posts![0]!.comments!.map((c) => c.body)).toEqual(["c2"]);
    const [u3] = await User.with(["posts", ["posts.tags"]] as never).get();
    expect(u3!.posts![0]!.tags!).toHaveLength(3);
    expect(() => User.with({ posts: 42 } as never)).toThrow(/with\(\{ "posts": 42 \}\): the value must be a constraint/);
    expect(() => User.with({ posts: ["nope"] } as never)).toThrow(/nope/);
    await Comment.query().forceDelete();
  });
});
