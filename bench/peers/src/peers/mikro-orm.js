"use strict";
/**
 * MikroORM 6 with its better-sqlite driver (MikroORM 7 needs Node ≥ 22.17). EntitySchema
 * definitions, `em.find(..., { populate })` with the select-in load strategy, a fresh fork of the
 * EntityManager per load so the identity map never serves a previous round's entities.
 * No polymorphic relations: morphMany/morphTo are a where-filtered find per type, stitched by key.
 */
const { hasMany, belongsTo, distinct, ids } = require("../stitch");

function schemas(EntitySchema, morph) {
  const id = { type: "number", primary: true };
  const str = { type: "string" };
  const int = { type: "number" };
  const e = (name, tableName, properties) => new EntitySchema({ name, tableName, properties });
  if (morph) {
    return [
      e("MorphPost", "posts", { id, title: str }),
      e("Video", "videos", { id, title: str }),
      e("Comment", "comments", { id, commentable_type: str, commentable_id: int, body: str }),
    ];
  }
  return [
    e("User", "users", {
      id, name: str, email: str,
      posts: { kind: "1:m", entity: "Post", mappedBy: "user" },
      tags: { kind: "m:n", entity: "Tag", pivotTable: "tag_user", joinColumn: "user_id", inverseJoinColumn: "tag_id" },
    }),
    e("Post", "posts", { id, title: str, views: int, user: { kind: "m:1", entity: "User", fieldName: "user_id" } }),
    e("Tag", "tags", { id, name: str }),
    e("Author", "authors", { id, name: str, books: { kind: "1:m", entity: "Book", mappedBy: "author" } }),
    e("Book", "books", {
      id, title: str,
      author: { kind: "m:1", entity: "Author", fieldName: "author_id" },
      chapters: { kind: "1:m", entity: "Chapter", mappedBy: "book" },
    }),
    e("Chapter", "chapters", { id, title: str, pages: int, book: { kind: "m:1", entity: "Book", fieldName: "book_id" } }),
  ];
}

async function open({ dbFile, workload }) {
  const { MikroORM, EntitySchema } = require("@mikro-orm/better-sqlite");
  const orm = await MikroORM.init({
    dbName: dbFile,
    entities: schemas(EntitySchema, workload.db === "morph"),
    debug: false,
    // select-in (one query per level, like eloquent): about twice as fast here as v6's default "joined".
    loadStrategy: "select-in",
    discovery: { warnWhenNoEntities: false },
  });
  return { orm };
}

const RUN = {
  w1: ({ orm }) => orm.em.fork().find("User", {}, { populate: ["posts"] }),
  w7: ({ orm }) => orm.em.fork().find("User", {}, { populate: ["posts"] }),
  w6: ({ orm }, w) =>
    orm.em.fork().find("User", {}, { populate: ["posts"], orderBy: { id: "asc" }, limit: w.page.limit, offset: w.page.offset }),
  w2: ({ orm }) => orm.em.fork().find("Post", {}, { populate: ["user"] }),
  w3: ({ orm }) => orm.em.fork().find("User", {}, { populate: ["tags"] }),
  w4: ({ orm }) => orm.em.fork().find("Author", {}, { populate: ["books.chapters"] }),
  w5: async ({ orm }) => {
    const em = orm.em.fork();
    const morphMany = async (entity, type) => {
      const parents = await em.find(entity, {});
      const comments = await em.find("Comment", { commentable_type: type, commentable_id: { $in: ids(parents) } });
      return hasMany(parents.map((p) => ({ id: p.id, title: p.title })), comments, "commentable_id", "comments");
    };
    const posts = await morphMany("MorphPost", "Post");
    const videos = await morphMany("Video", "Video");
    const comments = await em.find("Comment", {});
    const out = comments.map((c) => ({ ...c }));
    for (const [type, entity] of [["Post", "MorphPost"], ["Video", "Video"]]) {
      const ofType = out.filter((c) => c.commentable_type === type);
      belongsTo(ofType, await em.find(entity, { id: { $in: distinct(ofType, "commentable_id") } }), "commentable_id", "commentable");
    }
    return { posts, videos, comments: out };
  },
};

const ref = (entity) => (entity && typeof entity === "object" ? entity.id : entity);

module.exports = {
  label: "MikroORM",
  driver: "better-sqlite3",
  packages: ["@mikro-orm/core", "@mikro-orm/better-sqlite", "better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  /** Entities expose relations as references and collections: read them back into the gate's plain shape. */
  plain(result, id) {
    const list = (collection) => (collection && typeof collection.getItems === "function" ? collection.getItems() : collection);
    switch (id) {
      case "w1": case "w6": case "w7":
        return result.map((u) => ({ ...u, posts: list(u.posts).map((p) => ({ ...p, user_id: ref(p.user) })) }));
      case "w2":
        return result.map((p) => ({ ...p, user_id: ref(p.user), user: p.user ? { ...p.user } : null }));
      case "w3":
        return result.map((u) => ({ ...u, tags: list(u.tags).map((t) => ({ ...t })) }));
      case "w4":
        return result.map((a) => ({
          ...a,
          books: list(a.books).map((b) => ({
            ...b, author_id: ref(b.author), chapters: list(b.chapters).map((c) => ({ ...c, book_id: ref(c.book) })),
          })),
        }));
      default:
        return result;
    }
  },
  close: (ctx) => ctx.orm.close(),
};
