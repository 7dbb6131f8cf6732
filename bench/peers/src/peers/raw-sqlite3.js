"use strict";
/**
 * Sequelize's own floor: the raw `sqlite3` driver it runs on, with the same queries as the raw
 * better-sqlite3 floor (prepared statements cached per IN-list size, Map stitching). The gap
 * between the two floors is the driver's price, not Sequelize's.
 */
const { chunks } = require("../workloads");
const { hasMany, belongsTo, distinct, ids } = require("../stitch");

function open({ dbFile }) {
  const sqlite3 = require("sqlite3");
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      const cache = new Map();
      const all = (sql, params = []) =>
        new Promise((res, rej) => {
          let s = cache.get(sql);
          if (!s) cache.set(sql, (s = db.prepare(sql)));
          s.all(params, (e, rows) => (e ? rej(e) : res(rows)));
        });
      const whereIn = async (select, column, keys, extra = "") => {
        const out = [];
        for (const part of chunks(keys)) {
          for (const r of await all(`${select} WHERE ${extra}${column} IN (${part.map(() => "?").join(",")})`, part)) out.push(r);
        }
        return out;
      };
      resolve({ db, cache, all, whereIn });
    });
  });
}

async function usersWithPosts(ctx, users) {
  return hasMany(users, await ctx.whereIn("SELECT id, user_id, title, views FROM posts", "user_id", ids(users)), "user_id", "posts");
}

const RUN = {
  w1: async (ctx) => usersWithPosts(ctx, await ctx.all("SELECT id, name, email FROM users")),
  w7: async (ctx) => usersWithPosts(ctx, await ctx.all("SELECT id, name, email FROM users")),
  w6: async (ctx, w) =>
    usersWithPosts(ctx, await ctx.all("SELECT id, name, email FROM users ORDER BY id LIMIT ? OFFSET ?", [w.page.limit, w.page.offset])),
  w2: async (ctx) => {
    const posts = await ctx.all("SELECT id, user_id, title, views FROM posts");
    return belongsTo(posts, await ctx.whereIn("SELECT id, name, email FROM users", "id", distinct(posts, "user_id")), "user_id", "user");
  },
  // CROSS JOIN fixes SQLite's join order (pivot outer, tags by rowid). With `tags INNER JOIN tag_user` and a
  // few thousand keys in the IN list, the planner scans tags and probes the pivot per key: 20-30x slower.
  w3: async (ctx) => {
    const users = await ctx.all("SELECT id, name, email FROM users");
    const tags = await ctx.whereIn(
      "SELECT tags.id, tags.name, tag_user.user_id AS pivot_user_id FROM tag_user CROSS JOIN tags ON tags.id = tag_user.tag_id",
      "tag_user.user_id", ids(users));
    return hasMany(users, tags, "pivot_user_id", "tags");
  },
  w4: async (ctx) => {
    const authors = await ctx.all("SELECT id, name FROM authors");
    const books = await ctx.whereIn("SELECT id, author_id, title FROM books", "author_id", ids(authors));
    const chapters = await ctx.whereIn("SELECT id, book_id, title, pages FROM chapters", "book_id", ids(books));
    hasMany(books, chapters, "book_id", "chapters");
    return hasMany(authors, books, "author_id", "books");
  },
  w5: async (ctx) => {
    const morphMany = async (table, type) => {
      const parents = await ctx.all(`SELECT id, title FROM ${table}`);
      const comments = await ctx.whereIn("SELECT id, commentable_type, commentable_id, body FROM comments", "commentable_id",
        ids(parents), `commentable_type = '${type}' AND `);
      return hasMany(parents, comments, "commentable_id", "comments");
    };
    const posts = await morphMany("posts", "Post");
    const videos = await morphMany("videos", "Video");
    const comments = await ctx.all("SELECT id, commentable_type, commentable_id, body FROM comments");
    for (const [type, table] of [["Post", "posts"], ["Video", "videos"]]) {
      const ofType = comments.filter((c) => c.commentable_type === type);
      belongsTo(ofType, await ctx.whereIn(`SELECT id, title FROM ${table}`, "id", distinct(ofType, "commentable_id")), "commentable_id", "commentable");
    }
    return { posts, videos, comments };
  },
};

module.exports = {
  label: "raw sqlite3",
  floor: true,
  driver: "sqlite3",
  packages: ["sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  close: (ctx) =>
    new Promise((resolve) => {
      for (const s of ctx.cache.values()) s.finalize();
      ctx.db.close(() => resolve());
    }),
};
