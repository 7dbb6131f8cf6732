"use strict";
/**
 * Floor 2: raw knex (better-sqlite3 client). The same queries as the better-sqlite3 floor, built
 * with knex's query builder, stitched with Maps: the cost eloquent pays just for being on knex.
 */
const { chunks } = require("../workloads");
const { hasMany, belongsTo, distinct, ids } = require("../stitch");

function open({ dbFile }) {
  const knex = require("knex")({
    client: "better-sqlite3",
    connection: { filename: dbFile, options: { readonly: true } },
    useNullAsDefault: true,
  });
  return { knex };
}

async function whereIn(query, column, keys) {
  const out = [];
  for (const part of chunks(keys)) {
    for (const r of await query().whereIn(column, part)) out.push(r);
  }
  return out;
}

async function usersWithPosts(knex, users) {
  const posts = await whereIn(() => knex("posts").select("id", "user_id", "title", "views"), "user_id", ids(users));
  return hasMany(users, posts, "user_id", "posts");
}

const RUN = {
  w1: async ({ knex }) => usersWithPosts(knex, await knex("users").select("id", "name", "email")),
  w7: async ({ knex }) => usersWithPosts(knex, await knex("users").select("id", "name", "email")),
  w6: async ({ knex }, w) =>
    usersWithPosts(knex, await knex("users").select("id", "name", "email").orderBy("id").limit(w.page.limit).offset(w.page.offset)),
  w2: async ({ knex }) => {
    const posts = await knex("posts").select("id", "user_id", "title", "views");
    const users = await whereIn(() => knex("users").select("id", "name", "email"), "id", distinct(posts, "user_id"));
    return belongsTo(posts, users, "user_id", "user");
  },
  // CROSS JOIN pins SQLite's join order (see raw-better-sqlite3.js).
  w3: async ({ knex }) => {
    const users = await knex("users").select("id", "name", "email");
    const tags = await whereIn(
      () => knex("tag_user").crossJoin("tags", "tags.id", "tag_user.tag_id").select("tags.id", "tags.name", "tag_user.user_id as pivot_user_id"),
      "tag_user.user_id", ids(users));
    return hasMany(users, tags, "pivot_user_id", "tags");
  },
  w4: async ({ knex }) => {
    const authors = await knex("authors").select("id", "name");
    const books = await whereIn(() => knex("books").select("id", "author_id", "title"), "author_id", ids(authors));
    const chapters = await whereIn(() => knex("chapters").select("id", "book_id", "title", "pages"), "book_id", ids(books));
    hasMany(books, chapters, "book_id", "chapters");
    return hasMany(authors, books, "author_id", "books");
  },
  w5: async ({ knex }) => {
    const comment = () => knex("comments").select("id", "commentable_type", "commentable_id", "body");
    const morphMany = async (table, type) => {
      const parents = await knex(table).select("id", "title");
      const comments = await whereIn(() => comment().where("commentable_type", type), "commentable_id", ids(parents));
      return hasMany(parents, comments, "commentable_id", "comments");
    };
    const posts = await morphMany("posts", "Post");
    const videos = await morphMany("videos", "Video");
    const comments = await comment();
    for (const [type, table] of [["Post", "posts"], ["Video", "videos"]]) {
      const ofType = comments.filter((c) => c.commentable_type === type);
      const owners = await whereIn(() => knex(table).select("id", "title"), "id", distinct(ofType, "commentable_id"));
      belongsTo(ofType, owners, "commentable_id", "commentable");
    }
    return { posts, videos, comments };
  },
};

module.exports = {
  label: "raw knex",
  floor: true,
  driver: "better-sqlite3",
  packages: ["knex", "better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  close: (ctx) => ctx.knex.destroy(),
};
