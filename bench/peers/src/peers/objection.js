"use strict";
/**
 * Objection.js 3 on knex (better-sqlite3 client). Eager loading with withGraphFetched (one query
 * per relation level). No polymorphic relations: morphMany is a HasMany with a type `filter`, and
 * morphTo is one BelongsToOne per parent type, picked by type afterwards (the documented recipe).
 */
function models(Model) {
  class User extends Model {
    static tableName = "users";
    static get relationMappings() {
      return {
        posts: { relation: Model.HasManyRelation, modelClass: Post, join: { from: "users.id", to: "posts.user_id" } },
        tags: {
          relation: Model.ManyToManyRelation,
          modelClass: Tag,
          join: { from: "users.id", through: { from: "tag_user.user_id", to: "tag_user.tag_id" }, to: "tags.id" },
        },
      };
    }
  }
  class Post extends Model {
    static tableName = "posts";
    static get relationMappings() {
      return { user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: "posts.user_id", to: "users.id" } } };
    }
  }
  class Tag extends Model {
    static tableName = "tags";
  }
  class Author extends Model {
    static tableName = "authors";
    static get relationMappings() {
      return { books: { relation: Model.HasManyRelation, modelClass: Book, join: { from: "authors.id", to: "books.author_id" } } };
    }
  }
  class Book extends Model {
    static tableName = "books";
    static get relationMappings() {
      return { chapters: { relation: Model.HasManyRelation, modelClass: Chapter, join: { from: "books.id", to: "chapters.book_id" } } };
    }
  }
  class Chapter extends Model {
    static tableName = "chapters";
  }
  const morphMany = (type, table) => ({
    relation: Model.HasManyRelation,
    modelClass: Comment,
    filter: (q) => q.where("commentable_type", type),
    join: { from: `${table}.id`, to: "comments.commentable_id" },
  });
  class MorphPost extends Model {
    static tableName = "posts";
    static get relationMappings() {
      return { comments: morphMany("Post", "posts") };
    }
  }
  class Video extends Model {
    static tableName = "videos";
    static get relationMappings() {
      return { comments: morphMany("Video", "videos") };
    }
  }
  class Comment extends Model {
    static tableName = "comments";
    static get relationMappings() {
      return {
        post: { relation: Model.BelongsToOneRelation, modelClass: MorphPost, join: { from: "comments.commentable_id", to: "posts.id" } },
        video: { relation: Model.BelongsToOneRelation, modelClass: Video, join: { from: "comments.commentable_id", to: "videos.id" } },
      };
    }
  }
  return { User, Post, Author, MorphPost, Video, Comment };
}

function open({ dbFile }) {
  const { Model } = require("objection");
  const knex = require("knex")({
    client: "better-sqlite3",
    connection: { filename: dbFile, options: { readonly: true } },
    useNullAsDefault: true,
  });
  Model.knex(knex);
  return { knex, m: models(Model) };
}

const RUN = {
  w1: ({ m }) => m.User.query().withGraphFetched("posts"),
  w7: ({ m }) => m.User.query().withGraphFetched("posts"),
  w6: ({ m }, w) => m.User.query().orderBy("id").limit(w.page.limit).offset(w.page.offset).withGraphFetched("posts"),
  w2: ({ m }) => m.Post.query().withGraphFetched("user"),
  w3: ({ m }) => m.User.query().withGraphFetched("tags"),
  w4: ({ m }) => m.Author.query().withGraphFetched("books.chapters"),
  w5: async ({ m }) => ({
    posts: await m.MorphPost.query().withGraphFetched("comments"),
    videos: await m.Video.query().withGraphFetched("comments"),
    comments: await m.Comment.query().withGraphFetched("[post, video]"),
  }),
};

module.exports = {
  label: "Objection",
  driver: "better-sqlite3",
  packages: ["objection", "knex", "better-sqlite3"],
  open,
  run: (ctx, id, workload) => RUN[id](ctx, workload),
  plain(result, id) {
    if (id !== "w5") return result;
    for (const c of result.comments) c.commentable = c.commentable_type === "Post" ? c.post : c.video;
    return result;
  },
  close: (ctx) => ctx.knex.destroy(),
};
