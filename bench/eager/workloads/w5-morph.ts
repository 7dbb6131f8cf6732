/** W5: polymorphic — 20k notes → morphTo over 2 parent types (10k posts, 10k videos), and 10k videos → morphMany notes. */
import { defineWorkload } from "../harness";
import { distinct, eloquentRunner, groupBy, knexIn, knexRunner, rawRunner, seedBlog, type SqlContext } from "../sql-fixture";

type R = Record<string, any>;
const canonical = ({ notes, videos }: { notes: R[]; videos: R[] }) => [
  notes.map((n) => [n.id, n.notable_type, n.notable ? [n.notable.id, n.notable.title] : null]),
  videos.map((v) => [v.id, (v.notes as R[]).map((n) => n.id)]),
];

const TABLES: Record<string, string> = { post: "posts", video: "videos" };

function stitchMorphTo(notes: R[], parentsByType: Map<string, Map<unknown, R>>) {
  for (const n of notes) n.notable = parentsByType.get(n.notable_type)?.get(n.notable_id) ?? null;
}

export default defineWorkload<SqlContext>({
  id: "W5",
  title: "morphTo/morphMany: 20k notes over posts+videos (10k each); 10k videos with notes",
  setup: seedBlog,
  subject: "eloquent",
  implementations: {
    eloquent: (ctx) =>
      eloquentRunner(
        ctx,
        async ({ Note, Video }) => ({ notes: await Note.with("notable").get(), videos: await Video.with("notes").get() }),
        canonical,
      ),
    knex: (ctx) =>
      knexRunner(
        ctx,
        async (knex) => {
          const notes = (await knex("notes").select("notes.*")) as R[];
          const byType = groupBy(notes, "notable_type");
          const parents = new Map<string, Map<unknown, R>>();
          for (const [type, rows] of byType) {
            const found = await knexIn(knex, TABLES[type as string]!, "id", distinct(rows, "notable_id"));
            parents.set(type as string, new Map(found.map((r) => [r.id, r])));
          }
          stitchMorphTo(notes, parents);
          const videos = (await knex("videos").select("videos.*")) as R[];
          const vn = groupBy(
            await knexIn(knex, "notes", "notable_id", distinct(videos, "id"), (qb) => qb.where("notes.notable_type", "video")),
            "notable_id",
          );
          for (const v of videos) v.notes = vn.get(v.id) ?? [];
          return { notes, videos };
        },
        canonical,
      ),
    "better-sqlite3": (ctx) =>
      rawRunner(
        ctx,
        (raw) => {
          const notes = raw.all("select * from notes") as R[];
          const parents = new Map<string, Map<unknown, R>>();
          for (const [type, rows] of groupBy(notes, "notable_type")) {
            const found = raw.selectIn(`select * from ${TABLES[type as string]} where id in`, distinct(rows, "notable_id"));
            parents.set(type as string, new Map(found.map((r) => [r.id, r])));
          }
          stitchMorphTo(notes, parents);
          const videos = raw.all("select * from videos") as R[];
          const vn = groupBy(
            raw.selectIn("select * from notes where notable_type = 'video' and notable_id in", distinct(videos, "id")),
            "notable_id",
          );
          for (const v of videos) v.notes = vn.get(v.id) ?? [];
          return { notes, videos };
        },
        canonical,
      ),
  },
});
