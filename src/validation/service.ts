import { isIP } from 'net';
import { JsonObject, asArray, asInteger, asObject, asString, objectsOf, path } from './json';
import { validateLabels, validateObjectMeta } from './metadata';
import { Violations } from './violation';
import { dns1035LabelErrors, dns1123LabelErrors, ianaSvcNameErrors } from '../syntax/k8s-syntax';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];

/** SetDefaults_Service and SetDefaults_ServicePort (core/v1, 1.27), for the fields the rules below read. */
export function defaultService(spec: JsonObject): void {
  if (spec.type === undefined || spec.type === null || spec.type === '') spec.type = 'ClusterIP';
  if (spec.sessionAffinity === undefined || spec.sessionAffinity === null || spec.sessionAffinity === '') spec.sessionAffinity = 'None';
  for (const [port] of objectsOf(spec.ports)) {
    if (port.protocol === undefined || port.protocol === null || port.protocol === '') port.protocol = 'TCP';
    // A targetPort of 0 or '' (or none) becomes the port.
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
}

/** validateServicePort: name (required when there are several ports), port number, protocol, targetPort. */
function validateServicePort(port: JsonObject, requireName: boolean, names: Set<string>, at: string, out: Violations): void {
  const name = asString(port.name) ?? '';
  if (requireName && !name) {
    out.required(path.child(at, 'name'));
  } else if (name) {
    out.invalidEach(path.child(at, 'name'), name, dns1123LabelErrors(name));
    if (names.has(name)) out.duplicate(path.child(at, 'name'), name);
    names.add(name);
  }
  const number = asInteger(port.port) ?? 0;
  if (number < 1 || number > 65535) out.invalid(path.child(at, 'port'), number, 'must be between 1 and 65535, inclusive');
  const protocol = asString(port.protocol) ?? '';
  if (!protocol) out.required(path.child(at, 'protocol'));
  else if (!PROTOCOLS.includes(protocol)) out.unsupported(path.child(at, 'protocol'), protocol, PROTOCOLS);
  // ValidatePortNumOrName; the v1 API tolerates a targetPort different from the port on a headless Service.
  const target = port.targetPort;
  const tp = path.child(at, 'targetPort');
  if (typeof target === 'number' && (target < 1 || target > 65535)) out.invalid(tp, target, 'must be between 1 and 65535, inclusive');
  if (typeof target === 'string') out.invalidEach(tp, target, ianaSvcNameErrors(target));
}

/**
 * ValidateService (core/v1, pkg/apis/core/validation, 1.27) on create, after defaulting, for what a ClusterIP or
 * headless Service uses: metadata (the name a DNS-1035 label), `type`, `clusterIP` (empty, `None` or an IP),
 * ports (required unless headless; names, numbers, protocols, target ports, duplicates), the selector's labels,
 * `sessionAffinity`. Not ported (accepted here): the NodePort, LoadBalancer and ExternalName specifics,
 * `clusterIPs`/`ipFamilies` consistency, externalIPs, traffic policies and session-affinity timeouts.
 */
export function validateService(manifest: JsonObject, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), dns1035LabelErrors, out);
  const spec = asObject(manifest.spec) ?? {};
  const type = asString(spec.type) ?? '';
  if (!SERVICE_TYPES.includes(type)) out.unsupported('spec.type', type, SERVICE_TYPES);
  const clusterIP = asString(spec.clusterIP) ?? '';
  const headless = clusterIP === 'None';
  if (clusterIP && !headless && isIP(clusterIP) === 0) out.invalid('spec.clusterIP', clusterIP, "must be empty, 'None', or a valid IP address");
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) out.invalid('spec.clusterIP', clusterIP, `may not be set to 'None' for ${type} services`);
  const ports = objectsOf(spec.ports);
  if ((asArray(spec.ports)?.length ?? 0) === 0 && !headless && type !== 'ExternalName') out.required('spec.ports');
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const [port, i] of ports) {
    const at = path.index('spec.ports', i);
    validateServicePort(port, ports.length > 1, names, at, out);
    const key = `${asString(port.protocol) ?? ''}/${asInteger(port.port) ?? 0}`;
    if (numbers.has(key)) out.duplicate(at, { protocol: port.protocol, port: port.port });
    numbers.add(key);
    if (type === 'ClusterIP' && (asInteger(port.nodePort) ?? 0) !== 0) out.forbidden(path.child(at, 'nodePort'), "may not be used when `type` is 'ClusterIP'");
  }
  validateLabels(spec.selector, 'spec.selector', out);
  const affinity = asString(spec.sessionAffinity) ?? '';
  if (!SESSION_AFFINITIES.includes(affinity)) out.unsupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES);
  if (affinity === 'None' && asObject(spec.sessionAffinityConfig)) {
    out.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None');
  }
}
