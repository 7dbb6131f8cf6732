/**
 * Inlay hints for what the naming conventions inferred, shown where the code is read: the table of a class
 * without `static tableName`, and each key a relation does not write (`hasMany("Post")` → `foreignKey: user_id`,
 * a morph's `_type`/`_id` columns). The names come from the engine (`describeRelationKeys`, `modelTable`),
 * the same the rules check and the runtime queries.
 */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { KeyOption } from "eloquent-engine";
import type { Snapshot } from "eloquent-analyzer";
import { snapshotIndex } from "./snapshot-index";

/** Primary-key options are left out: they are the model's id, noise on every line (the hover shows them). */
const HINTED: readonly KeyOption[] = ["foreignKey", "pivotLocalKey", "pivotForeignKey", "morphType", "morphId"];

export function eloquentInlayHints(snapshot: Snapshot, sourceFile: TS.SourceFile, span: TS.TextSpan): TS.InlayHint[] {
  const engine = snapshot.engine;
  if (!engine) return [];
  const inSpan = (position: number) => position >= span.start && position <= span.start + span.length;
  const hints: TS.InlayHint[] = [];
  let index: ReturnType<typeof snapshotIndex> | undefined;
  for (const model of snapshot.extraction.graph.models) {
    const name = model.loc?.name;
    if (name?.file !== sourceFile.fileName) continue;
    index ??= snapshotIndex(snapshot, engine);
    const table = engine.modelTable(model);
    if (table?.inferred && inSpan(name.end)) {
      hints.push({
        text: `${model.store === "mongo" ? "collection" : "table"}: ${table.name}`,
        position: name.end,
        kind: ts.InlayHintKind.Type,
        whitespaceBefore: true,
      });
    }
    const declaring = index.models.find((candidate) => candidate.node === model);
    if (!declaring) continue;
    for (const relation of model.relations) {
      const at = relation.loc?.options ?? relation.loc?.target ?? relation.loc?.kind;
      if (!at || !inSpan(at.end)) continue;
      const keys = engine.describeRelationKeys(index, declaring, relation);
      const inferred = HINTED.flatMap((option) => {
        const key = keys[option];
        return key?.inferred ? [`${option}: ${key.name}`] : [];
      });
      if (inferred.length === 0) continue;
      hints.push({ text: inferred.join(", "), position: at.end, kind: ts.InlayHintKind.Parameter, whitespaceBefore: true });
    }
  }
  return hints;
}
