/**
 * Which model each key option of a relation names a column of, and what a relation resolves to — the
 * single place completions, go-to-definition and hover take this from. Names come from the engine's
 * own conventions module, so the editor shows exactly what the engine checks and the runtime queries.
 */
import type { ModelNode, RelationNode } from "eloquent-orm/engine";
import type { Conventions } from "../analysis/engine";

export type KeyOwner = { model: string } | { table: string } | undefined;

/** Whose column an option names: the declaring model, the target, or (pivot keys) the pivot table. */
export function keyOwner(kind: string | undefined, option: string, declaring: string, target: string | undefined, pivotTable: string | undefined): KeyOwner {
  const on = (model: string | undefined): KeyOwner => (model === undefined ? undefined : { model });
  switch (kind) {
    case "belongsTo":
      return option === "foreignKey" ? on(declaring) : option === "ownerKey" ? on(target) : undefined;
    case "hasOne":
    case "hasMany":
      return option === "foreignKey" ? on(target) : option === "localKey" ? on(declaring) : undefined;
    case "belongsToMany":
      if (option === "pivotLocalKey" || option === "pivotForeignKey") return pivotTable === undefined ? undefined : { table: pivotTable };
      if (option === "localKey" || option === "foreignKey") return on(declaring);
      return option === "ownerKey" ? on(target) : undefined;
    case "morphOne":
    case "morphMany":
      return option === "morphType" || option === "morphId" ? on(target) : option === "localKey" ? on(declaring) : undefined;
    case "morphTo":
      return option === "morphType" || option === "morphId" ? on(declaring) : option === "ownerKey" ? on(target) : undefined;
    default:
      return undefined;
  }
}

export function tableOf(model: ModelNode, conventions: Conventions): { name: string; inferred: boolean } {
  return typeof model.table === "string" ? { name: model.table, inferred: false } : { name: conventions.defaultTableName(model.name), inferred: true };
}

export function primaryKeyOf(model: ModelNode, conventions: Conventions): string {
  const primary = model.columns.find((column) => {
    const options = column.options as Record<string, unknown> | undefined;
    return options !== null && typeof options === "object" && options["primary"] === true;
  });
  return primary?.name ?? conventions.DEFAULT_PRIMARY_KEY;
}

