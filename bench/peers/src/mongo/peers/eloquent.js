"use strict";
/**
 * eloquent (runtime/dist): MongoModel classes with relations in `static schema`, loaded with
 * `Model.query().with(...).get()` — on the server through the official driver, or on the embedded
 * in-process store.
 */
const fs = require("node:fs");
const path = require("node:path");
const { RUNTIME_DIR, runtime, runtimeUnavailable, openBenchConnection } = require("./runtime");

function models({ MongoModel, column, relation }) {
  class User extends MongoModel {
    static connectionName = "bench";
    static schema = {
      name: column("string", 255),
      email: column("string", 255),
      posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    };
  }
  class Post extends MongoModel {
    static connectionName = "bench";
    static schema = {
      user_id: column("objectId"),
      title: column("string", 255),
      views: column("int"),
      user: relation("belongsTo", "User", { foreignKey: "user_id" }),
    };
  }
  class Author extends MongoModel {
    static connectionName = "bench";
    static schema = { name: column("string", 255), books: relation("hasMany", "Book", { foreignKey: "author_id" }) };
  }
  class Book extends MongoModel {
    static connectionName = "bench";
    static schema = {
      author_id: column("objectId"),
      title: column("string", 255),
      chapters: relation("hasMany", "Chapter", { foreignKey: "book_id" }),
    };
  }
  class Chapter extends MongoModel {
    static connectionName = "bench";
    static schema = { book_id: column("objectId"), title: column("string", 255), pages: column("int") };
  }
  return { User, Post, Author, Book, Chapter };
}

async function open(options) {
  const api = runtime();
  await openBenchConnection(options);
  const m = models(api);
  api.registerModels(Object.values(m), { logger: false });
  return { api, m };
}

const RUN = {
  m1: ({ m }) => m.User.query().with("posts").get(),
  m2: ({ m }) => m.Post.query().with("user").get(),
  m4: ({ m }) => m.Author.query().with("books.chapters").get(),
};

module.exports = {
  label: "eloquent",
  targets: ["server", "embedded"],
  packages: [],
  versions: () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(RUNTIME_DIR, "package.json"), "utf8"));
    const { packageVersion } = require("../../machine");
    return `eloquent-orm ${pkg.version} (workspace runtime/dist), mongodb ${packageVersion("mongodb", RUNTIME_DIR)}, mingo ${packageVersion("mingo", RUNTIME_DIR)}`;
  },
  unavailable: () => runtimeUnavailable(),
  open,
  run: (ctx, id) => RUN[id](ctx),
  close: (ctx) => ctx.api.closeAllConnections(),
};
