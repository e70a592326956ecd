import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KubernetesTarget } from '../kubernetes-target';
import { isMemoized } from '../validation/chart-validation';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, KubernetesVersion, ValidationOptions, VersionedRule, holds, supportedVersion } from '../validation/versions';

/**
 * The Pod Security Standards levels, from the most open to the most locked down.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/**
 * The Pod Security policy version of the default target (Kubernetes 1.27): the `enforce-version` label of the
 * namespaces `PodSecurity.labelNamespace` labels when no target is set. With a target, it is `v<target>`
 * ({@link podSecurityVersion}).
 */
export const POD_SECURITY_VERSION = 'v1.27';

/** The Pod Security policy version PSA evaluates for a target Kubernetes version: `v1.36` for `1.36`. */
export function podSecurityVersion(kubernetesVersion: KubernetesVersion): string {
  return `v${kubernetesVersion}`;
}

/**
 * The IDs of Pod Security Admission's checks (k8s.io/pod-security-admission/policy). Checks of level `baseline`
 * must pass for baseline; all of them must pass for restricted. `hostProbesAndHostLifecycle` exists from 1.34 and
 * `procMount_restricted` from 1.35 (see docs/kubernetes-versions.md); the others in every supported target.
 */
export type PodSecurityCheckId =
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'allowPrivilegeEscalation'
  | 'capabilities_restricted'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted';

/** One field of a pod template that keeps it below a level. */
export interface PodSecurityViolation {
  /** PSA's ID of the check that fails, e.g. `hostPathVolumes`. */
  readonly check: PodSecurityCheckId;
  /** The level the check belongs to: the field keeps the pod below this level. */
  readonly level: 'baseline' | 'restricted';
  /** The manifest field that causes it, e.g. `spec.template.spec.volumes[0].hostPath`. */
  readonly field: string;
  /** PSA's reason and detail for this field alone, e.g. `hostPath volumes (volume "varlog")`. */
  readonly message: string;
}

/** A check that fails, with PSA's own `ForbiddenReason` and `ForbiddenDetail` for the whole pod. */
export interface PodSecurityFailedCheck {
  /** PSA's ID of the check, e.g. `runAsNonRoot`. */
  readonly check: PodSecurityCheckId;
  /** The level the check belongs to. */
  readonly level: 'baseline' | 'restricted';
  /** PSA's `ForbiddenReason`, e.g. `runAsNonRoot != true`. */
  readonly reason: string;
  /** PSA's `ForbiddenDetail` for the whole pod, e.g. `pod or containers "a", "b" must set securityContext.runAsNonRoot=true`. */
  readonly detail: string;
}

/** What a pod template meets, and why not more. */
export interface PodSecurityReport {
  /** The highest level whose checks all pass. */
  readonly level: PodSecurityLevel;
  /**
   * Every field that fails a check, each once: a field that fails a baseline check is not reported again by the
   * restricted check that replaces it (`restrictedVolumes` for `hostPathVolumes`, `capabilities_restricted` for
   * `capabilities_baseline`, `seccompProfile_restricted` for `seccompProfile_baseline`, and from 1.35
   * `procMount_restricted` for `procMount`).
   */
  readonly violations: readonly PodSecurityViolation[];
  /** Every check that fails, in PSA's order (baseline checks first, then restricted ones, each by ID). */
  readonly failedChecks: readonly PodSecurityFailedCheck[];
}

// ---------------------------------------------------------------------------------------------------------
// The checks, transcribed from k8s.io/pod-security-admission/policy/check_*.go (release-1.27), with the changes
// of the releases up to each supported target (release-1.34, -1.35, -1.36 and master at v0.37.0-alpha.2 for
// 1.37, read in the kubernetes/pod-security-admission repository, the published copy of
// kubernetes/kubernetes staging/src/k8s.io/pod-security-admission).
// ---------------------------------------------------------------------------------------------------------

/**
 * What changed in PSA after 1.27, by the target version it holds for (versions.ts's `holds`). The target is both
 * the cluster's version and, through the namespace label `enforce-version: v<target>`, the policy version, so a
 * change holds from the release whose code has it, whether upstream versions it by policy version (a
 * `VersionedCheck` with `MinimumVersion: api.MajorMinorVersion(1, N)`) or changed the code of every policy version.
 */
