import { ApiObjectMetadata } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { DnsPolicy, HostAlias, Lifecycle, PodDnsConfig, TopologySpreadConstraint, VolumeDevice } from './pod-fields';
import { CSIVolumeSource, DownwardAPIVolumeSource, EphemeralVolumeSource, ProjectedVolumeSource } from './volumes';
import { ApiAccess } from '../security/api-access';
import { ContainerSecurityContext, PodSecurityContext, renderContainerSecurityContext, renderPodSecurityContext } from '../security/security-context';
import { cloneJson } from '../validation/json';
import { Problem, dns1123SubdomainProblems, nonNegativeIntegerProblems } from '../validation/problems';

// ---------------------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------------------

/**
 * A path into the pod that the Downward API can expose as an environment variable.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-fieldRef
 */
export type PodFieldPath =
  | 'metadata.name'
  | 'metadata.namespace'
  | 'metadata.uid'
  | `metadata.labels['${string}']`
  | `metadata.annotations['${string}']`
  | 'spec.nodeName'
  | 'spec.serviceAccountName'
  | 'status.hostIP'
  | 'status.podIP'
  | 'status.podIPs';

/** A key of a ConfigMap or Secret. */
export interface KeySelector {
  /** Name of the ConfigMap or Secret. */
  readonly name: string;
  /** The key to read. */
  readonly key: string;
  /**
   * Whether the pod may start when the object or key is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * The value of an environment variable: a literal string, or one of the Kubernetes sources, written as in the
 * manifest (`{ secretKeyRef: { name: 'db', key: 'password' } }`).
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
 */
export type EnvValue =
  | string
  | { readonly secretKeyRef: KeySelector }
  | { readonly configMapKeyRef: KeySelector }
  | { readonly fieldRef: { readonly fieldPath: PodFieldPath } }
  | { readonly resourceFieldRef: { readonly resource: 'limits.cpu' | 'limits.memory' | 'limits.ephemeral-storage' | 'requests.cpu' | 'requests.memory' | 'requests.ephemeral-storage'; readonly divisor?: string } };

/**
 * An environment variable written as in the manifest's list, `{ name, value }` or `{ name, valueFrom }`, so that
 * `env` copied from YAML compiles as it is.
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
 */
export type EnvVar =
  | { readonly name: string; readonly value?: string; readonly valueFrom?: never }
  | { readonly name: string; readonly valueFrom: Exclude<EnvValue, string>; readonly value?: never };

/**
 * Environment variables as a map of name to value: `{ LOG_LEVEL: 'info', DB_PASSWORD: { secretKeyRef: … } }`.
 * `length?: never` keeps lists out of the map, so that a mistake in the list form (`[{ name, value }]`) is
 * reported in that form's terms rather than as a map whose values are `secretKeyRef`s.
 */
export type EnvMap = Readonly<Record<string, EnvValue>> & { readonly length?: never };

/**
 * All keys of a ConfigMap or Secret as environment variables.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables
 */
export type EnvFromSource =
  | { readonly configMapRef: { readonly name: string; readonly optional?: boolean }; readonly prefix?: string }
  | { readonly secretRef: { readonly name: string; readonly optional?: boolean }; readonly prefix?: string };

/**
 * A port the container listens on.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
 */
export interface ContainerPort {
  /** Port number, 1–65535. */
  readonly containerPort: number;
  /**
   * IANA service name (≤ 15 characters, lower case), unique within the container; Services can refer to it.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * Also publish the port on the node the pod runs on, at this port of the node's IP address (1–65535), e.g. for
   * a node agent's metrics. With `hostNetwork` it must equal `containerPort` (the 1.27 API server sets it so when
   * it is omitted).
   *
   * **Lowers the Pod Security level to privileged** (check `hostPorts`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default - not published on the node
   */
  readonly hostPort?: number;
  /**
   * The node IP address the host port is bound to.
   * @default - every address of the node
   */
  readonly hostIP?: string;
}

/**
 * CPU, memory, ephemeral storage, huge pages and extended resources, as Kubernetes quantities (`'100m'`,
 * `'128Mi'`, `'1Gi'`): `{ cpu: '1', memory: '1Gi', 'hugepages-2Mi': '512Mi', 'nvidia.com/gpu': '1' }`.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export interface ResourceQuantities {
  /** @default - none */
  readonly 'cpu'?: string;
  /** @default - none */
  readonly 'memory'?: string;
  /** @default - none */
  readonly 'ephemeral-storage'?: string;
  /**
   * Huge pages of one size, e.g. `'hugepages-2Mi': '512Mi'`; request equals limit, and cpu or memory must be set too.
   * @see https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/
   */
  readonly [hugePages: `hugepages-${string}`]: string;
  /**
   * An extended resource a device plugin or the cluster advertises, by its domain-prefixed name, e.g.
   * `'nvidia.com/gpu': '1'`; whole numbers only, and a request must equal its limit.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
   */
  readonly [extendedResource: `${string}/${string}`]: string;
}

