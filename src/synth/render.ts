import { ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/*
 * cdk8s's `ApiObject.toJson()` (cdk8s 2.70, lib/api-object.js) resolves the object's props (lib/resolve.js
 * `resolve`), then copies them again with sorted keys (lib/_util.js `sanitizeValue`). `resolve` looks up the app
 * (`App.of`), allocates a key path and a `ResolutionContext` and asks every resolver, for each value: most of a
 * render's time. For the values the library's constructs render (plain JSON and cdk8s `Lazy`s) in an app with
 * only cdk8s's own resolvers, the two passes give what one copy gives: `Lazy`s produced, keys sorted, `null` and
 * `undefined` entries left out. `renderPlainJson` is that copy; on any other value it gives up, and the caller
 * renders with cdk8s. test/synth/render.test.ts checks it against cdk8s's `toJson` on random values.
 */

/** Thrown (and caught below) on a value the one-pass copy does not render as cdk8s would. */
const NOT_PLAIN = Symbol('not plain JSON');

/** Keys that cdk8s's `resolve` treats specially (`__proto__` sets a prototype; an own `constructor` makes it stop copying). */
function isSpecialKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor';
}

/**
 * Sorts `keys` in place as `Array.prototype.sort()` would (by UTF-16 code units). An insertion sort: a manifest's
 * objects have a few keys, often in order already, and `sort()` allocates a working copy on every call (a third of
 * a synth's allocations, measured with V8's sampling heap profiler).
 */
function sortInPlace(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/**
 * `sanitizeValue(resolve(value), { sortKeys, filterEmptyArrays: filterEmpty, filterEmptyObjects: filterEmpty })`
 * for plain JSON and `Lazy`s; throws `NOT_PLAIN` on anything else.
 */
function copy(value: unknown, sortKeys: boolean, filterEmpty = false): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') throw NOT_PLAIN;
  if (value instanceof Lazy) return copy(value.produce(), sortKeys, filterEmpty);
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw NOT_PLAIN;
      items.push(copy(value[i], sortKeys, filterEmpty));
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN;
  const object = value as Record<string, unknown>;
  if (typeof object.resolve === 'function') throw NOT_PLAIN;
  const keys = Object.keys(object);
  if (sortKeys) sortInPlace(keys);
  const result: Record<string, unknown> = {};
  let entries = 0;
  for (const key of keys) {
    if (isSpecialKey(key)) throw NOT_PLAIN;
    const item = copy(object[key], sortKeys, filterEmpty);
    if (item !== undefined && item !== null) {
      result[key] = item;
      entries++;
    }
  }
  return filterEmpty && entries === 0 ? undefined : result;
}

/** The fields `ApiObjectMetadataDefinition.toJson` renders (cdk8s 2.70 lib/metadata.js; the last five are private). */
interface MetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly _additionalAttributes: Record<string, unknown>;
  readonly annotations: Record<string, unknown>;
  readonly finalizers: unknown[];
  readonly ownerReferences: unknown[];
  readonly labels: Record<string, unknown>;
}

/**
 * `metadata.toJson()` (which resolves, then sanitizes with its keys sorted and empty maps and lists left out) in
 * one copy; `metadata.toJson()` itself when the metadata is not cdk8s's as this module knows it.
 */
function metadataJson(metadata: ApiObjectMetadataDefinition): unknown {
  const fields = metadata as unknown as MetadataFields;
  const known = metadata.toJson === ApiObjectMetadataDefinition.prototype.toJson
    && typeof fields._additionalAttributes === 'object' && fields._additionalAttributes !== null
    && typeof fields.labels === 'object' && typeof fields.annotations === 'object'
    && Array.isArray(fields.finalizers) && Array.isArray(fields.ownerReferences);
  if (!known) return metadata.toJson();
  return copy({
    ...fields._additionalAttributes,
    name: fields.name,
    namespace: fields.namespace,
    annotations: fields.annotations,
    finalizers: fields.finalizers,
    ownerReferences: fields.ownerReferences,
    labels: fields.labels,
  }, true, true);
}

/** Whether the app's resolvers are cdk8s's own three, in cdk8s's order, and nothing else. */
export function hasOnlyBuiltInResolvers(app: App): boolean {
  const [lazy, token, union, ...others] = app.resolvers;
  return others.length === 0
    && lazy?.constructor === LazyResolver
    && token?.constructor === ImplicitTokenResolver
    && union?.constructor === NumberStringUnionResolver;
}

/**
 * The JSON `ApiObject.prototype.toJson` gives for `object`, rendered in one copy, or `undefined` when a value is
 * neither plain JSON nor a cdk8s `Lazy`, or when the object has JSON patches (the caller then asks cdk8s). Only for
 * objects of apps whose resolvers are cdk8s's own (`hasOnlyBuiltInResolvers`).
 */
export function renderPlainJson(object: ApiObject): Record<string, unknown> | undefined {
  // `props` and `patches` are cdk8s's own (protected, private) fields, read as `toJson` reads them.
  const internals = object as unknown as { props?: Record<string, unknown>; patches?: unknown[] };
  if (!Array.isArray(internals.patches) || internals.patches.length > 0 || typeof internals.props !== 'object') return undefined;
  let json: Record<string, unknown>;
  try {
    // The metadata is rendered (sorted, empty entries left out) before the whole is, as cdk8s does.
    const data = { ...internals.props, metadata: metadataJson(object.metadata) };
    json = copy(data, !process.env.CDK8S_DISABLE_SORT) as Record<string, unknown>;
  } catch {
    // NOT_PLAIN, or a `Lazy` that throws: cdk8s's render gives its own error for it.
    return undefined;
  }
  // As cdk8s orders the top-level keys: apiVersion, kind, metadata, then the rest.
  const result: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
    if (key in json) result[key] = json[key];
  }
  return result;
}
