/**
 * Readers for parsed JSON/YAML of unknown shape. Each returns `undefined` for a missing value, `null` or a value
 * of the wrong JSON type: the schema check reports wrong types, and the rules treat them as absent, as the API
 * server never gets past decoding them.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * Sets `object[key]` as an own property, whatever the key: a plain `object[key] = value` with the key
 * `__proto__` would replace the object's prototype (or, for a value that is not an object, do nothing) instead of
 * adding the entry. `constructor` and `prototype` need no care here: assigning them adds an own property.
 */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** A map of strings (labels, annotations, nodeSelector); entries with other values are left out. */
export function asStringMap(value: unknown): Record<string, string> | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const map: Record<string, string> = {};
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (typeof item === 'string') setOwn(map, key, item);
  }
  return map;
}

/** The objects of a list, with their index; entries that are not objects are skipped. */
export function objectsOf(value: unknown): [JsonObject, number][] {
  const objects: [JsonObject, number][] = [];
  asArray(value)?.forEach((item, i) => {
    const object = asObject(item);
    if (object) objects.push([object, i]);
  });
  return objects;
}

/** The child object at `key`, created when missing (for defaulting). `undefined` if `key` holds a non-object. */
export function childObject(parent: JsonObject, key: string): JsonObject | undefined {
  if (parent[key] === undefined || parent[key] === null) parent[key] = {};
  return asObject(parent[key]);
}

/** Whether a value is missing or `null`: what Go decodes as a nil pointer. */
export function unset(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Sets `key` when it is missing, `null` or `''`, as Go's defaulting does for unset pointers and empty strings. */
export function setDefault(parent: JsonObject, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null || parent[key] === '') parent[key] = value;
}

/**
 * A copy holding only JSON values (objects, arrays, strings, numbers, booleans, null). Anything else (functions,
 * symbols, class instances' methods, cycles) is dropped, so that the checks can never recurse forever. Every key
 * is copied as an own entry, `__proto__` included, so that no input changes a prototype. Numbers are kept as they
 * are, NaN and ±Infinity too: the schema check names them, as kubectl cannot convert them to JSON.
 * `ancestors` is the path from the root: a list, as manifests are a few levels deep.
 */
export function cloneJson(value: unknown, ancestors: unknown[] = []): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'object' || ancestors.includes(value)) return undefined;
  ancestors.push(value);
  try {
    if (Array.isArray(value)) return value.map((item) => cloneJson(item, ancestors) ?? null);
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) {
      const cloned = cloneJson((value as JsonObject)[key], ancestors);
      if (cloned !== undefined) setOwn(copy, key, cloned);
    }
    return copy;
  } finally {
    ancestors.pop();
  }
}

/**
 * `cloneJson` of a rendered object's JSON (cdk8s's render, or the library's one-pass render): a fresh tree, which
 * cannot hold a cycle (rendering one overflows the stack, and the object is reported as not renderable), so no
 * ancestors are tracked. The same copy otherwise: only JSON values, every key an own entry.
 */
export function cloneRendered(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) items.push(cloneRendered(value[i]) ?? null);
    return items;
  }
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const cloned = cloneRendered((value as JsonObject)[key]);
    if (cloned === undefined) continue;
    if (key === '__proto__') setOwn(copy, key, cloned);
    else copy[key] = cloned;
  }
  return copy;
}

/** `record[key]` if `key` is the record's own (so `constructor` or `valueOf` from a manifest finds nothing). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * JSON text for a value in a message, with the numbers JSON has no text for named as such: `NaN`, `Infinity`,
 * `-Infinity` (which `JSON.stringify` shows as `null`) and `-0` (which it shows as `0`).
 */
export function jsonText(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return `[${value.map((item) => (isJsonValue(item) ? jsonText(item) : 'null')).join(',')}]`;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const entries = Object.keys(value).filter((key) => isJsonValue((value as JsonObject)[key]));
    return `{${entries.map((key) => `${JSON.stringify(key)}:${jsonText((value as JsonObject)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

/** What `JSON.stringify` writes rather than leaves out: not `undefined`, a function or a symbol. */
function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** `a.b`, `a[0]`, `a[key]`: the API server's path notation. */
export const path = {
  child: (parent: string, key: string): string => (parent ? `${parent}.${key}` : key),
  index: (parent: string, i: number): string => `${parent}[${i}]`,
  key: (parent: string, key: string): string => `${parent}[${key}]`,
};