/**
 * Requests reserve capacity on the node for scheduling; limits cap use (CPU is throttled, memory over the limit
 * is OOM-killed).
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ContainerResources {
  /** @default - no requests: the namespace's LimitRange, if any, applies */
  readonly requests?: ResourceQuantities;
  /** @default - no limits: the namespace's LimitRange, if any, applies */
  readonly limits?: ResourceQuantities;
}

/** `GET <scheme>://<pod IP>:<port><path>`; 200–399 is success. */
export interface HttpGetAction {
  /** Port number or the name of a container port. */
  readonly port: number | string;
  /** @default '/' */
  readonly path?: string;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** @default - none */
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
}

/** Timing shared by every kind of probe; each field is omitted unless set, so the API server's default applies. */
export interface ProbeTiming {
  /** @default 0 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
  /** Must be 1 for liveness and startup probes. @default 1 */
  readonly successThreshold?: number;
}

/**
 * A container probe with exactly one handler: `httpGet`, `tcpSocket`, `exec` or `grpc`.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export type Probe = ProbeTiming & (
  | { readonly httpGet: HttpGetAction; readonly tcpSocket?: never; readonly exec?: never; readonly grpc?: never }
  | { readonly tcpSocket: { readonly port: number | string }; readonly httpGet?: never; readonly exec?: never; readonly grpc?: never }
  | { readonly exec: { readonly command: readonly string[] }; readonly httpGet?: never; readonly tcpSocket?: never; readonly grpc?: never }
  | {
    readonly grpc: { readonly port: number; readonly service?: string };
    readonly httpGet?: never;
    readonly tcpSocket?: never;
    readonly exec?: never;
  }
);

/**
 * Whether mounts made later under a mount's path travel between the node and the container.
 * - `None`: neither way.
 * - `HostToContainer`: mounts the node makes appear in the container (e.g. a CSI node plugin or a log shipper
 *   reading `/var/lib/kubelet`).
 * - `Bidirectional`: also the container's mounts appear on the node; the API server allows it only in a
 *   privileged container (CSI node plugins).
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation
 */
export type MountPropagation = 'None' | 'HostToContainer' | 'Bidirectional';

/**
 * Where a pod volume appears in the container: the whole volume, a `subPath` of it, or a `subPathExpr` (not both).
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export type VolumeMount = {
  /** The name of a volume of the pod. */
  readonly name: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount read-only. Host paths are always mounted read-only unless this is explicitly `false`.
   * @default - true for hostPath volumes, false otherwise
   */
  readonly readOnly?: boolean;
  /** @default 'None' */
  readonly mountPropagation?: MountPropagation;
} & (
  | { /** A path in the volume to mount instead of its root. @default - the volume's root */ readonly subPath?: string; readonly subPathExpr?: never }
  | {
    /** `subPath` with `$(VAR)` references to the container's environment variables, e.g. `'$(POD_NAME)'`. */
    readonly subPathExpr: string;
    readonly subPath?: never;
  }
);

/**
 * An init container of the pod: a container that runs to completion before the main containers start, or, with
 * `restartPolicy: 'Always'`, a native sidecar.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 */
