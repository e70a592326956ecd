import { isQuantity } from '../k8s-syntax';
import { asObject, own, path } from './json';
import { SCHEMA_1_27 } from './k8s-1.27-schema.generated';
import { Violations } from './violation';

/**
 * Fields that newer Kubernetes versions added and that 1.27 does not know, so the message can say why a field
 * copied from newer documentation is refused. Keyed by schema type, then JSON field name.
 */
const LATER_FIELDS: Record<string, Record<string, string>> = {
  JobSpec: { backoffLimitPerIndex: '1.28', maxFailedIndexes: '1.28', podReplacementPolicy: '1.28', successPolicy: '1.30', managedBy: '1.30' },
  Container: { restartPolicy: '1.28' },
  PodSpec: { resources: '1.32' },
  PodSecurityContext: { appArmorProfile: '1.30', supplementalGroupsPolicy: '1.31', seLinuxChangePolicy: '1.32' },
  SecurityContext: { appArmorProfile: '1.30' },
  LifecycleHandler: { sleep: '1.29' },
  Lifecycle: { stopSignal: '1.33' },
  VolumeMount: { recursiveReadOnly: '1.30' },
  Volume: { image: '1.31' },
  PersistentVolumeClaimSpec: { volumeAttributesClassName: '1.29' },
};

const QUANTITY_PATTERN = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * What the API server's decoder rejects before any rule runs (HTTP 400): values of the wrong JSON type, malformed
 * quantities, and, under kubectl's default strict field validation, fields the 1.27 API does not have.
 * Returns the paths of values that could not be decoded, so the rules do not report them a second time.
 */
export function checkSchema(value: unknown, type: string, at: string, out: Violations): string[] {
  if (value === null || value === undefined) return [];
  const undecodable = (message: string): string[] => {
    out.invalid(at, value, message);
    return [at];
  };
  switch (type) {
    case 'any': return [];
    case 'string': return typeof value === 'string' ? [] : undecodable('must be a string');
    case 'boolean': return typeof value === 'boolean' ? [] : undecodable('must be a boolean (true or false)');
    case 'integer': return typeof value === 'number' && Number.isInteger(value) ? [] : undecodable('must be an integer');
    case 'int-or-string':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string' ? [] : undecodable('must be an integer or a string');
    case 'quantity':
      if (typeof value === 'number') return [];
      return typeof value === 'string' && isQuantity(value) ? [] : undecodable(QUANTITY_PATTERN);
  }
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return undecodable('must be a list');
    return value.flatMap((item, i) => checkSchema(item, type.slice(2), path.index(at, i), out));
  }
  const object = asObject(value);
  if (type.startsWith('{}')) {
    if (!object) return undecodable('must be a map');
    return Object.entries(object).flatMap(([key, item]) => checkSchema(item, type.slice(2), path.key(at, key), out));
  }
  if (!object) return undecodable('must be an object');
  const fields = SCHEMA_1_27[type];
  const paths: string[] = [];
  for (const [key, item] of Object.entries(object)) {
    const fieldPath = path.child(at, key);
    const fieldType = own(fields, key);
    if (fieldType === undefined) {
      const later = own(LATER_FIELDS, type);
      const since = later && own(later, key);
      out.forbidden(fieldPath, since
        ? `unknown field: added in Kubernetes ${since}, it does not exist in 1.27 (kubectl's strict validation rejects it; the API server would otherwise drop it)`
        : 'unknown field: the Kubernetes 1.27 API has no such field (kubectl\'s strict validation rejects it)');
    } else {
      paths.push(...checkSchema(item, fieldType, fieldPath, out));
    }
  }
  return paths;
}
