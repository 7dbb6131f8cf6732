import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export type UserAttrs = { id?: number; name?: string; email?: string; created_at?: Date; updated_at?: Date };

export class User extends SqlModel<UserAttrs> {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    email: column("string", 255, { unique: true }),
    timestamps: column("timestamps"),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    profile: relation("hasOne", "Profile", { foreignKey: "user_id" }),
    avatar: relation("morphOne", "Image", { morphName: "imageable" }),
  };
}
