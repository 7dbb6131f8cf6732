"use strict";
/**
 * eloquent (this repository's runtime, built to runtime/dist by `npx tsc -b runtime`), on its
 * knex + better-sqlite3 SQLite connection. Relations are declared in `static schema` and loaded
 * with `Model.query().with(...).get()`; every kind is native, including morphMany / morphTo.
 */
const fs = require("node:fs");
const path = require("node:path");

// run.js points this at a snapshot of runtime/dist taken when the run starts, so a rebuild of the
// workspace during a long run cannot change (or break) eloquent between cells.
const RUNTIME_DIR = process.env.ELOQUENT_RUNTIME_DIR || path.resolve(__dirname, "..", "..", "..", "..", "runtime");
const DIST = path.join(RUNTIME_DIR, "dist", "index.js");

function unavailable() {
  if (!fs.existsSync(DIST)) return `runtime not built: run \`npx tsc -b runtime\` at the repository root (${DIST} missing)`;
  const api = require(DIST);
  const missing = ["SqlModel", "column", "relation", "registerModels", "configureConnection", "closeAllConnections"].filter((k) => !(k in api));
  if (missing.length) return `runtime not ready: runtime/dist lacks ${missing.join(", ")}`;
  return null;
}

function blogModels({ SqlModel, column, relation }) {
  const id = () => column("increments", undefined, { primary: true });
  class User extends SqlModel {
    static connectionName = "bench";
    static schema = {
      id: id(),
      name: column("string", 255),
      email: column("string", 255),
      posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
      tags: relation("belongsToMany", "Tag", { pivotTable: "tag_user", pivotLocalKey: "user_id", pivotForeignKey: "tag_id" }),
    };
  }
  class Post extends SqlModel {
    static connectionName = "bench";
    static schema = {
      id: id(),
      user_id: column("int"),
      title: column("string", 255),
      views: column("int"),
      user: relation("belongsTo", "User", { foreignKey: "user_id" }),
    };
  }
  class Tag extends SqlModel {
    static connectionName = "bench";
    static schema = { id: id(), name: column("string", 255) };
  }
  class Author extends SqlModel {
    static connectionName = "bench";
    static schema = { id: id(), name: column("string", 255), books: relation("hasMany", "Book", { foreignKey: "author_id" }) };
  }
  class Book extends SqlModel {
    static connectionName = "bench";
    static schema = {
      id: id(),
      author_id: column("int"),
      title: column("string", 255),
      chapters: relation("hasMany", "Chapter", { foreignKey: "book_id" }),
    };
  }
  class Chapter extends SqlModel {
    static connectionName = "bench";
    static schema = { id: id(), book_id: column("int"), title: column("string", 255), pages: column("int") };
  }
  return { User, Post, Tag, Author, Book, Chapter };
}

/** The morph database: commentable_type holds the class names "Post" / "Video" (eloquent's default morph alias). */
function morphModels({ SqlModel, column, relation }) {
  const id = () => column("increments", undefined, { primary: true });
  class Post extends SqlModel {
    static connectionName = "bench";
    static schema = { id: id(), title: column("string", 255), comments: relation("morphMany", "Comment", { morphName: "commentable" }) };
  }
  class Video extends SqlModel {
    static connectionName = "bench";
    static schema = { id: id(), title: column("string", 255), comments: relation("morphMany", "Comment", { morphName: "commentable" }) };
  }
  class Comment extends SqlModel {
    static connectionName = "bench";
    static schema = {
      id: id(),
      commentable_type: column("string", 50),
      commentable_id: column("int"),
      body: column("text"),
      commentable: relation("morphTo", "Commentable", { morphName: "commentable" }),
    };
  }
  return { Post, Video, Comment };
}

function open({ dbFile, workload }) {
  const api = require(DIST);
  api.configureConnection("bench", { client: "sqlite", filename: dbFile });
  const m = workload.db === "morph" ? morphModels(api) : blogModels(api);
  api.registerModels(Object.values(m), { logger: false });
  return { api, m };
}

const RUN = {
  w1: ({ m }) => m.User.query().with("posts").get(),
  w7: ({ m }) => m.User.query().with("posts").get(),
  w6: ({ m }, w) => m.User.query().orderBy("id").limit(w.page.limit).offset(w.page.offset).with("posts").get(),
  w2: ({ m }) => m.Post.query().with("user").get(),
  w3: ({ m }) => m.User.query().with("tags").get(),
  w4: ({ m }) => m.Author.query().with("books.chapters").get(),
  w5: async ({ m }) => ({
    posts: await m.Post.query().with("comments").get(),
    videos: await m.Video.query().with("comments").get(),
    comments: await m.Comment.query().with("commentable").get(),
  }),
};

module.exports = {
  label: "eloquent",
  driver: "better-sqlite3",
  // eloquent loads its own better-sqlite3 (the workspace's): count statements on that copy.
  resolveFrom: RUNTIME_DIR,
  packages: [],
  versions: () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(RUNTIME_DIR, "package.json"), "utf8"));
    const { packageVersion } = require("../machine");
    const where = process.env.ELOQUENT_RUNTIME_DIR ? "snapshot of runtime/dist at the start of the run" : "workspace runtime/dist";
    return `eloquent-orm ${pkg.version} (${where}), knex ${packageVersion("knex", RUNTIME_DIR)}, better-sqlite3 ${packageVersion("better-sqlite3", RUNTIME_DIR)}`;
  },
  unavailable,
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  close: (ctx) => ctx.api.closeAllConnections(),
};
