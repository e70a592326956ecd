import { JsonObject, asArray, asObject, asString, asStringMap, objectsOf, own, path } from './json';
import { Violations } from './violation';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from '../syntax/k8s-syntax';

/** A name rule: the reasons a name is invalid (`dns1123SubdomainErrors`, `dns1123LabelErrors`). */
export type NameRule = (name: string) => string[];

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** apimachinery ValidateLabels: keys are qualified names, values label values; both reported at `field`. */
export function validateLabels(labels: unknown, field: string, out: Violations): void {
  for (const [key, value] of Object.entries(asStringMap(labels) ?? {})) {
    out.invalidEach(field, key, qualifiedNameErrors(key));
    out.invalidEach(field, value, labelValueErrors(value));
  }
}

/** ValidateAnnotations: keys are qualified names (checked lower-cased); all keys and values ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, field: string, out: Violations): void {
  const map = asStringMap(annotations) ?? {};
  let bytes = 0;
  for (const [key, value] of Object.entries(map)) {
    out.invalidEach(field, key, qualifiedNameErrors(key.toLowerCase()));
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) out.tooLong(field, undefined, ANNOTATIONS_MAX_BYTES);
}

/**
 * ValidateObjectMeta on create: name (or generateName), namespace, labels, annotations. For a cluster-scoped kind
 * (`clusterScoped`) the namespace is not checked: the API server clears it before validating
 * (EnsureObjectNamespaceMatchesRequestNamespace in rest.BeforeCreate), and kubectl sends the object without one.
 */
export function validateObjectMeta(metadata: JsonObject | undefined, nameRule: NameRule, out: Violations, clusterScoped = false): void {
  const name = asString(metadata?.name) ?? '';
  const generateName = asString(metadata?.generateName) ?? '';
  if (generateName) {
    // The server appends a random suffix, so a trailing '-' is fine in the prefix (maskTrailingDash).
    const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    out.invalidEach('metadata.generateName', generateName, nameRule(masked));
  }
  if (!name) {
    if (!generateName) out.required('metadata.name', 'name or generateName is required');
  } else {
    out.invalidEach('metadata.name', name, nameRule(name));
  }
  const namespace = asString(metadata?.namespace);
  if (namespace && !clusterScoped) out.invalidEach('metadata.namespace', namespace, dns1123LabelErrors(namespace));
  validateLabels(metadata?.labels, 'metadata.labels', out);
  validateAnnotations(metadata?.annotations, 'metadata.annotations', out);
}

export const subdomainName: NameRule = dns1123SubdomainErrors;
export const labelName: NameRule = dns1123LabelErrors;

/**
 * path.IsValidPathSegmentName (apimachinery): the names of RBAC objects (ValidateRBACName) and of kinds whose
 * strategy checks no name of its own, such as PodDisruptionBudget (rest.BeforeCreate's ValidateObjectMetaAccessor).
 */
export const pathSegmentName: NameRule = (name) => {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((illegal) => name.includes(illegal)).map((illegal) => `may not contain '${illegal}'`);
};

/** ValidateLabelSelector with strict label values (as on create). Returns whether the selector is usable. */
export function validateLabelSelector(selector: JsonObject, field: string, out: Violations): boolean {
  const before = out.list.length;
  validateLabels(selector.matchLabels, path.child(field, 'matchLabels'), out);
  for (const [expression, i] of objectsOf(selector.matchExpressions)) {
    const at = path.index(path.child(field, 'matchExpressions'), i);
    const operator = asString(expression.operator) ?? '';
    const values = asArray(expression.values) ?? [];
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) out.required(path.child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) out.forbidden(path.child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      out.invalid(path.child(at, 'operator'), operator, 'not a valid selector operator');
    }
    const key = asString(expression.key) ?? '';
    out.invalidEach(path.child(at, 'key'), key, qualifiedNameErrors(key));
    values.forEach((value, j) => {
      if (typeof value === 'string') out.invalidEach(path.index(path.child(at, 'values'), j), value, labelValueErrors(value));
    });
  }
  return out.list.length === before;
}

/** Whether a selector has neither matchLabels nor matchExpressions (it would select everything). */
export function isEmptySelector(selector: JsonObject): boolean {
  return Object.keys(asObject(selector.matchLabels) ?? {}).length + (asArray(selector.matchExpressions)?.length ?? 0) === 0;
}

/** metav1.LabelSelectorAsSelector(selector).Matches(labels); a missing selector matches nothing. */
export function selectorMatches(selector: JsonObject | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(asStringMap(selector.matchLabels) ?? {})) {
    if (own(labels, key) !== value) return false;
  }
  for (const [expression] of objectsOf(selector.matchExpressions)) {
    const key = asString(expression.key) ?? '';
    const values = (asArray(expression.values) ?? []).filter((v): v is string => typeof v === 'string');
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expression.operator) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
    }
  }
  return true;
}
