/** The playground's correct models: the seed's scenarios, corrected. Zero diagnostics. */
import { Comment } from "./comment";
import { GeoLocation } from "./geo-location";
import { Image } from "./image";
import { Photo } from "./photo";
import { Post } from "./post";
import { Profile } from "./profile";
import { Tag } from "./tag";
import { User } from "./user";

export { Comment, GeoLocation, Image, Photo, Post, Profile, Tag, User };

/** SQL blog: users, profiles, posts, tags (pivot post_tags) and polymorphic images. */
export const sqlModels = [User, Profile, Post, Tag, Image] as const;

/** Mongo: the seed's Comment and Photo, plus the GeoLocation Photo points at. */
export const mongoModels = [Comment, Photo, GeoLocation] as const;