export interface InitContainerProps extends ContainerProps {
  /**
   * `'Always'` makes this init container a native sidecar (Kubernetes 1.29+): it starts before the main containers,
   * in the order of the init containers, and keeps running (restarted when it exits) for the pod's lifetime; the
   * next init container starts once it has started (its startup probe, if any, succeeded). Unlike other init
   * containers it may have liveness, readiness and startup probes and lifecycle hooks. The field does not exist
   * before Kubernetes 1.28 (synth fails when the target is older) and is dropped by 1.28's API server (gate off).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
   * @default - a regular init container, run to completion before the next one starts
   */
  readonly restartPolicy?: 'Always';
}

/**
 * A container of the pod.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
 */
export interface ContainerProps {
  /**
   * DNS-1123 label, unique among the pod's containers and init containers.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
   */
  readonly name: string;
  /**
   * Image reference, e.g. `fluent/fluentd:v1.16-1`.
   * @see https://kubernetes.io/docs/concepts/containers/images/
   */
  readonly image: string;
  /**
   * When the kubelet pulls the image.
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
   * @default - Kubernetes' own default: `Always` for `:latest` or untagged images, else `IfNotPresent`
   */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /**
   * The executable and its arguments, replacing the image's ENTRYPOINT (not run in a shell).
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
   * @default - the image's ENTRYPOINT
   */
  readonly command?: readonly string[];
  /**
   * Arguments to the command, replacing the image's CMD.
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
   * @default - the image's CMD
   */
  readonly args?: readonly string[];
  /**
   * The working directory of the command.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#entrypoint
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * Environment variables, in order (later ones may refer to earlier ones as `$(NAME)`).
   *
   * Write a map of name to value, `{ LOG_LEVEL: 'info', DB_PASSWORD: { secretKeyRef: { name: 'db', key: 'password' } } }`,
   * or the manifest's list, `[{ name: 'LOG_LEVEL', value: 'info' }]`, as copied from YAML.
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
   * @default - none
   */
  readonly env?: readonly EnvVar[] | EnvMap;
  /**
   * Every key of a ConfigMap or Secret as an environment variable.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables
   * @default - none
   */
  readonly envFrom?: readonly EnvFromSource[];
  /**
   * The ports the container listens on; informational, except that Services and probes can refer to their names.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
   * @default - none
   */
  readonly ports?: readonly ContainerPort[];
  /**
   * CPU, memory and ephemeral-storage requests and limits.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   * @default - no requests or limits
   */
  readonly resources?: ContainerResources;
  /**
   * Restart the container when this probe fails.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command
   * @default - none
   */
  readonly livenessProbe?: Probe;
  /**
   * Take the pod out of Service endpoints while this probe fails.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes
   * @default - none
   */
  readonly readinessProbe?: Probe;
  /**
   * Hold off the liveness and readiness probes until this probe succeeds once (for slow starters).
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes
   * @default - none
   */
  readonly startupProbe?: Probe;
  /**
   * Where the pod's volumes appear in this container.
   * @see https://kubernetes.io/docs/concepts/storage/volumes/
   * @default - none
   */
  readonly volumeMounts?: readonly VolumeMount[];
  /**
   * Raw block devices from the pod's `volumeMode: Block` claims, by volume name.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#raw-block-volume-support
   * @default - none
   */
  readonly volumeDevices?: readonly VolumeDevice[];
  /**
   * Commands or HTTP calls the kubelet runs right after the container starts (`postStart`) and before it is
   * stopped (`preStop`). Not for init containers.
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
   * @default - none
   */
  readonly lifecycle?: Lifecycle;
  /**
   * Relaxations of the restrictive defaults for this container, over the pod's `securityContext`: `runAsNonRoot:
   * false` (the image runs as root), `readOnlyRootFilesystem: false` (it writes to its root filesystem),
   * `capabilities: 'RuntimeDefault'` (it keeps the runtime's default capabilities), `privileged: true`.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-container
   * @default - non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault
   */
  readonly securityContext?: ContainerSecurityContext;
}

