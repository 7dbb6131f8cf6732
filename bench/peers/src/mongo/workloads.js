"use strict";
/**
 * The Mongo leg's workloads: the SQL leg's W1, W2 and W4 shapes on MongoDB collections with
 * ObjectId keys (FKs stored as ObjectIds, as Mongoose `ref`s are). Sizes are a tenth of the SQL
 * leg's: FerretDB answers a `$in` by scanning the collection (its SQLite backend pushes down only
 * `_id` equality), so the SQL leg's 100k children take a minute per load there.
 */
const USER = ["id", "name", "email"];
const POST = ["id", "user_id", "title", "views"];

const many = (fields, rels) => ({ kind: "many", fields, rels });
const one = (fields, rels) => ({ kind: "one", fields, rels });

const SIZES = {
  blog: { users: 1_000, postsPerUser: 10 },
  nested: { authors: 100, booksPerAuthor: 10, chaptersPerBook: 10 },
};

const MONGO_WORKLOADS = {
  m1: {
    title: "M1 hasMany",
    description: `${SIZES.blog.users} users, each with ${SIZES.blog.postsPerUser} posts`,
    db: "blog",
    shape: many(USER, { posts: many(POST) }),
  },
  m2: {
    title: "M2 belongsTo",
    description: `${SIZES.blog.users * SIZES.blog.postsPerUser} posts, each with its author (${SIZES.blog.users} users)`,
    db: "blog",
    shape: many(POST, { user: one(USER) }),
  },
  m4: {
    title: "M4 nested",
    description: `${SIZES.nested.authors} authors → ${SIZES.nested.authors * SIZES.nested.booksPerAuthor} books → ${
      SIZES.nested.authors * SIZES.nested.booksPerAuthor * SIZES.nested.chaptersPerBook
    } chapters`,
    db: "nested",
    shape: many(["id", "name"], {
      books: many(["id", "author_id", "title"], { chapters: many(["id", "book_id", "title", "pages"]) }),
    }),
  },
};

module.exports = { MONGO_WORKLOADS, SIZES };
