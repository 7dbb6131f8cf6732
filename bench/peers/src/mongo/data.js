"use strict";
/**
 * Deterministic Mongo data: the same documents (ObjectIds included) on every target, so the server
 * and the embedded store give the same canonical output. `db` is anything with the driver's
 * `collection(name).insertMany / drop` (a driver `Db`, or eloquent's embedded store).
 */
const { SIZES } = require("./workloads");

/** A fixed ObjectId hex: a one-byte collection tag, then the row number. */
const oid = (tag, n) => tag.toString(16).padStart(2, "0") + n.toString(16).padStart(22, "0");

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const COLLECTIONS = { blog: ["users", "posts"], nested: ["authors", "books", "chapters"] };

function documents(name, ObjectId) {
  const rand = prng(name === "blog" ? 17 : 23);
  const id = (tag, n) => new ObjectId(oid(tag, n));
  if (name === "blog") {
    const { users, postsPerUser } = SIZES.blog;
    const u = [];
    const p = [];
    for (let i = 1; i <= users; i++) {
      u.push({ _id: id(1, i), name: `user ${i}`, email: `user${i}@example.com` });
      for (let j = 1; j <= postsPerUser; j++) {
        const n = (i - 1) * postsPerUser + j;
        p.push({ _id: id(2, n), user_id: id(1, i), title: `post ${n}`, views: Math.floor(rand() * 10_000) });
      }
    }
    return { users: u, posts: p };
  }
  const { authors, booksPerAuthor, chaptersPerBook } = SIZES.nested;
  const a = [];
  const b = [];
  const c = [];
  for (let i = 1; i <= authors; i++) {
    a.push({ _id: id(3, i), name: `author ${i}` });
    for (let j = 1; j <= booksPerAuthor; j++) {
      const bn = (i - 1) * booksPerAuthor + j;
      b.push({ _id: id(4, bn), author_id: id(3, i), title: `book ${bn}` });
      for (let k = 1; k <= chaptersPerBook; k++) {
        const cn = (bn - 1) * chaptersPerBook + k;
        c.push({ _id: id(5, cn), book_id: id(4, bn), title: `chapter ${cn}`, pages: 1 + Math.floor(rand() * 40) });
      }
    }
  }
  return { authors: a, books: b, chapters: c };
}

/** Drops and refills the collections of data set `name`, with the FK indexes a migrate would create. */
async function seed(db, name, ObjectId) {
  const docs = documents(name, ObjectId);
  for (const [collection, rows] of Object.entries(docs)) {
    const c = db.collection(collection);
    await c.drop().catch(() => {}); // absent on a fresh database
    for (let i = 0; i < rows.length; i += 5_000) await c.insertMany(rows.slice(i, i + 5_000));
  }
  const fk = { posts: "user_id", books: "author_id", chapters: "book_id" };
  for (const [collection, field] of Object.entries(fk)) {
    if (docs[collection]) await db.collection(collection).createIndex({ [field]: 1 });
  }
}

/** Documents to plain rows for the gate: `_id` → `id`, ObjectIds → hex strings, recursively. */
function plainMongo(value) {
  if (value === null || value === undefined || typeof value !== "object") return value;
  if (value._bsontype === "ObjectId" || value._bsontype === "ObjectID") return value.toHexString();
  if (Array.isArray(value)) return value.map(plainMongo);
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k === "_id" ? "id" : k] = plainMongo(v);
  return out;
}

module.exports = { seed, plainMongo, COLLECTIONS };
