"use strict";
/**
 * Deterministic SQLite databases, one file per workload, generated once and reused.
 *
 * Every peer reads the very same file, so differences come from the ORM, never from the data.
 * A file is rebuilt when DATA_VERSION changes (the stamp lives in the file's user_version pragma).
 */
const fs = require("node:fs");
const path = require("node:path");
const Database = require("better-sqlite3");

const DATA_VERSION = 3;
const DATA_DIR = path.resolve(__dirname, "..", ".data");

/** mulberry32: tiny seeded PRNG, so every run produces byte-identical rows. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["amber", "basalt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper",
  "kestrel", "lagoon", "meadow", "nimbus", "orchid", "prairie", "quartz", "river", "summit", "tundra"];

function words(rand, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(" ");
}

function insertMany(db, table, columns, rows) {
  const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  for (const row of rows) stmt.run(row);
}

/** users(id, name, email) + posts(id, user_id, title, views); children interleaved across parents like real data. */
function blog(db, { users, postsPerUser, seed }) {
  const rand = prng(seed);
  db.exec(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
    CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), title TEXT NOT NULL, views INTEGER NOT NULL);
    CREATE INDEX posts_user_id_index ON posts (user_id);
  `);
  insertMany(db, "users", ["id", "name", "email"], range(users, (i) => [i, `user ${i} ${words(rand, 2)}`, `user${i}@example.test`]));
  insertMany(db, "posts", ["id", "user_id", "title", "views"],
    range(users * postsPerUser, (i) => [i, ((i - 1) % users) + 1, words(rand, 4), Math.floor(rand() * 100000)]));
}

function tags(db, { users, tagsPerUser, tagCount, seed }) {
  const rand = prng(seed);
  db.exec(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE tag_user (user_id INTEGER NOT NULL REFERENCES users(id), tag_id INTEGER NOT NULL REFERENCES tags(id), PRIMARY KEY (user_id, tag_id));
    CREATE INDEX tag_user_tag_id_index ON tag_user (tag_id);
  `);
  insertMany(db, "users", ["id", "name", "email"], range(users, (i) => [i, `user ${i} ${words(rand, 2)}`, `user${i}@example.test`]));
  insertMany(db, "tags", ["id", "name"], range(tagCount, (i) => [i, `tag ${i} ${words(rand, 1)}`]));
  const pivot = [];
  for (let u = 1; u <= users; u++) {
    const chosen = new Set();
    while (chosen.size < tagsPerUser) chosen.add(1 + Math.floor(rand() * tagCount));
    for (const t of chosen) pivot.push([u, t]);
  }
  insertMany(db, "tag_user", ["user_id", "tag_id"], pivot);
}

function nested(db, { authors, booksPerAuthor, chaptersPerBook, seed }) {
  const rand = prng(seed);
  db.exec(`
    CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL);
    CREATE TABLE chapters (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books(id), title TEXT NOT NULL, pages INTEGER NOT NULL);
    CREATE INDEX books_author_id_index ON books (author_id);
    CREATE INDEX chapters_book_id_index ON chapters (book_id);
  `);
  const books = authors * booksPerAuthor;
  insertMany(db, "authors", ["id", "name"], range(authors, (i) => [i, `author ${i} ${words(rand, 2)}`]));
  insertMany(db, "books", ["id", "author_id", "title"], range(books, (i) => [i, ((i - 1) % authors) + 1, words(rand, 3)]));
  insertMany(db, "chapters", ["id", "book_id", "title", "pages"],
    range(books * chaptersPerBook, (i) => [i, ((i - 1) % books) + 1, words(rand, 3), 1 + Math.floor(rand() * 40)]));
}

/** Two parent types sharing one comments table through commentable_type / commentable_id. */
function morph(db, { parents, commentsPerParent, seed }) {
  const rand = prng(seed);
  db.exec(`
    CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
    CREATE TABLE videos (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
    CREATE TABLE comments (id INTEGER PRIMARY KEY, commentable_type TEXT NOT NULL, commentable_id INTEGER NOT NULL, body TEXT NOT NULL);
    CREATE INDEX comments_commentable_index ON comments (commentable_type, commentable_id);
  `);
  insertMany(db, "posts", ["id", "title"], range(parents, (i) => [i, `post ${i} ${words(rand, 3)}`]));
  insertMany(db, "videos", ["id", "title"], range(parents, (i) => [i, `video ${i} ${words(rand, 3)}`]));
  const total = parents * 2 * commentsPerParent;
  insertMany(db, "comments", ["id", "commentable_type", "commentable_id", "body"], range(total, (i) => {
    const type = i % 2 === 0 ? "Post" : "Video";
    return [i, type, (Math.floor((i - 1) / 2) % parents) + 1, words(rand, 5)];
  }));
}

function range(n, make) {
  const out = new Array(n);
  for (let i = 1; i <= n; i++) out[i - 1] = make(i);
  return out;
}

const DATABASES = {
  blog: (db) => blog(db, { users: 10_000, postsPerUser: 10, seed: 1 }),
  tags: (db) => tags(db, { users: 10_000, tagsPerUser: 5, tagCount: 1_000, seed: 2 }),
  nested: (db) => nested(db, { authors: 1_000, booksPerAuthor: 10, chaptersPerBook: 10, seed: 3 }),
  morph: (db) => morph(db, { parents: 10_000, commentsPerParent: 2, seed: 4 }),
  wide: (db) => blog(db, { users: 40_000, postsPerUser: 2, seed: 5 }),
};

/** Path of the database file for `name`, generating it first when missing or stale. */
function ensureDatabase(name) {
  const build = DATABASES[name];
  if (!build) throw new Error(`Unknown benchmark database "${name}". Expected one of: ${Object.keys(DATABASES).join(", ")}.`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `${name}.sqlite`);
  if (fs.existsSync(file)) {
    const db = new Database(file, { readonly: true });
    const version = db.pragma("user_version", { simple: true });
    db.close();
    if (version === DATA_VERSION) return file;
    fs.rmSync(file);
  }
  const tmp = `${file}.${process.pid}.tmp`;
  const db = new Database(tmp);
  db.pragma("journal_mode = DELETE");
  db.transaction(() => build(db))();
  db.pragma(`user_version = ${DATA_VERSION}`);
  db.exec("ANALYZE");
  db.close();
  fs.renameSync(tmp, file); // atomic: a half-written file is never picked up
  return file;
}

module.exports = { ensureDatabase, DATA_DIR, DATABASES };
