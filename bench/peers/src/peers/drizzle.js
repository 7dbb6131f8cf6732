"use strict";
/**
 * Drizzle ORM relational queries (`db.query.x.findMany({ with })`) on better-sqlite3. Drizzle builds
 * one SQL statement per load with JSON sub-selects. belongsToMany goes through the explicit pivot
 * (Drizzle's way), flattened for the gate; morphMany is a `where`-filtered `with`, morphTo one
 * `one()` relation per parent type, picked by type.
 */
/** Two tables are named "posts" (blog and morph databases): Drizzle gets only the set this database has. */
function schema(morph) {
  const { sqliteTable, integer, text } = require("drizzle-orm/sqlite-core");
  const { relations } = require("drizzle-orm");
  const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name").notNull(), email: text("email").notNull() });
  const posts = sqliteTable("posts", {
    id: integer("id").primaryKey(), user_id: integer("user_id").notNull(), title: text("title").notNull(), views: integer("views").notNull(),
  });
  const tags = sqliteTable("tags", { id: integer("id").primaryKey(), name: text("name").notNull() });
  const tagUser = sqliteTable("tag_user", { user_id: integer("user_id").notNull(), tag_id: integer("tag_id").notNull() });
  const authors = sqliteTable("authors", { id: integer("id").primaryKey(), name: text("name").notNull() });
  const books = sqliteTable("books", { id: integer("id").primaryKey(), author_id: integer("author_id").notNull(), title: text("title").notNull() });
  const chapters = sqliteTable("chapters", {
    id: integer("id").primaryKey(), book_id: integer("book_id").notNull(), title: text("title").notNull(), pages: integer("pages").notNull(),
  });
  const morphPosts = sqliteTable("posts", { id: integer("id").primaryKey(), title: text("title").notNull() });
  const videos = sqliteTable("videos", { id: integer("id").primaryKey(), title: text("title").notNull() });
  const comments = sqliteTable("comments", {
    id: integer("id").primaryKey(), commentable_type: text("commentable_type").notNull(),
    commentable_id: integer("commentable_id").notNull(), body: text("body").notNull(),
  });
  if (morph) {
    return {
      morphPosts, videos, comments,
      morphPostsRelations: relations(morphPosts, ({ many }) => ({ comments: many(comments, { relationName: "post" }) })),
      videosRelations: relations(videos, ({ many }) => ({ comments: many(comments, { relationName: "video" }) })),
      commentsRelations: relations(comments, ({ one }) => ({
        post: one(morphPosts, { fields: [comments.commentable_id], references: [morphPosts.id], relationName: "post" }),
        video: one(videos, { fields: [comments.commentable_id], references: [videos.id], relationName: "video" }),
      })),
    };
  }
  return {
    users, posts, tags, tagUser, authors, books, chapters,
    usersRelations: relations(users, ({ many }) => ({ posts: many(posts), tagUser: many(tagUser) })),
    postsRelations: relations(posts, ({ one }) => ({ user: one(users, { fields: [posts.user_id], references: [users.id] }) })),
    tagUserRelations: relations(tagUser, ({ one }) => ({
      user: one(users, { fields: [tagUser.user_id], references: [users.id] }),
      tag: one(tags, { fields: [tagUser.tag_id], references: [tags.id] }),
    })),
    authorsRelations: relations(authors, ({ many }) => ({ books: many(books) })),
    booksRelations: relations(books, ({ one, many }) => ({
      author: one(authors, { fields: [books.author_id], references: [authors.id] }), chapters: many(chapters),
    })),
    chaptersRelations: relations(chapters, ({ one }) => ({ book: one(books, { fields: [chapters.book_id], references: [books.id] }) })),
  };
}

function open({ dbFile, workload }) {
  const Database = require("better-sqlite3");
  const { drizzle } = require("drizzle-orm/better-sqlite3");
  const sqlite = new Database(dbFile, { readonly: true });
  return { sqlite, db: drizzle(sqlite, { schema: schema(workload.db === "morph") }) };
}

const ofType = (type) => ({ where: (c, { eq }) => eq(c.commentable_type, type) });

const RUN = {
  w1: ({ db }) => db.query.users.findMany({ with: { posts: true } }),
  w7: ({ db }) => db.query.users.findMany({ with: { posts: true } }),
  w6: ({ db }, w) => db.query.users.findMany({ with: { posts: true }, orderBy: (u, { asc }) => [asc(u.id)], limit: w.page.limit, offset: w.page.offset }),
  w2: ({ db }) => db.query.posts.findMany({ with: { user: true } }),
  w3: ({ db }) => db.query.users.findMany({ with: { tagUser: { with: { tag: true } } } }),
  w4: ({ db }) => db.query.authors.findMany({ with: { books: { with: { chapters: true } } } }),
  w5: async ({ db }) => ({
    posts: await db.query.morphPosts.findMany({ with: { comments: ofType("Post") } }),
    videos: await db.query.videos.findMany({ with: { comments: ofType("Video") } }),
    comments: await db.query.comments.findMany({ with: { post: true, video: true } }),
  }),
};

module.exports = {
  label: "Drizzle",
  driver: "better-sqlite3",
  packages: ["drizzle-orm", "better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  plain(result, id) {
    if (id === "w3") return result.map((u) => ({ ...u, tags: u.tagUser.map((p) => p.tag) }));
    if (id === "w5") for (const c of result.comments) c.commentable = c.commentable_type === "Post" ? c.post : c.video;
    return result;
  },
  close: (ctx) => ctx.sqlite.close(),
};
