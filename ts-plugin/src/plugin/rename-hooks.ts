/**
 * Rename and find-all-references that also cover the strings naming a model, relation or column (see
 * string-references.ts). TypeScript's own answer is kept and extended; from a string, TypeScript is asked at
 * the declaration the string names, so renaming from `"Post"` renames the class too.
 */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { Snapshot } from "eloquent-analyzer";
import { entityAt, keepStoredNamesLocation, stringOccurrences, type Entity, type EntityAt } from "./string-references";

type Guard = <T>(hook: string, fallback: () => T, run: () => T) => T;
type Context = (fileName: string) => { program: TS.Program; sourceFile: TS.SourceFile; snapshot: Snapshot } | undefined;

const nameOf = (entity: Entity) => (entity.kind === "model" ? entity.model : entity.kind === "relation" ? entity.relation : entity.column);

export function withStringReferences(proxy: TS.LanguageService, inner: TS.LanguageService, guard: Guard, context: Context): void {
  const lookup = (fileName: string, position: number): { found: EntityAt; state: NonNullable<ReturnType<Context>> } | undefined => {
    const state = context(fileName);
    const found = state && entityAt(state.snapshot, state.program, state.sourceFile, position);
    return found && state ? { found, state } : undefined;
  };

  proxy.getRenameInfo = (fileName, position, ...rest: unknown[]) => {
    const prior = () => (inner.getRenameInfo as (...args: unknown[]) => TS.RenameInfo)(fileName, position, ...rest);
    return guard("getRenameInfo", prior, () => {
      const hit = lookup(fileName, position);
      if (!hit?.found.inString) return prior();
      const name = nameOf(hit.found.entity);
      const kind = hit.found.entity.kind === "model" ? ts.ScriptElementKind.classElement : ts.ScriptElementKind.memberVariableElement;
      return { canRename: true, displayName: name, fullDisplayName: name, kind, kindModifiers: "", triggerSpan: hit.found.inString };
    });
  };

  proxy.findRenameLocations = (
    fileName: string,
    position: number,
    findInStrings: boolean,
    findInComments: boolean,
    preferences?: unknown,
  ) => {
    const call = (file: string, at: number) =>
      (inner.findRenameLocations as (...args: unknown[]) => readonly TS.RenameLocation[] | undefined)(
        file,
        at,
        findInStrings,
        findInComments,
        preferences,
      );
    const prior = () => call(fileName, position);
    return guard("findRenameLocations", prior, () => {
      const hit = lookup(fileName, position);
      if (!hit) return prior();
      const { found, state } = hit;
      const theirs = found.inString ? (found.declaration ? call(found.declaration.file, found.declaration.start) : []) : prior();
      const locations: TS.RenameLocation[] = [...(theirs ?? [])];
      const keep = found.entity.kind === "model" ? keepStoredNamesLocation(state.snapshot, state.program, found.entity.model) : undefined;
      if (keep) {
        const at = locations.findIndex((location) => location.fileName === keep.file && location.textSpan.start === keep.start);
        const replacement: TS.RenameLocation = {
          fileName: keep.file,
          textSpan: { start: keep.start, length: keep.end - keep.start },
          suffixText: keep.suffixText,
        };
        if (at >= 0) locations[at] = replacement;
        else locations.push(replacement);
      }
      for (const occurrence of stringOccurrences(state.snapshot, state.program, found.entity)) {
        if (locations.some((location) => location.fileName === occurrence.file && overlaps(location.textSpan, occurrence))) continue;
        locations.push({ fileName: occurrence.file, textSpan: { start: occurrence.start, length: occurrence.end - occurrence.start } });
      }
      return locations;
    });
  };

  proxy.findReferences = (fileName, position) => {
    const prior = () => inner.findReferences(fileName, position);
    return guard("findReferences", prior, () => {
      const hit = lookup(fileName, position);
      if (!hit) return prior();
      const { found, state } = hit;
      const theirs =
        (found.inString
          ? found.declaration
            ? inner.findReferences(found.declaration.file, found.declaration.start)
            : undefined
          : prior()) ?? [];
      const symbols: TS.ReferencedSymbol[] = theirs.map((symbol) => ({ ...symbol, references: [...symbol.references] }));
      const ours = stringOccurrences(state.snapshot, state.program, found.entity).filter(
        (occurrence) =>
          !symbols.some((symbol) =>
            symbol.references.some((reference) => reference.fileName === occurrence.file && overlaps(reference.textSpan, occurrence)),
          ),
      );
      if (ours.length === 0) return theirs;
      const entries: TS.ReferencedSymbolEntry[] = ours.map((occurrence) => ({
        fileName: occurrence.file,
        textSpan: { start: occurrence.start, length: occurrence.end - occurrence.start },
        isWriteAccess: false,
        isDefinition: false,
      }));
      if (symbols[0]) symbols[0].references.push(...entries);
      else if (found.declaration) {
        const name = nameOf(found.entity);
        symbols.push({
          definition: {
            fileName: found.declaration.file,
            textSpan: { start: found.declaration.start, length: found.declaration.end - found.declaration.start },
            kind: ts.ScriptElementKind.memberVariableElement,
            name,
            containerKind: ts.ScriptElementKind.classElement,
            containerName: found.entity.model,
            displayParts: [{ kind: "text", text: name }],
          },
          references: entries,
        });
      }
      return symbols;
    });
  };

  proxy.getReferencesAtPosition = (fileName, position) => {
    const prior = () => inner.getReferencesAtPosition(fileName, position);
    return guard("getReferencesAtPosition", prior, () => {
      const hit = lookup(fileName, position);
      if (!hit) return prior();
      const symbols = proxy.findReferences(fileName, position) ?? [];
      return symbols.flatMap((symbol) => symbol.references.map(({ isDefinition: _definition, ...entry }) => entry));
    });
  };
}

function overlaps(span: TS.TextSpan, occurrence: { start: number; end: number }): boolean {
  return span.start < occurrence.end && occurrence.start < span.start + span.length;
}