const PSA_CHANGES = {
  /** `net.ipv4.tcp_keepalive_time`, `tcp_fin_timeout`, `tcp_keepalive_intvl`, `tcp_keepalive_probes` allowed. */
  sysctls129: { since: '1.29', source: 'check_sysctls.go, sysctlsV1Dot29 (MinimumVersion 1.29; release-1.29)' },
  /** `net.ipv4.tcp_rmem`, `net.ipv4.tcp_wmem` allowed. */
  sysctls132: { since: '1.32', source: 'check_sysctls.go, sysctlsV1Dot32 (MinimumVersion 1.32; release-1.32)' },
  /** `net.ipv4.tcp_slow_start_after_idle`, `net.ipv4.tcp_notsent_lowat` allowed (master at 1.37.0-alpha.2). */
  sysctls137: { since: '1.37', source: 'check_sysctls.go, sysctlsV1Dot37 (MinimumVersion 1.37; master, v0.37.0-alpha.2)' },
  /**
   * The `securityContext.appArmorProfile` fields of the pod and containers are checked too, and the message names
   * the setters ("... must not set AppArmor profile type to ..."), annotations included (code of every policy version).
   */
  appArmorFields: { since: '1.30', source: 'check_appArmorProfile.go, appArmorProfile_1_0 (release-1.30)' },
  /** seLinuxOptions type `container_engine_t` allowed. */
  seLinuxContainerEngine: { since: '1.31', source: 'check_seLinuxOptions.go, seLinuxOptions1_31 (MinimumVersion 1.31; release-1.31)' },
  /** `image` volumes allowed in restricted (code of every policy version). */
  imageVolumes: { since: '1.33', source: 'check_restrictedVolumes.go, restrictedVolumes_1_0 (release-1.33)' },
  /** The baseline check `hostProbesAndHostLifecycle`. */
  hostProbes: { since: '1.34', source: 'check_hostProbesAndhostLifecycle.go, hostProbesAndHostLifecycleV1Dot34 (MinimumVersion 1.34; release-1.34)' },
  /**
   * A pod with `hostUsers: false` passes runAsNonRoot, runAsUser and the baseline procMount check; the new restricted
   * check procMount_restricted keeps refusing a non-default procMount. (1.29-1.34 have the runAsNonRoot/runAsUser/procMount
   * relaxation only behind the alpha gate UserNamespacesPodSecurityStandards, off by default: not ported.)
   */
  userNamespaces: {
    since: '1.35',
    source: 'check_runAsNonRoot.go runAsNonRoot1_35, check_runAsUser.go runAsUser1_35, check_procMount_baseline.go procMount1_35baseline, '
      + 'check_procMount_restricted.go CheckProcMountRestricted (MinimumVersion 1.35; release-1.35)',
  },
} satisfies Record<string, VersionedRule>;

type Json = any;

/** One offending setting. `setter` is `pod`, a container name or a volume name, as PSA's messages name it. */
interface Finding {
  readonly field: string;
  readonly setter: string;
  /** The offending values (capabilities, ports, types…), for checks whose message lists them. */
  readonly values?: readonly string[];
  /**
   * Who sets it, for messages that name the pod apart from containers (`pod`, `container`), or what kind of
   * offence it is, for checks with more than one message: a container relying on a pod-level setting that is
   * missing (`implicit`), a missing `drop: [ALL]` (`drop`), an added capability (`add`), a deprecated AppArmor
   * annotation (`annotation`).
   */
  readonly kind?: 'pod' | 'container' | 'annotation' | 'implicit' | 'drop' | 'add';
}

interface Pod {
  /** The target version: its policy's checks apply. */
  readonly version: KubernetesVersion;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Json;
  readonly metadataPath: string;
  readonly specPath: string;
  /** initContainers, containers, ephemeralContainers: the order of PSA's visitContainers. */
  readonly containers: readonly { readonly container: Json; readonly path: string }[];
}

interface Check {
  readonly id: PodSecurityCheckId;
  readonly level: 'baseline' | 'restricted';
  /** The targets the check exists for; every one when unset. */
  readonly exists?: VersionedRule;
  /** The baseline check this restricted check replaces in the restricted level (PSA's OverrideCheckIDs). */
  readonly overrides?: PodSecurityCheckId;
  /** Since 1.25 some restricted checks do not apply to pods with `spec.os.name: windows`. */
  readonly skipsWindows?: boolean;
  readonly findings: (pod: Pod) => Finding[];
  readonly format: (findings: readonly Finding[], pod: Pod) => { reason: string; detail: string };
}

function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go's `sets.NewString(...).List()`: unique, sorted byte-wise (so `'10' < '9'`). */
function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function unique(items: Iterable<string>): string[] {
  return [...new Set(items)];
}

/** `container "a"` / `containers "a", "b"` for the container setters among the findings. */
function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** `pod`, `containers "a", "b"` or `pod and containers "a", "b"`. */
function settersPhrase(findings: readonly Finding[]): string {
  const setters: string[] = [];
  if (findings.some((f) => f.kind === 'pod')) setters.push('pod');
  const containers = unique(findings.filter((f) => f.kind !== 'pod').map((f) => f.setter));
  if (containers.length > 0) setters.push(containersPhrase(containers));
  return setters.join(' and ');
}

/** Findings for a container-level boolean-ish setting, one per container for which `bad` holds. */
function containerFindings(pod: Pod, field: string, bad: (securityContext: Json) => boolean): Finding[] {
  return pod.containers
    .filter(({ container }) => bad(container?.securityContext))
    .map(({ container, path }) => ({ field: `${path}.${field}`, setter: String(container?.name ?? '') }));
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
/** check_seLinuxOptions.go, selinuxAllowedTypes1_31. */
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES, 'container_engine_t']);

