/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): every rule with its id,
 * description and helpUri; every result with a level, message and a physical location whose URI is
 * relative to the repository root (`%SRCROOT%`), so code scanning annotates the right lines.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { RuleMeta, Severity } from "eloquent-engine";
import { toPosixRelative, type CheckReport, type LocatedDiagnostic } from "../report";
import { ruleDocsUrl } from "eloquent-engine";

export interface SarifOptions {
  /** Directory the artifact URIs are relative to: the repository root code scanning resolves them against. */
  uriRoot: string;
  /** Every rule the tool can report (the engine's RULES). */
  rules: readonly RuleMeta[];
  toolVersion: string;
  /** Where to place diagnostics the engine could not locate (the tsconfig), so no result lacks a location. */
  fallbackFile?: string;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export function toSarif(report: CheckReport, options: SarifOptions): Sarif.Log {
  const descriptors: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (meta: RuleMeta) => {
    ruleIndex.set(meta.id, descriptors.length);
    descriptors.push({
      id: meta.id,
      name: pascalCase(meta.id),
      shortDescription: { text: meta.description },
      fullDescription: { text: `${meta.code}: ${meta.description}` },
      helpUri: ruleDocsUrl(meta.id),
      help: { text: `${meta.description} See ${ruleDocsUrl(meta.id)}` },
      defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
      properties: { tags: ["eloquent", "relations", "correctness"], precision: "very-high", code: meta.code },
    });
  };
  options.rules.forEach(addRule);
  for (const d of report.diagnostics) {
    // A diagnostic from a rule outside RULES (should not happen) still gets a descriptor.
    if (!ruleIndex.has(d.ruleId)) {
      addRule({ id: d.ruleId, code: d.code, defaultSeverity: d.severity, description: d.message });
    }
  }

  const results = report.diagnostics.map((d): Sarif.Result => {
    const location = sarifLocation(d, options);
    return {
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId)!,
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
      ...(location ? { locations: [location] } : {}),
      partialFingerprints: { "eloquentDiagnostic/v1": fingerprint(d) },
      properties: { code: d.code, model: d.node.model, ...(d.node.relation ? { relation: d.node.relation } : {}) },
    };
  });

  const rootUri = pathToFileURL(options.uriRoot).href.replace(/\/?$/, "/");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "eloquent",
            informationUri: "https://github.com/eloquent-orm/eloquent",
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: rootUri } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export function formatSarif(report: CheckReport, options: SarifOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + "\n";
}

function sarifLocation(d: LocatedDiagnostic, options: SarifOptions): Sarif.Location | undefined {
  const file = d.absoluteFile ?? options.fallbackFile;
  if (!file) return undefined;
  const uri = encodeURI(toPosixRelative(options.uriRoot, path.resolve(file)));
  const region: Sarif.Region =
    d.absoluteFile && d.start && d.end
      ? { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column }
      : { startLine: 1, startColumn: 1 };
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region } };
}

/** Stable across unrelated edits: rule, file, node and message, not the line number. */
function fingerprint(d: LocatedDiagnostic): string {
  const node = d.node;
  const key = [d.ruleId, d.file ?? "", node.model, node.relation ?? "", node.column ?? "", node.part, node.option ?? "", d.message];
  return createHash("sha256").update(key.join("\u0000")).digest("hex").slice(0, 32);
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, ch: string) => ch.toUpperCase());
}
