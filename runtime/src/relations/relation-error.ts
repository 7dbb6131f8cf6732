/** A relation declared or used wrongly (its own module so the resolver's helpers can throw it without an import cycle). */
import { EloquentError } from "../model/errors";

export class RelationError extends EloquentError {}