/** The sysctls baseline allows (check_sysctls.go: sysctlsAllowedV1Dot27, and what each later variant adds). */
const SYSCTLS: readonly { readonly rule?: VersionedRule; readonly names: readonly string[] }[] = [
  {
    names: [
      'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports',
    ],
  },
  { rule: PSA_CHANGES.sysctls129, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { rule: PSA_CHANGES.sysctls132, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { rule: PSA_CHANGES.sysctls137, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];
const ALLOWED_SYSCTLS: ReadonlyMap<KubernetesVersion, ReadonlySet<string>> = new Map(KUBERNETES_VERSIONS.map((version) =>
  [version, new Set(SYSCTLS.filter(({ rule }) => !rule || holds(rule, { version })).flatMap(({ names }) => names))]));

const RESTRICTED_VOLUME_ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** In the order of PSA's switch, which names the first one a volume has. */
const RESTRICTED_VOLUME_TYPES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
  'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos',
];
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validSeccomp(type: unknown): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

function seLinuxFindings(pod: Pod, options: Json, base: string, setter: string, kind: 'pod' | 'container'): Finding[] {
  if (options == null) return [];
  const findings: Finding[] = [];
  const type = options.type ?? '';
  if (!(holds(PSA_CHANGES.seLinuxContainerEngine, pod) ? SELINUX_TYPES_1_31 : SELINUX_TYPES).has(type)) findings.push({ field: `${base}.seLinuxOptions.type`, setter, kind, values: [type] });
  if (options.user) findings.push({ field: `${base}.seLinuxOptions.user`, setter, kind, values: ['user'] });
  if (options.role) findings.push({ field: `${base}.seLinuxOptions.role`, setter, kind, values: ['role'] });
  return findings;
}

function podSecuritySetting(pod: Pod, key: string): unknown {
  return pod.spec?.securityContext?.[key];
}

/** A pod with `hostUsers: false` in a target whose policy relaxes for user namespaces (PSA's relaxPolicyForUserNamespacePod). */
function inUserNamespace(pod: Pod): boolean {
  return holds(PSA_CHANGES.userNamespaces, pod) && pod.spec?.hostUsers === false;
}

/** check_appArmorProfile.go, allowedProfileType (release-1.30 on). */
function validAppArmorType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Explicit `securityContext.appArmorProfile.type` values other than RuntimeDefault and Localhost, pod first. */
function appArmorFieldFindings(pod: Pod): Finding[] {
  const findings: Finding[] = [];
  const podProfile = pod.spec?.securityContext?.appArmorProfile;
  if (podProfile != null && !validAppArmorType(podProfile.type)) {
    findings.push({ field: `${pod.specPath}.securityContext.appArmorProfile.type`, setter: 'pod', kind: 'pod', values: [String(podProfile.type ?? '')] });
  }
  for (const { container, path } of pod.containers) {
    const profile = container?.securityContext?.appArmorProfile;
    if (profile != null && !validAppArmorType(profile.type)) {
      findings.push({ field: `${path}.securityContext.appArmorProfile.type`, setter: String(container?.name ?? ''), kind: 'container', values: [String(profile.type ?? '')] });
    }
  }
  return findings;
}

/** The pod's `container.apparmor.security.beta.kubernetes.io/*` annotations other than runtime/default, localhost/* or empty. */
function appArmorAnnotationFindings(pod: Pod): Finding[] {
  return Object.keys(pod.annotations).sort()
    .filter((key) => key.startsWith(APPARMOR_PREFIX))
    .filter((key) => {
      const profile = pod.annotations[key] ?? '';
      return !(profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/'));
    })
    .map((key) => ({ field: `${pod.metadataPath}.annotations['${key}']`, setter: key, kind: 'annotation', values: [`${key}=${JSON.stringify(pod.annotations[key])}`] }));
}

/** The non-default procMount of each container (check_procMount.go procMount_1_0). */
function procMountFindings(pod: Pod): Finding[] {
  return pod.containers.flatMap(({ container, path }) => {
    const procMount = container?.securityContext?.procMount;
    return procMount != null && procMount !== 'Default'
      ? [{ field: `${path}.securityContext.procMount`, setter: container.name, values: [String(procMount)] }]
      : [];
  });
}

function procMountFormat(findings: readonly Finding[]): { reason: string; detail: string } {
  return {
    reason: 'procMount',
    detail: `${containersPhrase(unique(findings.map((f) => f.setter)))} must not set securityContext.procMount to ${joinQuote(sortedSet(findings.flatMap((f) => f.values!)))}`,
  };
}

/** A probe's or lifecycle handler's `httpGet.host` and `tcpSocket.host` when set (getForbiddenHostProbes, getForbiddenHostLifecycle). */
function hostFindings(handler: Json, base: string, setter: string): Finding[] {
  return (['httpGet', 'tcpSocket'] as const).flatMap((action) => {
    const host = handler?.[action]?.host;
    return host != null && host !== '' ? [{ field: `${base}.${action}.host`, setter, values: [String(host)] }] : [];
  });
}

const CHECKS: readonly Check[] = [
  {
    id: 'appArmorProfile',
    level: 'baseline',
    findings: (pod) => [...(holds(PSA_CHANGES.appArmorFields, pod) ? appArmorFieldFindings(pod) : []), ...appArmorAnnotationFindings(pod)],
    format: (findings, pod) => {
      if (!holds(PSA_CHANGES.appArmorFields, pod)) {
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', findings.length),
          detail: sortedSet(findings.flatMap((f) => f.values!)).join(', '),
        };
      }
      // release-1.30 on: the setters (pod, containers, annotations) and their values, the fields' sorted and
      // deduplicated, then the annotations' sorted.
      const annotations = findings.filter((f) => f.kind === 'annotation');
      const values = [
        ...sortedSet(findings.filter((f) => f.kind !== 'annotation').flatMap((f) => f.values!)),
        ...sortedSet(annotations.flatMap((f) => f.values!)),
      ];
      const setters: string[] = [];
      if (findings.some((f) => f.kind === 'pod')) setters.push('pod');
      const containers = unique(findings.filter((f) => f.kind === 'container').map((f) => f.setter));
      if (containers.length > 0) setters.push(containersPhrase(containers));
      if (annotations.length > 0) setters.push(pluralize('annotation', 'annotations', annotations.length));
      return {
        reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
        detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
      };
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    findings: (pod) => pod.containers.flatMap(({ container, path }) => {
      const added: string[] = container?.securityContext?.capabilities?.add ?? [];
      const bad = added.filter((c) => !BASELINE_CAPABILITIES.has(c));
      return bad.length > 0 ? [{ field: `${path}.securityContext.capabilities.add`, setter: container.name, values: bad }] : [];
    }),
    format: (findings) => ({
      reason: 'non-default capabilities',
      detail: `${containersPhrase(unique(findings.map((f) => f.setter)))} must not include ${joinQuote(sortedSet(findings.flatMap((f) => f.values!)))} in securityContext.capabilities.add`,
    }),
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    findings: (pod) => (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .filter((key) => pod.spec?.[key] === true)
      .map((key) => ({ field: `${pod.specPath}.${key}`, setter: 'pod', values: [`${key}=true`] })),
    format: (findings) => ({ reason: 'host namespaces', detail: findings.flatMap((f) => f.values!).join(', ') }),
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    findings: (pod) => volumesOf(pod)
      .filter(({ volume }) => volume?.hostPath != null)
      .map(({ volume, path }) => ({ field: `${path}.hostPath`, setter: volume.name })),
    format: (findings) => ({
      reason: 'hostPath volumes',
      detail: `${pluralize('volume', 'volumes', findings.length)} ${joinQuote(findings.map((f) => f.setter))}`,
    }),
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    findings: (pod) => pod.containers.flatMap(({ container, path }) => ((container?.ports ?? []) as Json[]).flatMap((port, j) => {
      const hostPort = effectiveHostPort(pod, port);
      return hostPort !== 0 ? [{ field: `${path}.ports[${j}].hostPort`, setter: container.name, values: [String(hostPort)] }] : [];
    })),
    format: (findings) => {
      const containers = unique(findings.map((f) => f.setter));
      const ports = sortedSet(findings.flatMap((f) => f.values!));
      return {
        reason: 'hostPort',
        detail: `${containersPhrase(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
      };
    },
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    exists: PSA_CHANGES.hostProbes,
    findings: (pod) => pod.containers.flatMap(({ container, path }) => {
      const name = String(container?.name ?? '');
      return [
        ...(['livenessProbe', 'readinessProbe', 'startupProbe'] as const).flatMap((probe) => hostFindings(container?.[probe], `${path}.${probe}`, name)),
        ...(['postStart', 'preStop'] as const).flatMap((hook) => hostFindings(container?.lifecycle?.[hook], `${path}.lifecycle.${hook}`, name)),
      ];
    }),
    format: (findings) => {
      // Both lists are sets here, so both are sorted (sets.List), unlike the other checks' container lists.
      const containers = sortedSet(findings.map((f) => f.setter));
      const hosts = sortedSet(findings.flatMap((f) => f.values!));
      return {
        reason: 'probe or lifecycle host',
        detail: `${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)} ${pluralize('uses', 'use', containers.length)} `
          + `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.length)} ${joinQuote(hosts)}`,
      };
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    findings: (pod) => containerFindings(pod, 'securityContext.privileged', (sc) => sc?.privileged === true),
    format: (findings) => ({
      reason: 'privileged',
      detail: `${containersPhrase(unique(findings.map((f) => f.setter)))} must not set securityContext.privileged=true`,
    }),
  },
  {
    id: 'procMount',
    level: 'baseline',
    // From 1.35 any value passes baseline in a user namespace (procMount1_35baseline); procMount_restricted still refuses it.
    findings: (pod) => (inUserNamespace(pod) ? [] : procMountFindings(pod)),
    format: procMountFormat,
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    findings: (pod) => [
      ...seLinuxFindings(pod, pod.spec?.securityContext?.seLinuxOptions, `${pod.specPath}.securityContext`, 'pod', 'pod'),
      ...pod.containers.flatMap(({ container, path }) =>
        seLinuxFindings(pod, container?.securityContext?.seLinuxOptions, `${path}.securityContext`, container.name, 'container')),
    ],
    format: (findings) => {
      const types = sortedSet(findings.filter((f) => f.field.endsWith('.type')).flatMap((f) => f.values!));
      const badData: string[] = [];
      if (types.length > 0) badData.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
      if (findings.some((f) => f.field.endsWith('.user'))) badData.push('user may not be set');
      if (findings.some((f) => f.field.endsWith('.role'))) badData.push('role may not be set');
      return { reason: 'seLinuxOptions', detail: `${settersPhrase(findings)} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}` };
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    findings: (pod) => seccompFindings(pod).filter((f) => f.kind !== 'implicit'),
    format: (findings) => ({
      reason: 'seccompProfile',
      detail: `${settersPhrase(findings)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(findings.flatMap((f) => f.values!)))}`,
    }),
  },
  {
    id: 'sysctls',
    level: 'baseline',
    findings: (pod) => ((pod.spec?.securityContext?.sysctls ?? []) as Json[]).flatMap((sysctl, i) =>
      ALLOWED_SYSCTLS.get(pod.version)!.has(sysctl?.name) ? [] : [{ field: `${pod.specPath}.securityContext.sysctls[${i}].name`, setter: 'pod', values: [String(sysctl?.name ?? '')] }]),
    format: (findings) => ({ reason: 'forbidden sysctls', detail: findings.flatMap((f) => f.values!).join(', ') }),
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    findings: (pod) => [
      ...(pod.spec?.securityContext?.windowsOptions?.hostProcess === true
        ? [{ field: `${pod.specPath}.securityContext.windowsOptions.hostProcess`, setter: 'pod', kind: 'pod' as const }]
        : []),
      ...containerFindings(pod, 'securityContext.windowsOptions.hostProcess', (sc) => sc?.windowsOptions?.hostProcess === true),
    ],
    format: (findings) => ({
      reason: 'hostProcess',
      detail: `${settersPhrase(findings)} must not set securityContext.windowsOptions.hostProcess=true`,
    }),
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    skipsWindows: true,
    findings: (pod) => containerFindings(pod, 'securityContext.allowPrivilegeEscalation', (sc) => sc?.allowPrivilegeEscalation !== false),
    format: (findings) => ({
      reason: 'allowPrivilegeEscalation != false',
      detail: `${containersPhrase(unique(findings.map((f) => f.setter)))} must set securityContext.allowPrivilegeEscalation=false`,
    }),
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    overrides: 'capabilities_baseline',
    skipsWindows: true,
    findings: (pod) => pod.containers.flatMap(({ container, path }) => {
      const capabilities = container?.securityContext?.capabilities;
      const drop: Finding = { field: `${path}.securityContext.capabilities.drop`, setter: container.name, kind: 'drop' };
      if (capabilities == null) return [drop];
      const findings: Finding[] = [];
      if (!((capabilities.drop ?? []) as string[]).includes('ALL')) findings.push(drop);
      const bad = ((capabilities.add ?? []) as string[]).filter((c) => c !== 'NET_BIND_SERVICE');
      if (bad.length > 0) findings.push({ field: `${path}.securityContext.capabilities.add`, setter: container.name, kind: 'add', values: bad });
      return findings;
    }),
    format: (findings) => {
      const details: string[] = [];
      const missingDrop = unique(findings.filter((f) => f.kind === 'drop').map((f) => f.setter));
      const adding = findings.filter((f) => f.kind === 'add');
      if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (adding.length > 0) {
        details.push(`${containersPhrase(unique(adding.map((f) => f.setter)))} must not include ${joinQuote(sortedSet(adding.flatMap((f) => f.values!)))} in securityContext.capabilities.add`);
      }
      return { reason: 'unrestricted capabilities', detail: details.join('; ') };
    },
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    exists: PSA_CHANGES.userNamespaces,
    overrides: 'procMount',
    findings: procMountFindings,
    format: procMountFormat,
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    overrides: 'hostPathVolumes',
    findings: (pod) => volumesOf(pod).flatMap(({ volume, path }) => {
      const allowed = holds(PSA_CHANGES.imageVolumes, pod) ? [...RESTRICTED_VOLUME_ALLOWED, 'image'] : RESTRICTED_VOLUME_ALLOWED;
      if (allowed.some((type) => volume?.[type] != null) || hasNoSource(volume)) return [];
      const type = RESTRICTED_VOLUME_TYPES.find((t) => volume?.[t] != null);
      return [{ field: type ? `${path}.${type}` : path, setter: volume?.name, values: [type ?? 'unknown'] }];
    }),
    format: (findings) => {
      const types = sortedSet(findings.flatMap((f) => f.values!));
      return {
        reason: 'restricted volume types',
        detail: `${pluralize('volume', 'volumes', findings.length)} ${joinQuote(findings.map((f) => f.setter))} ${pluralize('uses', 'use', findings.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
      };
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    findings: (pod) => {
      if (inUserNamespace(pod)) return []; // runAsNonRoot1_35
      const podValue = podSecuritySetting(pod, 'runAsNonRoot');
      const findings: Finding[] = [];
      if (podValue === false) findings.push({ field: `${pod.specPath}.securityContext.runAsNonRoot`, setter: 'pod', kind: 'pod' });
      for (const { container, path } of pod.containers) {
        const value = container?.securityContext?.runAsNonRoot;
        const field = `${path}.securityContext.runAsNonRoot`;
        if (value === false) findings.push({ field, setter: container.name, kind: 'container' });
        // A pod-level `false` is the one field to change: it is not reported again on each container that inherits it.
        else if (value == null && podValue == null) findings.push({ field, setter: container.name, kind: 'implicit' });
      }
      return findings;
    },
    format: (findings) => {
      const explicit = findings.filter((f) => f.kind !== 'implicit');
      if (explicit.length > 0) {
        return { reason: 'runAsNonRoot != true', detail: `${settersPhrase(explicit)} must not set securityContext.runAsNonRoot=false` };
      }
      return {
        reason: 'runAsNonRoot != true',
        detail: `pod or ${containersPhrase(unique(findings.map((f) => f.setter)))} must set securityContext.runAsNonRoot=true`,
      };
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    findings: (pod) => (inUserNamespace(pod) ? [] : [ // runAsUser1_35
      ...(podSecuritySetting(pod, 'runAsUser') === 0 ? [{ field: `${pod.specPath}.securityContext.runAsUser`, setter: 'pod', kind: 'pod' as const }] : []),
      ...containerFindings(pod, 'securityContext.runAsUser', (sc) => sc?.runAsUser === 0),
    ]),
    format: (findings) => ({ reason: 'runAsUser=0', detail: `${settersPhrase(findings)} must not set runAsUser=0` }),
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    overrides: 'seccompProfile_baseline',
    skipsWindows: true,
    findings: (pod) => seccompFindings(pod),
    format: (findings) => {
      const explicit = findings.filter((f) => f.kind !== 'implicit');
      if (explicit.length > 0) {
        return {
          reason: 'seccompProfile',
          detail: `${settersPhrase(explicit)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(explicit.flatMap((f) => f.values!)))}`,
        };
      }
      return {
        reason: 'seccompProfile',
        detail: `pod or ${containersPhrase(unique(findings.map((f) => f.setter)))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      };
    },
  },
];

function volumesOf(pod: Pod): { volume: Json; path: string }[] {
  return ((pod.spec?.volumes ?? []) as Json[]).map((volume, i) => ({ volume, path: `${pod.specPath}.volumes[${i}]` }));
}

/** The API server defaults a volume that names no source to `emptyDir: {}` (SetDefaults_Volume), which PSA allows. */
function hasNoSource(volume: Json): boolean {
  return Object.keys(volume ?? {}).every((key) => key === 'name' || volume[key] == null);
}

/**
 * The hostPort PSA sees. It evaluates the stored Pod, and the 1.27 API server defaults `hostPort` to
 * `containerPort` for every port of a `hostNetwork` pod (in pod templates too, until 1.28).
 */
function effectiveHostPort(pod: Pod, port: Json): number {
  const hostPort = Number(port?.hostPort ?? 0);
  if (hostPort === 0 && pod.spec?.hostNetwork === true) return Number(port?.containerPort ?? 0);
  return hostPort;
}

/**
 * Seccomp settings, as PSA's seccompProfile checks see them: explicit bad values on the pod (`kind: 'pod'`) or a
 * container (`'container'`), and containers that set none while the pod sets none either (`'implicit'`; PSA also
 * counts those under a bad pod-level profile, but its message then names only the explicit setters, and so do we).
 */
function seccompFindings(pod: Pod): Finding[] {
  const findings: Finding[] = [];
  const podProfile = pod.spec?.securityContext?.seccompProfile;
  if (podProfile != null && !validSeccomp(podProfile.type)) {
    findings.push({ field: `${pod.specPath}.securityContext.seccompProfile.type`, setter: 'pod', kind: 'pod', values: [String(podProfile.type ?? '')] });
  }
  for (const { container, path } of pod.containers) {
    const profile = container?.securityContext?.seccompProfile;
    const field = `${path}.securityContext.seccompProfile.type`;
    if (profile != null) {
      if (!validSeccomp(profile.type)) findings.push({ field, setter: container.name, kind: 'container', values: [String(profile.type ?? '')] });
    } else if (podProfile == null) {
      // A container inheriting a bad pod-level profile is not reported again: the pod's field is the one to change.
      findings.push({ field, setter: container.name, kind: 'implicit' });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------

function podOf(template: Json, templatePath: string, options: ValidationOptions): Pod {
  const spec = template?.spec ?? {};
  const specPath = `${templatePath}.spec`;
  const containers = (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((list) =>
    ((spec[list] ?? []) as Json[]).map((container, i) => ({ container, path: `${specPath}.${list}[${i}]` })));
  return { version: options.version, annotations: template?.metadata?.annotations ?? {}, spec, metadataPath: `${templatePath}.metadata`, specPath, containers };
}

/** PSA's order: baseline checks first, then restricted ones, each sorted by ID (byte-wise). */
const ORDERED_CHECKS = [...CHECKS].sort((a, b) => {
  if (a.level !== b.level) return a.level === 'baseline' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
});

/** Options of `evaluatePodSecurity`. */
export interface PodSecurityOptions {
  /**
   * The Kubernetes version of the cluster, whose Pod Security Admission evaluates the pods with the policy of the
   * same version (the namespace label `enforce-version: v<version>` that `PodSecurity.labelNamespace` writes).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
   * @default '1.27'
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/**
 * Evaluates a pod template (`{ metadata, spec }`, as in a DaemonSet's `spec.template`) exactly as Pod Security
 * Admission of the target version (1.27 unless `options` says otherwise) evaluates the pods made from it, with the
 * policy of that version: after the API server's defaulting of `hostPort` for `hostNetwork` pods and of volumes
 * without a source to `emptyDir`, the two defaults that change PSA's result.
 *
 * @param podTemplate the pod template's JSON
 * @param templatePath where the template is in its manifest, for the `field` of each violation
 * @param options the target Kubernetes version
 * @throws if `options.kubernetesVersion` is not a supported target (JavaScript callers)
 */
export function evaluatePodSecurity(podTemplate: unknown, templatePath = 'spec.template', options: PodSecurityOptions = {}): PodSecurityReport {
  const version = supportedVersion(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, 'kubernetesVersion');
  const pod = podOf(podTemplate, templatePath, { version });
  // The checks of the target's policy: those that exist at that version.
  const checks = ORDERED_CHECKS.filter((check) => check.exists === undefined || holds(check.exists, pod));
  const windows = pod.spec?.os?.name === 'windows';
  const violations: PodSecurityViolation[] = [];
  const failedChecks: PodSecurityFailedCheck[] = [];
  const failed = new Set<PodSecurityCheckId>();
  const baselineFields = new Map<PodSecurityCheckId, Set<string>>();

  for (const check of checks) {
    const findings = check.skipsWindows && windows ? [] : check.findings(pod);
    if (findings.length === 0) continue;
    failed.add(check.id);
    failedChecks.push({ check: check.id, level: check.level, ...check.format(findings, pod) });
    baselineFields.set(check.id, new Set(findings.map((f) => f.field)));
    const alreadyReported = check.overrides ? baselineFields.get(check.overrides) : undefined;
    for (const finding of findings) {
      if (alreadyReported?.has(finding.field)) continue;
      const { reason, detail } = check.format([finding], pod);
      violations.push({ check: check.id, level: check.level, field: finding.field, message: `${reason} (${detail})` });
    }
  }

  const overridden = new Set(checks.map((c) => c.overrides).filter((id) => id !== undefined));
  const passesBaseline = checks.every((c) => c.level !== 'baseline' || !failed.has(c.id));
  const passesRestricted = checks.every((c) => (c.level === 'baseline' && overridden.has(c.id)) || !failed.has(c.id));
  const level = passesRestricted ? 'restricted' : passesBaseline ? 'baseline' : 'privileged';
  return { level, violations, failedChecks };
}

// ---------------------------------------------------------------------------------------------------------
// Workloads and policies in the construct tree
// ---------------------------------------------------------------------------------------------------------

const LEVEL_RANK: Readonly<Record<PodSecurityLevel, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** The levels set with `PodSecurity.enforce`, by scope. */
const enforcedLevels = new WeakMap<IConstruct, PodSecurityLevel>();

/** The kinds with a pod template that Pod Security Admission evaluates (besides Pod and PodTemplate), by where the template is. */
const TEMPLATE_PATHS: ReadonlyMap<string, string> = new Map([
  ['DaemonSet', 'spec.template'],
  ['Deployment', 'spec.template'],
  ['Job', 'spec.template'],
  ['ReplicaSet', 'spec.template'],
  ['ReplicationController', 'spec.template'],
  ['StatefulSet', 'spec.template'],
  ['CronJob', 'spec.jobTemplate.spec.template'],
]);

/** The pod template of a workload manifest and its path, e.g. `spec.jobTemplate.spec.template` for a CronJob. */
function podTemplateOf(manifest: Json): { template: Json; path: string } | undefined {
  const path = TEMPLATE_PATHS.get(manifest?.kind);
  if (path === undefined) return undefined;
  const template = path.split('.').reduce((value, key) => value?.[key], manifest);
  return template != null ? { template, path } : undefined;
}

interface Workload {
  /** The construct that owns the manifest: the ApiObject's parent when it is that construct's `Resource`. */
  readonly owner: IConstruct;
  readonly manifest: Json;
  readonly report: PodSecurityReport;
}

/**
 * Every ApiObject under `scope` that has a pod template, with its Pod Security report at `version`, or else at
 * each object's own target.
 */
function workloadsIn(scope: IConstruct, version?: KubernetesVersion): Workload[] {
  return scope.node.findAll().flatMap((construct) => {
    // Only workload kinds are rendered: a Namespace's labels are themselves computed from the workloads.
    if (!(construct instanceof ApiObject) || !TEMPLATE_PATHS.has(construct.kind)) return [];
    let manifest: Json;
    try {
      // A library object's shared render (read here, never changed), not a copy of it.
      manifest = isMemoized(construct) ? construct.sharedJson() : construct.toJson();
    } catch {
      // A workload that cannot render reports its own problems through its validation.
      return [];
    }
    const found = podTemplateOf(manifest);
    if (!found) return [];
    const owner = construct.node.id === 'Resource' && construct.node.scope ? construct.node.scope : construct;
    const kubernetesVersion = version ?? KubernetesTarget.of(construct);
    return [{ owner, manifest, report: evaluatePodSecurity(found.template, found.path, { kubernetesVersion }) }];
  });
}

/** The scope whose policy applies to `construct`: the nearest one, itself included, with `PodSecurity.enforce`. */
function policyScopeOf(construct: IConstruct): IConstruct | undefined {
  return [...construct.node.scopes].reverse().find((scope) => enforcedLevels.has(scope));
}

/** One line per field of each workload under `scope`'s policy that keeps it below the level `scope` requires. */
function policyErrors(scope: IConstruct): string[] {
  const required = enforcedLevels.get(scope)!;
  return workloadsIn(scope)
    .filter(({ owner, report }) => policyScopeOf(owner) === scope && LEVEL_RANK[report.level] < LEVEL_RANK[required])
    .flatMap(({ owner, manifest, report }) => report.violations
      .filter((v) => LEVEL_RANK[v.level] <= LEVEL_RANK[required])
      .map((v) => `${owner.node.path}: ${v.field} fails the required Pod Security level '${required}' [${v.check}: ${v.message}]; `
        + `the ${manifest.kind} meets '${report.level}': drop the setting or require '${report.level}'`));
}

/**
 * Pod Security Standards for the workloads of a chart or an app.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export class PodSecurity {
  /**
   * Require `level` of every workload in `scope` (a Chart, or the App for all charts): synth fails, listing each
   * workload, check and field, when one falls below it. The nearest scope's level wins, so a chart can set its
   * own level under an app-wide one. Calling it again for the same scope replaces the level.
   */
  public static enforce(scope: Chart | App, level: PodSecurityLevel): void {
    const first = !enforcedLevels.has(scope);
    enforcedLevels.set(scope, level);
    if (!first) return;
    // cdk8s starts each validation error with the path of the construct that holds the validation, and the
    // app's path is empty: an app-wide policy's lines would start with `[]`. Held by a child named
    // `PodSecurity`, they start with `[PodSecurity]`; a chart's start with the chart's path.
    const holder = scope instanceof App ? new Construct(scope, 'PodSecurity') : scope;
    holder.node.addValidation({ validate: () => policyErrors(scope) });
  }

  /** The level required of `construct` by the nearest `enforce`, if any. */
  public static enforcedLevel(construct: IConstruct): PodSecurityLevel | undefined {
    const scope = policyScopeOf(construct);
    return scope ? enforcedLevels.get(scope) : undefined;
  }

  /**
   * The Pod Security report of a workload: a construct whose `Resource` child is its manifest (every construct
   * of this library), or an ApiObject of a workload kind (DaemonSet, Deployment, Job, ReplicaSet,
   * ReplicationController, StatefulSet, CronJob), with the policy of its target Kubernetes version
   * (`KubernetesTarget.of(workload)`).
   */
  public static of(workload: IConstruct): PodSecurityReport {
    const apiObject = workload instanceof ApiObject ? workload : ApiObject.of(workload);
    const found = podTemplateOf(apiObject.toJson());
    if (!found) throw new Error(`${workload.node.path} has no pod template: it is no ${[...TEMPLATE_PATHS.keys()].join(', ')}`);
    return evaluatePodSecurity(found.template, found.path, { kubernetesVersion: KubernetesTarget.of(apiObject) });
  }

  /**
   * Labels `namespace` (an ApiObject of kind Namespace) for Pod Security Admission: `enforce` is the level the
   * nearest policy requires, or else the level all workloads of the app in that namespace meet (each evaluated
   * with the namespace's policy version); `enforce-version` is the namespace's target Kubernetes version,
   * `v<target>` (`v1.27` by default). Resolved at synth, so workloads added later count.
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
   */
  public static labelNamespace(namespace: ApiObject): void {
    const level = Lazy.any({ produce: () => PodSecurity.enforcedLevel(namespace) ?? namespaceLevel(namespace) });
    namespace.metadata.addLabel('pod-security.kubernetes.io/enforce', level as unknown as string);
    namespace.metadata.addLabel('pod-security.kubernetes.io/enforce-version', podSecurityVersion(KubernetesTarget.of(namespace)));
  }

  private constructor() {}
}

/**
 * The lowest level among the app's workloads in the namespace `namespace` names, at the namespace's policy
 * version; restricted when it has none.
 */
function namespaceLevel(namespace: ApiObject): PodSecurityLevel {
  const name = namespace.name;
  return workloadsIn(namespace.node.root, KubernetesTarget.of(namespace))
    .filter(({ manifest }) => manifest.metadata?.namespace === name)
    .map(({ report }) => report.level)
    .reduce<PodSecurityLevel>((lowest, level) => (LEVEL_RANK[level] < LEVEL_RANK[lowest] ? level : lowest), 'restricted');
}
