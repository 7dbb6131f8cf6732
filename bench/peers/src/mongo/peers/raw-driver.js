"use strict";
/**
 * The floor: raw collection calls — `find` of the parents, one `$in` per level on the FK (chunked
 * at 50k keys), Map stitching by hex key. On the server through the official driver's own
 * MongoClient; on the embedded store through the same collection calls on eloquent's in-process store.
 */
const { MongoClient } = require("mongodb");
const { plainMongo } = require("../data");
const { runtimeUnavailable, openBenchConnection } = require("./runtime");

const CHUNK = 50_000;

async function inChunks(collection, field, keys) {
  const out = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await collection.find({ [field]: { $in: keys.slice(i, i + CHUNK) } }).toArray()));
  return out;
}

function hasMany(parents, children, fk, as) {
  const byKey = new Map();
  for (const p of parents) {
    p[as] = [];
    byKey.set(p._id.toHexString(), p);
  }
  for (const c of children) byKey.get(c[fk].toHexString())[as].push(c);
  return parents;
}

async function withChildren(db, parents, collection, fk, as) {
  const children = await inChunks(db.collection(collection), fk, parents.map((p) => p._id));
  hasMany(parents, children, fk, as);
  return children;
}

const RUN = {
  m1: async (db) => {
    const users = await db.collection("users").find({}).toArray();
    await withChildren(db, users, "posts", "user_id", "posts");
    return users;
  },
  m2: async (db) => {
    const posts = await db.collection("posts").find({}).toArray();
    const keys = new Map();
    for (const p of posts) keys.set(p.user_id.toHexString(), p.user_id);
    const byKey = new Map((await inChunks(db.collection("users"), "_id", [...keys.values()])).map((u) => [u._id.toHexString(), u]));
    for (const p of posts) p.user = byKey.get(p.user_id.toHexString()) ?? null;
    return posts;
  },
  m4: async (db) => {
    const authors = await db.collection("authors").find({}).toArray();
    const books = await withChildren(db, authors, "books", "author_id", "books");
    await withChildren(db, books, "chapters", "book_id", "chapters");
    return authors;
  },
};

async function open({ target, url, database, workload }) {
  if (target === "embedded") return { db: (await openBenchConnection({ target, url, database, workload })).db };
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  return { client, db: client.db(database) };
}

module.exports = {
  label: "raw driver + Map (floor)",
  targets: ["server", "embedded"],
  packages: ["mongodb"],
  unavailable: ({ target }) => (target === "embedded" ? runtimeUnavailable() : null),
  open,
  run: (ctx, id) => RUN[id](ctx.db),
  plain: (result) => plainMongo(result),
  close: async (ctx) => {
    if (ctx.client) await ctx.client.close();
    else await require("./runtime").runtime().closeAllConnections();
  },
};
