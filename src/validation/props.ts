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
    const item = frozenCopy((value as Record<string, unknown>)[key]);
    // defineProperty for `__proto__`, so that it stays an ordinary key; assignment for the others, which keeps the
    // copy a fast object for the renders that read it (freezing makes every key read-only either way).
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return Object.freeze(copy) as T;
}

/**
 * A construct rule for every `__proto__` key in the props (a label or annotation map parsed from JSON or YAML has
 * it as an ordinary key): cdk8s copies maps by assignment when it renders, which drops such a key, so the manifest
 * check never sees it and the YAML would silently lack it. The API server refuses it as a label, annotation or
 * selector key too (`_` cannot start a qualified name).
 * @internal the constructs' own plumbing, not part of the package's API
 */
export function prototypeKeyProblems(value: unknown, at = ''): { field: string; value: unknown; message: string }[] {
  const problems: { field: string; value: unknown; message: string }[] = [];
  // The keys and indexes from `value` down to what is being visited; the field path is built only for a problem.
  const trail: Array<string | number> = [];
  const field = () => trail.reduce<string>((parent, step) => (typeof step === 'number' ? `${parent}[${step}]` : parent ? `${parent}.${step}` : step), at);
  const visit = (item: unknown): void => {
    if (typeof item !== 'object' || item === null) return;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        trail.push(i);
        visit(item[i]);
        trail.pop();
      }
      return;
    }
    const prototype = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return;
    for (const key of Object.keys(item)) {
      if (key === '__proto__') {
        problems.push({ field: field(), value: key, message: "is a key cdk8s drops when it renders, so it would be missing from the YAML without a word; the API server refuses it too: '__proto__' name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" });
      }
      trail.push(key);
      visit((item as Record<string, unknown>)[key]);
      trail.pop();
    }
  };
  visit(value);
  return problems;
}
