/**
 * Pod and container fields of the shared pod template that are written as in the manifest and rendered as given:
 * lifecycle hooks, volume devices, DNS, host aliases and topology spread. The API server's rules for them live in
 * the manifest validator (src/validation/), which checks what the constructs render.
 */
import type { HttpGetAction } from './pod-template';

// ---------------------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------------------

/**
 * What a lifecycle hook does: exactly one of `exec`, `httpGet` or `sleep`.
 *
 * `sleep` pauses the container's stop (or start) for `seconds` without a shell in the image, e.g. `preStop: { sleep:
 * { seconds: 5 } }` so that endpoints drop the pod before it gets SIGTERM. It exists from Kubernetes 1.29 and is on
 * by default from 1.30 (PodLifecycleSleepAction): with the default 1.27 target synth fails naming 1.29 (set a newer
 * target, see `KubernetesTarget`). From 1.33 `seconds` may be 0 and must be at most the pod's
 * `terminationGracePeriodSeconds` (30 by default).
 *
 * There is no `tcpSocket`: Kubernetes keeps the field only for backward compatibility, does not validate it, and
 * the kubelet cannot run it, so the hook fails when the container starts or stops (a failed `postStart` kills the
 * container).
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations
 */
export type LifecycleHandler =
  | { readonly exec: { readonly command: readonly string[] }; readonly httpGet?: never; readonly sleep?: never; readonly tcpSocket?: never }
  | { readonly httpGet: HttpGetAction; readonly exec?: never; readonly sleep?: never; readonly tcpSocket?: never }
  | { readonly sleep: { readonly seconds: number }; readonly exec?: never; readonly httpGet?: never; readonly tcpSocket?: never };

/**
 * Hooks the kubelet runs in a container right after it starts and right before it is stopped.
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export interface Lifecycle {
  /**
   * Runs right after the container is created, alongside its entrypoint; if it fails, the container is killed
   * and restarted according to the pod's restartPolicy.
   * @default - none
   */
  readonly postStart?: LifecycleHandler;
  /**
   * Runs before the container is sent SIGTERM, within the pod's `terminationGracePeriodSeconds`; e.g. drain
   * connections or deregister from a cluster.
   * @default - none
   */
  readonly preStop?: LifecycleHandler;
}

/**
 * A raw block device in the container: a `volumeMode: Block` PersistentVolumeClaim of the pod, by volume name.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#raw-block-volume-support
 */
export interface VolumeDevice {
  /** The name of a PersistentVolumeClaim (or ephemeral) volume of the pod. */
  readonly name: string;
  /** Where the device appears in the container, e.g. `/dev/xvda`. */
  readonly devicePath: string;
}

// ---------------------------------------------------------------------------------------------------------
// Pod
// ---------------------------------------------------------------------------------------------------------

/**
 * How the pod's DNS is set up.
 * - `ClusterFirst`: the cluster DNS, falling back to the node's resolvers for names outside the cluster domain.
 * - `ClusterFirstWithHostNet`: the same for a `hostNetwork` pod, which otherwise gets the node's resolvers.
 * - `Default`: the node's resolvers.
 * - `None`: only what `dnsConfig` says (it then needs at least one nameserver).
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/**
 * Additions to the pod's `/etc/resolv.conf`, merged with what `dnsPolicy` generates.
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 */
export interface PodDnsConfig {
  /** @default - none; with `dnsPolicy: 'None'` at least one is required */
  readonly nameservers?: readonly string[];
  /** @default - none */
  readonly searches?: readonly string[];
  /** resolv.conf options, e.g. `{ name: 'ndots', value: '2' }`. @default - none */
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

/**
 * An entry the kubelet adds to the pod's `/etc/hosts`.
 * @see https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
 */
export interface HostAlias {
  /** The IP address the host names resolve to. */
  readonly ip: string;
  /** The host names. */
  readonly hostnames: readonly string[];
}

/**
 * A label selector, as in the manifest.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export interface LabelSelector {
  /** @default - none */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /** Required for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`. @default - none */
    readonly values?: readonly string[];
  }[];
}

/** The fields of a topology spread constraint that do not depend on `whenUnsatisfiable`. */
interface TopologySpreadFields {
  /**
   * How much the number of matching pods may differ between two topology domains (at least 1).
   */
  readonly maxSkew: number;
  /** The node label whose values are the domains, e.g. `'topology.kubernetes.io/zone'` or `'kubernetes.io/hostname'`. */
  readonly topologyKey: string;
  /** The pods counted; usually the workload's own pod labels. @default - no pods are counted */
  readonly labelSelector?: LabelSelector;
  /**
   * Pod label keys whose values, taken from the incoming pod, are added to `labelSelector` (beta, on by default in
   * 1.27), e.g. `['pod-template-hash']`.
   * @default - none
   */
  readonly matchLabelKeys?: readonly string[];
  /**
   * Whether the pod's nodeSelector and node affinity limit the domains counted (beta, on by default in 1.27).
   * @default 'Honor'
   */
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /**
   * Whether nodes with taints the pod does not tolerate count as domains (beta, on by default in 1.27).
   * @default 'Ignore'
   */
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

/**
 * How the scheduler spreads the pods across zones, nodes or other topology domains. `minDomains` only goes with
 * `whenUnsatisfiable: 'DoNotSchedule'`.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export type TopologySpreadConstraint = TopologySpreadFields & (
  | {
    /** Leave the pod pending rather than break `maxSkew`. */
    readonly whenUnsatisfiable: 'DoNotSchedule';
    /**
     * Count at least this many domains, so missing domains count as empty (beta, on by default in 1.27).
     * @default - the domains that exist
     */
    readonly minDomains?: number;
  }
  | {
    /** Schedule the pod anyway, preferring the nodes that reduce the skew. */
    readonly whenUnsatisfiable: 'ScheduleAnyway';
    readonly minDomains?: never;
  }
);
