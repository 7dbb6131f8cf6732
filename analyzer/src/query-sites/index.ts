export { findQuerySites, QUERY_METHODS, type QuerySite, type QuerySitePath } from "./find";
export { resolveRelationPath, stripAlias, RELATION_PATH_RULE, type PathSegment, type ResolvedPath } from "./resolve-path";
