/** Errors of the embedded store, apart from its engine so catching them loads no store code. */
/** A write the server would refuse; `code` follows the server's numbering (11000: duplicate key). */
export class EmbeddedStoreError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = "EmbeddedStoreError";
  }
}
