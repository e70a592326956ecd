/**
 * Containers and init containers of a pod spec (pkg/apis/core/validation/validation.go, Kubernetes 1.27):
 * validateContainers, validateInitContainers, validateContainerCommon and the functions they call.
 */
import { JsonObject, asArray, asInteger, asObject, asString, own, path, unset } from './json';
import { validateSecurityContext } from './pod-security-context';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './pod-volumes';
import { VERSIONED_RULES, ValidationOptions, holds } from './versions';
import { Violations } from './violation';
import {
  configMapKeyErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  envVarNameErrors,
  ianaSvcNameErrors,
  isQuantity,
  qualifiedNameErrors,
  quantityValue,
} from '../syntax/k8s-syntax';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const HTTP_HEADER_MESSAGE = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

/** The numeric value of a quantity given as a string or a number; `undefined` if it does not parse. */
export function quantityOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && isQuantity(value) ? quantityValue(value) : undefined;
}

function nonNegative(value: unknown, at: string, field: string, out: Violations): void {
  const n = asInteger(value);
  if (n !== undefined && n < 0) out.invalid(path.child(at, field), n, 'must be greater than or equal to 0');
}

function isPort(port: number): boolean {
  return port >= 1 && port <= 65535;
}

/** ValidatePortNumOrName: a port number or an IANA service name (probes, lifecycle handlers). */
function validatePortNumOrName(value: unknown, at: string, out: Violations): void {
  if (typeof value === 'string') out.invalidEach(at, value, ianaSvcNameErrors(value));
  // A missing port decodes as 0.
  else if (!isPort(asInteger(value) ?? 0)) out.invalid(at, asInteger(value) ?? 0, PORT_RANGE);
}

/** validateContainerPorts: names unique within the container, ports in range, a known protocol. */
function validateContainerPorts(ports: unknown, at: string, out: Violations): void {
  const list = asArray(ports);
  if (!list) return;
  let names: Set<string> | undefined;
  for (let j = 0; j < list.length; j++) {
    const port = asObject(list[j]);
    if (!port) continue;
    const pp = path.index(at, j);
    const name = asString(port.name);
    if (name) {
      const errors = ianaSvcNameErrors(name);
      if (errors.length > 0) out.invalidEach(path.child(pp, 'name'), name, errors);
      else if (names?.has(name)) out.duplicate(path.child(pp, 'name'), name);
      else (names ??= new Set()).add(name);
    }
    const containerPort = asInteger(port.containerPort) ?? 0;
    if (containerPort === 0) out.required(path.child(pp, 'containerPort'));
    else if (!isPort(containerPort)) out.invalid(path.child(pp, 'containerPort'), containerPort, PORT_RANGE);
    const hostPort = asInteger(port.hostPort) ?? 0;
    if (hostPort !== 0 && !isPort(hostPort)) out.invalid(path.child(pp, 'hostPort'), hostPort, PORT_RANGE);
    const protocol = asString(port.protocol);
    if (protocol !== undefined && !PROTOCOLS.includes(protocol)) out.unsupported(path.child(pp, 'protocol'), protocol, PROTOCOLS);
  }
}

/** AccumulateUniqueHostPorts: (protocol, hostIP, hostPort) unique across `containers`, reported as `<at>[i].ports[j].hostPort`. */
export function checkHostPortConflicts(containers: readonly unknown[], at: string, out: Violations, seen: Set<string> = new Set()): void {
  for (let i = 0; i < containers.length; i++) {
    const ports = asArray(asObject(containers[i])?.ports);
    if (!ports) continue;
    for (let j = 0; j < ports.length; j++) {
      const port = asObject(ports[j]);
      const hostPort = asInteger(port?.hostPort) ?? 0;
      if (!port || hostPort === 0) continue;
      const key = `${asString(port.protocol) ?? 'TCP'}/${asString(port.hostIP) ?? ''}/${hostPort}`;
      if (seen.has(key)) out.duplicate(path.child(path.index(path.child(path.index(at, i), 'ports'), j), 'hostPort'), key);
      seen.add(key);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Downward API selectors (env and volumes)
// ---------------------------------------------------------------------------------------------------------

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → [`metadata.labels`, `app`]. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const trimmed = fieldPath.slice(0, -2);
  const at = trimmed.indexOf("['");
  if (at <= 0) return undefined;
  return [trimmed.slice(0, at), trimmed.slice(at + 2)];
}

/** The labels ConvertDownwardAPIFieldLabel (v1) converts, and what it converts them to. */
const CONVERTIBLE_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.podIP', 'status.podIPs',
]);

/** The fields environment variables may use (validEnvDownwardAPIFieldPathExpressions, 1.27: no `status.hostIPs`). */
const ENV_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs',
]);

/**
 * validateObjectFieldSelector: the path must convert (ConvertDownwardAPIFieldLabel), then be one `expressions` allows;
 * a label or annotation subscript must be a qualified name (reported at the selector itself, as upstream does).
 */
