"use strict";
/**
 * Sequelize 6 on its sqlite3 driver (compare with the raw sqlite3 floor for the driver's share).
 * hasMany includes use `separate: true` (one IN query per level, the documented advice for large
 * collections) instead of one giant JOIN; belongsTo and belongsToMany include by JOIN as usual.
 * Polymorphism per the Sequelize manual: scoped hasMany, and one belongsTo per type picked by type.
 */
function define(sequelize, DataTypes) {
  const opts = (tableName) => ({ tableName, timestamps: false });
  // Sequelize writes into attribute definitions (field names...): every attribute gets its own object.
  const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true });
  const str = () => ({ type: DataTypes.STRING, allowNull: false });
  const int = () => ({ type: DataTypes.INTEGER, allowNull: false });
  const User = sequelize.define("User", { id: pk(), name: str(), email: str() }, opts("users"));
  const Post = sequelize.define("Post", { id: pk(), user_id: int(), title: str(), views: int() }, opts("posts"));
  const Tag = sequelize.define("Tag", { id: pk(), name: str() }, opts("tags"));
  const TagUser = sequelize.define("TagUser", { user_id: { ...int(), primaryKey: true }, tag_id: { ...int(), primaryKey: true } }, opts("tag_user"));
  User.hasMany(Post, { foreignKey: "user_id", as: "posts" });
  Post.belongsTo(User, { foreignKey: "user_id", as: "user" });
  User.belongsToMany(Tag, { through: TagUser, foreignKey: "user_id", otherKey: "tag_id", as: "tags" });

  const Author = sequelize.define("Author", { id: pk(), name: str() }, opts("authors"));
  const Book = sequelize.define("Book", { id: pk(), author_id: int(), title: str() }, opts("books"));
  const Chapter = sequelize.define("Chapter", { id: pk(), book_id: int(), title: str(), pages: int() }, opts("chapters"));
  Author.hasMany(Book, { foreignKey: "author_id", as: "books" });
  Book.hasMany(Chapter, { foreignKey: "book_id", as: "chapters" });

  const MorphPost = sequelize.define("MorphPost", { id: pk(), title: str() }, opts("posts"));
  const Video = sequelize.define("Video", { id: pk(), title: str() }, opts("videos"));
  const Comment = sequelize.define("Comment",
    { id: pk(), commentable_type: str(), commentable_id: int(), body: str() }, opts("comments"));
  for (const [Parent, type, as] of [[MorphPost, "Post", "post"], [Video, "Video", "video"]]) {
    Parent.hasMany(Comment, { foreignKey: "commentable_id", constraints: false, scope: { commentable_type: type }, as: "comments" });
    Comment.belongsTo(Parent, { foreignKey: "commentable_id", constraints: false, as });
  }
  return { User, Post, Tag, Author, Book, Chapter, MorphPost, Video, Comment };
}

async function open({ dbFile }) {
  const { Sequelize, DataTypes } = require("sequelize");
  const sqlite3 = require("sqlite3");
  const sequelize = new Sequelize({ dialect: "sqlite", storage: dbFile, logging: false, dialectOptions: { mode: sqlite3.OPEN_READONLY } });
  await sequelize.authenticate();
  return { sequelize, m: define(sequelize, DataTypes) };
}

const usersWithPosts = (m, extra = {}) => m.User.findAll({ ...extra, include: [{ model: m.Post, as: "posts", separate: true }] });

const RUN = {
  w1: ({ m }) => usersWithPosts(m),
  w7: ({ m }) => usersWithPosts(m),
  w6: ({ m }, w) => usersWithPosts(m, { order: [["id", "ASC"]], limit: w.page.limit, offset: w.page.offset }),
  w2: ({ m }) => m.Post.findAll({ include: [{ model: m.User, as: "user" }] }),
  w3: ({ m }) => m.User.findAll({ include: [{ model: m.Tag, as: "tags", through: { attributes: [] } }] }),
  w4: ({ m }) =>
    m.Author.findAll({
      include: [{ model: m.Book, as: "books", separate: true, include: [{ model: m.Chapter, as: "chapters", separate: true }] }],
    }),
  w5: async ({ m }) => ({
    posts: await m.MorphPost.findAll({ include: [{ model: m.Comment, as: "comments", separate: true }] }),
    videos: await m.Video.findAll({ include: [{ model: m.Comment, as: "comments", separate: true }] }),
    comments: await m.Comment.findAll({ include: [{ model: m.MorphPost, as: "post" }, { model: m.Video, as: "video" }] }),
  }),
};

module.exports = {
  label: "Sequelize",
  driver: "sqlite3",
  packages: ["sequelize", "sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  plain(result, id) {
    if (id !== "w5") return result;
    for (const c of result.comments) c.commentable = c.commentable_type === "Post" ? c.post : c.video;
    return result;
  },
  close: (ctx) => ctx.sequelize.close(),
};
