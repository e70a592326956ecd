/**
 * ValidatePodSpec and its pod-level rules (pkg/apis/core/validation/validation.go, Kubernetes 1.27), as the server
 * runs them for pod templates, after defaulting. Containers, volumes, scheduling and security contexts have their
 * own files; this one holds the rest of the spec and the order the server checks it in.
 */
import { isIPv6 } from 'net';
import { JsonObject, asArray, asInteger, asObject, asString, path } from './json';
import { validateLabels } from './metadata';
import { validateContainers, validateInitContainers } from './pod-containers';
import { validatePodResources } from './pod-resources';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './pod-scheduling';
import { validateHostUsers, validateOS, validatePodSecurityContext, validateWindowsHostProcessPod } from './pod-security-context';
import { claimVolumes, validateVolumes } from './pod-volumes';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';
import { Violations } from './violation';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../syntax/k8s-syntax';

const MAX_INT32 = 2147483647;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_DNS_NAMESERVERS = 3;
const IPV4 = /^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)$/;

/** netutils.ParseIPSloppy: IPv4 (leading zeros allowed, as Go before 1.17) or IPv6 (no zone). */
function isSloppyIP(value: string): boolean {
  const v4 = IPV4.exec(value);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255);
  return !value.includes('%') && isIPv6(value);
}

