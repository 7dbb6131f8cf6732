export { findQuerySites, QUERY_METHODS, MAY_HAVE_QUERY_SITES, type QuerySite, type QuerySitePath } from "./find";
// The rule itself lives in the engine; re-exported for the fronts that reach it through the analyzer.
export { RELATION_PATH_RULE, checkRelationPath, modelsByName, stripPathAlias, type PathSegment, type ResolvedPath } from "eloquent-engine";
