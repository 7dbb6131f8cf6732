/** The deliberately broken models, in declaration order (see README.md). */
import * as shop from "./shop";
import * as catalog from "./catalog";
import * as media from "./media";
import * as journeys from "./journeys";

export const brokenFiles = { "shop.ts": shop, "catalog.ts": catalog, "media.ts": media, "journeys.ts": journeys } as const;

/** Declaration order inside each file (a namespace object lists exports alphabetically). */
export const brokenModels = [
  shop.Shop,
  shop.Employee,
  shop.Badge,
  shop.Holder,
  shop.Warehouse,
  shop.Shelf,
  catalog.Product,
  catalog.Category,
  catalog.Variant,
  catalog.ProductCopy,
  catalog.Review,
  catalog.Voter,
  catalog.Draft,
  media.Article,
  media.Remark,
  media.Reaction,
  media.Medium,
  media.Like,
  media.Sticker,
  journeys.Country,
  journeys.Writer,
  journeys.Editor,
  journeys.Story,
  journeys.Label,
  journeys.Labelable,
] as const;
