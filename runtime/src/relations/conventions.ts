/**
 * Naming conventions for inferred names. They come from the rule engine's conventions module so a
 * name the checker reports ("inferred foreignKey 'user_id'") is exactly the column the runtime queries.
 */
export {
  snakeCase,
  pluralize,
  defaultTableName,
  inferBelongsToForeignKey,
  inferHasForeignKey,
  inferPivotKey,
  defaultPivotTable as inferPivotTable,
  inferMongoReferenceArray as inferDocumentReferenceField,
} from "eloquent-engine";
import { morphColumns } from "eloquent-engine";

/** `<morphName>_type`. */
export function morphTypeColumn(morphName: string): string {
  return morphColumns(morphName).type;
}
/** `<morphName>_id`. */
export function morphIdColumn(morphName: string): string {
  return morphColumns(morphName).id;
}
