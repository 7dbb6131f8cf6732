/**
 * tsconfig discovery, the way tsserver finds a file's project: walk up from the file, and take the
 * first tsconfig.json that includes it (directly or through its project references). Shared by
 * `eloquent check` and the ESLint plugin without type information, so both see the same project.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import * as fs from "node:fs";
import * as path from "node:path";

export interface ProjectConfig {
  /** Absolute path of the tsconfig file. */
  configFile: string;
  /** Absolute, forward-slash file names the config includes. */
  fileNames: string[];
  fileSet: ReadonlySet<string>;
  compilerOptions: TS.CompilerOptions;
  /** Referenced projects' config files (solution-style tsconfigs). */
  references: string[];
}

/** A tsconfig that cannot be read or parsed: the message names the file and what TypeScript said. */
export class ProjectConfigError extends Error {
  constructor(
    readonly configFile: string,
    detail: string,
  ) {
    super(`Cannot use ${configFile}: ${detail}`);
    this.name = "ProjectConfigError";
  }
}

export function normalizeFileName(fileName: string): string {
  return path.resolve(fileName).replace(/\\/g, "/");
}

/** Parses a tsconfig (with `extends`), like `tsc -p`. Throws ProjectConfigError with TypeScript's message. */
export function readProjectConfig(configFile: string): ProjectConfig {
  const absolute = normalizeFileName(configFile);
  const read = ts.readConfigFile(absolute, ts.sys.readFile);
  if (read.error) throw new ProjectConfigError(absolute, flatten(read.error));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(absolute), undefined, absolute);
  // "No inputs were found" (TS18003) is a valid, empty project for us: nothing to check.
  const fatal = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (fatal.length > 0) throw new ProjectConfigError(absolute, fatal.map((d) => flatten(d)).join("; "));
  const fileNames = parsed.fileNames.map(normalizeFileName);
  return {
    configFile: absolute,
    fileNames,
    fileSet: new Set(fileNames),
    compilerOptions: parsed.options,
    references: (parsed.projectReferences ?? []).map((reference) => {
      const target = normalizeFileName(reference.path);
      return target.endsWith(".json") ? target : `${target}/tsconfig.json`;
    }),
  };
}

/**
 * The project a file belongs to: the nearest ancestor tsconfig.json that includes the file, itself or
 * through a project reference. Undefined when no tsconfig includes it.
 */
export function findProjectConfigFor(
  fileName: string,
  load: (configFile: string) => ProjectConfig | undefined = (configFile) => tryRead(configFile),
  exists: (file: string) => boolean = fs.existsSync,
): ProjectConfig | undefined {
  const file = normalizeFileName(fileName);
  let directory = path.dirname(file);
  for (;;) {
    const candidate = `${directory.replace(/\\/g, "/")}/tsconfig.json`;
    if (exists(candidate)) {
      const found = containing(file, candidate, load, new Set());
      if (found) return found;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * `findProjectConfigFor` for many files at once (`eloquent check <paths>`): every tsconfig is read and
 * globbed once, every directory probed once, however many of the files it holds — reading them per file
 * made path mode quadratic. For one run: it does not notice tsconfigs changing meanwhile.
 */
export function projectConfigLookup(): (fileName: string) => ProjectConfig | undefined {
  const configs = new Map<string, ProjectConfig | undefined>();
  const existing = new Map<string, boolean>();
  const load = (configFile: string): ProjectConfig | undefined => {
    if (!configs.has(configFile)) configs.set(configFile, tryRead(configFile));
    return configs.get(configFile);
  };
  const exists = (file: string): boolean => {
    let found = existing.get(file);
    if (found === undefined) existing.set(file, (found = fs.existsSync(file)));
    return found;
  };
  return (fileName) => findProjectConfigFor(fileName, load, exists);
}

function containing(
  file: string,
  configFile: string,
  load: (configFile: string) => ProjectConfig | undefined,
  seen: Set<string>,
): ProjectConfig | undefined {
  if (seen.has(configFile)) return undefined;
  seen.add(configFile);
  const config = load(configFile);
  if (!config) return undefined;
  if (config.fileSet.has(file)) return config;
  for (const reference of config.references) {
    const found = containing(file, reference, load, seen);
    if (found) return found;
  }
  return undefined;
}

function tryRead(configFile: string): ProjectConfig | undefined {
  try {
    return readProjectConfig(configFile);
  } catch {
    return undefined;
  }
}

function flatten(diagnostic: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
}