/** validatePodDNSConfig: with dnsPolicy None a nameserver; at most 3 nameservers, all IPs; search paths; option names. */
function validatePodDNSConfig(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const config = asObject(spec.dnsConfig);
  const nameservers = asArray(config?.nameservers) ?? [];
  const cp = path.child(at, 'dnsConfig');
  if (spec.dnsPolicy === 'None') {
    if (!config) return out.required(cp, 'must provide `dnsConfig` when `dnsPolicy` is None');
    if (nameservers.length === 0) return out.required(path.child(cp, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  if (!config) return;
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    out.invalid(path.child(cp, 'nameservers'), nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`);
  }
  nameservers.forEach((nameserver, i) => {
    if (typeof nameserver === 'string' && !isSloppyIP(nameserver)) out.invalid(path.index(path.child(cp, 'nameservers'), i), nameserver, 'must be valid IP address');
  });
  const searches = (asArray(config.searches) ?? []).filter((search): search is string => typeof search === 'string');
  const [maxPaths, maxChars] = holds(VERSIONED_RULES.expandedDnsConfig, options) ? [32, 2048] : [6, 256];
  if (searches.length > maxPaths) out.invalid(path.child(cp, 'searches'), searches, `must not have more than ${maxPaths} search paths`);
  if (searches.join(' ').length > maxChars) {
    out.invalid(path.child(cp, 'searches'), searches, `must not have more than ${maxChars} characters (including spaces) in the search list`);
  }
  searches.forEach((search, i) => {
    // A trailing dot is fine.
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    out.invalidEach(path.index(path.child(cp, 'searches'), i), trimmed, dns1123SubdomainErrors(trimmed));
  });
  (asArray(config.options) ?? []).forEach((option, i) => {
    if (!asString(asObject(option)?.name)) out.required(path.index(path.child(cp, 'options'), i), 'must not be empty');
  });
}

/** ValidateHostAliases (1.27 reports at `hostAliases.ip` and `hostAliases.hostnames`, without the indexes). */
function validateHostAliases(aliases: unknown[], at: string, out: Violations): void {
  for (const entry of aliases) {
    const alias = asObject(entry);
    if (!alias) continue;
    const ip = asString(alias.ip) ?? '';
    if (!isSloppyIP(ip)) out.invalid(path.child(at, 'ip'), ip, 'must be valid IP address');
    for (const hostname of asArray(alias.hostnames) ?? []) {
      if (typeof hostname === 'string') out.invalidEach(path.child(at, 'hostnames'), hostname, dns1123SubdomainErrors(hostname));
    }
  }
}

/** validateReadinessGates: each condition type is a qualified name. */
function validateReadinessGates(gates: unknown[], at: string, out: Violations): void {
  gates.forEach((gate, i) => {
    if (!asObject(gate)) return;
    const type = asString(asObject(gate)!.conditionType) ?? '';
    out.invalidEach(path.child(path.index(at, i), 'conditionType'), type, qualifiedNameErrors(type));
  });
}

/** validateSchedulingGates: names are unique qualified names. */
function validateSchedulingGates(gates: unknown[], at: string, out: Violations): void {
  const seen = new Set<string>();
  gates.forEach((gate, i) => {
    if (!asObject(gate)) return;
    const name = asString(asObject(gate)!.name) ?? '';
    out.invalidEach(path.index(at, i), name, qualifiedNameErrors(name));
    if (seen.has(name)) out.duplicate(path.index(at, i), name);
    seen.add(name);
  });
}

/** validatePodHostNetworkDeps: with hostNetwork, a template's hostPort is 0 or its containerPort. */
function validatePodHostNetworkDeps(spec: JsonObject, at: string, out: Violations): void {
  if (spec.hostNetwork !== true) return;
  const containers = asArray(spec.containers) ?? [];
  for (let i = 0; i < containers.length; i++) {
    const ports = asArray(asObject(containers[i])?.ports) ?? [];
    for (let j = 0; j < ports.length; j++) {
      const port = asObject(ports[j]);
      const hostPort = asInteger(port?.hostPort) ?? 0;
      if (port && hostPort !== 0 && hostPort !== (asInteger(port.containerPort) ?? 0)) {
        out.invalid(path.child(path.index(path.child(path.index(path.child(at, 'containers'), i), 'ports'), j), 'hostPort'), hostPort,
          'must match `containerPort` when `hostNetwork` is true');
      }
    }
  }
}

/** A name field checked with a DNS-1123 rule when it is a non-empty string (serviceAccountName, nodeName, …). */
function validateName(spec: JsonObject, field: string, rule: (name: string) => string[], at: string, out: Violations): void {
  const value = asString(spec[field]);
  if (!value) return;
  const errors = rule(value);
  if (errors.length > 0) out.invalidEach(path.child(at, field), value, errors);
}

/** SetDefaults_PodSpec's terminationGracePeriodSeconds (DefaultTerminationGracePeriodSeconds). */
const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/** ValidatePodSpec (the parts that apply to templates), after defaulting. */
export function validatePodSpec(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const volumes = spec.volumes === undefined ? new Set<string>() : validateVolumes(spec.volumes, path.child(at, 'volumes'), options, out);
  // SetDefaults_PodSpec defaults terminationGracePeriodSeconds to 30; the sleep action is checked against it.
  const grace = spec.terminationGracePeriodSeconds;
  const gracePeriod = grace === undefined || grace === null ? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS : asInteger(grace);
  // The default for hostUsers is true: only an explicit false puts the pod in its own user namespace.
  const hostUsers = spec.hostUsers !== false;
  const context = {
    volumes,
    claims: volumes.size > 0 ? claimVolumes(spec.volumes, volumes) : volumes,
    options,
    gracePeriod,
    hostUsers,
    restartPolicy: asString(spec.restartPolicy) ?? 'Always',
  };
  const names = validateContainers(spec.containers, path.child(at, 'containers'), context, out);
  if (spec.initContainers !== undefined) validateInitContainers(spec.initContainers, path.child(at, 'initContainers'), names, context, out);
  if (holds(VERSIONED_RULES.podLevelResources, options)) validatePodResources(spec, at, out);
  validatePodHostNetworkDeps(spec, at, out);
  const restartPolicy = asString(spec.restartPolicy);
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) out.unsupported(path.child(at, 'restartPolicy'), restartPolicy, RESTART_POLICIES);
  const dnsPolicy = asString(spec.dnsPolicy);
  if (dnsPolicy !== undefined && !DNS_POLICIES.includes(dnsPolicy)) out.unsupported(path.child(at, 'dnsPolicy'), dnsPolicy, DNS_POLICIES);
  if (spec.nodeSelector !== undefined) validateLabels(spec.nodeSelector, path.child(at, 'nodeSelector'), out);
  validatePodSecurityContext(spec, at, out);
  if (spec.affinity !== undefined) validateAffinity(asObject(spec.affinity), path.child(at, 'affinity'), out);
  if (spec.dnsConfig !== undefined || dnsPolicy === 'None') validatePodDNSConfig(spec, at, options, out);
  const readinessGates = asArray(spec.readinessGates);
  if (readinessGates) validateReadinessGates(readinessGates, path.child(at, 'readinessGates'), out);
  const schedulingGates = asArray(spec.schedulingGates);
  if (schedulingGates && holds(VERSIONED_RULES.schedulingGates, options)) validateSchedulingGates(schedulingGates, path.child(at, 'schedulingGates'), out);
  if (spec.topologySpreadConstraints !== undefined) validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child(at, 'topologySpreadConstraints'), options, out);
  validateWindowsHostProcessPod(spec, at, out);
  validateHostUsers(spec, at, options, out);
  validateName(spec, 'serviceAccountName', dns1123SubdomainErrors, at, out);
  validateName(spec, 'nodeName', dns1123SubdomainErrors, at, out);
  const activeDeadlineSeconds = asInteger(spec.activeDeadlineSeconds);
  if (activeDeadlineSeconds !== undefined && (activeDeadlineSeconds < 1 || activeDeadlineSeconds > MAX_INT32)) {
    out.invalid(path.child(at, 'activeDeadlineSeconds'), activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`);
  }
  validateName(spec, 'hostname', dns1123LabelErrors, at, out);
  validateName(spec, 'subdomain', dns1123LabelErrors, at, out);
  if (spec.tolerations !== undefined) validateTolerations(spec.tolerations, path.child(at, 'tolerations'), out);
  const hostAliases = asArray(spec.hostAliases);
  if (hostAliases) validateHostAliases(hostAliases, path.child(at, 'hostAliases'), out);
  validateName(spec, 'priorityClassName', dns1123SubdomainErrors, at, out);
  // A runtimeClassName that is set, even to '', must be a DNS subdomain.
  const runtimeClassName = asString(spec.runtimeClassName);
  if (runtimeClassName !== undefined) out.invalidEach(path.child(at, 'runtimeClassName'), runtimeClassName, dns1123SubdomainErrors(runtimeClassName));
  const preemptionPolicy = asString(spec.preemptionPolicy);
  if (preemptionPolicy === '') out.required(path.child(at, 'preemptionPolicy'));
  else if (preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(preemptionPolicy)) out.unsupported(path.child(at, 'preemptionPolicy'), preemptionPolicy, PREEMPTION_POLICIES);
  if (spec.os !== undefined) validateOS(spec, at, options, out);
}
