"use strict";
/**
 * Floor 1: raw better-sqlite3. Prepared statements (cached per IN-list size) and one-pass Map
 * stitching: the fastest code a person could reasonably hand-write for these loads.
 */
const Database = require("better-sqlite3");
const { chunks } = require("../workloads");
const { hasMany, belongsTo, distinct, ids } = require("../stitch");

function open({ dbFile }) {
  const db = new Database(dbFile, { readonly: true });
  const cache = new Map();
  const stmt = (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  /** Rows whose `column` is in `keys`, chunked below the bound-parameter limit. */
  const whereIn = (select, column, keys, extra = "") => {
    const out = [];
    for (const part of chunks(keys)) {
      const rows = stmt(`${select} WHERE ${extra}${column} IN (${part.map(() => "?").join(",")})`).all(part);
      for (const r of rows) out.push(r);
    }
    return out;
  };
  return { db, stmt, whereIn };
}

function usersWithPosts(ctx, users) {
  return hasMany(users, ctx.whereIn("SELECT id, user_id, title, views FROM posts", "user_id", ids(users)), "user_id", "posts");
}

const RUN = {
  w1: (ctx) => usersWithPosts(ctx, ctx.stmt("SELECT id, name, email FROM users").all()),
  w7: (ctx) => usersWithPosts(ctx, ctx.stmt("SELECT id, name, email FROM users").all()),
  w6: (ctx, w) =>
    usersWithPosts(ctx, ctx.stmt("SELECT id, name, email FROM users ORDER BY id LIMIT ? OFFSET ?").all(w.page.limit, w.page.offset)),
  w2: (ctx) => {
    const posts = ctx.stmt("SELECT id, user_id, title, views FROM posts").all();
    return belongsTo(posts, ctx.whereIn("SELECT id, name, email FROM users", "id", distinct(posts, "user_id")), "user_id", "user");
  },
  // CROSS JOIN fixes SQLite's join order (pivot outer, tags by rowid). With `tags INNER JOIN tag_user` and a
  // few thousand keys in the IN list, the planner scans tags and probes the pivot per key: 20-30x slower.
  w3: (ctx) => {
    const users = ctx.stmt("SELECT id, name, email FROM users").all();
    const tags = ctx.whereIn(
      "SELECT tags.id, tags.name, tag_user.user_id AS pivot_user_id FROM tag_user CROSS JOIN tags ON tags.id = tag_user.tag_id",
      "tag_user.user_id", ids(users));
    return hasMany(users, tags, "pivot_user_id", "tags");
  },
  w4: (ctx) => {
    const authors = ctx.stmt("SELECT id, name FROM authors").all();
    const books = ctx.whereIn("SELECT id, author_id, title FROM books", "author_id", ids(authors));
    const chapters = ctx.whereIn("SELECT id, book_id, title, pages FROM chapters", "book_id", ids(books));
    hasMany(books, chapters, "book_id", "chapters");
    return hasMany(authors, books, "author_id", "books");
  },
  w5: (ctx) => {
    const morphMany = (table, type) => {
      const parents = ctx.stmt(`SELECT id, title FROM ${table}`).all();
      const comments = ctx.whereIn("SELECT id, commentable_type, commentable_id, body FROM comments", "commentable_id",
        ids(parents), "commentable_type = 'TYPE' AND ".replace("TYPE", type));
      return hasMany(parents, comments, "commentable_id", "comments");
    };
    const posts = morphMany("posts", "Post");
    const videos = morphMany("videos", "Video");
    const comments = ctx.stmt("SELECT id, commentable_type, commentable_id, body FROM comments").all();
    for (const [type, table] of [["Post", "posts"], ["Video", "videos"]]) {
      const ofType = comments.filter((c) => c.commentable_type === type);
      const owners = ctx.whereIn(`SELECT id, title FROM ${table}`, "id", distinct(ofType, "commentable_id"));
      belongsTo(ofType, owners, "commentable_id", "commentable");
    }
    return { posts, videos, comments };
  },
};

module.exports = {
  label: "raw better-sqlite3",
  floor: true,
  driver: "better-sqlite3",
  packages: ["better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  close: (ctx) => ctx.db.close(),
};
