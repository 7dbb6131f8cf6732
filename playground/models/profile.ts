import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export type ProfileAttrs = { id?: number; user_id?: number; bio?: string | null };

export class Profile extends SqlModel<ProfileAttrs> {
  static tableName = "profiles";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int", undefined, { unique: true }),
    bio: column("text", undefined, { nullable: true }),
    user: relation("belongsTo", "User", { foreignKey: "user_id" }),
  };
  static database = {
    foreignKeys: [
      { name: "profiles_user_id_fk", columns: ["user_id"], references: { table: "users", columns: ["id"] }, onDelete: "cascade" as const },
    ],
  };
}
