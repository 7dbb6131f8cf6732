"use strict";
/**
 * TypeORM 1 (better-sqlite3 driver), entities as EntitySchema (no decorators needed in plain JS).
 * Eager loading through `find({ relations })` with TypeORM's default strategy (JOIN; see STRATEGY). TypeORM has
 * no polymorphic relations; morphMany/morphTo use the documented query-builder join-and-map.
 */
function schemas(EntitySchema) {
  const id = { type: "integer", primary: true };
  const str = { type: "text" };
  const int = { type: "integer" };
  const entity = (name, tableName, columns, relations = {}) => new EntitySchema({ name, tableName, columns, relations });
  return [
    entity("User", "users", { id, name: str, email: str }, {
      posts: { type: "one-to-many", target: "Post", inverseSide: "user" },
      tags: {
        type: "many-to-many", target: "Tag",
        joinTable: { name: "tag_user", joinColumn: { name: "user_id", referencedColumnName: "id" }, inverseJoinColumn: { name: "tag_id", referencedColumnName: "id" } },
      },
    }),
    entity("Post", "posts", { id, user_id: int, title: str, views: int }, {
      user: { type: "many-to-one", target: "User", joinColumn: { name: "user_id" }, inverseSide: "posts" },
    }),
    entity("Tag", "tags", { id, name: str }),
    entity("Author", "authors", { id, name: str }, { books: { type: "one-to-many", target: "Book", inverseSide: "author" } }),
    entity("Book", "books", { id, author_id: int, title: str }, {
      author: { type: "many-to-one", target: "Author", joinColumn: { name: "author_id" }, inverseSide: "books" },
      chapters: { type: "one-to-many", target: "Chapter", inverseSide: "book" },
    }),
    entity("Chapter", "chapters", { id, book_id: int, title: str, pages: int }, {
      book: { type: "many-to-one", target: "Book", joinColumn: { name: "book_id" }, inverseSide: "chapters" },
    }),
    entity("MorphPost", "posts", { id, title: str }),
    entity("Video", "videos", { id, title: str }),
    entity("Comment", "comments", { id, commentable_type: str, commentable_id: int, body: str }),
  ];
}

async function open({ dbFile, workload }) {
  const { DataSource, EntitySchema } = require("typeorm");
  const all = schemas(EntitySchema);
  // Two entities map a table named "posts" (blog and morph databases): register only the pair this database has.
  const entities = workload.db === "morph"
    ? all.filter((e) => ["MorphPost", "Video", "Comment"].includes(e.options.name))
    : all.filter((e) => !["MorphPost", "Video", "Comment"].includes(e.options.name));
  const ds = new DataSource({ type: "better-sqlite3", database: dbFile, readonly: true, entities, synchronize: false, logging: false });
  await ds.initialize();
  return { ds };
}

const repo = (ds, name) => ds.getRepository(name);
// TypeORM's default. Its "query" strategy was tried: > 120 s for W1 and "too many SQL variables" on W2.
const STRATEGY = "join";

const RUN = {
  w1: ({ ds }) => repo(ds, "User").find({ relations: { posts: true }, relationLoadStrategy: STRATEGY }),
  w7: ({ ds }) => repo(ds, "User").find({ relations: { posts: true }, relationLoadStrategy: STRATEGY }),
  w6: ({ ds }, w) => repo(ds, "User").find({ relations: { posts: true }, relationLoadStrategy: STRATEGY, order: { id: "ASC" }, skip: w.page.offset, take: w.page.limit }),
  w2: ({ ds }) => repo(ds, "Post").find({ relations: { user: true }, relationLoadStrategy: STRATEGY }),
  w3: ({ ds }) => repo(ds, "User").find({ relations: { tags: true }, relationLoadStrategy: STRATEGY }),
  w4: ({ ds }) => repo(ds, "Author").find({ relations: { books: { chapters: true } }, relationLoadStrategy: STRATEGY }),
  w5: async ({ ds }) => {
    const morphMany = (entity, alias, type) =>
      repo(ds, entity).createQueryBuilder(alias)
        .leftJoinAndMapMany(`${alias}.comments`, "Comment", "c", `c.commentable_id = ${alias}.id AND c.commentable_type = :type`, { type })
        .getMany();
    return {
      posts: await morphMany("MorphPost", "p", "Post"),
      videos: await morphMany("Video", "v", "Video"),
      comments: await repo(ds, "Comment").createQueryBuilder("c")
        .leftJoinAndMapOne("c.post", "MorphPost", "p", "c.commentable_type = 'Post' AND p.id = c.commentable_id")
        .leftJoinAndMapOne("c.video", "Video", "v", "c.commentable_type = 'Video' AND v.id = c.commentable_id")
        .getMany(),
    };
  },
};

module.exports = {
  label: "TypeORM",
  driver: "better-sqlite3",
  packages: ["typeorm", "better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  plain(result, id) {
    if (id !== "w5") return result;
    for (const c of result.comments) c.commentable = c.post ?? c.video ?? null;
    return result;
  },
  close: (ctx) => ctx.ds.destroy(),
};
