/**
 * The Linux security settings of pods and containers: the restrictive defaults, the named relaxations and how
 * they are rendered. The pod template (pod-template.ts) calls the two render functions.
 *
 * Where the defaults are emitted: on each container, and only where nothing the user wrote says otherwise.
 * `runAsNonRoot` and `seccompProfile` exist at both levels in Kubernetes; a container's own value wins over the
 * pod's. Were our default `runAsNonRoot: true` written on every container, a pod-level `runAsNonRoot: false` would
 * be overridden in every container and mean nothing. So a container gets a default only for a field that neither
 * it nor the pod sets, and never one that contradicts its other settings (a privileged or `runAsUser: 0`
 * container gets no `runAsNonRoot: true`). The container-only fields (`readOnlyRootFilesystem`,
 * `allowPrivilegeEscalation`, `capabilities`) can only be emitted on containers anyway, so each container's
 * `securityContext` shows all of its safety settings in one place, and a pod-level choice is inherited because no
 * default stands in its way.
 */

/**
 * A seccomp profile: the system calls a container may make.
 * @see https://kubernetes.io/docs/tutorials/security/seccomp/
 */
export type SeccompProfile =
  | { readonly type: 'RuntimeDefault' | 'Unconfined' }
  | { readonly type: 'Localhost'; readonly localhostProfile: string };

/**
 * The Linux capabilities of a container, as in the manifest, or `'RuntimeDefault'`: the container runtime's
 * default set, which is what most images that run as root expect.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
 */
export type Capabilities =
  | 'RuntimeDefault'
  | { readonly add?: readonly string[]; readonly drop?: readonly string[] };

/**
 * SELinux labels applied to the containers.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
 */
export interface SeLinuxOptions {
  /**
   * The SELinux user. Setting it lowers the Pod Security level to privileged (check `seLinuxOptions`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default - the runtime's
   */
  readonly user?: string;
  /**
   * The SELinux role. Setting it lowers the Pod Security level to privileged (check `seLinuxOptions`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default - the runtime's
   */
  readonly role?: string;
  /**
   * The SELinux type. Any but `container_t`, `container_init_t` and `container_kvm_t` (and `container_engine_t`
   * from a 1.31 target on) lowers the Pod Security level to privileged (check `seLinuxOptions`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default - the runtime's
   */
  readonly type?: string;
  /**
   * The MCS level, e.g. `s0:c123,c456`.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
   * @default - the runtime's
   */
  readonly level?: string;
}

/**
 * A namespaced kernel parameter set for the pod.
 * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
 */
export interface Sysctl {
  /** E.g. `net.ipv4.ip_local_port_range`. */
  readonly name: string;
  /** E.g. `'32768 60999'`. */
  readonly value: string;
}

