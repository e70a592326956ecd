/**
 * A deep copy of a construct's props, frozen: plain objects and arrays are copied, each copy frozen; anything
 * else (strings, numbers, the strategy classes of this library, which are immutable, a cdk8s `Lazy`) is kept as
 * it is. A construct keeps only this copy, so a caller that changes its props (a containers array shared by two
 * constructs) after construction changes neither what the construct emits nor what its checks saw, and the
 * checks, computed once, always agree with a later render.
 * @internal the constructs' own plumbing, not part of the package's API
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as unknown as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty, not assignment: a `__proto__` key stays an ordinary key.
    const item = frozenCopy((value as Record<string, unknown>)[key]);
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(copy) as T;
}
