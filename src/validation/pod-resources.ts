/**
 * Pod-level resources, `spec.resources` (PodLevelResources, KEP-2837: alpha 1.32, beta and on by default from 1.34;
 * `VERSIONED_RULES.podLevelResources`). Ported from validatePodResources, validatePodResourceRequirements,
 * validatePodResourceName, validateResourceRequirements and validatePodResourceConsistency
 * (pkg/apis/core/validation/validation.go, read in a 1.35-cycle copy, darshansreenivas/validation-gen@04780fad, and
 * a 1.37-cycle copy, AIAgentSandox/kubernetes@64149d12, the same text), with AggregateContainerRequests /
 * AggregateContainerLimits and SupportedPodLevelResources of k8s.io/component-helpers/resource (helpers.go). 1.34's
 * text is not confirmed: see docs/kubernetes-versions.md, "Fields new since 1.27".
 */
import { JsonObject, asArray, asObject, asString, own, path } from './json';
import { isHugePages, isOvercommitAllowed, quantityNotation, quantityOf, validateResourceQuantity } from './pod-containers';
import { Violations } from './violation';
import { qualifiedNameErrors } from '../syntax/k8s-syntax';

/**
 * helper.IsStandardResourceName (pkg/apis/core/helper/helpers.go): the standard resource names, and the
 * hugepages names (`hugepages-*`, `requests.hugepages-*`). The list is as the helper had it in the 1.2x–1.3x
 * releases read for earlier ports; it was not re-read for this one.
 */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const isStandardResourceName = (name: string): boolean =>
  STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/**
 * resourcehelper.SupportedPodLevelResources, sorted (sets.List) as the NotSupported message lists it: cpu and
 * memory, and `hugepages-` (IsSupportedPodLevelResource: any `hugepages-*` name) in the 1.37-cycle helpers.go.
 */
const SUPPORTED_POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];
const isSupportedPodLevelResource = (name: string): boolean => name === 'cpu' || name === 'memory' || isHugePages(name);

/** validatePodResourceName: validateResourceName (a qualified name, standard when unprefixed), then a supported one. */
function validatePodResourceName(name: string, at: string, out: Violations): void {
  const errors = qualifiedNameErrors(name);
  if (errors.length > 0) return out.invalidEach(at, name, errors);
  if (!name.includes('/') && !isStandardResourceName(name)) return out.invalid(at, name, 'must be a standard resource type or fully qualified');
  if (!isSupportedPodLevelResource(name)) out.unsupported(at, name, SUPPORTED_POD_LEVEL_RESOURCES);
}

// ---------------------------------------------------------------------------------------------------------
// Quantities as resource.Quantity prints them (String(): canonical form, in the format it was written in)
// ---------------------------------------------------------------------------------------------------------

type QuantityFormat = ReturnType<typeof quantityNotation>;

/** A quantity in nano units with its format; sums keep the format of their first non-zero term (Quantity.Add). */
interface Amount {
  readonly nano: bigint;
  readonly format: QuantityFormat;
}

function amountOf(quantity: unknown): Amount | undefined {
  const value = quantityOf(quantity);
  if (value === undefined) return undefined;
  const format = quantityNotation(String(quantity));
  // Quantities are exact to the nano unit; values beyond 2^53 nano units are approximated here.
  return { nano: BigInt(Math.round(value * 1e9)), format };
}

const add = (a: Amount | undefined, b: Amount): Amount =>
  (a === undefined ? b : { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format });
const max = (a: Amount | undefined, b: Amount): Amount => (a === undefined || b.nano > a.nano ? b : a);

const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String() (CanonicalizeBytes): the largest suffix that keeps the mantissa an integer. */
function formatAmount(amount: Amount): string {
  const { nano } = amount;
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  const sign = negative ? '-' : '';
  if (abs === 0n) return '0';
  const whole = abs % 1_000_000_000n === 0n ? abs / 1_000_000_000n : undefined;
  // BinarySI falls back to DecimalSI for fractions and for values under 1024.
  if (amount.format === 'BinarySI' && whole !== undefined && whole >= 1024n) {
    let k = 0;
    let mantissa = whole;
    while (k < 6 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      k++;
    }
    return `${sign}${mantissa}${BINARY_SUFFIXES[k]}`;
  }
  let exponent = -9;
  let mantissa = abs;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  const suffix = amount.format === 'DecimalExponent' ? (exponent === 0 ? '' : `e${exponent}`) : DECIMAL_SUFFIXES[exponent];
  return `${sign}${mantissa}${suffix}`;
}

const show = (quantity: unknown): unknown => {
  const amount = amountOf(quantity);
  return amount === undefined ? quantity : formatAmount(amount);
};

// ---------------------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------------------

/**
 * validateResourceRequirements with validatePodResourceName: names, quantities, request ≤ limit (equal for
 * hugepages), hugepages only with cpu or memory. Requests are compared with `<name> limit of <limit>`.
 */