export function stringOption(relation: RelationNode, key: string): string | undefined {
  const options = relation.options as Record<string, unknown> | undefined;
  const value = options !== null && typeof options === "object" ? options[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Models mapped to a table, and `static database.tables` entries: the columns of a pivot table. */
export function tableColumns(models: Iterable<ModelNode>, table: string, conventions: Conventions): { columns: string[]; declaredBy: ModelNode; model?: ModelNode } | undefined {
  for (const model of models) {
    if (tableOf(model, conventions).name === table) return { columns: model.columns.map((c) => c.name), declaredBy: model, model };
  }
  for (const model of models) {
    const database = model.database as { tables?: Record<string, { columns?: Record<string, unknown> }> } | undefined;
    const entry = database !== null && typeof database === "object" ? database.tables?.[table] : undefined;
    if (entry?.columns && typeof entry.columns === "object") return { columns: Object.keys(entry.columns), declaredBy: model };
  }
  return undefined;
}

interface KeyText {
  text: string;
}

function key(table: string, column: string, option: string, inferred: boolean, why?: string): string {
  return `${table}.${column} (${inferred ? `inferred ${option}${why ? `: ${why}` : ""}` : option})`;
}

/** Hover text: what a relation resolves to and the query eager loading runs. */
export function describeRelation(models: ReadonlyMap<string, ModelNode>, declaring: ModelNode, relation: RelationNode, conventions: Conventions): string[] {
  const kind = typeof relation.kind === "string" ? relation.kind : undefined;
  const targetName = typeof relation.target === "string" ? relation.target : undefined;
  const target = targetName === undefined ? undefined : models.get(targetName);
  const self = tableOf(declaring, conventions);
  const lines: string[] = [`(eloquent) ${declaring.name}.${relation.name}: ${kind ?? "?"} → ${targetName ?? "(not a literal)"}`];
  const tableLine = (model: ModelNode) => {
    const table = tableOf(model, conventions);
    return `${model.name} → ${model.store === "mongo" ? "collection" : "table"} '${table.name}'${table.inferred ? " (inferred from the class name)" : ""}`;
  };
  lines.push(tableLine(declaring));
  if (kind !== "morphTo") {
    if (!target) {
      lines.push(targetName === undefined ? "Target is not a literal: cannot verify." : `Target '${targetName}' is not a declared model.`);
      return lines;
    }
    if (target !== declaring) lines.push(tableLine(target));
  }
  const out: KeyText[] = [];
  const mongo = declaring.store === "mongo";
  const inQuery = (table: string, column: string) =>
    mongo ? `db.${table}.find({ ${column}: { $in: [...] } })` : `select * from ${table} where ${column} in (?, ?, ...)`;
  switch (kind) {
    case "belongsTo": {
      const fk = stringOption(relation, "foreignKey");
      const owner = stringOption(relation, "ownerKey");
      const targetTable = tableOf(target!, conventions).name;
      const fkName = fk ?? conventions.inferBelongsToForeignKey(target!.name);
      const ownerName = owner ?? primaryKeyOf(target!, conventions);
      out.push({ text: `Keys: ${key(self.name, fkName, "foreignKey", fk === undefined, `<snake target>_id`)} → ${key(targetTable, ownerName, "ownerKey", owner === undefined, `${target!.name}'s primary key`)}` });
      out.push({ text: `Eager load: ${inQuery(targetTable, ownerName)} — one query for all ${declaring.name} rows, matched by ${fkName}` });
      break;
    }
    case "hasOne":
    case "hasMany": {
      const fk = stringOption(relation, "foreignKey");
      const local = stringOption(relation, "localKey");
      const targetTable = tableOf(target!, conventions).name;
      const fkName = fk ?? conventions.inferHasForeignKey(declaring.name);
      const localName = local ?? primaryKeyOf(declaring, conventions);
      out.push({ text: `Keys: ${key(targetTable, fkName, "foreignKey", fk === undefined, `<snake ${declaring.name}>_id`)} → ${key(self.name, localName, "localKey", local === undefined, `${declaring.name}'s primary key`)}` });
      out.push({ text: `Eager load: ${inQuery(targetTable, fkName)} — one query for all ${declaring.name} rows` });
      break;
    }
    case "belongsToMany": {
      const targetTable = tableOf(target!, conventions).name;
      const owner = stringOption(relation, "ownerKey") ?? primaryKeyOf(target!, conventions);
      if (mongo) {
        const fk = stringOption(relation, "foreignKey");
        const field = fk ?? conventions.inferMongoReferenceArray(target!.name);
        out.push({ text: `Keys: ${self.name}.${field} (${fk === undefined ? "inferred foreignKey: array of ids" : "foreignKey"}) → ${targetTable}.${owner}` });
        out.push({ text: `Eager load: db.${targetTable}.find({ ${owner}: { $in: <every ${field}> } })` });
        break;
      }
      const pivot = stringOption(relation, "pivotTable");
      const explicitLocal = stringOption(relation, "pivotLocalKey");
      const explicitForeign = stringOption(relation, "pivotForeignKey");
      const pivotLocal = explicitLocal ?? conventions.inferPivotKey(declaring.name);
      const pivotForeign = explicitForeign ?? conventions.inferPivotKey(target!.name);
      const local = stringOption(relation, "localKey") ?? primaryKeyOf(declaring, conventions);
      const pivotName = pivot ?? "(pivotTable missing)";
      const mark = (explicit: string | undefined, option: string) => (explicit === undefined ? ` (inferred ${option}: not declared, the check asks for it)` : "");
      out.push({
        text: `Pivot: ${pivotName}.${pivotLocal}${mark(explicitLocal, "pivotLocalKey")} → ${self.name}.${local}; ${pivotName}.${pivotForeign}${mark(explicitForeign, "pivotForeignKey")} → ${targetTable}.${owner}`,
      });
      out.push({
        text: `Eager load: select ${targetTable}.*, ${pivotName}.${pivotLocal} from ${targetTable} inner join ${pivotName} on ${pivotName}.${pivotForeign} = ${targetTable}.${owner} where ${pivotName}.${pivotLocal} in (?, ?, ...)`,
      });
      break;
    }
    case "morphOne":
    case "morphMany": {
      const morphName = stringOption(relation, "morphName");
      if (morphName === undefined) {
        out.push({ text: "morphName missing: the _type/_id columns cannot be named." });
        break;
      }
      const columns = conventions.morphColumns(morphName, { morphType: stringOption(relation, "morphType"), morphId: stringOption(relation, "morphId") } as never);
      const targetTable = tableOf(target!, conventions).name;
      const typeValue = typeof declaring.morphAlias === "string" ? declaring.morphAlias : declaring.name;
      out.push({ text: `Morph columns on ${targetTable}: ${columns.type}, ${columns.id} (type value '${typeValue}')` });
      out.push({
        text: mongo
          ? `Eager load: db.${targetTable}.find({ ${columns.type}: '${typeValue}', ${columns.id}: { $in: [...] } })`
          : `Eager load: select * from ${targetTable} where ${columns.type} = '${typeValue}' and ${columns.id} in (?, ?, ...)`,
      });
      break;
    }
    case "morphTo": {
      const morphName = stringOption(relation, "morphName") ?? relation.name;
      const columns = conventions.morphColumns(morphName, { morphType: stringOption(relation, "morphType"), morphId: stringOption(relation, "morphId") } as never);
      const parents: string[] = [];
      for (const model of models.values()) {
        for (const candidate of model.relations) {
          if ((candidate.kind === "morphOne" || candidate.kind === "morphMany") && candidate.target === declaring.name && stringOption(candidate, "morphName") === morphName) {
            parents.push(model.name);
            break;
          }
        }
      }
      out.push({ text: `Morph columns on ${self.name}: ${columns.type}, ${columns.id}${stringOption(relation, "morphName") === undefined ? " (inferred from the relation name)" : ""}` });
      out.push({ text: `Possible parents: ${parents.length > 0 ? parents.join(", ") : "none found"}` });
      out.push({ text: `Eager load: one query per parent type found in ${columns.type}, e.g. select * from <parent table> where <parent key> in (?, ?, ...)` });
      break;
    }
    default:
      out.push({ text: "Unknown relation kind." });
  }
  return [...lines, ...out.map((line) => line.text)];
}
