"use strict";
/**
 * The seven workloads. `shape` is what the correctness gate compares: the listed fields and
 * relations, every list sorted by id, so peers may return rows in any order and any class.
 */
const USER = ["id", "name", "email"];
const POST = ["id", "user_id", "title", "views"];
const COMMENT = ["id", "commentable_type", "commentable_id", "body"];

const many = (fields, rels) => ({ kind: "many", fields, rels });
const one = (fields, rels) => ({ kind: "one", fields, rels });

const WORKLOADS = {
  w1: {
    title: "W1 hasMany",
    description: "10k users, each with 10 posts (100k children)",
    db: "blog",
    shape: many(USER, { posts: many(POST) }),
  },
  w2: {
    title: "W2 belongsTo",
    description: "100k posts, each with its author (10k users)",
    db: "blog",
    shape: many(POST, { user: one(USER) }),
  },
  w3: {
    title: "W3 belongsToMany",
    description: "10k users × 5 tags through tag_user (1k tags)",
    db: "tags",
    shape: many(USER, { tags: many(["id", "name"]) }),
  },
  w4: {
    title: "W4 nested",
    description: "1k authors → 10k books → 100k chapters",
    db: "nested",
    shape: many(["id", "name"], {
      books: many(["id", "author_id", "title"], { chapters: many(["id", "book_id", "title", "pages"]) }),
    }),
  },
  w5: {
    title: "W5 morph",
    description: "morphMany on 10k posts + 10k videos, morphTo on their 40k comments",
    db: "morph",
    shape: {
      kind: "lists",
      lists: {
        posts: many(["id", "title"], { comments: many(COMMENT) }),
        videos: many(["id", "title"], { comments: many(COMMENT) }),
        comments: many(COMMENT, { commentable: one(["id", "title"]) }),
      },
    },
  },
  w6: {
    title: "W6 page",
    description: "latency-bound page: 50 users (offset 5000, by id) with their 10 posts each",
    db: "blog",
    shape: many(USER, { posts: many(POST) }),
    // One page takes well under a millisecond: take many more samples so the median is stable.
    samplesPerRound: 20,
    page: { limit: 50, offset: 5000 },
  },
  w7: {
    title: "W7 40k parents",
    description: "40k users with 2 posts each: 40k keys is past SQLite's 32,766 bound parameters",
    db: "wide",
    shape: many(USER, { posts: many(POST) }),
  },
};

/** Largest IN list the raw floors send: below SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32,766). */
const IN_CHUNK = 30_000;

function chunks(values, size = IN_CHUNK) {
  if (values.length <= size) return [values];
  const out = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

module.exports = { WORKLOADS, IN_CHUNK, chunks };
