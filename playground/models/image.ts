import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export type ImageAttrs = { id?: number; url?: string; imageable_type?: string; imageable_id?: number };

/** Polymorphic child of Post (images) and User (avatar): imageable_type holds "Post" or "User". */
export class Image extends SqlModel<ImageAttrs> {
  static tableName = "images";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    url: column("string", 1024),
    imageable_type: column("string", 64),
    imageable_id: column("int"),
    imageable: relation("morphTo", "Post", { morphName: "imageable" }),
  };
}
