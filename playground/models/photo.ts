import { column, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";

export type PhotoAttrs = { id?: string; path?: string; imageable_type?: string; imageable_id?: string };

/** The seed's Photo, corrected: its attrs match its schema, and GeoLocation exists and points back. */
export class Photo extends MongoModel<PhotoAttrs> {
  static tableName = "photos";
  static schema = {
    path: column("string", 255),
    imageable_type: column("string", 255),
    imageable_id: column("objectId"),
    imageable: relation("morphTo", "GeoLocation", { morphName: "imageable" }),
    comments: relation("morphMany", "Comment", { morphName: "commentable" }),
  };
}
