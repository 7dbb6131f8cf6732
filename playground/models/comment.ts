import { column, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";

export type CommentAttrs = { id?: string; body?: string; commentable_type?: string; commentable_id?: string };

/**
 * The seed's Mongo Comment, corrected: its morphTo targets Photo (the parent that really declares
 * morphMany 'commentable'), and ids are ObjectIds — a Mongo document has no auto-increment `id`.
 */
export class Comment extends MongoModel<CommentAttrs> {
  static tableName = "comments";
  static schema = {
    body: column("string", 255),
    commentable_type: column("string", 255),
    commentable_id: column("objectId"),
    commentable: relation("morphTo", "Photo", { morphName: "commentable" }),
  };
}
