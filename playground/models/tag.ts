import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export type TagAttrs = { id?: number; name?: string };

export class Tag extends SqlModel<TagAttrs> {
  static tableName = "tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 64, { unique: true }),
    posts: relation("belongsToMany", "Post", {
      pivotTable: "post_tags",
      pivotLocalKey: "tag_id",
      pivotForeignKey: "post_id",
      pivotColumns: ["created_at"],
    }),
  };
}