// ---------------------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------------------

/** @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath-volume-types */
export type HostPathType = '' | 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** A file projected from a ConfigMap or Secret key. */
export interface KeyToPath {
  readonly key: string;
  readonly path: string;
  /** @default - the volume's defaultMode */
  readonly mode?: number;
}

/** The sources a volume can have; a volume names exactly one. */
interface VolumeSources {
  /**
   * A directory or file of the node. Mounted read-only unless a mount says `readOnly: false`. Any hostPath
   * volume, even read-only, lowers the Pod Security level to privileged (check `hostPathVolumes`).
   */
  readonly hostPath: { readonly path: string; /** @default '' (no check) */ readonly type?: HostPathType };
  /** The keys of a ConfigMap as files. */
  readonly configMap: { readonly name: string; readonly items?: readonly KeyToPath[]; readonly defaultMode?: number; readonly optional?: boolean };
  /** The keys of a Secret as files. */
  readonly secret: { readonly secretName: string; readonly items?: readonly KeyToPath[]; readonly defaultMode?: number; readonly optional?: boolean };
  /** Scratch space that lives as long as the pod. */
  readonly emptyDir: { readonly medium?: '' | 'Memory'; readonly sizeLimit?: string };
  /** An existing PersistentVolumeClaim. */
  readonly persistentVolumeClaim: { readonly claimName: string; readonly readOnly?: boolean };
  /** Several Secrets, ConfigMaps, Downward API files and service account tokens in one directory. */
  readonly projected: ProjectedVolumeSource;
  /** Pod fields and container resources as files. */
  readonly downwardAPI: DownwardAPIVolumeSource;
  /** A volume a CSI driver provides for the pod's lifetime. */
  readonly csi: CSIVolumeSource;
  /** A PersistentVolumeClaim created and deleted with the pod. */
  readonly ephemeral: EphemeralVolumeSource;
}

type OneSource<K extends keyof VolumeSources> =
  { readonly [P in K]: VolumeSources[P] } & { readonly [P in Exclude<keyof VolumeSources, K>]?: never };

/**
 * A pod volume: a DNS-1123 label `name` and exactly one source.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export type Volume = { readonly name: string } & (
  | OneSource<'hostPath'>
  | OneSource<'configMap'>
  | OneSource<'secret'>
  | OneSource<'emptyDir'>
  | OneSource<'persistentVolumeClaim'>
  | OneSource<'projected'>
  | OneSource<'downwardAPI'>
  | OneSource<'csi'>
  | OneSource<'ephemeral'>
);

// ---------------------------------------------------------------------------------------------------------
// The pod template shared by all four constructs
// ---------------------------------------------------------------------------------------------------------

/**
 * What every workload construct says about its pods.
 */