export function validateObjectFieldSelector(selector: JsonObject, at: string, expressions: ReadonlySet<string>, out: Violations): void {
  // SetDefaults_ObjectFieldSelector: apiVersion v1.
  const apiVersion = asString(selector.apiVersion) || 'v1';
  const fieldPath = asString(selector.fieldPath) ?? '';
  const fp = path.child(at, 'fieldPath');
  if (!fieldPath) return out.required(fp);
  if (apiVersion !== 'v1') return out.invalid(fp, fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`);
  const subscript = splitSubscript(fieldPath);
  if (subscript) {
    const [base, key] = subscript;
    if (base === 'metadata.labels') out.invalidEach(at, key, qualifiedNameErrors(key));
    else if (base === 'metadata.annotations') out.invalidEach(at, key.toLowerCase(), qualifiedNameErrors(key.toLowerCase()));
    else out.invalid(fp, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`);
    return;
  }
  // `spec.host` is the old name of spec.nodeName.
  const converted = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!CONVERTIBLE_FIELD_PATHS.has(converted)) return out.invalid(fp, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`);
  if (!expressions.has(converted)) out.unsupported(fp, converted, [...expressions].sort());
}

const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const HUGE_PAGES_PREFIXES = ['requests.hugepages-', 'limits.hugepages-'];
const BYTE_DIVISORS = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

function near(value: number, target: number): boolean {
  return Math.abs(value - target) <= target * 1e-12;
}

/**
 * How a quantity's text is written, which its canonical form (Quantity.String()) keeps: a binary suffix (`Ki`…`Ei`)
 * or a decimal exponent (`e3`); otherwise decimal SI.
 */
export function quantityNotation(text: string): 'BinarySI' | 'DecimalExponent' | 'DecimalSI' {
  if (/[KMGTPE]i$/.test(text)) return 'BinarySI';
  return /[eE][+-]?[0-9]+$/.test(text) ? 'DecimalExponent' : 'DecimalSI';
}

/**
 * Whether a divisor's canonical form (Quantity.String(), which keeps the notation it was written in) is one of the
 * values validateContainerResourceDivisor allows: `1m` or `1` for cpu; `1`, `1k`…`1E`, `1Ki`…`1Ei` for bytes.
 */
function isAllowedDivisor(divisor: unknown, cpu: boolean): boolean {
  const text = typeof divisor === 'number' ? String(divisor) : String(divisor);
  const value = quantityOf(text);
  if (value === undefined) return true; // undecodable: reported by the schema check
  if (near(value, 1)) return true;
  const notation = quantityNotation(text);
  const binary = notation === 'BinarySI';
  const exponent = notation === 'DecimalExponent';
  // Binary values under 1024 are shown in decimal notation.
  const decimal = !exponent && (!binary || value < 1024);
  if (cpu) return decimal && near(value, 0.001);
  for (let k = 1; k <= 6; k++) {
    if (decimal && near(value, 10 ** (3 * k))) return true;
    if (binary && near(value, 2 ** (10 * k))) return true;
  }
  return false;
}

/** validateContainerResourceDivisor. */
function validateContainerResourceDivisor(resource: string, divisor: unknown, at: string, out: Violations): void {
  if (divisor === undefined || divisor === null || quantityOf(divisor) === 0) return;
  const dp = (): string => path.child(at, 'divisor');
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (!isAllowedDivisor(divisor, true)) out.invalid(dp(), resource, "only divisor's values 1m and 1 are supported with the cpu resource");
      break;
    case 'limits.memory':
    case 'requests.memory':
      if (!isAllowedDivisor(divisor, false)) out.invalid(dp(), resource, `only divisor's values ${BYTE_DIVISORS} are supported with the memory resource`);
      break;
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      if (!isAllowedDivisor(divisor, false)) out.invalid(dp(), resource, `only divisor's values ${BYTE_DIVISORS} are supported with the local ephemeral storage resource`);
      break;
  }
  if (HUGE_PAGES_PREFIXES.some((prefix) => resource.startsWith(prefix)) && !isAllowedDivisor(divisor, false)) {
    out.invalid(dp(), resource, `only divisor's values ${BYTE_DIVISORS} are supported with the hugepages resource`);
  }
}

/** validateContainerResourceFieldSelector (`volume`: a downwardAPI volume item, which must name its container). */
export function validateResourceFieldSelector(selector: JsonObject, at: string, volume: boolean, out: Violations): void {
  const resource = asString(selector.resource) ?? '';
  if (volume && !asString(selector.containerName)) {
    out.required(path.child(at, 'containerName'));
  } else if (!resource) {
    out.required(path.child(at, 'resource'));
  } else if (!RESOURCE_FIELDS.includes(resource) && !HUGE_PAGES_PREFIXES.some((prefix) => resource.startsWith(prefix))) {
    out.unsupported(path.child(at, 'resource'), resource, RESOURCE_FIELDS);
  }
  validateContainerResourceDivisor(resource, selector.divisor, at, out);
}

// ---------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------

function validateKeySelector(selector: JsonObject, at: string, out: Violations): void {
  const name = asString(selector.name) ?? '';
  out.invalidEach(path.child(at, 'name'), name, dns1123SubdomainErrors(name));
  const key = asString(selector.key) ?? '';
  if (!key) out.required(path.child(at, 'key'));
  else out.invalidEach(path.child(at, 'key'), key, configMapKeyErrors(key));
}

