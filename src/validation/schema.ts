import { asObject, own, path } from './json';
import { isQuantity } from '../syntax/k8s-syntax';
import { FIELD_SINCE, SCHEMAS, VersionSchema } from './schemas/versions.generated';
import { KubernetesMinor, KubernetesVersion, ValidationOptions, minor } from './versions';
import { Violations } from './violation';

// The Go field's width: json.Unmarshal refuses a number it cannot hold (`cannot unmarshal number 2147483648 into Go
// struct field ... of type int32`). 2^63 is the first double past the int64 maximum.
const INTEGER_RANGE = {
  int32: 'must be an integer from -2147483648 to 2147483647 (int32): the API server cannot decode it',
  int64: 'must be an integer from -9223372036854775808 to 9223372036854775807 (int64): the API server cannot decode it',
};

function fits(value: number, type: 'int32' | 'int64'): boolean {
  return type === 'int32' ? value >= -2147483648 && value <= 2147483647 : value >= -(2 ** 63) && value < 2 ** 63;
}

const QUANTITY_PATTERN = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * What the API server's decoder rejects before any rule runs (HTTP 400): values of the wrong JSON type, malformed
 * quantities, and, under kubectl's default strict field validation, fields the target version's API does not have.
 * Returns the paths of values that could not be decoded, so the rules do not report them a second time.
 */
export function checkSchema(value: unknown, type: string, at: string, out: Violations, options: ValidationOptions): string[] {
  const undecodable: string[] = [];
  const walk: Walk = { schema: SCHEMAS[options.version], version: options.version, out, undecodable, root: at, steps: [], inMap: [] };
  checkValue(value, type, walk);
  return undecodable;
}

/**
 * What one schema walk shares: the target's schema, the findings, the paths of undecodable values, and where the
 * walk is: `root` and the steps from it (a key of an object or map, or an index), so that a field path is built
 * only for a finding.
 */
interface Walk {
  readonly schema: VersionSchema;
  readonly version: KubernetesVersion;
  readonly out: Violations;
  readonly undecodable: string[];
  readonly root: string;
  /** A key or an index per step; a key of a map (`[key]`) is marked in `inMap` at the same position. */
  readonly steps: Array<string | number>;
  readonly inMap: boolean[];
}

/** The API server's path of where the walk is: `spec.template.spec.containers[0]`, `metadata.labels[app]`. */
function fieldPath(walk: Walk): string {
  let at = walk.root;
  walk.steps.forEach((step, i) => {
    at = typeof step === 'number' ? path.index(at, step) : walk.inMap[i] ? path.key(at, step) : path.child(at, step);
  });
  return at;
}

/** A value the decoder refuses, at where the walk is. */
function reject(walk: Walk, value: unknown, message: string): void {
  const at = fieldPath(walk);
  walk.out.invalid(at, value, message);
  walk.undecodable.push(at);
}

/** The message about a field the target's API does not have, naming the release that added it if a newer one did. */
function unknownField(type: string, field: string, version: KubernetesVersion): string {
  const added = own(FIELD_SINCE, type);
  const since = added && own(added, field);
  if (since && minor(since as KubernetesMinor) > minor(version)) {
    return `unknown field: added in Kubernetes ${since}, it does not exist in ${version}, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)`;
  }
  return `unknown field: the Kubernetes ${version} API has no such field (kubectl's strict validation rejects it)`;
}

/** The item type of a list (`[]T`) or map (`{}T`) type, kept: the walk asks for the same few again and again. */
const itemTypes = new Map<string, string>();

function itemType(type: string): string {
  let item = itemTypes.get(type);
  if (item === undefined) {
    item = type.slice(2);
    itemTypes.set(type, item);
  }
  return item;
}

/** `checkSchema` of one value, where the walk is; adds the paths of undecodable values to `walk.undecodable`. */
function checkValue(value: unknown, type: string, walk: Walk): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // sigs.k8s.io/yaml YAMLToJSON ends in json.Marshal, which fails on these ("json: unsupported value: NaN"),
    // so kubectl refuses the whole document, whatever the field's type.
    return reject(walk, value, 'must be a finite number: JSON has no NaN or Infinity, so kubectl cannot convert the document to JSON');
  }
  switch (type) {
    case 'any': return;
    case 'string':
      if (typeof value !== 'string') reject(walk, value, 'must be a string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') reject(walk, value, 'must be a boolean (true or false)');
      return;
    case 'int32':
    case 'int64':
      if (!(typeof value === 'number' && Number.isInteger(value))) reject(walk, value, 'must be an integer');
      else if (!fits(value, type)) reject(walk, value, INTEGER_RANGE[type]);
      return;
    case 'int-or-string':
      if (!((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string')) reject(walk, value, 'must be an integer or a string');
      else if (typeof value === 'number' && !fits(value, 'int32')) reject(walk, value, INTEGER_RANGE.int32);
      return;
    case 'quantity':
      if (!(typeof value === 'number' || (typeof value === 'string' && isQuantity(value)))) reject(walk, value, QUANTITY_PATTERN);
      return;
  }
  const { steps, inMap } = walk;
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return reject(walk, value, 'must be a list');
    const items = itemType(type);
    for (let i = 0; i < value.length; i++) {
      steps.push(i);
      inMap.push(false);
      checkValue(value[i], items, walk);
      steps.pop();
      inMap.pop();
    }
    return;
  }
  const object = asObject(value);
  if (type.startsWith('{}')) {
    if (!object) return reject(walk, value, 'must be a map');
    const items = itemType(type);
    for (const key of Object.keys(object)) {
      steps.push(key);
      inMap.push(true);
      checkValue(object[key], items, walk);
      steps.pop();
      inMap.pop();
    }
    return;
  }
  if (!object) return reject(walk, value, 'must be an object');
  const fields = walk.schema.types[type];
  for (const key of Object.keys(object)) {
    const fieldType = own(fields, key);
    steps.push(key);
    inMap.push(false);
    if (fieldType === undefined) walk.out.forbidden(fieldPath(walk), unknownField(type, key, walk.version));
    else checkValue(object[key], fieldType, walk);
    steps.pop();
    inMap.pop();
  }
}