function validatePodResourceRequirements(resources: JsonObject, at: string, out: Violations): void {
  const limits = asObject(resources.limits) ?? {};
  const requests = asObject(resources.requests) ?? {};
  const limPath = path.child(at, 'limits');
  const reqPath = path.child(at, 'requests');
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of Object.keys(limits)) {
    validatePodResourceName(name, path.key(limPath, name), out);
    validateResourceQuantity(name, limits[name], path.key(limPath, name), out);
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const name of Object.keys(requests)) {
    const request = requests[name];
    validatePodResourceName(name, path.key(reqPath, name), out);
    validateResourceQuantity(name, request, path.key(reqPath, name), out);
    const limit = own(limits, name);
    const requested = amountOf(request);
    const limited = amountOf(limit);
    if (limit !== undefined && limit !== null) {
      if (requested !== undefined && limited !== undefined) {
        if (requested.nano !== limited.nano && !isOvercommitAllowed(name)) {
          out.invalid(reqPath, formatAmount(requested), `must be equal to ${name} limit of ${formatAmount(limited)}`);
        } else if (requested.nano > limited.nano) {
          out.invalid(reqPath, formatAmount(requested), `must be less than or equal to ${name} limit of ${formatAmount(limited)}`);
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      out.required(limPath, 'Limit must be set for non overcommitable resources');
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) out.forbidden(at, 'HugePages require cpu or memory');
}

/**
 * resourcehelper.AggregateContainerRequests / AggregateContainerLimits (no pod overhead): the regular containers'
 * sum plus the sidecars', or, when larger, what an init container needs with the sidecars started before it.
 */
function aggregate(spec: JsonObject, field: 'requests' | 'limits'): Map<string, Amount> {
  const listOf = (container: unknown): JsonObject => asObject(asObject(asObject(container)?.resources)?.[field]) ?? {};
  const total = new Map<string, Amount>();
  const addTo = (into: Map<string, Amount>, list: JsonObject): void => {
    for (const name of Object.keys(list)) {
      const amount = amountOf(list[name]);
      if (amount !== undefined) into.set(name, add(into.get(name), amount));
    }
  };
  for (const container of asArray(spec.containers) ?? []) addTo(total, listOf(container));
  const sidecars = new Map<string, Amount>();
  const initMax = new Map<string, Amount>();
  for (const container of asArray(spec.initContainers) ?? []) {
    const resources = listOf(container);
    let needs: Map<string, Amount>;
    if (asString(asObject(container)?.restartPolicy) === 'Always') {
      addTo(total, resources);
      addTo(sidecars, resources);
      needs = new Map(sidecars);
    } else {
      needs = new Map();
      addTo(needs, resources);
      for (const [name, amount] of sidecars) needs.set(name, add(needs.get(name), amount));
    }
    for (const [name, amount] of needs) initMax.set(name, max(initMax.get(name), amount));
  }
  for (const [name, amount] of initMax) total.set(name, max(total.get(name), amount));
  return total;
}

/**
 * validatePodResourceConsistency: pod requests ≥ the containers' aggregate requests; pod hugepages limits ≥ their
 * aggregate limits; each regular container's limit ≤ the pod limit (reported, as upstream does, at
 * `resources.containers[i][<name>].limits`).
 */
function validatePodResourceConsistency(spec: JsonObject, resources: JsonObject, at: string, out: Violations): void {
  const requests = asObject(resources.requests) ?? {};
  const limits = asObject(resources.limits) ?? {};
  for (const [name, containers] of aggregate(spec, 'requests')) {
    const pod = amountOf(own(requests, name));
    if (pod !== undefined && containers.nano > pod.nano) {
      out.invalid(path.key(path.child(at, 'requests'), name), formatAmount(pod),
        `must be greater than or equal to aggregate container requests of ${formatAmount(containers)}`);
    }
  }
  for (const [name, containers] of aggregate(spec, 'limits')) {
    if (!isHugePages(name)) continue;
    const pod = amountOf(own(limits, name));
    if (pod !== undefined && containers.nano > pod.nano) {
      out.invalid(path.key(path.child(at, 'limits'), name), formatAmount(pod),
        `must be greater than or equal to aggregate container limits of ${formatAmount(containers)}`);
    }
  }
  (asArray(spec.containers) ?? []).forEach((container, i) => {
    const containerLimits = asObject(asObject(asObject(container)?.resources)?.limits) ?? {};
    for (const name of Object.keys(containerLimits)) {
      const pod = amountOf(own(limits, name));
      const limit = amountOf(containerLimits[name]);
      if (pod !== undefined && limit !== undefined && limit.nano > pod.nano) {
        out.invalid(path.child(path.key(path.index(path.child(at, 'containers'), i), name), 'limits'), show(containerLimits[name]),
          `must be less than or equal to pod limits of ${formatAmount(pod)}`);
      }
    }
  });
}

/** validatePodResources: not on a Windows pod; no claims; the requirements; consistency with the containers. */
export function validatePodResources(spec: JsonObject, at: string, out: Violations): void {
  const resources = asObject(spec.resources);
  if (!resources) return;
  const rp = path.child(at, 'resources');
  if (asObject(spec.os)?.name === 'windows') return out.forbidden(rp, 'may not be set for a windows pod');
  if (resources.claims !== undefined && resources.claims !== null) out.forbidden(path.child(rp, 'claims'), 'claims may not be set for Resources at pod-level');
  validatePodResourceRequirements(resources, rp, out);
  validatePodResourceConsistency(spec, resources, rp, out);
}
