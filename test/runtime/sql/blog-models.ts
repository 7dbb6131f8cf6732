/** The SQL blog used by the runtime suite: every relation kind, timestamps, soft deletes, casts. */
import { column, relation, registerModels, SqlModel } from "eloquent-orm";

// Relation values are typed by listing them in the attributes type (they are read-only views of
// what was loaded; reading one that was not loaded throws a clear error).
export type UserAttrs = {
  id?: number;
  name?: string;
  email?: string | null;
  active?: boolean;
  settings?: Record<string, unknown> | null;
  created_at?: Date;
  updated_at?: Date;
  posts?: Post[];
  profile?: Profile | null;
};
export type ProfileAttrs = { id?: number; user_id?: number; bio?: string | null; user?: User | null };
export type PostAttrs = {
  id?: number;
  user_id?: number;
  title?: string;
  published?: boolean;
  deleted_at?: Date | null;
  created_at?: Date;
  updated_at?: Date;
  author?: User | null;
  tags?: Tag[];
  comments?: Comment[];
};
export type TagAttrs = { id?: number; name?: string; posts?: Post[] };
export type CommentAttrs = {
  id?: number;
  body?: string;
  commentable_type?: string;
  commentable_id?: number;
  commentable?: Post | Video | null;
};
export type VideoAttrs = { id?: number; title?: string; comments?: Comment[]; thumbnail?: Comment | null };

export class User extends SqlModel<UserAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255, { notNull: true }),
    email: column("string", 255, { nullable: true }),
    active: column("boolean", undefined, { default: true }),
    settings: column("json", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    profile: relation("hasOne", "Profile"),
  };
}

export class Profile extends SqlModel<ProfileAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    bio: column("text", undefined, { nullable: true }),
    user: relation("belongsTo", "User"),
  };
}

export class Post extends SqlModel<PostAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int", undefined, { index: true }),
    title: column("string", 255),
    published: column("boolean", undefined, { default: false }),
    timestamps: column("timestamps"),
    deleted_at: column("softDeletes"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
    tags: relation("belongsToMany", "Tag", {
      pivotTable: "post_tags",
      pivotLocalKey: "post_id",
      pivotForeignKey: "tag_id",
      pivotColumns: ["role", "created_at"],
    }),
    comments: relation("morphMany", "Comment", { morphName: "commentable" }),
  };
  static database = {
    foreignKeys: [
      { name: "posts_user_id_fk", columns: ["user_id"], references: { table: "users", columns: ["id"] }, onDelete: "cascade" as const },
    ],
    indexes: [{ name: "posts_user_published_idx", columns: ["user_id", "published"] }],
  };
}

export class Tag extends SqlModel<TagAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100, { unique: true }),
    posts: relation("belongsToMany", "Post", { pivotTable: "post_tags", pivotLocalKey: "tag_id", pivotForeignKey: "post_id" }),
  };
}

export class Video extends SqlModel<VideoAttrs> {
  static connectionName = "test";
  static morphAlias = "video";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    comments: relation("morphMany", "Comment", { morphName: "commentable" }),
    thumbnail: relation("morphOne", "Comment", { morphName: "commentable" }),
  };
}

export class Comment extends SqlModel<CommentAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("text"),
    commentable_type: column("string", 50),
    commentable_id: column("int"),
    commentable: relation("morphTo", "Commentable", { morphName: "commentable" }),
  };
}

export const BLOG = [User, Profile, Post, Tag, Video, Comment] as const;

export function registerBlog(): void {
  registerModels([...BLOG], { logger: false });
}