/** validateEnvVarValueFrom: exactly one source, not together with a value. */
function validateEnvVarValueFrom(env: JsonObject, valueFrom: JsonObject, at: string, out: Violations): void {
  let sources = 0;
  const fieldRef = asObject(valueFrom.fieldRef);
  if (fieldRef) {
    sources++;
    validateObjectFieldSelector(fieldRef, path.child(at, 'fieldRef'), ENV_FIELD_PATHS, out);
  }
  const resourceFieldRef = asObject(valueFrom.resourceFieldRef);
  if (resourceFieldRef) {
    sources++;
    validateResourceFieldSelector(resourceFieldRef, path.child(at, 'resourceFieldRef'), false, out);
  }
  for (const source of ['configMapKeyRef', 'secretKeyRef']) {
    const selector = asObject(valueFrom[source]);
    if (!selector) continue;
    sources++;
    validateKeySelector(selector, path.child(at, source), out);
  }
  if (sources === 0) out.invalid(at, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
  else if (asString(env.value)) out.invalid(at, '', 'may not be specified when `value` is not empty');
  else if (sources > 1) out.invalid(at, '', 'may not have more than one field specified at a time');
}

/** envVarNameErrors(name) is empty: tested first, so that a valid name costs no allocation. */
function isEnvVarName(name: string): boolean {
  return ENV_VAR_NAME.test(name) && name !== '.' && !name.startsWith('..');
}

/** ValidateEnv and ValidateEnvFrom. */
function validateEnv(container: JsonObject, at: string, out: Violations): void {
  const env = asArray(container.env);
  for (let k = 0; env && k < env.length; k++) {
    const variable = asObject(env[k]);
    if (!variable) continue;
    const name = asString(variable.name) ?? '';
    if (!name) out.required(path.child(path.index(path.child(at, 'env'), k), 'name'));
    else if (!isEnvVarName(name)) out.invalidEach(path.child(path.index(path.child(at, 'env'), k), 'name'), name, envVarNameErrors(name));
    const valueFrom = asObject(variable.valueFrom);
    if (valueFrom) validateEnvVarValueFrom(variable, valueFrom, path.child(path.index(path.child(at, 'env'), k), 'valueFrom'), out);
  }
  const envFrom = asArray(container.envFrom);
  for (let k = 0; envFrom && k < envFrom.length; k++) {
    const source = asObject(envFrom[k]);
    if (!source) continue;
    const ep = path.index(path.child(at, 'envFrom'), k);
    const prefix = asString(source.prefix);
    if (prefix) out.invalidEach(path.child(ep, 'prefix'), prefix, envVarNameErrors(prefix));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = asObject(source[kind]);
      if (!ref) continue;
      sources++;
      const name = asString(ref.name) ?? '';
      if (!name) out.required(path.child(path.child(ep, kind), 'name'));
      else out.invalidEach(path.child(path.child(ep, kind), 'name'), name, dns1123SubdomainErrors(name));
    }
    // 1.27 reports these at the list, not at the item.
    if (sources === 0) out.invalid(path.child(at, 'envFrom'), '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (sources > 1) out.invalid(path.child(at, 'envFrom'), '', 'may not have more than one field specified at a time');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Volume mounts and devices
// ---------------------------------------------------------------------------------------------------------

/** GetVolumeMountMap / GetVolumeDeviceMap: name → path, the last entry winning. */
function pathsByName(list: unknown, pathField: string): Map<string, string> | undefined {
  const entries = asArray(list);
  if (!entries || entries.length === 0) return undefined;
  const map = new Map<string, string>();
  for (const entry of entries) {
    const object = asObject(entry);
    if (object) map.set(asString(object.name) ?? '', asString(object[pathField]) ?? '');
  }
  return map;
}

function hasPath(map: Map<string, string> | undefined, target: string): boolean {
  if (!map) return false;
  for (const value of map.values()) if (value === target) return true;
  return false;
}

/** validateMountPropagation: a known mode, and Bidirectional only in a privileged container. */
function validateMountPropagation(propagation: unknown, container: JsonObject, at: string, out: Violations): void {
  if (typeof propagation !== 'string') return;
  if (!MOUNT_PROPAGATIONS.includes(propagation)) out.unsupported(at, propagation, MOUNT_PROPAGATIONS);
  if (propagation === 'Bidirectional' && asObject(container.securityContext)?.privileged !== true) {
    out.forbidden(at, 'Bidirectional mount propagation is available only to privileged containers');
  }
}

/**
 * ValidateVolumeMounts. The server reports subPath, subPathExpr and mountPropagation problems at
 * `volumeMounts.subPath` (no index): so do we.
 */
function validateVolumeMounts(container: JsonObject, at: string, volumes: ReadonlySet<string>, out: Violations): void {
  const mounts = asArray(container.volumeMounts);
  if (!mounts) return;
  const mp = path.child(at, 'volumeMounts');
  const devices = pathsByName(container.volumeDevices, 'devicePath');
  const mountPoints = new Set<string>();
  for (let k = 0; k < mounts.length; k++) {
    const mount = asObject(mounts[k]);
    if (!mount) continue;
    const name = asString(mount.name) ?? '';
    const mountPath = asString(mount.mountPath) ?? '';
    if (!name) out.required(path.child(path.index(mp, k), 'name'));
    if (!volumes.has(name)) {
      const known = [...volumes].filter((v) => v).map((v) => `'${v}'`).join(', ') || 'none';
      out.notFound(path.child(path.index(mp, k), 'name'), name, `names no volume of the pod; add it to volumes (volumes: ${known})`);
    }
    if (!mountPath) out.required(path.child(path.index(mp, k), 'mountPath'));
    if (mountPoints.has(mountPath)) out.invalid(path.child(path.index(mp, k), 'mountPath'), mountPath, 'must be unique');
    mountPoints.add(mountPath);
    if (devices?.has(name)) out.invalid(path.child(path.index(mp, k), 'name'), name, 'must not already exist in volumeDevices');
    if (hasPath(devices, mountPath)) out.invalid(path.child(path.index(mp, k), 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices');
    const subPath = asString(mount.subPath) ?? '';
    if (subPath) validateLocalDescendingPath(subPath, path.child(mp, 'subPath'), out);
    const subPathExpr = asString(mount.subPathExpr) ?? '';
    if (subPathExpr) {
      if (subPath) out.invalid(path.child(path.index(mp, k), 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive');
      validateLocalDescendingPath(subPathExpr, path.child(mp, 'subPathExpr'), out);
    }
    if (mount.mountPropagation !== undefined && mount.mountPropagation !== null) {
      validateMountPropagation(mount.mountPropagation, container, path.child(mp, 'mountPropagation'), out);
    }
  }
}

/** ValidateVolumeDevices: unique names and paths, claim-backed volumes only, no overlap with the mounts. */
function validateVolumeDevices(container: JsonObject, at: string, volumes: ReadonlySet<string>, claims: ReadonlySet<string>, out: Violations): void {
  const devices = asArray(container.volumeDevices);
  if (!devices) return;
  const dp = path.child(at, 'volumeDevices');
  const mounts = pathsByName(container.volumeMounts, 'mountPath');
  const names = new Set<string>();
  const paths = new Set<string>();
  for (let k = 0; k < devices.length; k++) {
    const device = asObject(devices[k]);
    if (!device) continue;
    const name = asString(device.name) ?? '';
    const devicePath = asString(device.devicePath) ?? '';
    const np = (): string => path.child(path.index(dp, k), 'name');
    const pp = (): string => path.child(path.index(dp, k), 'devicePath');
    if (!name) out.required(np());
    if (names.has(name)) out.invalid(np(), name, 'must be unique');
    if (volumes.has(name) && !claims.has(name)) out.invalid(np(), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode');
    if (!volumes.has(name)) out.notFound(np(), name);
    if (!devicePath) out.required(pp());
    if (paths.has(devicePath)) out.invalid(pp(), devicePath, 'must be unique');
    const before = out.list.length;
    if (devicePath) validatePathNoBacksteps(devicePath, pp(), out);
    if (out.list.length > before) {
      out.list.length = before;
      out.invalid(pp(), devicePath, "can not contain backsteps ('..')");
    } else {
      paths.add(devicePath);
    }
    if (mounts?.has(name)) out.invalid(np(), name, 'must not already exist in volumeMounts');
    if (hasPath(mounts, devicePath)) out.invalid(pp(), devicePath, 'must not already exist as a path in volumeMounts');
    if (name) names.add(name);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
export const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** helper.IsNativeResource: unprefixed, or in the kubernetes.io domain. */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed: requests may be below limits. Extended resources and hugepages must be equal. */
export const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

/** validateContainerResourceName: a qualified name, then a standard name or a valid extended resource name. */
function validateContainerResourceName(name: string, at: string, out: Violations): void {
  if (STANDARD_CONTAINER_RESOURCES.includes(name)) return;
  out.invalidEach(at, name, qualifiedNameErrors(name));
  if (!name.includes('/')) {
    if (!isHugePages(name)) out.invalid(at, name, 'must be a standard resource for containers');
  } else if (!isNative(name) && (name.startsWith('requests.') || qualifiedNameErrors(`requests.${name}`).length > 0)) {
    out.invalid(at, name, "doesn't follow extended resource name standard");
  }
}

/**
 * ValidateResourceQuantityValue and validateResourceQuantityHugePageValue: what validateResourceRequirements checks
 * of each quantity, for containers and (pod-resources.ts) the pod-level resources alike.
 */
export function validateResourceQuantity(name: string, quantity: unknown, at: string, out: Violations): void {
  const value = quantityOf(quantity);
  if (value === undefined) return;
  if (value < 0) out.invalid(at, quantity, 'must be greater than or equal to 0');
  if (!isNative(name) && !Number.isInteger(value)) out.invalid(at, quantity, 'must be an integer');
  if (isHugePages(name)) {
    // validateResourceQuantityHugePageValue (IsHugePageResourceValueDivisible): a whole multiple of a valid page size.
    const pageSize = quantityOf(name.slice('hugepages-'.length));
    const divisible = pageSize !== undefined && pageSize > 0 && Number.isInteger(pageSize) && Math.ceil(value) % pageSize === 0;
    if (!divisible) {
      out.invalid(at, quantity, `${String(quantity)} is not positive integer multiple of ${name}`);
    }
  }
}

function validateResourceList(map: JsonObject, at: string, out: Violations): void {
  for (const name of Object.keys(map)) {
    validateContainerResourceName(name, path.key(at, name), out);
    validateResourceQuantity(name, map[name], path.key(at, name), out);
  }
}

/** ValidateResourceRequirements (containers). */
function validateResources(container: JsonObject, at: string, out: Violations): void {
  const resources = asObject(container.resources);
  if (!resources) return;
  const rp = path.child(at, 'resources');
  const limits = asObject(resources.limits) ?? {};
  const requests = asObject(resources.requests) ?? {};
  validateResourceList(limits, path.child(rp, 'limits'), out);
  validateResourceList(requests, path.child(rp, 'requests'), out);
  for (const name of Object.keys(requests)) {
    const request = requests[name];
    const requested = quantityOf(request);
    const limit = own(limits, name);
    const limited = quantityOf(limit);
    if (limit !== undefined && limit !== null) {
      if (requested === undefined || limited === undefined) continue;
      if (!isOvercommitAllowed(name) && requested !== limited) out.invalid(path.child(rp, 'requests'), request, `must be equal to ${name} limit`);
      else if (requested > limited) out.invalid(path.child(rp, 'requests'), request, `must be less than or equal to ${name} limit`);
    } else if (!isOvercommitAllowed(name)) {
      out.required(path.child(rp, 'limits'), 'Limit must be set for non overcommitable resources');
    }
  }
  let hugePages = false;
  let cpuOrMemory = false;
  for (const map of [limits, requests]) {
    for (const name of Object.keys(map)) {
      if (isHugePages(name)) hugePages = true;
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    }
  }
  if (hugePages && !cpuOrMemory) out.forbidden(rp, 'HugePages require cpu or memory');
}

const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/**
 * validateResizePolicy (InPlacePodVerticalScaling on from 1.33): resource names cpu or memory, each once; restart
 * policy NotRequired or RestartContainer, and NotRequired when the pod's restartPolicy is Never. Upstream reports
 * all but the duplicate at the list, without the index.
 */
function validateResizePolicy(policies: unknown[], at: string, podRestartPolicy: string, out: Violations): void {
  const seen = new Set<string>();
  policies.forEach((entry, i) => {
    const policy = asObject(entry) ?? {};
    const resourceName = asString(policy.resourceName) ?? '';
    if (seen.has(resourceName)) out.duplicate(path.index(at, i), resourceName);
    seen.add(resourceName);
    if (resourceName === '') out.required(at);
    else if (!RESIZE_RESOURCES.includes(resourceName)) out.unsupported(at, resourceName, RESIZE_RESOURCES);
    const restartPolicy = asString(policy.restartPolicy) ?? '';
    if (restartPolicy === '') out.required(at);
    else if (!RESIZE_POLICIES.includes(restartPolicy)) out.unsupported(at, restartPolicy, RESIZE_POLICIES);
    if (podRestartPolicy === 'Never' && restartPolicy !== 'NotRequired') {
      out.invalid(at, restartPolicy, "must be 'NotRequired' when pod `restartPolicy` is 'Never'");
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Probes and lifecycle handlers
// ---------------------------------------------------------------------------------------------------------

/** validateHTTPGetAction (path defaulted to `/`, scheme to HTTP): port, scheme and header names. */
function validateHTTPGetAction(action: JsonObject, at: string, out: Violations): void {
  validatePortNumOrName(action.port, path.child(at, 'port'), out);
  const scheme = asString(action.scheme);
  if (scheme !== undefined && scheme !== '' && !HTTP_SCHEMES.includes(scheme)) out.unsupported(path.child(at, 'scheme'), scheme, HTTP_SCHEMES);
  const headers = asArray(action.httpHeaders);
  for (let h = 0; headers && h < headers.length; h++) {
    const name = asString(asObject(headers[h])?.name) ?? '';
    if (!HTTP_HEADER_NAME.test(name)) out.invalid(path.child(at, 'httpHeaders'), name, HTTP_HEADER_MESSAGE);
  }
}

/** validateHandler: exactly one of the handler types (`kinds`), each validated (`sleep` against `gracePeriod`). */
function validateHandler(handler: JsonObject, at: string, kinds: readonly string[], out: Violations, gracePeriod?: number): void {
  let count = 0;
  for (const kind of kinds) {
    const action = asObject(handler[kind]);
    if (!action) continue;
    if (count++ > 0) {
      out.forbidden(path.child(at, kind), 'may not specify more than 1 handler type');
      continue;
    }
    const ap = path.child(at, kind);
    switch (kind) {
      case 'exec':
        if ((asArray(action.command)?.length ?? 0) === 0) out.required(path.child(ap, 'command'));
        break;
      case 'httpGet': validateHTTPGetAction(action, ap, out); break;
      case 'tcpSocket': validatePortNumOrName(action.port, path.child(ap, 'port'), out); break;
      case 'grpc': validatePortNumOrName(asInteger(action.port) ?? 0, path.child(ap, 'port'), out); break;
      case 'sleep': validateSleepAction(action, ap, gracePeriod, out); break;
    }
  }
  if (count === 0) out.required(at, 'must specify a handler type');
}

/**
 * validateSleepAction with PodLifecycleSleepActionAllowZero on (1.33+, `VERSIONED_RULES.lifecycleSleepAction`):
 * seconds from 0 to the pod's terminationGracePeriodSeconds (defaulted to 30). Not checked when the grace period
 * is not an integer (upstream passes nil then).
 */
function validateSleepAction(action: JsonObject, at: string, gracePeriod: number | undefined, out: Violations): void {
  const seconds = asInteger(action.seconds);
  if (gracePeriod === undefined || seconds === undefined) return;
  if (seconds < 0 || seconds > gracePeriod) {
    out.invalid(at, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`);
  }
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];
/** With the sleep action (validateHandler's order: exec, httpGet, tcpSocket, grpc, sleep). */
const LIFECYCLE_HANDLERS_WITH_SLEEP = [...LIFECYCLE_HANDLERS, 'sleep'];

/** validateProbe with validateLivenessProbe / validateReadinessProbe / validateStartupProbe. */
function validateProbe(probe: JsonObject, at: string, kind: 'liveness' | 'readiness' | 'startup', out: Violations): void {
  validateHandler(probe, at, PROBE_HANDLERS, out);
  nonNegative(probe.initialDelaySeconds, at, 'initialDelaySeconds', out);
  nonNegative(probe.timeoutSeconds, at, 'timeoutSeconds', out);
  nonNegative(probe.periodSeconds, at, 'periodSeconds', out);
  nonNegative(probe.successThreshold, at, 'successThreshold', out);
  nonNegative(probe.failureThreshold, at, 'failureThreshold', out);
  const grace = asInteger(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0) out.invalid(path.child(at, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0');
  const successThreshold = asInteger(probe.successThreshold);
  if (kind !== 'readiness' && successThreshold !== undefined && successThreshold !== 1) {
    out.invalid(path.child(at, 'successThreshold'), successThreshold, 'must be 1');
  }
  if (kind === 'readiness' && grace !== undefined) out.invalid(path.child(at, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes');
}

/** validateLifecycle: postStart and preStop handlers (1.27: exec, httpGet, tcpSocket; 1.33+ also sleep). */
function validateLifecycle(lifecycle: JsonObject, at: string, context: ContainerContext, out: Violations): void {
  const kinds = holds(VERSIONED_RULES.lifecycleSleepAction, context.options) ? LIFECYCLE_HANDLERS_WITH_SLEEP : LIFECYCLE_HANDLERS;
  for (const hook of ['postStart', 'preStop']) {
    const handler = asObject(lifecycle[hook]);
    if (handler) validateHandler(handler, path.child(at, hook), kinds, out, context.gracePeriod);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Container restart policy and rules (ContainerRestartRules, KEP-5307; 1.35+)
// ---------------------------------------------------------------------------------------------------------

/** supportedContainerRestartPolicies, as sets.List sorts them. */
const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
/** supportedContainerRestartPolicyOperators. */
const RESTART_RULE_OPERATORS = ['In', 'NotIn'];
/** supportedContainerRestartRuleActions; with AllowRestartAllContainers also RestartAllContainers. */
const RESTART_RULE_ACTIONS = ['Restart'];
const RESTART_RULE_ACTIONS_WITH_RESTART_ALL = ['Restart', 'RestartAllContainers'];
const MAX_RESTART_RULES = 20;
const MAX_RESTART_RULE_EXIT_CODES = 255;

/** A list limit: field.TooMany from 1.36 (`VERSIONED_RULES.restartRulesTooMany`), field.TooLong in 1.35. */
function restartRulesTooMany(at: string, count: number, max: number, options: ValidationOptions, out: Violations): void {
  if (holds(VERSIONED_RULES.restartRulesTooMany, options)) out.tooMany(at, count, max);
  else out.tooLong(at, undefined, max, `may not be more than ${max} bytes`);
}

/**
 * validateContainerRestartPolicy (pkg/apis/core/validation/validation.go, 1.35+ with ContainerRestartRules on):
 * restartPolicy Always, Never or OnFailure, required when there are restartPolicyRules; at most 20 rules, each with
 * a supported action and exitCodes (operator In or NotIn, at most 255 values).
 */
function validateContainerRestartPolicy(container: JsonObject, cp: string, options: ValidationOptions, out: Violations): void {
  const policy = container.restartPolicy;
  const rules = asArray(container.restartPolicyRules) ?? [];
  const pp = path.child(cp, 'restartPolicy');
  if (unset(policy)) {
    if (rules.length === 0) return;
    out.required(pp, 'must specify restartPolicy when restart rules are used');
  } else if (typeof policy !== 'string' || !CONTAINER_RESTART_POLICIES.includes(policy)) {
    out.unsupported(pp, policy, CONTAINER_RESTART_POLICIES);
  }
  const rp = path.child(cp, 'restartPolicyRules');
  if (rules.length > MAX_RESTART_RULES) restartRulesTooMany(rp, rules.length, MAX_RESTART_RULES, options, out);
  const actions = holds(VERSIONED_RULES.restartAllContainers, options) ? RESTART_RULE_ACTIONS_WITH_RESTART_ALL : RESTART_RULE_ACTIONS;
  for (let i = 0; i < rules.length; i++) {
    const rule = asObject(rules[i]) ?? {};
    const ip = path.index(rp, i);
    const action = rule.action ?? '';
    if (typeof action !== 'string' || !actions.includes(action)) out.unsupported(path.child(ip, 'action'), action, actions);
    const exitCodes = asObject(rule.exitCodes);
    if (!exitCodes) {
      out.required(path.child(ip, 'exitCodes'), 'must be specified');
      continue;
    }
    const ep = path.child(ip, 'exitCodes');
    const operator = exitCodes.operator ?? '';
    if (typeof operator !== 'string' || !RESTART_RULE_OPERATORS.includes(operator)) out.unsupported(path.child(ep, 'operator'), operator, RESTART_RULE_OPERATORS);
    const values = asArray(exitCodes.values) ?? [];
    if (values.length > MAX_RESTART_RULE_EXIT_CODES) restartRulesTooMany(path.child(ep, 'values'), values.length, MAX_RESTART_RULE_EXIT_CODES, options, out);
  }
}

/**
 * validateInitContainerRestartPolicy with ContainerRestartRules on (1.35+): rules need a restartPolicy; a sidecar
 * (Always) may not have rules unless RestartAllContainersOnContainerExits is on (1.36+), then they are validated as
 * a regular container's; any other restartPolicy is validated as a regular container's.
 */
function validateInitContainerRestartPolicy(container: JsonObject, cp: string, options: ValidationOptions, out: Violations): void {
  const rules = asArray(container.restartPolicyRules) ?? [];
  if (unset(container.restartPolicy)) {
    if (rules.length > 0) out.required(path.child(cp, 'restartPolicy'), 'must specify restartPolicy when restart rules are used');
    return;
  }
  if (container.restartPolicy === 'Always' && !holds(VERSIONED_RULES.restartAllContainers, options)) {
    if (rules.length > 0) out.forbidden(path.child(cp, 'restartPolicyRules'), 'restartPolicyRules are not allowed for init containers with restart policy Always');
    return;
  }
  validateContainerRestartPolicy(container, cp, options, out);
}

// ---------------------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------------------

/** What a container's rules need to know of its pod. */
export interface ContainerContext {
  /** The volumes that passed validation (ValidateVolumes' map): only those can be mounted. */
  readonly volumes: ReadonlySet<string>;
  /** Those of them backed by a claim (persistentVolumeClaim or ephemeral): only those can be block devices. */
  readonly claims: ReadonlySet<string>;
  readonly options: ValidationOptions;
  /** The pod's terminationGracePeriodSeconds after defaulting (30), undefined when it is not an integer. */
  readonly gracePeriod?: number;
  /** Whether the pod shares the host's user namespace (`hostUsers` not false; the default). */
  readonly hostUsers?: boolean;
  /** The pod's restartPolicy after defaulting (Always). */
  readonly restartPolicy?: string;
}

/** validateContainerCommon: what regular and init containers share. */
function validateContainerCommon(container: JsonObject, at: string, context: ContainerContext, out: Violations): void {
  const name = asString(container.name) ?? '';
  if (!name) out.required(path.child(at, 'name'));
  else out.invalidEach(path.child(at, 'name'), name, dns1123LabelErrors(name));
  if (!asString(container.image)) out.required(path.child(at, 'image'), "an image reference such as 'nginx:1.25'");
  const messagePolicy = asString(container.terminationMessagePolicy);
  if (messagePolicy !== undefined && !MESSAGE_POLICIES.includes(messagePolicy)) {
    out.unsupported(path.child(at, 'terminationMessagePolicy'), messagePolicy, MESSAGE_POLICIES);
  }
  if (container.ports !== undefined) validateContainerPorts(container.ports, path.child(at, 'ports'), out);
  if (container.env !== undefined || container.envFrom !== undefined) validateEnv(container, at, out);
  if (container.volumeMounts !== undefined) validateVolumeMounts(container, at, context.volumes, out);
  if (container.volumeDevices !== undefined) validateVolumeDevices(container, at, context.volumes, context.claims, out);
  const pullPolicy = asString(container.imagePullPolicy);
  if (pullPolicy !== undefined && !PULL_POLICIES.includes(pullPolicy)) out.unsupported(path.child(at, 'imagePullPolicy'), pullPolicy, PULL_POLICIES);
  if (container.resources !== undefined) validateResources(container, at, out);
  const resizePolicy = asArray(container.resizePolicy);
  if (resizePolicy && holds(VERSIONED_RULES.inPlacePodVerticalScaling, context.options)) {
    validateResizePolicy(resizePolicy, path.child(at, 'resizePolicy'), context.restartPolicy ?? 'Always', out);
  }
  const securityContext = asObject(container.securityContext);
  if (securityContext) validateSecurityContext(securityContext, path.child(at, 'securityContext'), context.options, out, context.hostUsers ?? true);
}

const LIFECYCLE_AND_PROBES = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/** What validateContainers (and, for sidecars, validateInitContainers) checks of lifecycle and probes. */
function validateLifecycleAndProbes(container: JsonObject, cp: string, context: ContainerContext, out: Violations): void {
  const lifecycle = asObject(container.lifecycle);
  if (lifecycle) validateLifecycle(lifecycle, path.child(cp, 'lifecycle'), context, out);
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const probe = asObject(container[`${kind}Probe`]);
    if (probe) validateProbe(probe, path.child(cp, `${kind}Probe`), kind, out);
  }
}

/** validateContainers: at least one; names unique; lifecycle and probes; hostPorts unique across the list. */
export function validateContainers(containers: unknown, at: string, context: ContainerContext, out: Violations): ReadonlySet<string> {
  const names = new Set<string>();
  const list = asArray(containers) ?? [];
  if (list.length === 0) {
    out.required(at);
    return names;
  }
  for (let i = 0; i < list.length; i++) {
    const container = asObject(list[i]);
    if (!container) continue;
    const cp = path.index(at, i);
    validateContainerCommon(container, cp, context, out);
    const name = asString(container.name) ?? '';
    if (names.has(name)) out.duplicate(path.child(cp, 'name'), name);
    names.add(name);
    validateLifecycleAndProbes(container, cp, context, out);
    // Container.restartPolicy is in the schema from 1.28; only init containers may set it while ContainerRestartRules is off.
    const restartPolicySet = container.restartPolicy !== undefined && container.restartPolicy !== null;
    if (holds(VERSIONED_RULES.containerRestartRules, context.options)) {
      validateContainerRestartPolicy(container, cp, context.options, out);
    } else if (restartPolicySet && holds(VERSIONED_RULES.restartPolicyOnlyOnInitContainers, context.options)) {
      out.forbidden(path.child(cp, 'restartPolicy'), 'may not be set for non-init containers');
    }
  }
  checkHostPortConflicts(list, at, out);
  return names;
}

/** validateInitContainers: no lifecycle or probes unless a sidecar (1.29+); names unique across both lists; hostPorts unique within each. */
export function validateInitContainers(
  containers: unknown, at: string, regularNames: ReadonlySet<string>, context: ContainerContext, out: Violations,
): void {
  const list = asArray(containers);
  if (!list) return;
  const names = new Set(regularNames);
  for (let i = 0; i < list.length; i++) {
    const container = asObject(list[i]);
    if (!container) continue;
    const cp = path.index(at, i);
    validateContainerCommon(container, cp, context, out);
    const name = asString(container.name) ?? '';
    if (names.has(name)) out.duplicate(path.child(cp, 'name'), name);
    else if (name) names.add(name);
    // Init containers run one by one, so each is checked on its own (and reported as the list's first).
    checkHostPortConflicts([container], at, out);
    if (!holds(VERSIONED_RULES.sidecarContainers, context.options)) {
      for (const field of LIFECYCLE_AND_PROBES) {
        if (asObject(container[field])) out.forbidden(path.child(cp, field), 'may not be set for init containers');
      }
      continue;
    }
    // validateInitContainers (1.29+, SidecarContainers): restartPolicy validated by validateInitContainerRestartPolicy;
    // a restartable init container (a sidecar) gets the regular containers' lifecycle and probe rules.
    const restartPolicy = container.restartPolicy;
    const restartable = restartPolicy === 'Always';
    const restartPolicySet = restartPolicy !== undefined && restartPolicy !== null;
    if (holds(VERSIONED_RULES.containerRestartRules, context.options)) {
      validateInitContainerRestartPolicy(container, cp, context.options, out);
    } else if (restartPolicySet && !restartable && holds(VERSIONED_RULES.initContainerRestartPolicyAlwaysOnly, context.options)) {
      out.unsupported(path.child(cp, 'restartPolicy'), restartPolicy, ['Always']);
    }
    if (!restartable && holds(VERSIONED_RULES.nonSidecarInitResizeRestart, context.options)) {
      (asArray(container.resizePolicy) ?? []).forEach((policy, j) => {
        if (asObject(policy)?.restartPolicy === 'RestartContainer') {
          out.invalid(path.child(path.index(path.child(cp, 'resizePolicy'), j), 'restartPolicy'), 'RestartContainer',
            "must not be set to 'RestartContainer' for non-sidecar initContainers");
        }
      });
    }
    if (restartable) {
      validateLifecycleAndProbes(container, cp, context, out);
      continue;
    }
    for (const field of LIFECYCLE_AND_PROBES) {
      if (asObject(container[field])) out.forbidden(path.child(cp, field), 'may not be set for init containers without restartPolicy=Always');
    }
  }
}
