/** MongoModels over the Mongo bench data (embedded store, connection bench_mongo). */
import { column, MongoModel, relation } from "eloquent-orm";

export class User extends MongoModel<{ id?: string; n?: number; name?: string; posts?: Post[] }> {
  static connectionName = "bench_mongo";
  static tableName = "users";
  static schema = {
    n: column("int"),
    name: column("string", 255),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
  };
}

export class Post extends MongoModel<{ id?: string; user_id?: string; title?: string; comments?: Comment[] }> {
  static connectionName = "bench_mongo";
  static tableName = "posts";
  static schema = {
    user_id: column("objectId"),
    title: column("string", 255),
    comments: relation("hasMany", "Comment", { foreignKey: "post_id" }),
  };
}

export class Comment extends MongoModel<{ id?: string; post_id?: string; body?: string }> {
  static connectionName = "bench_mongo";
  static tableName = "comments";
  static schema = {
    post_id: column("objectId"),
    body: column("string", 255),
  };
}

export const ALL = [User, Post, Comment];