/**
 * The settings and relaxations that a container and its pod both have. At the pod level each is the default of
 * every container; a container's own value wins.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export interface SharedSecurityContext {
  /**
   * Refuse to start a container whose image runs as UID 0.
   *
   * **`false` says "this image runs as root"**, which most public images (nginx, postgres, mysql, fluentd,
   * cassandra) do: with `runAsNonRoot: true` and no `runAsUser` the kubelet refuses them (`container has
   * runAsNonRoot and image will run as root`). Set it on the pod for every container, or on one container.
   * Lowers the Pod Security level to baseline (check `runAsNonRoot`): restricted requires non-root, baseline
   * allows root. Root images usually also need `capabilities: 'RuntimeDefault'` (to chown and switch user).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
   * @default true, emitted on each container, except on a privileged container, on one whose user (its
   * `runAsUser`, else the pod's) is 0, and when the pod sets `runAsNonRoot`
   */
  readonly runAsNonRoot?: boolean;
  /**
   * The UID the processes run as, instead of the image's `USER`; needed for an image whose `USER` is a name, not
   * a number, under `runAsNonRoot`. `0` (root) lowers the Pod Security level to baseline (check `runAsUser`), and
   * then `runAsNonRoot` is not defaulted to true.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - the image's USER
   */
  readonly runAsUser?: number;
  /**
   * The primary GID of the processes.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Mount the container's root filesystem read-only; give the paths it writes as `emptyDir` volumes.
   *
   * **`false` says "it writes to its root filesystem"** (nginx's `/var/cache/nginx`, a `/tmp` of its own, …).
   * Kubernetes has this field on containers only: set on the pod, it is written on every container that does not
   * set its own. Not a Pod Security check: the level stays what it is.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-container
   * @default true, except on a privileged container
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * The Linux capabilities: all dropped unless `'RuntimeDefault'` keeps the runtime's defaults; add back only what
   * the process needs (`{ add: ['NET_BIND_SERVICE'] }` keeps restricted).
   *
   * **`'RuntimeDefault'` says "it keeps the runtime's default capabilities"** (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`,
   * `SETUID`, `SETGID`, `NET_BIND_SERVICE`, `KILL`, …: what a root image's entrypoint uses to chown its
   * directories and switch to its own user); nothing is emitted. Kubernetes has this field on containers only:
   * set on the pod, it is written on every container that does not set its own.
   *
   * Not dropping `ALL`, or adding anything but `NET_BIND_SERVICE`, lowers the Pod Security level to baseline (check
   * `capabilities_restricted`): restricted requires `drop: ['ALL']`, baseline allows the runtime's defaults.
   * Adding one outside baseline's list (`AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`,
   * `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`), e.g. `NET_ADMIN`,
   * `NET_RAW` or `SYS_PTRACE`, lowers it to privileged (check `capabilities_baseline`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   * @default - drop ['ALL'], add none; on a privileged container, not emitted
   */
  readonly capabilities?: Capabilities;
  /**
   * The seccomp profile. `Unconfined` lowers the Pod Security level to privileged (check
   * `seccompProfile_baseline`).
   * @see https://kubernetes.io/docs/tutorials/security/seccomp/
   * @default { type: 'RuntimeDefault' }, emitted on each container that does not set one when the pod sets none;
   * not on a privileged container, which always runs unconfined
   */
  readonly seccompProfile?: SeccompProfile;
}

/**
 * The security settings of the pod. Kubernetes' own pod-level fields are emitted in `spec.securityContext` and
 * inherited by every container; `readOnlyRootFilesystem` and `capabilities`, which Kubernetes has per container
 * only, are written on every container that does not set its own. A container's own setting wins.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod
 */
export interface PodSecurityContext extends SharedSecurityContext {
  /**
   * Group that owns mounted volumes (and is added to every process), so a non-root process can write to them.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod
   * @default - volumes keep their own ownership
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes the ownership of a volume to `fsGroup`: `'Always'` on every mount, or
   * `'OnRootMismatch'` only when the volume's root does not already match (much faster for large volumes).
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods
   * @default - 'Always' (the kubelet's behaviour; not emitted)
   */
  readonly fsGroupChangePolicy?: 'OnRootMismatch' | 'Always';
  /**
   * More GIDs for every process of the pod, besides its primary group and `fsGroup`.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod
   * @default - none
   */
  readonly supplementalGroups?: readonly number[];
  /**
   * Namespaced kernel parameters of the pod. Any but the safe set of the target version lowers the Pod Security
   * level to privileged (check `sysctls`), and the kubelet must allow it (`--allowed-unsafe-sysctls`). The safe set
   * of 1.27: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`,
   * `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`; from 1.29 also
   * `net.ipv4.tcp_keepalive_time`, `tcp_fin_timeout`, `tcp_keepalive_intvl`, `tcp_keepalive_probes`; from 1.32
   * `net.ipv4.tcp_rmem`, `tcp_wmem`; from 1.37 `net.ipv4.tcp_slow_start_after_idle`, `tcp_notsent_lowat`.
   * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
   * @default - none
   */
  readonly sysctls?: readonly Sysctl[];
  /**
   * SELinux labels of every container.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
   * @default - the runtime's
   */
  readonly seLinuxOptions?: SeLinuxOptions;
}

/**
 * A container that is not privileged (the default).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-container
 */
