import { validateIntOrPercent } from './daemon-set';
import { JsonObject, asObject, asString } from './json';
import { pathSegmentName, validateLabelSelector, validateObjectMeta } from './metadata';
import { Violations } from './violation';

/** supportedUnhealthyPodEvictionPolicies, sorted as sets.String.List() prints them. */
const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/**
 * ValidatePodDisruptionBudget and ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation/validation.go,
 * release-1.27), policy/v1. The strategy checks no name, so the name is rest.BeforeCreate's: a path segment.
 * `unhealthyPodEvictionPolicy` is beta and on by default in 1.27 (PDBUnhealthyPodEvictionPolicy).
 */
export function validatePodDisruptionBudget(manifest: JsonObject, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), pathSegmentName, out);
  const spec = asObject(manifest.spec) ?? {};
  const { minAvailable, maxUnavailable } = spec;
  if (minAvailable !== undefined && minAvailable !== null && maxUnavailable !== undefined && maxUnavailable !== null) {
    out.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set');
  }
  // ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, as for a DaemonSet's rolling update.
  validateIntOrPercent(minAvailable, 'spec.minAvailable', out);
  validateIntOrPercent(maxUnavailable, 'spec.maxUnavailable', out);
  const selector = asObject(spec.selector);
  if (selector) validateLabelSelector(selector, 'spec.selector', out);
  const policy = asString(spec.unhealthyPodEvictionPolicy);
  if (policy !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    out.unsupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES);
  }
}
