// The README's blog models, written with no Attrs generic: every type below is inferred from `static schema`.
import { column, relation } from "eloquent-orm";
import { MongoModel, SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    email: column("string", 255, { nullable: true }),
    role: column("string", 20, { default: "member" }),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    profile: relation("hasOne", "Profile", { foreignKey: "user_id" }),
    draftPosts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    timestamps: column("timestamps"),
  };
}

export class Profile extends SqlModel {
  static tableName = "profiles";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    bio: column("text", undefined, { nullable: true }),
    user: relation("belongsTo", "User", { foreignKey: "user_id" }),
  };
}

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    views: column("int", undefined, { default: 0 }),
    published_at: column("timestamp", undefined, { nullable: true }),
    meta: column("json", undefined, { nullable: true }),
    user_id: column("int"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
    comments: relation("hasMany", "Comment", { foreignKey: "post_id" }),
    tags: relation("belongsToMany", "Tag", {
      pivotTable: "post_tags",
      pivotLocalKey: "post_id",
      pivotForeignKey: "tag_id",
      pivotColumns: ["added_by"],
    }),
  };
}

export class Comment extends SqlModel {
  static tableName = "comments";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("text"),
    post_id: column("int"),
    post: relation("belongsTo", "Post", { foreignKey: "post_id" }),
  };
}

export class Tag extends SqlModel {
  static tableName = "tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    label: column("string", 50),
  };
}

export class Photo extends MongoModel {
  static tableName = "photos";
  static schema = {
    id: column("objectId", undefined, { primary: true }),
    path: column("string"),
    size: column("bigint"),
    user_id: column("int"),
    owner: relation("belongsTo", "User", { foreignKey: "user_id" }),
  };
}

// What `eloquent types` writes (test/types/eloquent-models.d.ts is that file for these models).
declare module "eloquent-orm" {
  interface Models {
    User: typeof User;
    Profile: typeof Profile;
    Post: typeof Post;
    Comment: typeof Comment;
    Tag: typeof Tag;
    Photo: typeof Photo;
  }
}
