/** `eloquent-orm/Model`: the model base classes (mirrors the seed's `.../Model` subpath). */
export * from "./model";
export * from "./sql";
export * from "./mongo";
import "./install-lifecycle"; // model events and change tracking on MongoModel
