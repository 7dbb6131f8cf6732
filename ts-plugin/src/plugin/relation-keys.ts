/**
 * What a relation resolves to, for hover. Tables, which model each key option names and the inferred key
 * names come from the engine (`ModelIndex`, `describeRelationKeys`), so the editor shows exactly what the
 * engine checks and the runtime queries.
 */
import type { ModelIndex, ModelInfo, RelationKey, RelationNode } from "eloquent-engine";
import type { LoadedEngine } from "eloquent-analyzer";

export function stringOption(relation: RelationNode, key: string): string | undefined {
  const options = relation.options as Record<string, unknown> | undefined;
  const value = options !== null && typeof options === "object" ? options[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

interface KeyText {
  text: string;
}

function key(table: string, column: string, option: string, inferred: boolean, why?: string): string {
  return `${table}.${column} (${inferred ? `inferred ${option}${why ? `: ${why}` : ""}` : option})`;
}

/** Hover text: what a relation resolves to and the query eager loading runs. */
export function describeRelation(declaring: ModelInfo, relation: RelationNode, engine: LoadedEngine, index: ModelIndex): string[] {
  const kind = typeof relation.kind === "string" ? relation.kind : undefined;
  const targetName = typeof relation.target === "string" ? relation.target : undefined;
  const target = targetName === undefined ? undefined : index.model(targetName);
  /** The table the engine resolved; a non-literal `static table` cannot be named. */
  const tableName = (model: ModelInfo) => model.table ?? "(not a literal)";
  const self = { name: tableName(declaring) };
  const lines: string[] = [`(eloquent) ${declaring.name}.${relation.name}: ${kind ?? "?"} → ${targetName ?? "(not a literal)"}`];
  const tableLine = (model: ModelInfo) =>
    `${model.name} → ${model.store === "mongo" ? "collection" : "table"} '${tableName(model)}'${model.table !== undefined && model.tableInferred ? " (inferred from the class name)" : ""}`;
  lines.push(tableLine(declaring));
  if (kind !== "morphTo") {
    if (!target) {
      lines.push(targetName === undefined ? "Target is not a literal: cannot verify." : `Target '${targetName}' is not a declared model.`);
      return lines;
    }
    if (target !== declaring) lines.push(tableLine(target));
  }
  const keys = engine.describeRelationKeys(index, declaring, relation);
  /** The key's column, or "?" when its option is written but not a usable name (a diagnostic says why). */
  const column = (key: RelationKey | undefined) => key?.name ?? "?";
  const inferred = (key: RelationKey | undefined) => key?.inferred === true;
  const out: KeyText[] = [];
  const mongo = declaring.store === "mongo";
  const inQuery = (table: string, column: string) =>
    mongo ? `db.${table}.find({ ${column}: { $in: [...] } })` : `select * from ${table} where ${column} in (?, ?, ...)`;
  switch (kind) {
    case "belongsTo": {
      const targetTable = tableName(target!);
      const fkName = column(keys.foreignKey);
      const ownerName = column(keys.ownerKey);
      out.push({
        text: `Keys: ${key(self.name, fkName, "foreignKey", inferred(keys.foreignKey), `<snake target>_id`)} → ${key(targetTable, ownerName, "ownerKey", inferred(keys.ownerKey), `${target!.name}'s primary key`)}`,
      });
      out.push({ text: `Eager load: ${inQuery(targetTable, ownerName)} — one query for all ${declaring.name} rows, matched by ${fkName}` });
      break;
    }
    case "hasOne":
    case "hasMany": {
      const targetTable = tableName(target!);
      const fkName = column(keys.foreignKey);
      const localName = column(keys.localKey);
      out.push({
        text: `Keys: ${key(targetTable, fkName, "foreignKey", inferred(keys.foreignKey), `<snake ${declaring.name}>_id`)} → ${key(self.name, localName, "localKey", inferred(keys.localKey), `${declaring.name}'s primary key`)}`,
      });
      out.push({ text: `Eager load: ${inQuery(targetTable, fkName)} — one query for all ${declaring.name} rows` });
      break;
    }
    case "belongsToMany": {
      const targetTable = tableName(target!);
      const owner = column(keys.ownerKey);
      const pivot = engine.pivotTableOf(index, relation);
      if (mongo && engine.mongoBelongsToManyMode(relation.options) === "array") {
        const field = column(keys.foreignKey);
        out.push({
          text: `Keys: ${self.name}.${field} (${inferred(keys.foreignKey) ? "inferred foreignKey: array of ids" : "foreignKey"}) → ${targetTable}.${owner}`,
        });
        out.push({ text: `Eager load: db.${targetTable}.find({ ${owner}: { $in: <every ${field}> } })` });
        break;
      }
      const pivotLocal = column(keys.pivotLocalKey);
      const pivotForeign = column(keys.pivotForeignKey);
      const local = column(keys.localKey);
      const pivotName = pivot ?? "(pivotTable missing)";
      const mark = (pivotKey: RelationKey | undefined, option: string) =>
        inferred(pivotKey) ? ` (inferred ${option}: not declared, the check asks for it)` : "";
      out.push({
        text: `${mongo ? "Pivot collection" : "Pivot"}: ${pivotName}.${pivotLocal}${mark(keys.pivotLocalKey, "pivotLocalKey")} → ${self.name}.${local}; ${pivotName}.${pivotForeign}${mark(keys.pivotForeignKey, "pivotForeignKey")} → ${targetTable}.${owner}`,
      });
      const pivotModel = stringOption(relation, "using");
      if (pivotModel !== undefined && !mongo)
        out.push({ text: `Pivot model: ${pivotModel} (related.pivot is a ${pivotModel}; pivot.save() updates its row)` });
      if (mongo) {
        out.push({
          text: `Eager load: db.${pivotName}.find({ ${pivotLocal}: { $in: [...] } }), then db.${targetTable}.find({ ${owner}: { $in: <every ${pivotForeign}> } }) — pivot collection, two queries`,
        });
        break;
      }
      out.push({
        text: `Eager load: select ${targetTable}.*, ${pivotName}.${pivotLocal} from ${targetTable} inner join ${pivotName} on ${pivotName}.${pivotForeign} = ${targetTable}.${owner} where ${pivotName}.${pivotLocal} in (?, ?, ...)`,
      });
      break;
    }
    case "morphOne":
    case "morphMany": {
      const morphName = engine.resolveMorphName(kind, relation.name, relation.options);
      if (morphName === undefined) {
        out.push({ text: "morphName missing: the _type/_id columns cannot be named." });
        break;
      }
      const columns = { type: column(keys.morphType), id: column(keys.morphId) };
      const targetTable = tableName(target!);
      const typeValue = engine.conventions.morphTypeValue(declaring.name, declaring.morphAlias);
      out.push({ text: `Morph columns on ${targetTable}: ${columns.type}, ${columns.id} (type value '${typeValue}')` });
      out.push({
        text: mongo
          ? `Eager load: db.${targetTable}.find({ ${columns.type}: '${typeValue}', ${columns.id}: { $in: [...] } })`
          : `Eager load: select * from ${targetTable} where ${columns.type} = '${typeValue}' and ${columns.id} in (?, ?, ...)`,
      });
      break;
    }
    case "morphTo": {
      const morphName = engine.resolveMorphName(kind, relation.name, relation.options) ?? relation.name;
      const columns = { type: column(keys.morphType), id: column(keys.morphId) };
      const parents = [...new Set(index.morphParentsOf(declaring.name, morphName).map((parent) => parent.model.name))].sort();
      out.push({
        text: `Morph columns on ${self.name}: ${columns.type}, ${columns.id}${stringOption(relation, "morphName") === undefined ? " (inferred from the relation name)" : ""}`,
      });
      out.push({ text: `Possible parents: ${parents.length > 0 ? parents.join(", ") : "none found"}` });
      out.push({
        text: `Eager load: one query per parent type found in ${columns.type}, e.g. select * from <parent table> where <parent key> in (?, ?, ...)`,
      });
      break;
    }
    case "hasOneThrough":
    case "hasManyThrough": {
      const throughName = engine.throughOf(relation.options);
      const through = throughName === undefined ? undefined : index.model(throughName);
      if (!through) {
        out.push({
          text: throughName === undefined ? "through missing: no intermediate model." : `Through '${throughName}' is not a declared model.`,
        });
        break;
      }
      const targetTable = tableName(target!);
      const throughTable = tableName(through);
      const first = column(keys.firstKey);
      const second = column(keys.secondKey);
      const secondLocal = column(keys.secondLocalKey);
      const local = column(keys.localKey);
      out.push({ text: `Through: ${tableLine(through)}` });
      out.push({
        text: `Keys: ${key(throughTable, first, "firstKey", inferred(keys.firstKey), `<snake ${declaring.name}>_id`)} → ${key(self.name, local, "localKey", inferred(keys.localKey), `${declaring.name}'s primary key`)}; ${key(targetTable, second, "secondKey", inferred(keys.secondKey), `<snake ${through.name}>_id`)} → ${key(throughTable, secondLocal, "secondLocalKey", inferred(keys.secondLocalKey), `${through.name}'s primary key`)}`,
      });
      out.push({
        text:
          mongo || through.store !== target!.store
            ? `Eager load: the ${throughTable} rows whose ${first} is in (?, ?, ...), then the ${targetTable} rows whose ${second} is in their ${secondLocal} — two queries`
            : `Eager load: select ${targetTable}.*, ${throughTable}.${first} from ${throughTable} inner join ${targetTable} on ${targetTable}.${second} = ${throughTable}.${secondLocal} where ${throughTable}.${first} in (?, ?, ...) — one query for all ${declaring.name} rows`,
      });
      break;
    }
    case "morphToMany":
    case "morphedByMany": {
      const pivotName = engine.pivotTableOf(index, relation);
      if (pivotName === undefined) {
        out.push({ text: "morphName missing: the pivot's _type/_id columns cannot be named." });
        break;
      }
      const targetTable = tableName(target!);
      const pivotLocal = column(keys.pivotLocalKey);
      const pivotForeign = column(keys.pivotForeignKey);
      const type = column(keys.morphType);
      const morphOwner = kind === "morphToMany" ? declaring : target!;
      const typeValue = engine.conventions.morphTypeValue(morphOwner.name, morphOwner.morphAlias);
      const using = stringOption(relation, "using");
      const inferredPivot =
        stringOption(relation, "pivotTable") !== undefined
          ? ""
          : using !== undefined && index.model(using) !== undefined
            ? ` (the table of pivot model ${using})`
            : " (inferred: the plural of morphName)";
      out.push({
        text: `Pivot: ${pivotName}${inferredPivot}: ${pivotName}.${pivotLocal} → ${self.name}.${column(keys.localKey)}; ${pivotName}.${pivotForeign} → ${targetTable}.${column(keys.ownerKey)}; ${pivotName}.${type} = '${typeValue}'`,
      });
      out.push({
        text: `Eager load: select ${targetTable}.*, ${pivotName}.${pivotLocal} from ${pivotName} inner join ${targetTable} on ${targetTable}.${column(keys.ownerKey)} = ${pivotName}.${pivotForeign} where ${pivotName}.${type} = '${typeValue}' and ${pivotName}.${pivotLocal} in (?, ?, ...)`,
      });
      break;
    }
    default:
      out.push({ text: "Unknown relation kind." });
  }
  const definition = definitionText(relation);
  if (definition !== undefined) out.push({ text: `Definition: ${definition} — on every read through the relation` });
  return [...lines, ...out.map((line) => line.text)];
}

/** A compared value as written: a literal, or the source text of an expression the extractor could not evaluate. */
function valueText(value: unknown): string {
  if (value !== null && typeof value === "object" && (value as { unverifiable?: unknown }).unverifiable === true) {
    return String((value as { text?: unknown }).text);
  }
  return typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

/** `[column, value]` / `[column, operator, value]` as `column op value`; undefined for another shape (a diagnostic says why). */
function conditionText(value: unknown): string | undefined {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3) || typeof value[0] !== "string") return undefined;
  const operator = value.length === 3 ? String(value[1]) : "=";
  return `${value[0]} ${operator} ${valueText(value[value.length - 1])}`;
}

/** The relation definition's own constraints (where, withTrashed, withoutGlobalScopes, wherePivot, as), for hover. */
function definitionText(relation: RelationNode): string | undefined {
  const options = relation.options as Record<string, unknown> | undefined;
  if (options === null || typeof options !== "object") return undefined;
  const parts: string[] = [];
  const where = conditionText(options.where);
  if (where !== undefined) parts.push(`where ${where}`);
  if (options.withTrashed === true) parts.push("soft-deleted rows included (withTrashed)");
  if (options.withoutGlobalScopes === true) parts.push("the target's global scopes dropped (withoutGlobalScopes)");
  const pivot = conditionText(options.wherePivot);
  if (pivot !== undefined) parts.push(`pivot ${pivot}`);
  if (typeof options.as === "string" && options.as !== "") parts.push(`pivot exposed as related.${options.as}`);
  return parts.length ? parts.join("; ") : undefined;
}