export interface PodTemplateProps {
  /**
   * Name, namespace, labels and annotations of the emitted object.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/
   * @default - a name generated from the construct path; no namespace (the one kubectl applies to)
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The pod's containers; at least one.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#containers
   */
  readonly containers: readonly ContainerProps[];
  /**
   * Containers that run to completion, in order, before the others start; one with `restartPolicy: 'Always'` is a
   * sidecar that starts in that order and keeps running (Kubernetes 1.29+).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
   * @default - none
   */
  readonly initContainers?: readonly InitContainerProps[];
  /**
   * The pod's volumes, which containers mount through `volumeMounts`.
   * @see https://kubernetes.io/docs/concepts/storage/volumes/
   * @default - none
   */
  readonly volumes?: readonly Volume[];
  /**
   * Labels and annotations added to every pod (the selector labels are always added).
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   * @default - only the selector labels
   */
  readonly podMetadata?: { readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
  /**
   * Run only on nodes with all of these labels. Values are strings: write `'true'`, not `true`.
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Node affinity and anti-affinity, pod affinity and anti-affinity.
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Taints the pods tolerate. See `Tolerations` for the common ones.
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
   * @default - none
   */
  readonly tolerations?: readonly k8s.Toleration[];
  /**
   * Spread the pods across zones, nodes or other topology domains. For example, `[{ maxSkew: 1, topologyKey:
   * 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }]`.
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
   * @default - none: the cluster's default constraints, if any, apply
   */
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  /**
   * The Kubernetes API access the pods need, as RBAC rules: the construct emits a ServiceAccount named like the
   * workload, a Role and RoleBinding (`namespaced`) and/or a ClusterRole and ClusterRoleBinding (`clusterWide`),
   * runs the pods as that account and mounts its token. Not combined with `serviceAccountName`. The pods (and
   * anyone who can run code in them) can then call the API with these rules; the Pod Security level is unchanged.
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
   * @default - no API access: no ServiceAccount, role or binding is emitted, and no token is mounted
   */
  readonly apiAccess?: ApiAccess;
  /**
   * An existing service account for the pods to run as (emitted elsewhere). Its token is mounted only with
   * `automountServiceAccountToken: true`. To have the construct emit the account and its roles, use `apiAccess`
   * instead; the two are not combined.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
   * @default - with `apiAccess`, the account it emits; else the namespace's `default` service account
   */
  readonly serviceAccountName?: string;
  /**
   * Mount the service account's API token into the pods. Only workloads that call the Kubernetes API need it.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
   * @default - true with `apiAccess`, else false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Seconds between SIGTERM and SIGKILL when a pod is stopped.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
   * @default 30 (the API server's default; not emitted)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * The PriorityClass of the pods: higher-priority pods are scheduled first and may preempt lower ones.
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The RuntimeClass the pods run with, e.g. a sandboxed runtime (`'gvisor'`, `'kata'`) or one set up for GPUs.
   * @see https://kubernetes.io/docs/concepts/containers/runtime-class/
   * @default - the node's default container runtime handler
   */
  readonly runtimeClassName?: string;
  /**
   * How the pods' DNS is set up. A `hostNetwork` pod that must resolve cluster Services needs
   * `'ClusterFirstWithHostNet'`; with `'None'`, `dnsConfig` must give at least one nameserver.
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
   * @default 'ClusterFirst' (the API server's default; not emitted)
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * Nameservers, search domains and resolver options added to the pods' `/etc/resolv.conf`.
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
   * @default - only what dnsPolicy generates
   */
  readonly dnsConfig?: PodDnsConfig;
  /**
   * Entries added to the pods' `/etc/hosts`.
   * @see https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
   * @default - none
   */
  readonly hostAliases?: readonly HostAlias[];
  /**
   * Names of Secrets holding registry credentials.
   * @see https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * The pod's security settings (`fsGroup`, `runAsUser`, `sysctls`, …), and the relaxations every container
   * inherits: `runAsNonRoot: false` (the images run as root), `readOnlyRootFilesystem: false` (they write to their
   * root filesystems), `capabilities: 'RuntimeDefault'` (they keep the runtime's default capabilities).
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod
   * @default - no pod-level settings; each container gets the restrictive defaults
   */
  readonly securityContext?: PodSecurityContext;
}

/** The JSON of a pod template. */
export interface PodTemplateJson {
  readonly metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: Record<string, unknown>;
}

/** Options of the rendering that depend on the construct, not on the user. */
export interface PodTemplateRenderOptions {
  /**
   * Labels the selector uses; always on the pods.
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
   */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /**
   * Environment variables every regular container gets before its own.
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
   * @default - none
   */
  readonly extraEnv?: Readonly<Record<string, EnvValue>>;
  /**
   * The pod's restartPolicy, when the kind needs one set.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
   * @default - not emitted: the API server's default, `Always`
   */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /**
   * The ServiceAccount the construct emitted for `apiAccess`: the pods run as it, with its token mounted.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
   * @default - `serviceAccountName` and `automountServiceAccountToken` as given
   */
  readonly apiAccessAccount?: string;
}

/**
 * Common tolerations for node agents.
 */
export const Tolerations = {
  /**
   * Also run on control-plane nodes: tolerates `node-role.kubernetes.io/control-plane:NoSchedule` and the legacy
   * `node-role.kubernetes.io/master:NoSchedule` taint of clusters set up before Kubernetes 1.24.
   */
  controlPlane(): k8s.Toleration[] {
    return [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ];
  },
  /**
   * Tolerate every taint, including NoExecute ones: the pods run on every node and are never evicted for a taint.
   */
  all(): k8s.Toleration[] {
    return [{ operator: 'Exists' }];
  },
};

/**
 * Without its `undefined` members, so that the YAML shows only what was set. A new object rather than `delete`:
 * V8 turns an object it deletes from into a slow dictionary, and cdk8s walks these in every render (10–30% of it).
 */
function compact<T extends Record<string, unknown>>(obj: T): T {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (obj[key] !== undefined) defined[key] = obj[key];
  }
  return defined as T;
}

