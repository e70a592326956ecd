/**
 * Scheduling rules of a pod spec (pkg/apis/core/validation/validation.go, Kubernetes 1.27): ValidateTolerations,
 * validateAffinity and validateTopologySpreadConstraints.
 */
import { JsonObject, asArray, asInteger, asObject, asString, asStringMap, objectsOf, path } from './json';
import { validateLabelSelector } from './metadata';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';
import { Violations } from './violation';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from '../syntax/k8s-syntax';

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, at: string, out: Violations): void {
  for (const [toleration, i] of objectsOf(tolerations)) {
    const tp = path.index(at, i);
    const key = asString(toleration.key) ?? '';
    const operator = asString(toleration.operator) ?? '';
    const value = asString(toleration.value) ?? '';
    const effect = asString(toleration.effect) ?? '';
    if (key) out.invalidEach(path.child(tp, 'key'), key, qualifiedNameErrors(key));
    if (!key && operator !== 'Exists') {
      out.invalid(path.child(tp, 'operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    }
    if (asInteger(toleration.tolerationSeconds) !== undefined && effect !== 'NoExecute') {
      out.invalid(path.child(tp, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    }
    if (operator === '' || operator === 'Equal') {
      // 1.27 reports a bad value at `.operator` (later releases moved it to `.value`).
      out.invalidEach(path.child(tp, 'operator'), value, labelValueErrors(value));
    } else if (operator === 'Exists') {
      if (value) out.invalid(path.child(tp, 'operator'), toleration, "value must be empty when `operator` is 'Exists'");
    } else {
      out.unsupported(path.child(tp, 'operator'), operator, ['Equal', 'Exists']);
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      out.unsupported(path.child(tp, 'effect'), effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']);
    }
  }
}


// ---------------------------------------------------------------------------------------------------------
// Affinity
// ---------------------------------------------------------------------------------------------------------

/** ValidateNodeSelectorTerm: matchExpressions (operators In, NotIn, Exists, DoesNotExist, Gt, Lt) and matchFields. */
function validateNodeSelectorTerm(term: JsonObject, at: string, out: Violations): void {
  for (const [requirement, j] of objectsOf(term.matchExpressions)) {
    const rp = path.index(path.child(at, 'matchExpressions'), j);
    const values = asArray(requirement.values) ?? [];
    switch (requirement.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.required(path.child(rp, 'values'), "must be specified when `operator` is 'In' or 'NotIn'");
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) out.forbidden(path.child(rp, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) out.required(path.child(rp, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'");
        break;
      default:
        out.invalid(path.child(rp, 'operator'), requirement.operator, 'not a valid selector operator');
    }
    const key = asString(requirement.key) ?? '';
    out.invalidEach(path.child(rp, 'key'), key, qualifiedNameErrors(key));
  }
  for (const [requirement, j] of objectsOf(term.matchFields)) {
    const rp = path.index(path.child(at, 'matchFields'), j);
    if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
      out.invalid(path.child(rp, 'operator'), requirement.operator, 'not a valid selector operator');
    } else if ((asArray(requirement.values) ?? []).length !== 1) {
      out.required(path.child(rp, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
    }
    if (requirement.key !== 'metadata.name') {
      out.invalid(path.child(rp, 'key'), requirement.key, 'not a valid field selector key');
    } else {
      // nodeFieldSelectorValidators: metadata.name values are node names (DNS subdomains).
      (asArray(requirement.values) ?? []).forEach((value, k) => {
        if (typeof value === 'string') out.invalidEach(path.index(path.child(rp, 'values'), k), value, dns1123SubdomainErrors(value));
      });
    }
  }
}

function validateWeight(term: JsonObject, at: string, out: Violations): void {
  const weight = asInteger(term.weight) ?? 0;
  if (weight <= 0 || weight > 100) out.invalid(path.child(at, 'weight'), weight, 'must be in the range 1-100');
}

/** validatePodAffinityTerm: selectors, namespaces, and a topologyKey that is a label name. */
function validatePodAffinityTerm(term: JsonObject, at: string, out: Violations): void {
  for (const field of ['labelSelector', 'namespaceSelector']) {
    const selector = asObject(term[field]);
    if (selector) validateLabelSelector(selector, path.child(at, field), out);
  }
  for (const namespace of asArray(term.namespaces) ?? []) {
    if (typeof namespace === 'string') out.invalidEach(path.child(at, 'namespace'), namespace, dns1123LabelErrors(namespace));
  }
  const topologyKey = asString(term.topologyKey) ?? '';
  if (!topologyKey) out.required(path.child(at, 'topologyKey'), 'can not be empty');
  out.invalidEach(path.child(at, 'topologyKey'), topologyKey, qualifiedNameErrors(topologyKey));
}

export function validateAffinity(affinity: JsonObject | undefined, at: string, out: Violations): void {
  if (!affinity) return;
  const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
  const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
  const nodeAffinity = asObject(affinity.nodeAffinity);
  if (nodeAffinity) {
    const np = path.child(at, 'nodeAffinity');
    const required = asObject(nodeAffinity[REQUIRED]);
    if (required) {
      const tp = path.child(path.child(np, REQUIRED), 'nodeSelectorTerms');
      const terms = objectsOf(required.nodeSelectorTerms);
      if (terms.length === 0) out.required(tp, 'must have at least one node selector term');
      for (const [term, i] of terms) validateNodeSelectorTerm(term, path.index(tp, i), out);
    }
    for (const [term, i] of objectsOf(nodeAffinity[PREFERRED])) {
      const tp = path.index(path.child(np, PREFERRED), i);
      validateWeight(term, tp, out);
      validateNodeSelectorTerm(asObject(term.preference) ?? {}, path.child(tp, 'preference'), out);
    }
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const podAffinity = asObject(affinity[kind]);
    if (!podAffinity) continue;
    const pp = path.child(at, kind);
    for (const [term, i] of objectsOf(podAffinity[REQUIRED])) validatePodAffinityTerm(term, path.index(path.child(pp, REQUIRED), i), out);
    for (const [term, i] of objectsOf(podAffinity[PREFERRED])) {
      const tp = path.index(path.child(pp, PREFERRED), i);
      validateWeight(term, tp, out);
      validatePodAffinityTerm(asObject(term.podAffinityTerm) ?? {}, path.child(tp, 'podAffinityTerm'), out);
    }
  }
}

/** ValidatePodSpec (the parts that apply to templates), after defaulting. */

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

/** validateMatchLabelKeys: label names, not already keys of the labelSelector, and only with a labelSelector. */
function validateMatchLabelKeys(keys: unknown[], selector: JsonObject | undefined, at: string, out: Violations): void {
  if (!selector) out.forbidden(at, 'must not be specified when labelSelector is not set');
  const selectorKeys = new Set<string>(Object.keys(asStringMap(selector?.matchLabels) ?? {}));
  for (const [expression] of objectsOf(selector?.matchExpressions)) selectorKeys.add(asString(expression.key) ?? '');
  keys.forEach((key, i) => {
    if (typeof key !== 'string') return;
    out.invalidEach(path.index(at, i), key, qualifiedNameErrors(key));
    if (selectorKeys.has(key)) out.invalid(path.index(at, i), key, 'exists in both matchLabelKeys and labelSelector');
  });
}

/**
 * validateTopologySpreadConstraints: maxSkew > 0, a topologyKey, a known whenUnsatisfiable, each
 * {topologyKey, whenUnsatisfiable} pair once, minDomains > 0 and only with DoNotSchedule, known node inclusion
 * policies, matchLabelKeys, and a valid labelSelector. The gated fields count from the version their gate is on.
 */
export function validateTopologySpreadConstraints(constraints: unknown, at: string, options: ValidationOptions, out: Violations): void {
  const list = asArray(constraints);
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    const constraint = asObject(list[i]);
    if (!constraint) continue;
    const cp = path.index(at, i);
    const maxSkew = asInteger(constraint.maxSkew) ?? 0;
    if (maxSkew <= 0) out.invalid(path.child(cp, 'maxSkew'), maxSkew, 'must be greater than zero');
    const topologyKey = asString(constraint.topologyKey) ?? '';
    if (!topologyKey) out.required(path.child(cp, 'topologyKey'), 'can not be empty');
    const action = asString(constraint.whenUnsatisfiable) ?? '';
    if (!SCHEDULE_ACTIONS.includes(action)) out.unsupported(path.child(cp, 'whenUnsatisfiable'), action, SCHEDULE_ACTIONS);
    for (let j = i + 1; j < list.length; j++) {
      const other = asObject(list[j]);
      if (other && (asString(other.topologyKey) ?? '') === topologyKey && (asString(other.whenUnsatisfiable) ?? '') === action) {
        out.duplicate(path.child(cp, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${action}}`);
        break;
      }
    }
    const minDomains = asInteger(constraint.minDomains);
    if (minDomains !== undefined && holds(VERSIONED_RULES.minDomains, options)) {
      if (minDomains <= 0) out.invalid(path.child(cp, 'minDomains'), minDomains, 'must be greater than zero');
      if (action !== 'DoNotSchedule') out.invalid(path.child(cp, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`);
    }
    if (holds(VERSIONED_RULES.nodeInclusionPolicy, options)) {
      for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
        const policy = asString(constraint[field]);
        if (policy !== undefined && !NODE_INCLUSION_POLICIES.includes(policy)) {
          out.unsupported(path.child(cp, field), policy, NODE_INCLUSION_POLICIES);
        }
      }
    }
    const selector = asObject(constraint.labelSelector);
    const keys = asArray(constraint.matchLabelKeys);
    if (keys && keys.length > 0 && holds(VERSIONED_RULES.matchLabelKeys, options)) validateMatchLabelKeys(keys, selector, path.child(cp, 'matchLabelKeys'), out);
    if (selector && holds(VERSIONED_RULES.topologySpreadLabelSelector, options)) validateLabelSelector(selector, path.child(cp, 'labelSelector'), out);
  }
}
