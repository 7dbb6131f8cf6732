import { column, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";

export type GeoLocationAttrs = { id?: string; name?: string; lat?: number; lng?: number };

/** The parent the seed's Photo.imageable points at (missing in the seed). */
export class GeoLocation extends MongoModel<GeoLocationAttrs> {
  static tableName = "geo_locations";
  static schema = {
    name: column("string", 255),
    lat: column("float"),
    lng: column("float"),
    photos: relation("morphMany", "Photo", { morphName: "imageable" }),
  };
}