function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

function renderEnv(env: Readonly<Record<string, EnvValue>>): unknown[] {
  return Object.entries(env).map(([name, value]) => (typeof value === 'string' ? { name, value } : { name, valueFrom: value }));
}

/** Whether `env` is written as the manifest's list rather than as a map. */
function isEnvList(env: ContainerProps['env']): env is readonly EnvVar[] {
  return Array.isArray(env);
}

/** The construct's variables first, unless the container sets the same name; then the container's own, in its form. */
function renderContainerEnv(own: ContainerProps['env'], extraEnv: Readonly<Record<string, EnvValue>>): unknown[] | undefined {
  if (!isEnvList(own)) return nonEmpty(renderEnv({ ...extraEnv, ...own }));
  const ownNames = new Set(own.map((v) => v.name));
  const extra = Object.fromEntries(Object.entries(extraEnv).filter(([name]) => !ownNames.has(name)));
  return nonEmpty([...renderEnv(extra), ...own.map((v) => cloneJson(v))]);
}

function renderProbe(probe: Probe | undefined): unknown {
  if (!probe) return undefined;
  return compact({ ...probe });
}

function renderContainer(
  container: ContainerProps,
  hostPathVolumes: ReadonlySet<string>,
  extraEnv: Readonly<Record<string, EnvValue>>,
  podSecurity: PodSecurityContext | undefined,
): unknown {
  return compact({
    name: container.name,
    image: container.image,
    imagePullPolicy: container.imagePullPolicy,
    command: nonEmpty(container.command),
    args: nonEmpty(container.args),
    workingDir: container.workingDir,
    env: renderContainerEnv(container.env, extraEnv),
    envFrom: nonEmpty(container.envFrom),
    ports: nonEmpty(container.ports?.map((p) => compact({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol,
      hostPort: p.hostPort,
      hostIP: p.hostIP,
    }))),
    resources: container.resources ? compact({ ...container.resources }) : undefined,
    livenessProbe: renderProbe(container.livenessProbe),
    readinessProbe: renderProbe(container.readinessProbe),
    startupProbe: renderProbe(container.startupProbe),
    volumeMounts: nonEmpty(container.volumeMounts?.map((m) => compact({
      name: m.name,
      mountPath: m.mountPath,
      readOnly: m.readOnly ?? (hostPathVolumes.has(m.name) ? true : undefined),
      subPath: m.subPath,
      subPathExpr: m.subPathExpr,
      mountPropagation: m.mountPropagation,
    }))),
    volumeDevices: nonEmpty(container.volumeDevices?.map((d) => ({ name: d.name, devicePath: d.devicePath }))),
    lifecycle: cloneJson(container.lifecycle),
    securityContext: renderContainerSecurityContext(container.securityContext, podSecurity),
  });
}

