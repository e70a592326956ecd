/**
 * Pure predicates for the Kubernetes 1.27 name, label and quantity syntax (apimachinery's
 * `validation.IsDNS1123Label`, `IsQualifiedName`, `IsValidLabelValue`, `resource.ParseQuantity`, …).
 * Each returns the list of reasons the value is invalid: an empty list means valid.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME_CHARS = /^[-a-z0-9]+$/;
const PERCENT = /^[0-9]+%$/;
// resource.ParseQuantity: a signed decimal number, then a suffix that is one of the binary SI suffixes
// (Ki..Ei), the decimal SI suffixes (n u m "" k M G T P E) or a decimal exponent (e3, E-2).
const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** The reasons `value` is not a DNS-1123 label (≤ 63 lower-case alphanumerics or '-', alphanumeric at both ends). */
export function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    errors.push("must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')");
  }
  return errors;
}

/** The reasons `value` is not a DNS-1035 label (a DNS-1123 label that starts with a letter): what Service names must be. */
export function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) {
    errors.push("must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (e.g. 'my-name')");
  }
  return errors;
}

/** The reasons `value` is not a DNS-1123 subdomain (≤ 253, dot-separated DNS-1123 labels). */
export function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errors.push("must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')");
  }
  return errors;
}

/** The reasons `key` is not a qualified name: an optional DNS subdomain prefix and '/', then a name of ≤ 63 characters. */
export function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return ["must be a name with an optional DNS subdomain prefix and one '/' (e.g. 'example.com/my-name')"];
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const errors: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...dns1123SubdomainErrors(prefix).map((e) => `prefix part ${e}`));
  }
  if (name.length === 0) {
    errors.push('name part must be non-empty');
  } else {
    if (name.length > 63) errors.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME_PART.test(name)) {
      errors.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName' or 'my.name')");
    }
  }
  return errors;
}

/** The reasons `value` is not a label value: empty, or ≤ 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) {
    errors.push("must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue' or 'my_value')");
  }
  return errors;
}

/** The reasons `name` is not a valid environment variable name. */
export function envVarNameErrors(name: string): string[] {
  if (name === '.' || name === '..' || name.startsWith('..')) return ["must not be '.' or '..' or start with '..'"];
  if (!ENV_VAR_NAME.test(name)) {
    return ["must consist of letters, digits, '_', '-' or '.', and must not start with a digit (e.g. 'MY_ENV.NAME')"];
  }
  return [];
}

/** The reasons `key` is not a ConfigMap or Secret key (IsConfigMapKey: ≤ 253 of letters, digits, '-', '_', '.'). */
export function configMapKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_MAP_KEY.test(key)) errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name')");
  if (key === '.' || key === '..' || key.startsWith('..')) errors.push("must not be '.' or '..' or start with '..'");
  return errors;
}

/** The reasons `name` is not an IANA service name (used for container port names). */
export function ianaSvcNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!IANA_SVC_NAME_CHARS.test(name)) errors.push('must contain only lower-case letters, digits and hyphens');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

/** Whether `value` parses as a Kubernetes resource quantity (`500m`, `1Gi`, `2`, `1e3`); `1GB`, `1gi` do not. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** Whether `value` is a percent string the API server accepts for an IntOrString field (`[0-9]+%`). */
export function isPercent(value: string): boolean {
  return PERCENT.test(value);
}

/** Whether `value` is a whole number ≥ 0 (and so valid for a Kubernetes count field). */
export function isNonNegativeInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

const SUFFIX_MULTIPLIERS: Record<string, number> = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * The numeric value of a quantity (`500m` → 0.5, `1Gi` → 1073741824), for comparing requests with limits.
 * Precise enough for comparison; not for arithmetic. `undefined` when `value` is not a quantity.
 */
export function quantityValue(value: string): number | undefined {
  if (!isQuantity(value)) return undefined;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(value)!;
  const [, number, suffix] = match;
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX_MULTIPLIERS[suffix];
  return Number(number) * multiplier;
}
