import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export type PostAttrs = {
  id?: number;
  user_id?: number;
  title?: string;
  body?: string;
  published?: boolean;
  created_at?: Date;
  updated_at?: Date;
};

/** The seed's Post, corrected: Tag exists and the post_tags pivot is declared (with an extra column). */
export class Post extends SqlModel<PostAttrs> {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    title: column("string", 255),
    body: column("text"),
    published: column("boolean", undefined, { default: false }),
    timestamps: column("timestamps"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
    tags: relation("belongsToMany", "Tag", {
      pivotTable: "post_tags",
      pivotLocalKey: "post_id",
      pivotForeignKey: "tag_id",
      pivotColumns: ["created_at"],
    }),
    images: relation("morphMany", "Image", { morphName: "imageable" }),
  };
  static database = {
    foreignKeys: [
      { name: "posts_user_id_fk", columns: ["user_id"], references: { table: "users", columns: ["id"] }, onDelete: "cascade" as const },
    ],
    indexes: [{ name: "posts_user_id_created_at_index", columns: ["user_id", "created_at"] }],
    tables: {
      post_tags: {
        columns: {
          post_id: column("int"),
          tag_id: column("int"),
          created_at: column("timestamp", undefined, { defaultNow: true }),
        },
        primary: ["post_id", "tag_id"],
        foreignKeys: [
          { columns: ["post_id"], references: { table: "posts", columns: ["id"] }, onDelete: "cascade" as const },
          { columns: ["tag_id"], references: { table: "tags", columns: ["id"] }, onDelete: "cascade" as const },
        ],
      },
    },
  };
}
