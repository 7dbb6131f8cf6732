/**
 * A query that answers a few methods its class does not have: the eager constraint of a morphTo (`morphWith`,
 * `morphWithCount`, `constrain`) and of a many-to-many (the pivot clauses). Each extra method returns the
 * extended query, so calls chain; everything else is the query's own, its methods bound to it (its private
 * fields are not reachable through a proxy).
 */
type Extra = (...args: unknown[]) => void;

export function extendQuery<Q extends object>(query: Q, extra: (name: string) => Extra | undefined): Q {
  const proxy: Q = new Proxy(query, {
    get(target, prop) {
      const method = typeof prop === "string" ? extra(prop) : undefined;
      if (method)
        return (...args: unknown[]) => {
          method(...args);
          return proxy;
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}
