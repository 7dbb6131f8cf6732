"use strict";
/**
 * Mongoose: schemas with virtual populate for the has-many side (`localField: "_id"`,
 * `foreignField`), `ref` + virtual `justOne` for belongsTo, nested `populate` for M4. Hydrated
 * documents by default; `mongoose-lean` is the same with `.lean()` (plain objects, Mongoose's
 * documented fast path).
 */
const mongoose = require("mongoose");
const { plainMongo } = require("../data");

function models(conn) {
  const { Schema } = mongoose;
  const opts = (collection) => ({ collection, versionKey: false, toObject: { virtuals: true } });
  const user = new Schema({ name: String, email: String }, opts("users"));
  user.virtual("posts", { ref: "User.Post", localField: "_id", foreignField: "user_id" });
  const post = new Schema({ user_id: { type: Schema.Types.ObjectId, ref: "User" }, title: String, views: Number }, opts("posts"));
  post.virtual("user", { ref: "User", localField: "user_id", foreignField: "_id", justOne: true });
  const author = new Schema({ name: String }, opts("authors"));
  author.virtual("books", { ref: "Book", localField: "_id", foreignField: "author_id" });
  const book = new Schema({ author_id: Schema.Types.ObjectId, title: String }, opts("books"));
  book.virtual("chapters", { ref: "Chapter", localField: "_id", foreignField: "book_id" });
  const chapter = new Schema({ book_id: Schema.Types.ObjectId, title: String, pages: Number }, opts("chapters"));
  return {
    User: conn.model("User", user),
    Post: conn.model("User.Post", post),
    Author: conn.model("Author", author),
    Book: conn.model("Book", book),
    Chapter: conn.model("Chapter", chapter),
  };
}

function peer(lean) {
  const q = (query) => (lean ? query.lean() : query);
  const RUN = {
    m1: ({ m }) => q(m.User.find({}).populate("posts")),
    m2: ({ m }) => q(m.Post.find({}).populate("user")),
    m4: ({ m }) => q(m.Author.find({}).populate({ path: "books", populate: { path: "chapters" } })),
  };
  return {
    label: lean ? "Mongoose .lean()" : "Mongoose",
    targets: ["server"],
    packages: ["mongoose"],
    open: async ({ url, database }) => {
      const conn = mongoose.createConnection(url, { dbName: database, serverSelectionTimeoutMS: 5_000, autoIndex: false });
      await conn.asPromise();
      return { conn, m: models(conn) };
    },
    run: (ctx, id) => RUN[id](ctx),
    plain: (result) => plainMongo(lean ? result : result.map((d) => d.toObject({ virtuals: true }))),
    close: (ctx) => ctx.conn.close(),
  };
}

module.exports = { peer };