export interface UnprivilegedContainerSecurityContext extends SharedSecurityContext {
  /**
   * `true` runs the container privileged; see `PrivilegedContainerSecurityContext`.
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default false (not emitted)
   */
  readonly privileged?: false;
  /**
   * Whether a process can gain more privileges than its parent (setuid binaries such as `sudo`). `true` lowers
   * the Pod Security level to baseline (check `allowPrivilegeEscalation`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
}

/**
 * A privileged container: every capability and every device of the node, so its root is the node's root. Only
 * what manages the node itself (CSI node plugins, network plugins, some node agents) needs it.
 *
 * **Lowers the Pod Security level to privileged** (check `privileged`). None of the restrictive defaults that
 * would contradict it is emitted: no `runAsNonRoot`, no read-only root filesystem, no capability drop (the runtime
 * grants it every capability), no `allowPrivilegeEscalation` (the API server rejects `false` with
 * `privileged: true`), no seccomp profile (a privileged container always runs unconfined). Whatever you set
 * yourself is emitted.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export interface PrivilegedContainerSecurityContext extends SharedSecurityContext {
  /**
   * Run the container privileged.
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   */
  readonly privileged: true;
  /**
   * Always allowed for a privileged container: the API server rejects `false` with `privileged: true`.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
   * @default - not emitted (a privileged container can always escalate)
   */
  readonly allowPrivilegeEscalation?: true;
}

/**
 * The Linux security settings of one container. Every default is the restrictive one; relax a setting for the
 * container that needs it, or for the whole pod in the pod's `securityContext`.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-container
 */
export type ContainerSecurityContext = UnprivilegedContainerSecurityContext | PrivilegedContainerSecurityContext;

function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** Without its `undefined` members (a new object: see pod-template.ts's `compact`); undefined when empty. */
function defined(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (obj[key] !== undefined) result[key] = obj[key];
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** `spec.template.spec.securityContext`: Kubernetes' pod-level fields as given; no defaults (see the file's comment). */
export function renderPodSecurityContext(pod: PodSecurityContext = {}): Record<string, unknown> | undefined {
  return defined({
    fsGroup: pod.fsGroup,
    fsGroupChangePolicy: pod.fsGroupChangePolicy,
    runAsGroup: pod.runAsGroup,
    runAsNonRoot: pod.runAsNonRoot,
    runAsUser: pod.runAsUser,
    seLinuxOptions: pod.seLinuxOptions ? { ...pod.seLinuxOptions } : undefined,
    seccompProfile: pod.seccompProfile ? { ...pod.seccompProfile } : undefined,
    supplementalGroups: nonEmpty(pod.supplementalGroups),
    sysctls: nonEmpty(pod.sysctls?.map((s) => ({ name: s.name, value: s.value }))),
  });
}

function renderCapabilities(capabilities: Capabilities, privileged: boolean): Record<string, unknown> | undefined {
  if (capabilities === 'RuntimeDefault') return undefined;
  // A privileged container has every capability: a default `drop: ['ALL']` would only mislead.
  const drop = capabilities.drop ?? (privileged ? undefined : ['ALL']);
  return defined({ add: nonEmpty(capabilities.add), drop: nonEmpty(drop) });
}

/** A container's `securityContext`: what it sets, and the restrictive defaults that nothing it or the pod sets contradicts. */
export function renderContainerSecurityContext(
  container: ContainerSecurityContext = {},
  pod: PodSecurityContext = {},
): Record<string, unknown> | undefined {
  const privileged = container.privileged === true;
  const user = container.runAsUser ?? pod.runAsUser;
  const podDecidesRoot = pod.runAsNonRoot !== undefined;
  const capabilities = container.capabilities ?? pod.capabilities;
  return defined({
    allowPrivilegeEscalation: container.allowPrivilegeEscalation ?? (privileged ? undefined : false),
    capabilities: capabilities !== undefined ? renderCapabilities(capabilities, privileged) : privileged ? undefined : { drop: ['ALL'] },
    privileged: container.privileged,
    readOnlyRootFilesystem: container.readOnlyRootFilesystem ?? pod.readOnlyRootFilesystem ?? (privileged ? undefined : true),
    runAsGroup: container.runAsGroup,
    runAsNonRoot: container.runAsNonRoot ?? (privileged || podDecidesRoot || user === 0 ? undefined : true),
    runAsUser: container.runAsUser,
    seccompProfile: container.seccompProfile
      ? { ...container.seccompProfile }
      : privileged || pod.seccompProfile !== undefined ? undefined : { type: 'RuntimeDefault' },
  });
}
