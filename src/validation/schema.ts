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
  const walk: Walk = { schema: SCHEMAS[options.version], version: options.version, out, undecodable };
  checkValue(value, type, at, walk);
  return undecodable;
}

/** What one schema walk shares: the target's schema, the findings, the paths of undecodable values. */
interface Walk {
  readonly schema: VersionSchema;
  readonly version: KubernetesVersion;
  readonly out: Violations;
  readonly undecodable: string[];
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

/** `checkSchema` of one value; adds the paths of undecodable values to `undecodable` (one list for the whole walk). */
function checkValue(value: unknown, type: string, at: string, walk: Walk): void {
  if (value === null || value === undefined) return;
  const { out, undecodable } = walk;
  const reject = (message: string): void => {
    out.invalid(at, value, message);
    undecodable.push(at);
  };
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // sigs.k8s.io/yaml YAMLToJSON ends in json.Marshal, which fails on these ("json: unsupported value: NaN"),
    // so kubectl refuses the whole document, whatever the field's type.
    return reject('must be a finite number: JSON has no NaN or Infinity, so kubectl cannot convert the document to JSON');
  }
  switch (type) {
    case 'any': return;
    case 'string':
      if (typeof value !== 'string') reject('must be a string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') reject('must be a boolean (true or false)');
      return;
    case 'int32':
    case 'int64':
      if (!(typeof value === 'number' && Number.isInteger(value))) reject('must be an integer');
      else if (!fits(value, type)) reject(INTEGER_RANGE[type]);
      return;
    case 'int-or-string':
      if (!((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string')) reject('must be an integer or a string');
      else if (typeof value === 'number' && !fits(value, 'int32')) reject(INTEGER_RANGE.int32);
      return;
    case 'quantity':
      if (!(typeof value === 'number' || (typeof value === 'string' && isQuantity(value)))) reject(QUANTITY_PATTERN);
      return;
  }
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return reject('must be a list');
    const itemType = type.slice(2);
    value.forEach((item, i) => checkValue(item, itemType, path.index(at, i), walk));
    return;
  }
  const object = asObject(value);
  if (type.startsWith('{}')) {
    if (!object) return reject('must be a map');
    const itemType = type.slice(2);
    for (const key of Object.keys(object)) checkValue(object[key], itemType, path.key(at, key), walk);
    return;
  }
  if (!object) return reject('must be an object');
  const fields = walk.schema.types[type];
  for (const key of Object.keys(object)) {
    const fieldPath = path.child(at, key);
    const fieldType = own(fields, key);
    if (fieldType === undefined) {
      out.forbidden(fieldPath, unknownField(type, key, walk.version));
    } else {
      checkValue(object[key], fieldType, fieldPath, walk);
    }
  }
}
