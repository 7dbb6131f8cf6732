/** The eloquent models over the bench blog (sql-fixture.ts). */
import { column, relation, SqlModel } from "eloquent-orm";

type Row = { id?: number };

export class User extends SqlModel<Row & { name?: string; posts?: Post[] }> {
  static connectionName = "bench";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string"),
    posts: relation("hasMany", "Post"),
  };
}

export class Post extends SqlModel<Row & { user_id?: number; title?: string; author?: User; tags?: Tag[]; comments?: Comment[] }> {
  static connectionName = "bench";
  static morphAlias = "post";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    title: column("string"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
    tags: relation("belongsToMany", "Tag", { pivotTable: "post_tags", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
    comments: relation("hasMany", "Comment"),
    notes: relation("morphMany", "Note", { morphName: "notable" }),
  };
}

export class Tag extends SqlModel<Row & { name?: string }> {
  static connectionName = "bench";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string"),
  };
}

export class Comment extends SqlModel<Row & { post_id?: number; body?: string }> {
  static connectionName = "bench";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    post_id: column("int"),
    body: column("string"),
    post: relation("belongsTo", "Post"),
  };
}

export class Video extends SqlModel<Row & { title?: string; notes?: Note[] }> {
  static connectionName = "bench";
  static morphAlias = "video";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string"),
    notes: relation("morphMany", "Note", { morphName: "notable" }),
  };
}

export class Note extends SqlModel<Row & { notable_type?: string; notable_id?: number; body?: string; notable?: Post | Video }> {
  static connectionName = "bench";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    notable_type: column("string", 50),
    notable_id: column("int"),
    body: column("string"),
    notable: relation("morphTo", "Notable", { morphName: "notable" }),
  };
}

export const ALL = [User, Post, Tag, Comment, Video, Note];
