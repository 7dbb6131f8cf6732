/** Symbols marking pivot classes (own module: the by-name lookup reads one, and pivot-link.ts needs the lookup). */
/**
 * Marks the pivot class eloquent generates for a relation without `using`: it is nobody's model name, so the
 * by-name lookup (relation targets, did-you-mean, morph types) never sees it.
 */
export const GENERATED_PIVOT: unique symbol = Symbol.for("eloquent.generatedPivot");

/** Marks pivot base classes (`Pivot`, `MorphPivot`): `using` must name a subclass of one. */
export const PIVOT_CLASS: unique symbol = Symbol.for("eloquent.pivotClass");
