import {
  configMapKeyErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  envVarNameErrors,
  ianaSvcNameErrors,
  isQuantity,
  labelValueErrors,
  qualifiedNameErrors,
  quantityValue,
} from '../k8s-syntax';
import { JsonObject, asArray, asInteger, asObject, asString, objectsOf, own, path } from './json';
import { SCHEMA_1_27 } from './k8s-1.27-schema.generated';
import { validateAnnotations, validateLabelSelector, validateLabels } from './metadata';
import { Violations } from './violation';

const MAX_INT32 = 2147483647;
const VOLUME_SOURCES = Object.keys(SCHEMA_1_27.Volume).filter((key) => key !== 'name');
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
// ConvertDownwardAPIFieldLabel's v1 labels, and the subset environment variables may use (1.27).
const CONVERTIBLE_FIELD_PATHS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.podIP', 'status.podIPs',
];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];

function nonNegative(value: unknown, field: string, out: Violations): void {
  const n = asInteger(value);
  if (n !== undefined && n < 0) out.invalid(field, n, 'must be greater than or equal to 0');
}

function portRangeErrors(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** ValidatePortNumOrName: a port number or an IANA service name (probes, lifecycle handlers). */
function validatePortNumOrName(value: unknown, field: string, out: Violations): void {
  if (typeof value === 'number') out.invalidEach(field, value, portRangeErrors(value));
  else if (typeof value === 'string') out.invalidEach(field, value, ianaSvcNameErrors(value));
  else out.required(field);
}

// ---------------------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------------------

function validateVolumes(volumes: unknown, at: string, out: Violations): Set<string> {
  const names = new Set<string>();
  for (const [volume, i] of objectsOf(volumes)) {
    const vp = path.index(at, i);
    const name = asString(volume.name) ?? '';
    if (!name) out.required(path.child(vp, 'name'));
    else out.invalidEach(path.child(vp, 'name'), name, dns1123LabelErrors(name));
    if (name && names.has(name)) out.duplicate(path.child(vp, 'name'), name);
    names.add(name);
    const sources = VOLUME_SOURCES.filter((key) => asObject(volume[key]));
    if (sources.length === 0) out.required(vp, 'must specify a volume type');
    for (const extra of sources.slice(1)) out.forbidden(path.child(vp, extra), 'may not specify more than 1 volume type');
    const required: [string, string][] = [['hostPath', 'path'], ['persistentVolumeClaim', 'claimName'], ['configMap', 'name'], ['secret', 'secretName']];
    for (const [source, field] of required) {
      const object = asObject(volume[source]);
      if (object && !asString(object[field])) out.required(path.child(path.child(vp, source), field));
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------------------

function validatePorts(container: JsonObject, at: string, hostNetwork: boolean, out: Violations): void {
  const names = new Set<string>();
  for (const [port, j] of objectsOf(container.ports)) {
    const pp = path.index(path.child(at, 'ports'), j);
    const name = asString(port.name);
    if (name) {
      const errors = ianaSvcNameErrors(name);
      out.invalidEach(path.child(pp, 'name'), name, errors);
      if (errors.length === 0 && names.has(name)) out.duplicate(path.child(pp, 'name'), name);
      names.add(name);
    }
    const containerPort = asInteger(port.containerPort) ?? 0;
    if (containerPort === 0) out.required(path.child(pp, 'containerPort'));
    else out.invalidEach(path.child(pp, 'containerPort'), containerPort, portRangeErrors(containerPort));
    const hostPort = asInteger(port.hostPort) ?? 0;
    if (hostPort !== 0) out.invalidEach(path.child(pp, 'hostPort'), hostPort, portRangeErrors(hostPort));
    if (hostNetwork && hostPort !== containerPort) {
      out.invalid(path.child(pp, 'hostPort'), hostPort, 'must match `containerPort` when `hostNetwork` is true');
    }
    const protocol = asString(port.protocol);
    if (protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(protocol)) out.unsupported(path.child(pp, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']);
  }
}

function validateKeySelector(selector: JsonObject, at: string, out: Violations): void {
  const name = asString(selector.name) ?? '';
  out.invalidEach(path.child(at, 'name'), name, dns1123SubdomainErrors(name));
  const key = asString(selector.key) ?? '';
  if (!key) out.required(path.child(at, 'key'));
  else out.invalidEach(path.child(at, 'key'), key, configMapKeyErrors(key));
}

/** validateObjectFieldSelector: the path must convert (ConvertDownwardAPIFieldLabel), then be one env vars may use. */
function validateFieldRef(fieldRef: JsonObject, at: string, out: Violations): void {
  const fieldPath = asString(fieldRef.fieldPath) ?? '';
  const fp = path.child(at, 'fieldPath');
  if (!fieldPath) return out.required(fp);
  const subscript = /^(.*)\['(.*)'\]$/.exec(fieldPath);
  if (subscript) {
    const [, base, key] = subscript;
    if (base === 'metadata.labels') out.invalidEach(fp, key, qualifiedNameErrors(key));
    else if (base === 'metadata.annotations') out.invalidEach(fp, key, qualifiedNameErrors(key.toLowerCase()));
    else out.invalid(fp, fieldPath, `error converting fieldPath: field path not supported: ${base}`);
  } else if (!CONVERTIBLE_FIELD_PATHS.includes(fieldPath)) {
    out.invalid(fp, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`);
  } else if (!ENV_FIELD_PATHS.includes(fieldPath)) {
    out.unsupported(fp, fieldPath, ENV_FIELD_PATHS);
  }
}

function validateEnv(container: JsonObject, at: string, out: Violations): void {
  for (const [env, k] of objectsOf(container.env)) {
    const ep = path.index(path.child(at, 'env'), k);
    const name = asString(env.name) ?? '';
    if (!name) out.required(path.child(ep, 'name'));
    else out.invalidEach(path.child(ep, 'name'), name, envVarNameErrors(name));
    const valueFrom = asObject(env.valueFrom);
    if (!valueFrom) continue;
    const vp = path.child(ep, 'valueFrom');
    const fieldRef = asObject(valueFrom.fieldRef);
    if (fieldRef) validateFieldRef(fieldRef, path.child(vp, 'fieldRef'), out);
    const resourceFieldRef = asObject(valueFrom.resourceFieldRef);
    if (resourceFieldRef) {
      const resource = asString(resourceFieldRef.resource) ?? '';
      const rp = path.child(path.child(vp, 'resourceFieldRef'), 'resource');
      if (!resource) out.required(rp);
      else if (!RESOURCE_FIELDS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) out.unsupported(rp, resource, RESOURCE_FIELDS);
    }
    for (const source of ['configMapKeyRef', 'secretKeyRef']) {
      const selector = asObject(valueFrom[source]);
      if (selector) validateKeySelector(selector, path.child(vp, source), out);
    }
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((key) => asObject(valueFrom[key]));
    if (sources.length === 0) out.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (asString(env.value)) out.invalid(vp, '', 'may not be specified when `value` is not empty');
    else if (sources.length > 1) out.invalid(vp, '', 'may not have more than one field specified at a time');
  }
  const envFromPath = path.child(at, 'envFrom');
  for (const [envFrom, k] of objectsOf(container.envFrom)) {
    const ep = path.index(envFromPath, k);
    const prefix = asString(envFrom.prefix);
    if (prefix) out.invalidEach(path.child(ep, 'prefix'), prefix, envVarNameErrors(prefix));
    const sources = ['configMapRef', 'secretRef'].filter((key) => asObject(envFrom[key]));
    for (const source of sources) {
      const name = asString(asObject(envFrom[source])?.name) ?? '';
      if (!name) out.required(path.child(path.child(ep, source), 'name'));
      else out.invalidEach(path.child(path.child(ep, source), 'name'), name, dns1123SubdomainErrors(name));
    }
    // 1.27 reports these at the list, not at the item.
    if (sources.length === 0) out.invalid(envFromPath, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (sources.length > 1) out.invalid(envFromPath, '', 'may not have more than one field specified at a time');
  }
}

function validateVolumeMounts(container: JsonObject, at: string, volumes: ReadonlySet<string>, out: Violations): void {
  const mountPaths = new Set<string>();
  for (const [mount, k] of objectsOf(container.volumeMounts)) {
    const mp = path.index(path.child(at, 'volumeMounts'), k);
    const name = asString(mount.name) ?? '';
    if (!name) {out.required(path.child(mp, 'name'));} else if (!volumes.has(name)) {
      const known = [...volumes].filter((v) => v).map((v) => `'${v}'`).join(', ') || 'none';
      out.notFound(path.child(mp, 'name'), name, `names no volume of the pod; add it to volumes (volumes: ${known})`);
    }
    const mountPath = asString(mount.mountPath) ?? '';
    if (!mountPath) out.required(path.child(mp, 'mountPath'));
    else if (mountPaths.has(mountPath)) out.invalid(path.child(mp, 'mountPath'), mountPath, 'must be unique');
    mountPaths.add(mountPath);
    const subPath = asString(mount.subPath);
    if (subPath) {
      if (subPath.startsWith('/')) out.invalid(path.child(mp, 'subPath'), subPath, 'must be a relative path');
      if (subPath.split('/').includes('..')) out.invalid(path.child(mp, 'subPath'), subPath, "must not contain '..'");
    }
  }
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** helper.IsNativeResource: unprefixed, or in the kubernetes.io domain. */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed: requests may be below limits. Extended resources and hugepages must be equal. */
const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

function quantityOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && isQuantity(value) ? quantityValue(value) : undefined;
}

function validateResources(container: JsonObject, at: string, out: Violations): void {
  const resources = asObject(container.resources);
  if (!resources) return;
  const rp = path.child(at, 'resources');
  const limits = asObject(resources.limits) ?? {};
  const requests = asObject(resources.requests) ?? {};
  const checkNames = (map: JsonObject, field: string): void => {
    for (const [name, quantity] of Object.entries(map)) {
      const kp = path.key(field, name);
      // validateContainerResourceName: a qualified name, then a standard name or a valid extended resource name.
      out.invalidEach(kp, name, qualifiedNameErrors(name));
      if (!name.includes('/')) {
        if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) out.invalid(kp, name, 'must be a standard resource for containers');
      } else if (!isNative(name) && (name.startsWith('requests.') || qualifiedNameErrors(`requests.${name}`).length > 0)) {
        out.invalid(kp, name, "doesn't follow extended resource name standard");
      }
      const value = quantityOf(quantity);
      if (value === undefined) continue;
      if (value < 0) out.invalid(kp, quantity, 'must be greater than or equal to 0');
      if (!isNative(name) && !Number.isInteger(value)) out.invalid(kp, quantity, 'must be an integer');
    }
  };
  checkNames(limits, path.child(rp, 'limits'));
  checkNames(requests, path.child(rp, 'requests'));
  for (const [name, request] of Object.entries(requests)) {
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
  const names = [...Object.keys(limits), ...Object.keys(requests)];
  if (names.some(isHugePages) && !names.some((name) => name === 'cpu' || name === 'memory')) {
    out.forbidden(rp, 'HugePages require cpu or memory');
  }
}

function validateProbe(probe: JsonObject, at: string, kind: 'liveness' | 'readiness' | 'startup', out: Violations): void {
  const handlers = PROBE_HANDLERS.filter((key) => asObject(probe[key]));
  if (handlers.length === 0) out.required(at, 'must specify a handler type');
  for (const extra of handlers.slice(1)) out.forbidden(path.child(at, extra), 'may not specify more than 1 handler type');
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    nonNegative(probe[field], path.child(at, field), out);
  }
  const successThreshold = asInteger(probe.successThreshold);
  if (kind !== 'readiness' && successThreshold !== undefined && successThreshold !== 1) {
    out.invalid(path.child(at, 'successThreshold'), successThreshold, 'must be 1');
  }
  const grace = asInteger(probe.terminationGracePeriodSeconds);
  if (grace !== undefined) {
    if (kind === 'readiness') out.invalid(path.child(at, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes');
    else if (grace <= 0) out.invalid(path.child(at, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0');
  }
  const httpGet = asObject(probe.httpGet);
  if (httpGet) {
    const hp = path.child(at, 'httpGet');
    validatePortNumOrName(httpGet.port, path.child(hp, 'port'), out);
    const scheme = asString(httpGet.scheme);
    if (scheme !== undefined && scheme !== 'HTTP' && scheme !== 'HTTPS') out.unsupported(path.child(hp, 'scheme'), scheme, ['HTTP', 'HTTPS']);
  }
  const tcpSocket = asObject(probe.tcpSocket);
  if (tcpSocket) validatePortNumOrName(tcpSocket.port, path.child(path.child(at, 'tcpSocket'), 'port'), out);
  const grpc = asObject(probe.grpc);
  if (grpc) {
    const port = asInteger(grpc.port);
    if (port === undefined) out.required(path.child(path.child(at, 'grpc'), 'port'));
    else out.invalidEach(path.child(path.child(at, 'grpc'), 'port'), port, portRangeErrors(port));
  }
  const exec = asObject(probe.exec);
  if (exec && (asArray(exec.command)?.length ?? 0) === 0) out.required(path.child(path.child(at, 'exec'), 'command'));
}

/** IsValidUserID / IsValidGroupID: 0..2147483647. */
function validateId(value: unknown, field: string, out: Violations): void {
  const id = asInteger(value);
  if (id !== undefined && (id < 0 || id > MAX_INT32)) out.invalid(field, id, `must be between 0 and ${MAX_INT32}, inclusive`);
}

/** validateSeccompProfileField. */
function validateSeccompProfile(profile: JsonObject | undefined, at: string, out: Violations): void {
  if (!profile) return;
  const type = asString(profile.type) ?? '';
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!type) out.required(path.child(at, 'type'), 'type is required when seccompProfile is set');
  else if (!types.includes(type)) out.unsupported(path.child(at, 'type'), type, types);
  const localhostProfile = asString(profile.localhostProfile);
  if (type === 'Localhost') {
    if (localhostProfile === undefined) out.required(path.child(at, 'localhostProfile'), 'must be set when seccomp type is Localhost');
  } else if (localhostProfile !== undefined) {
    out.invalid(path.child(at, 'localhostProfile'), profile, 'can only be set when seccomp type is Localhost');
  }
}

/** ValidateSecurityContext (a container's). */
function validateContainerSecurityContext(context: JsonObject | undefined, at: string, out: Violations): void {
  if (!context) return;
  validateId(context.runAsUser, path.child(at, 'runAsUser'), out);
  validateId(context.runAsGroup, path.child(at, 'runAsGroup'), out);
  const procMount = asString(context.procMount);
  if (procMount !== undefined && procMount !== 'Default' && procMount !== 'Unmasked') out.unsupported(path.child(at, 'procMount'), procMount, ['Default', 'Unmasked']);
  validateSeccompProfile(asObject(context.seccompProfile), path.child(at, 'seccompProfile'), out);
  if (context.allowPrivilegeEscalation === false) {
    if (context.privileged === true) out.invalid(at, context, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
    if ((asArray(asObject(context.capabilities)?.add) ?? []).includes('CAP_SYS_ADMIN')) {
      out.invalid(at, context, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
    }
  }
}

/** ValidatePodSecurityContext: ids and the seccomp profile. */
function validatePodSecurityContext(context: JsonObject | undefined, at: string, out: Violations): void {
  if (!context) return;
  for (const field of ['fsGroup', 'runAsUser', 'runAsGroup']) validateId(context[field], path.child(at, field), out);
  (asArray(context.supplementalGroups) ?? []).forEach((gid, i) => validateId(gid, path.index(path.child(at, 'supplementalGroups'), i), out));
  validateSeccompProfile(asObject(context.seccompProfile), path.child(at, 'seccompProfile'), out);
}

interface ContainerContext {
  readonly volumes: ReadonlySet<string>;
  readonly hostNetwork: boolean;
  readonly isInit: boolean;
}

function validateContainer(container: JsonObject, at: string, context: ContainerContext, out: Violations): void {
  const name = asString(container.name) ?? '';
  if (!name) out.required(path.child(at, 'name'));
  else out.invalidEach(path.child(at, 'name'), name, dns1123LabelErrors(name));
  if (!asString(container.image)) out.required(path.child(at, 'image'), "an image reference such as 'nginx:1.25'");
  const pullPolicy = asString(container.imagePullPolicy);
  if (pullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    out.unsupported(path.child(at, 'imagePullPolicy'), pullPolicy, ['Always', 'IfNotPresent', 'Never']);
  }
  const messagePolicy = asString(container.terminationMessagePolicy);
  if (messagePolicy !== undefined && !['File', 'FallbackToLogsOnError'].includes(messagePolicy)) {
    out.unsupported(path.child(at, 'terminationMessagePolicy'), messagePolicy, ['File', 'FallbackToLogsOnError']);
  }
  validatePorts(container, at, context.hostNetwork, out);
  validateEnv(container, at, out);
  validateVolumeMounts(container, at, context.volumes, out);
  validateResources(container, at, out);
  validateContainerSecurityContext(asObject(container.securityContext), path.child(at, 'securityContext'), out);
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const field = `${kind}Probe`;
    const probe = asObject(container[field]);
    if (!probe) continue;
    if (context.isInit) out.forbidden(path.child(at, field), 'may not be set for init containers');
    else validateProbe(probe, path.child(at, field), kind, out);
  }
  if (context.isInit && asObject(container.lifecycle)) out.forbidden(path.child(at, 'lifecycle'), 'may not be set for init containers');
}

// ---------------------------------------------------------------------------------------------------------
// Pod spec
// ---------------------------------------------------------------------------------------------------------

function validateTolerations(tolerations: unknown, at: string, out: Violations): void {
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
    if (requirement.key !== 'metadata.name') out.invalid(path.child(rp, 'key'), requirement.key, 'not a valid field selector key');
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

function validateAffinity(affinity: JsonObject | undefined, at: string, out: Violations): void {
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
function validatePodSpec(spec: JsonObject, at: string, out: Violations): void {
  const volumes = validateVolumes(spec.volumes, path.child(at, 'volumes'), out);
  const hostNetwork = spec.hostNetwork === true;
  const containers = objectsOf(spec.containers);
  if (containers.length === 0) out.required(path.child(at, 'containers'));
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  for (const [container, i] of containers) {
    const cp = path.index(path.child(at, 'containers'), i);
    validateContainer(container, cp, { volumes, hostNetwork, isInit: false }, out);
    const name = asString(container.name);
    if (name && names.has(name)) out.duplicate(path.child(cp, 'name'), name);
    if (name) names.add(name);
    for (const [port, j] of objectsOf(container.ports)) {
      const hostPort = asInteger(port.hostPort) ?? 0;
      if (hostPort === 0) continue;
      const key = `${asString(port.protocol) ?? 'TCP'}/${asString(port.hostIP) ?? ''}/${hostPort}`;
      if (hostPorts.has(key)) out.duplicate(path.child(path.index(path.child(cp, 'ports'), j), 'hostPort'), key);
      hostPorts.add(key);
    }
  }
  for (const [container, i] of objectsOf(spec.initContainers)) {
    const cp = path.index(path.child(at, 'initContainers'), i);
    validateContainer(container, cp, { volumes, hostNetwork, isInit: true }, out);
    const name = asString(container.name);
    if (name && names.has(name)) out.duplicate(path.child(cp, 'name'), name);
    if (name) names.add(name);
  }
  if ((asArray(spec.ephemeralContainers)?.length ?? 0) > 0) {
    out.forbidden(path.child(at, 'ephemeralContainers'), 'ephemeral containers not allowed in pod template');
  }
  const restartPolicy = asString(spec.restartPolicy);
  if (restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    out.unsupported(path.child(at, 'restartPolicy'), restartPolicy, ['Always', 'OnFailure', 'Never']);
  }
  const dnsPolicy = asString(spec.dnsPolicy);
  if (dnsPolicy !== undefined && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dnsPolicy)) {
    out.unsupported(path.child(at, 'dnsPolicy'), dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
  }
  if (dnsPolicy === 'None' && (asArray(asObject(spec.dnsConfig)?.nameservers)?.length ?? 0) === 0) {
    out.required(path.child(at, 'dnsConfig'), 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  validateLabels(spec.nodeSelector, path.child(at, 'nodeSelector'), out);
  const serviceAccountName = asString(spec.serviceAccountName);
  if (serviceAccountName) out.invalidEach(path.child(at, 'serviceAccountName'), serviceAccountName, dns1123SubdomainErrors(serviceAccountName));
  for (const field of ['hostname', 'subdomain']) {
    const value = asString(spec[field]);
    if (value) out.invalidEach(path.child(at, field), value, dns1123LabelErrors(value));
  }
  const activeDeadlineSeconds = asInteger(spec.activeDeadlineSeconds);
  if (activeDeadlineSeconds !== undefined && (activeDeadlineSeconds < 1 || activeDeadlineSeconds > MAX_INT32)) {
    out.invalid(path.child(at, 'activeDeadlineSeconds'), activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`);
  }
  validateTolerations(spec.tolerations, path.child(at, 'tolerations'), out);
  validatePodSecurityContext(asObject(spec.securityContext), path.child(at, 'securityContext'), out);
  validateAffinity(asObject(spec.affinity), path.child(at, 'affinity'), out);
}

/** The labels and annotations of a pod template (reported at `<template>.labels`, as the API server does). */
export function validateTemplateMetadata(template: JsonObject, at: string, out: Violations): void {
  const metadata = asObject(template.metadata);
  validateLabels(metadata?.labels, path.child(at, 'labels'), out);
  validateAnnotations(metadata?.annotations, path.child(at, 'annotations'), out);
}

/** ValidatePodTemplateSpec: template labels and annotations, then the pod spec. */
export function validatePodTemplate(template: JsonObject, at: string, out: Violations): void {
  validateTemplateMetadata(template, at, out);
  validatePodSpec(asObject(template.spec) ?? {}, path.child(at, 'spec'), out);
}