/** The pod template's JSON, with our security defaults applied. */
export function renderPodTemplate(props: PodTemplateProps, options: PodTemplateRenderOptions): PodTemplateJson {
  const hostPathVolumes = new Set((props.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name));
  const labels = { ...props.podMetadata?.labels, ...options.selectorLabels };
  return {
    metadata: compact({ labels, annotations: props.podMetadata?.annotations ? { ...props.podMetadata.annotations } : undefined }),
    spec: compact({
      automountServiceAccountToken: props.automountServiceAccountToken ?? options.apiAccessAccount !== undefined,
      serviceAccountName: options.apiAccessAccount ?? props.serviceAccountName,
      restartPolicy: options.restartPolicy,
      terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
      priorityClassName: props.priorityClassName,
      runtimeClassName: props.runtimeClassName,
      dnsPolicy: props.dnsPolicy,
      dnsConfig: cloneJson(props.dnsConfig),
      hostAliases: nonEmpty(props.hostAliases?.map((a) => cloneJson(a))),
      securityContext: renderPodSecurityContext(props.securityContext),
      imagePullSecrets: nonEmpty(props.imagePullSecrets?.map((name) => ({ name }))),
      nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
      affinity: k8s.toJson_Affinity(props.affinity),
      tolerations: nonEmpty(props.tolerations?.map((t) => k8s.toJson_Toleration(t))),
      topologySpreadConstraints: nonEmpty(props.topologySpreadConstraints?.map((c) => cloneJson(c))),
      initContainers: nonEmpty(props.initContainers?.map((c) => compact({
        ...(renderContainer(c, hostPathVolumes, {}, props.securityContext) as Record<string, unknown>),
        restartPolicy: c.restartPolicy,
      }))),
      containers: (props.containers ?? []).map((c) => renderContainer(c, hostPathVolumes, options.extraEnv ?? {}, props.securityContext)),
      volumes: nonEmpty(props.volumes?.map((v) => ({ ...v }))),
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation: what the types cannot see
// ---------------------------------------------------------------------------------------------------------

const POD = 'spec.template.spec';

/*
 * The construct rules of the pod template: only what the manifest validator (src/validation) does not enforce.
 * Each is stricter than the 1.27 API server, which accepts these and whose pods then fail to start, and says so.
 * Every other rule of the pod template is the validator's, run on what the construct renders.
 */

const STRICTER = 'stricter than the API server, which accepts it';

function absolutePathProblems(field: string, value: string | undefined): Problem[] {
  if (value === undefined || value.startsWith('/')) return [];
  return [{ field, value, message: `must be an absolute path such as '/var/log' (${STRICTER}; the kubelet then fails to mount it)` }];
}

function containerRules(field: string, container: ContainerProps): Problem[] {
  const problems: Problem[] = [];
  if (typeof container.image === 'string' && container.image !== '' && container.image.trim() === '') {
    problems.push({ field: `${field}.image`, value: container.image, message: `must not be blank: an image reference such as 'nginx:1.25' (${STRICTER} in a pod template; no image can be pulled)` });
  }
  (container.volumeMounts ?? []).forEach((mount, k) => problems.push(...absolutePathProblems(`${field}.volumeMounts[${k}].mountPath`, mount.mountPath)));
  return problems;
}

/**
 * The construct rules of a pod template's props: what the 1.27 API server accepts and the pods then do not run
 * with (blank images, relative mount and host paths), plus the pod-spec names the validator does not check yet
 * (`priorityClassName`) and a non-negative `terminationGracePeriodSeconds`.
 */
export function podTemplateProblems(props: PodTemplateProps): Problem[] {
  const problems: Problem[] = [];
  (props.containers ?? []).forEach((c, i) => problems.push(...containerRules(`${POD}.containers[${i}]`, c)));
  (props.initContainers ?? []).forEach((c, i) => problems.push(...containerRules(`${POD}.initContainers[${i}]`, c)));
  (props.volumes ?? []).forEach((volume, i) => {
    if (volume.hostPath) problems.push(...absolutePathProblems(`${POD}.volumes[${i}].hostPath.path`, volume.hostPath.path));
  });
  if (props.priorityClassName !== undefined) {
    problems.push(...dns1123SubdomainProblems(`${POD}.priorityClassName`, props.priorityClassName));
  }
  problems.push(...nonNegativeIntegerProblems(`${POD}.terminationGracePeriodSeconds`, props.terminationGracePeriodSeconds));
  return problems;
}
