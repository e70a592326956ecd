import { ApiObject, ApiObjectMetadata, Lazy, Names } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubernetesTarget } from '../kubernetes-target';
import { ContainerProps, PodTemplateProps, VolumeMount, podTemplateProblems, renderPodTemplate } from '../pod-template/pod-template';
import { ApiAccessObjects, apiAccessProblems, emitApiAccess } from '../security/api-access';
import { PodSecurity, PodSecurityReport } from '../security/pod-security';
import { dns1035LabelErrors, isNonNegativeInteger, isQuantity, quantityValue } from '../syntax/k8s-syntax';
import { IntOrPercent, IntOrPercentCheck, NonNegativeInteger, ValidIntOrPercent, ZeroIntOrPercent } from '../syntax/literal-types';
import { MemoizedApiObject, renderedJson } from '../validation/chart-validation';
import {
  Problem,
  addPropsValidation,
  dns1123SubdomainProblems,
  intOrPercentProblems,
  intOrPercentValue,
  nonNegativeIntegerProblems,
  selectorProblems,
} from '../validation/problems';
import { frozenCopy, prototypeKeyProblems } from '../validation/props';
import { KubernetesVersion, VERSIONED_RULES, holds } from '../validation/versions';

/**
 * The longest StatefulSet name whose pods can be created. Every pod gets the label
 * `controller-revision-hash: <name>-<hash>`, where the hash is up to 10 characters, and a label value may have
 * at most 63: 63 - 1 - 10 = 52. The 1.27 API server accepts names of 53–63 characters, and then the controller
 * fails to create any pod (kubernetes/kubernetes#64023), so the construct refuses them.
 */
const MAX_NAME_LENGTH = 52;

// ---------------------------------------------------------------------------------------------------------
// Update strategy
// ---------------------------------------------------------------------------------------------------------

/** `unknown` unless `V` is a literal the API server counts as zero; then a required property that reads as the error. */
type NonZeroCheck<V, Field extends string> = [V] extends [ZeroIntOrPercent] ? { readonly [K in `error: ${Field} cannot be 0`]: never } : unknown;

/**
 * Options of a StatefulSet rolling update. There is no `maxSurge`: a StatefulSet never runs two pods with the
 * same ordinal.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#rolling-updates
 */
export interface StatefulSetRollingUpdateOptions<Partition extends number = number, MaxUnavailable extends IntOrPercent = IntOrPercent> {
  /**
   * Only pods at positions ≥ `partition` are updated; the others keep the old template even when deleted: the
   * canary pattern (`partition: replicas - 1` updates only the last pod). Positions count from `ordinals.start`:
   * with `ordinals.start: 5` and `partition: 1`, pod `<name>-5` is not updated and `<name>-6` onwards are.
   * `partition` equal to `replicas` stages a template change without updating any pod; greater than `replicas` is
   * refused at synth, because then no pod is ever updated, even after scaling up to `partition` pods.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions
   * @default 0
   */
  readonly partition?: NonNegativeInteger<Partition>;
  /**
   * `rollingUpdate.maxUnavailable`: how many pods may be down for the update at once (a whole number > 0 or a
   * percent such as `'25%'`, at most 100%); pods are then updated in parallel, up to that many. Kubernetes 1.37+
   * (the MaxUnavailableStatefulSet gate: beta from 1.35 but on by default only from 1.37): with an older target
   * synth fails, because that API server drops the field and updates one pod at a time. Its rules are the 1.37 API
   * server's.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#maximum-unavailable-pods
   * @default - not emitted: the 1.37+ API server defaults it to 1, one pod at a time
   */
  readonly maxUnavailable?: MaxUnavailable;
  /**
   * The same field for a cluster older than 1.37 that turns the `MaxUnavailableStatefulSet` gate on (alpha before
   * 1.35, beta from 1.35; kube-apiserver and kube-controller-manager); with the gate off, the default before 1.37, the API server
   * silently drops it. Emitted for any target and checked at synth as a gate-on server checks it. Set
   * `maxUnavailable` or this, not both.
   * @deprecated use `maxUnavailable` with a 1.37+ target; this opt-in stays for gate-on clusters older than 1.37.
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/
   * @default - not emitted
   */
  readonly maxUnavailableAlpha?: MaxUnavailable;
}

/** Which prop a rolling update's maxUnavailable came from, for the construct rules. */
const maxUnavailableProps = new WeakMap<StatefulSetUpdateStrategy, readonly ('maxUnavailable' | 'maxUnavailableAlpha')[]>();

/**
 * How a StatefulSet replaces its pods when the template changes. Build one with `rollingUpdate()` or `onDelete()`.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies
 */
export class StatefulSetUpdateStrategy {
  /**
   * Replace pods one at a time (up to `maxUnavailable` at once, Kubernetes 1.37+), from the highest ordinal down
   * to `partition`, each after the previous one is Running and Ready.
   */
  public static rollingUpdate<Partition extends number = 0, MaxUnavailable extends IntOrPercent = 1>(
    options: StatefulSetRollingUpdateOptions<Partition, MaxUnavailable>
      & IntOrPercentCheck<MaxUnavailable, 'maxUnavailable'>
      & NonZeroCheck<MaxUnavailable, 'maxUnavailable'> = {} as never,
  ): StatefulSetUpdateStrategy {
    const strategy = new StatefulSetUpdateStrategy('RollingUpdate', {
      // The type parameter only checks the caller's literal; the value is a number.
      partition: (options.partition as number | undefined) ?? 0,
      maxUnavailable: options.maxUnavailable ?? options.maxUnavailableAlpha,
    });
    maxUnavailableProps.set(strategy, (['maxUnavailable', 'maxUnavailableAlpha'] as const).filter((p) => options[p] !== undefined));
    return strategy;
  }

  /** Never replace a pod automatically: a pod gets the new template only when someone deletes it. */
  public static onDelete(): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy('OnDelete');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: 'RollingUpdate' | 'OnDelete',
    /** The rolling-update parameters, for `RollingUpdate` only; `maxUnavailable` only when set. */
    public readonly rollingUpdate?: { readonly partition: number; readonly maxUnavailable?: IntOrPercent },
  ) {}
}

// ---------------------------------------------------------------------------------------------------------
// Governing Service
// ---------------------------------------------------------------------------------------------------------

/**
 * A port of a Service the store emits.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ServicePort {
  /** The port the Service listens on, 1–65535. */
  readonly port: number;
  /**
   * The port of the pods that traffic goes to: a number, or the name of a port of the store's containers.
   * @default - the same number as `port`
   */
  readonly targetPort?: number | string;
  /**
   * A DNS-1123 label, unique in the Service; required when the Service has more than one port.
   * @default - unnamed
   */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Labels and annotations of a Service the store emits. */
interface ServiceMetadataOptions {
  /**
   * Labels of the Service object (not its selector, which is always the store's).
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   * @default - the store's `metadata.labels`
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the Service object, e.g. for a service mesh or a metrics scraper.
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Options of the headless Service an `OrderedStore` emits. */
export interface HeadlessServiceOptions extends ServiceMetadataOptions {
  /**
   * Name of the Service: the `<service>` part of every pod's DNS name. A DNS-1035 label (starts with a letter).
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pods
   * @default - the StatefulSet's name
   */
  readonly name?: string;
  /**
   * Publish DNS records for pods that are not Ready yet. Needed by stores whose members must find each other
   * before any of them is Ready (e.g. a cluster that bootstraps with a seed list).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
   * @default false (not emitted)
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * The ports the Service lists. DNS A records need none; SRV records (`_<port>._<protocol>.<service>`) one per port.
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#srv-records
   * @default - the named ports of the store's containers
   */
  readonly ports?: readonly ServicePort[];
}

/**
 * The ClusterIP Service clients connect to: one virtual IP that balances over the store's Ready pods, unlike the
 * headless Service, whose DNS name resolves to every pod.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export interface ClientServiceOptions extends ServiceMetadataOptions {
  /**
   * Name of the Service, a DNS-1035 label: clients connect to `<name>.<namespace>.svc`. Not the headless Service's.
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
   */
  readonly name: string;
  /**
   * The ports clients connect to.
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
   */
  readonly ports: readonly [ServicePort, ...ServicePort[]];
}

/** IntOrPercent's literal check, and `'100%'`, which keeps every replica and so allows no eviction. */
type MinAvailableCheck<V extends IntOrPercent> = [V] extends ['100%'] ? 'error: minAvailable 100% allows no eviction: a node drain would hang' : ValidIntOrPercent<V>;
/** IntOrPercent's literal check, and zero, which allows no eviction. */
type MaxUnavailableCheck<V extends IntOrPercent> = [V] extends [ZeroIntOrPercent] ? 'error: maxUnavailable 0 allows no eviction: a node drain would hang' : ValidIntOrPercent<V>;

/**
 * How many of the store's pods voluntary disruptions (a node drain, a cluster upgrade, the cluster autoscaler) may
 * take down at once: a policy/v1 PodDisruptionBudget that selects the store's pods. Build one with
 * `minAvailable()` or `maxUnavailable()`. A budget that allows no eviction at the store's `replicas` is refused at
 * synth: a node drain would wait for it forever.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
 */
export class PodDisruptionBudget {
  /**
   * Keep at least this many pods (or this percent of `replicas`, rounded up) available: for a quorum of 3, `2`.
   * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions
   */
  public static minAvailable<V extends IntOrPercent>(minAvailable: MinAvailableCheck<V>): PodDisruptionBudget {
    return new PodDisruptionBudget({ minAvailable: minAvailable as IntOrPercent });
  }

  /** Let at most this many pods (or this percent of `replicas`, rounded up) be unavailable at once. */
  public static maxUnavailable<V extends IntOrPercent>(maxUnavailable: MaxUnavailableCheck<V>): PodDisruptionBudget {
    return new PodDisruptionBudget({ maxUnavailable: maxUnavailable as IntOrPercent });
  }

  /** A private member (declared only: nothing at run time) makes the class nominal, so an object literal `{ spec }` cannot skip the factories' checks. */
  declare private readonly builtByFactory: true;

  private constructor(
    /** `spec.minAvailable` or `spec.maxUnavailable`: exactly one is set. */
    public readonly spec:
    | { readonly minAvailable: IntOrPercent; readonly maxUnavailable?: never }
    | { readonly maxUnavailable: IntOrPercent; readonly minAvailable?: never },
  ) {}
}

/**
 * The Service that governs a StatefulSet and gives its pods stable DNS names
 * (`<name>-<ordinal>.<service>.<namespace>.svc.cluster.local`). Build one with `headless()` or `existing()`.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id
 */
export class GoverningService {
  /**
   * Emit a headless Service (`clusterIP: None`) that selects the store's pods and lists the containers' named
   * ports (unnamed ports are not listed; DNS A records do not need them).
   */
  public static headless(options: HeadlessServiceOptions = {}): GoverningService {
    return new GoverningService(true, options.name, options.publishNotReadyAddresses, options);
  }

  /** Use a headless Service that exists already (emitted elsewhere); no Service is emitted. */
  public static existing(name: string): GoverningService {
    return new GoverningService(false, name);
  }

  private constructor(
    /** Whether the construct emits the Service. */
    public readonly emit: boolean,
    /** The Service's name; `undefined` means the StatefulSet's name. */
    public readonly name?: string,
    /** `spec.publishNotReadyAddresses` of the emitted Service. */
    public readonly publishNotReadyAddresses?: boolean,
    /** The ports, labels and annotations of the emitted Service. */
    public readonly options: Pick<HeadlessServiceOptions, 'ports' | 'labels' | 'annotations'> = {},
  ) {}
}

// ---------------------------------------------------------------------------------------------------------
// Volume claim templates
// ---------------------------------------------------------------------------------------------------------

/**
 * How the volume of a PersistentVolumeClaim can be mounted.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/**
 * A per-replica volume: the StatefulSet creates the PersistentVolumeClaim `<name>-<store name>-<ordinal>` for
 * each pod and keeps it across restarts and rescheduling. The common case is one line:
 * `{ name: 'data', storage: '1Gi', mountPath: '/var/lib/data' }`.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
 */
export interface VolumeClaimTemplate {
  /**
   * Name of the claim template, and of the pod volume containers mount: a DNS-1123 label that is not also the
   * name of one of `volumes`.
   */
  readonly name: string;
  /**
   * Size requested, as a Kubernetes quantity: `'1Gi'`, `'500Mi'`, `'10G'` (not `'1GB'` or `'1gi'`).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
   */
  readonly storage: string;
  /**
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
   * @default ['ReadWriteOnce']
   */
  readonly accessModes?: readonly PersistentVolumeAccessMode[];
  /**
   * StorageClass that provisions the volume; `''` asks for a pre-provisioned volume with no class.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
   * @default - the cluster's default StorageClass (not emitted)
   */
  readonly storageClassName?: string;
  /**
   * Mount the volume at this absolute path in the containers of `mountIn`. Leave it out to mount the volume
   * yourself, through `{ name, mountPath }` in a container's `volumeMounts` (e.g. with `subPath`); every claim
   * must be mounted one way or the other.
   * @default - mounted only through containers' own volumeMounts
   */
  readonly mountPath?: string;
  /**
   * Names of the containers (or init containers) that mount the volume at `mountPath`. Required when the pod
   * has more than one container, so a sidecar never gets the data volume by accident.
   * @default - the pod's only container
   */
  readonly mountIn?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// OrderedStore
// ---------------------------------------------------------------------------------------------------------

/** What happens to the claims when the StatefulSet is deleted or scaled down. */
export interface PersistentVolumeClaimRetentionPolicy {
  /**
   * When the StatefulSet is deleted: `Retain` keeps the claims (and the data), `Delete` deletes them.
   * @default 'Retain'
   */
  readonly whenDeleted?: 'Retain' | 'Delete';
  /**
   * When replicas are removed by scaling down: `Retain` keeps their claims (a later scale-up reuses them),
   * `Delete` deletes them.
   * @default 'Retain'
   */
  readonly whenScaled?: 'Retain' | 'Delete';
}

/**
 * Props of an `OrderedStore`. There is no `restartPolicy`: a StatefulSet's pods always restart (`Always`).
 */
export interface OrderedStoreProps<Replicas extends number = number, RevisionHistoryLimit extends number = number> extends PodTemplateProps {
  /**
   * Number of pods, named `<name>-<ordinal>` for ordinals `ordinals.start` … `ordinals.start + replicas - 1`.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#replicas
   * @default 1
   */
  readonly replicas?: NonNegativeInteger<Replicas>;
  /**
   * The first ordinal: `{ start: 1 }` names the pods `<name>-1`, `<name>-2`, …
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#start-ordinal
   * @default - start at 0 (not emitted)
   */
  readonly ordinals?: { readonly start: number };
  /**
   * Labels that select the store's pods; they are added to the pod template and are the headless Service's
   * selector. The selector of a StatefulSet cannot be changed after it is created.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-selector
   * @default { 'app.kubernetes.io/name': <metadata.name> }
   */
  readonly selector?: Readonly<Record<string, string>>;
  /**
   * The Service that governs the pods' DNS names (`spec.serviceName`).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id
   * @default GoverningService.headless(): a headless Service named like the StatefulSet is emitted
   */
  readonly service?: GoverningService;
  /**
   * A ClusterIP Service for the store's clients, besides the headless one.
   * @see https://kubernetes.io/docs/concepts/services-networking/service/
   * @default - none
   */
  readonly clientService?: ClientServiceOptions;
  /**
   * A PodDisruptionBudget for the store's pods, with the store's selector.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
   * @default - none: voluntary disruptions may evict any number of the pods
   */
  readonly podDisruptionBudget?: PodDisruptionBudget;
  /**
   * Per-replica volumes: one PersistentVolumeClaim per pod and template.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
   * @default - none
   */
  readonly volumeClaimTemplates?: readonly VolumeClaimTemplate[];
  /**
   * Whether the claims outlive the StatefulSet and its scaled-down replicas. Emitted explicitly, so the YAML
   * says what happens to the data.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
   * @default { whenDeleted: 'Retain', whenScaled: 'Retain' }
   */
  readonly persistentVolumeClaimRetentionPolicy?: PersistentVolumeClaimRetentionPolicy;
  /**
   * `OrderedReady` creates pods 0, 1, … one at a time, each after the previous one is Running and Ready, and
   * removes them from the highest ordinal down; `Parallel` creates and removes them all at once. Updates are
   * ordered either way. Cannot be changed after creation.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies
   * @default 'OrderedReady'
   */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /**
   * How the pods are replaced when the pod template changes.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies
   * @default StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 })
   */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
  /**
   * Seconds a new pod must be ready, without crashing, before it counts as available.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#minimum-ready-seconds
   * @default 0 (the API server's default; not emitted)
   */
  readonly minReadySeconds?: number;
  /**
   * Old revisions kept for rollback.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/#StatefulSetSpec
   * @default 10 (the API server's default; not emitted)
   */
  readonly revisionHistoryLimit?: NonNegativeInteger<RevisionHistoryLimit>;
}

/**
 * Stateful replicas with stable names, stable DNS and a volume each: databases, queues, coordination services.
 * Emits an apps/v1 StatefulSet and, unless an existing Service is named, the headless Service that governs it;
 * when asked, a client Service, a PodDisruptionBudget, and the ServiceAccount and roles of `apiAccess`.
 *
 * The StatefulSet is the child `Resource`, so `ApiObject.of(store)` returns it for escape-hatch patches; the
 * Service is the child `Service`, the others are `clientService`, `podDisruptionBudget` and `apiAccess`.
 */
export class OrderedStore<Replicas extends number = number, RevisionHistoryLimit extends number = number> extends Construct {
  /** The emitted StatefulSet. */
  public readonly apiObject: ApiObject;
  /** The emitted headless Service; `undefined` with `GoverningService.existing(...)`. */
  public readonly headlessService?: ApiObject;
  /** The emitted client Service (child `ClientService`); `undefined` without `clientService`. */
  public readonly clientService?: ApiObject;
  /** The emitted PodDisruptionBudget (child `PodDisruptionBudget`); `undefined` without `podDisruptionBudget`. */
  public readonly podDisruptionBudget?: ApiObject;
  /** The ServiceAccount, roles and bindings emitted for `apiAccess`; `undefined` without it. */
  public readonly apiAccess?: ApiAccessObjects;
  /**
   * `metadata.name` of the StatefulSet. When `metadata.name` is not given, it is generated from the construct
   * path like other cdk8s names, but at most 52 characters long (the pods' revision-hash label needs the rest).
   */
  public readonly name: string;
  /** `spec.serviceName`: the Service in the pods' DNS names. */
  public readonly serviceName: string;
  /** The labels that select the store's pods. */
  public readonly selector: Readonly<Record<string, string>>;
  private readonly props: OrderedStoreProps;
  private readonly replicas: number;
  private readonly startOrdinal: number;
  private readonly updateStrategy: StatefulSetUpdateStrategy;

  constructor(scope: Construct, id: string, checkedProps: OrderedStoreProps<Replicas, RevisionHistoryLimit>) {
    super(scope, id);
    // The type parameters only check the caller's literals; inside, the props are plain numbers.
    // Copied and frozen: what the caller changes afterwards changes neither the output nor the checks.
    const props = frozenCopy(checkedProps as unknown as OrderedStoreProps);
    this.props = props;
    // cdk8s generates names of up to 63 characters; a StatefulSet's must fit in 52 (see MAX_NAME_LENGTH).
    this.name = props.metadata?.name ?? Names.toDnsLabel(this, { maxLen: MAX_NAME_LENGTH });
    this.selector = { ...(props.selector ?? { 'app.kubernetes.io/name': this.name }) };
    this.replicas = props.replicas ?? 1;
    this.startOrdinal = props.ordinals?.start ?? 0;
    this.updateStrategy = props.updateStrategy ?? StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 });
    const service = props.service ?? GoverningService.headless();
    this.serviceName = service.name ?? this.name;

    // The Service comes first in the YAML, so `kubectl apply` creates it before the pods look up their peers.
    if (service.emit) {
      this.headlessService = new MemoizedApiObject(this, 'Service', {
        ...k8s.KubeService.GVK,
        metadata: serviceMetadata(this.serviceName, props, service.options),
        spec: Lazy.any({ produce: () => this.renderServiceSpec(service) }),
      });
    }
    if (props.clientService) {
      const client = props.clientService;
      this.clientService = new MemoizedApiObject(this, 'ClientService', {
        ...k8s.KubeService.GVK,
        metadata: serviceMetadata(client.name, props, client),
        spec: { type: 'ClusterIP', selector: { ...this.selector }, ports: client.ports.map(renderServicePort) },
      });
    }
    this.apiObject = new MemoizedApiObject(this, 'Resource', {
      ...k8s.KubeStatefulSet.GVK,
      metadata: { ...props.metadata, name: this.name },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });

    if (props.podDisruptionBudget) {
      this.podDisruptionBudget = new MemoizedApiObject(this, 'PodDisruptionBudget', {
        ...k8s.KubePodDisruptionBudget.GVK,
        metadata: { name: this.name, namespace: props.metadata?.namespace, labels: props.metadata?.labels && { ...props.metadata.labels } },
        spec: { selector: { matchLabels: { ...this.selector } }, ...props.podDisruptionBudget.spec },
      });
    }
    this.apiAccess = emitApiAccess(this, props, this.apiObject, this.name);
    addPropsValidation(
      this,
      this.apiObject,
      () => [
        ...orderedStoreProblems(props, this.name, this.selector, this.updateStrategy, service, this.serviceName, KubernetesTarget.of(this)),
        ...companionProblems(props, this.replicas, this.serviceName, service),
        ...prototypeKeyProblems(props),
        ...apiAccessProblems(props, this.apiObject, this.name),
      ],
      () => headlessServiceProblems(this.headlessService, this.apiObject),
    );
  }

  /**
   * The Pod Security Standards level the store's pods meet, and every field that keeps them below restricted.
   * The defaults meet restricted.
   */
  public get podSecurity(): PodSecurityReport {
    return PodSecurity.of(this);
  }

  /**
   * The stable DNS name of the pod with this ordinal: `<name>-<ordinal>.<service>.<namespace>.svc.cluster.local`,
   * or `<name>-<ordinal>.<service>` (resolvable from the same namespace) when neither the props nor the chart
   * set a namespace. Assumes the default cluster domain `cluster.local`.
   * @param ordinal the number in the pod's name, from `ordinals.start` to `ordinals.start + replicas - 1`
   * @throws RangeError if no pod of this store has that ordinal
   */
  public podDnsName(ordinal: number): string {
    const last = this.startOrdinal + this.replicas - 1;
    if (!Number.isInteger(ordinal) || ordinal < this.startOrdinal || ordinal > last) {
      const range = this.replicas === 0 ? 'it has no replicas' : `its ordinals are ${this.startOrdinal}..${last}`;
      throw new RangeError(`OrderedStore '${this.node.path}' has no pod with ordinal ${ordinal}: ${range}`);
    }
    const namespace = this.apiObject.metadata.namespace;
    const host = `${this.name}-${ordinal}.${this.serviceName}`;
    return namespace ? `${host}.${namespace}.svc.cluster.local` : host;
  }

  /** The DNS names of all pods, in ordinal order: e.g. a cluster's seed or peer list. */
  public peerDnsNames(): string[] {
    return Array.from({ length: this.replicas }, (_, i) => this.podDnsName(this.startOrdinal + i));
  }

  private renderSpec(): Record<string, unknown> {
    const { props, updateStrategy } = this;
    const claims = props.volumeClaimTemplates ?? [];
    return {
      serviceName: this.serviceName,
      replicas: this.replicas,
      ordinals: props.ordinals ? { start: props.ordinals.start } : undefined,
      selector: { matchLabels: { ...this.selector } },
      template: renderPodTemplate(withClaimMounts(props), { selectorLabels: this.selector, apiAccessAccount: this.apiAccess?.serviceAccount.name }),
      volumeClaimTemplates: claims.length > 0 ? claims.map(renderClaimTemplate) : undefined,
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: props.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain',
        whenScaled: props.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain',
      },
      podManagementPolicy: props.podManagementPolicy ?? 'OrderedReady',
      updateStrategy: updateStrategy.rollingUpdate
        ? { type: updateStrategy.type, rollingUpdate: { ...updateStrategy.rollingUpdate } }
        : { type: updateStrategy.type },
      minReadySeconds: props.minReadySeconds,
      revisionHistoryLimit: props.revisionHistoryLimit,
    };
  }

  private renderServiceSpec(service: GoverningService): Record<string, unknown> {
    const ports = service.options.ports?.map(renderServicePort) ?? servicePorts(this.props.containers ?? []).map(({ port }) => ({
      name: port.name,
      port: port.containerPort,
      protocol: port.protocol,
    }));
    return {
      clusterIP: 'None',
      selector: { ...this.selector },
      ports: ports.length > 0 ? ports : undefined,
      publishNotReadyAddresses: service.publishNotReadyAddresses,
    };
  }
}

/** A Service's metadata: its own labels if given, else the store's. */
function serviceMetadata(name: string, props: OrderedStoreProps, options: ServiceMetadataOptions): ApiObjectMetadata {
  const labels = options.labels ?? props.metadata?.labels;
  return {
    name,
    namespace: props.metadata?.namespace,
    labels: labels && { ...labels },
    annotations: options.annotations && { ...options.annotations },
  };
}

function renderServicePort(port: ServicePort): Record<string, unknown> {
  return { name: port.name, port: port.port, targetPort: port.targetPort, protocol: port.protocol };
}

function renderClaimTemplate(claim: VolumeClaimTemplate): Record<string, unknown> {
  return {
    metadata: { name: claim.name },
    spec: {
      accessModes: [...(claim.accessModes ?? ['ReadWriteOnce'])],
      storageClassName: claim.storageClassName,
      resources: { requests: { storage: claim.storage } },
    },
  };
}

/** The containers `claim` is mounted in through its `mountPath`: `mountIn`, or the pod's only container. */
function mountTargets(claim: VolumeClaimTemplate, containers: readonly ContainerProps[]): readonly string[] {
  if (claim.mountPath === undefined) return [];
  if (claim.mountIn) return claim.mountIn;
  return containers.length === 1 ? [containers[0].name] : [];
}

/**
 * The pod template props with each claim's `mountPath` added to the volumeMounts of the containers that mount it,
 * after the container's own mounts. Rendering and validation both use this, so problems name the emitted fields.
 */
function withClaimMounts(props: OrderedStoreProps): OrderedStoreProps {
  const claims = props.volumeClaimTemplates ?? [];
  const containers = props.containers ?? [];
  const addMounts = <C extends ContainerProps>(container: C): C => {
    const mounts: VolumeMount[] = claims
      .filter((claim) => mountTargets(claim, containers).includes(container.name))
      .map((claim) => ({ name: claim.name, mountPath: claim.mountPath! }));
    return mounts.length > 0 ? { ...container, volumeMounts: [...(container.volumeMounts ?? []), ...mounts] } : container;
  };
  return { ...props, containers: containers.map(addMounts), initContainers: props.initContainers?.map(addMounts) };
}

/** The named ports of the regular containers, which the headless Service lists. */
function servicePorts(containers: readonly ContainerProps[]): { container: number; port: { name: string; containerPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP' } }[] {
  return containers.flatMap((c, container) => (c.ports ?? [])
    .filter((p): p is typeof p & { name: string } => p.name !== undefined)
    .map((port) => ({ container, port })));
}

// ---------------------------------------------------------------------------------------------------------
// Construct rules: what the manifest cannot show, and rules stricter than the API server
// ---------------------------------------------------------------------------------------------------------
//
// The 1.27 API server does not check a StatefulSet's volumeClaimTemplates, serviceName or revisionHistoryLimit,
// nor whether its Service is headless and selects its pods; a StatefulSet breaking these is accepted and then has
// no pods, no claims or no DNS names. Every other rule of the StatefulSet, its pods (claim template names
// included, as the pod volumes they become: validatePods) and its Service is the validator's (src/validation),
// run on what the construct renders.

const STRICTER = 'stricter than the API server, which accepts it';

function quoted(names: readonly string[]): string {
  return names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : 'none';
}

/**
 * The rolling update's construct rules. `maxUnavailable` has one home per target: from 1.37 the manifest validator
 * (validateRollingUpdateStatefulSet); before, this function, since the API server drops the field: the
 * `maxUnavailable` prop is refused, and `maxUnavailableAlpha` (for a gate-on cluster) gets the gate-on rules.
 */
function updateStrategyProblems(strategy: StatefulSetUpdateStrategy, replicas: number, version: KubernetesVersion): Problem[] {
  if (!strategy.rollingUpdate) return [];
  const field = 'spec.updateStrategy.rollingUpdate';
  const { partition, maxUnavailable } = strategy.rollingUpdate;
  const problems: Problem[] = [];
  if (isNonNegativeInteger(partition) && isNonNegativeInteger(replicas) && partition > replicas) {
    problems.push({
      field: `${field}.partition`,
      value: partition,
      message: `must be at most replicas (${replicas}) (${STRICTER}): only pods at positions >= partition are updated, so no pod would ever be updated; use ${replicas} to stage a change without updating any pod`,
    });
  }
  const maxField = `${field}.maxUnavailable`;
  const props = maxUnavailableProps.get(strategy) ?? [];
  if (props.length > 1) {
    problems.push({ field: maxField, value: maxUnavailable, message: 'set by both maxUnavailable and maxUnavailableAlpha: set only maxUnavailable (maxUnavailableAlpha is its deprecated alias)' });
  } else if (maxUnavailable !== undefined && !holds(VERSIONED_RULES.statefulSetMaxUnavailable, { version })) {
    if (props[0] === 'maxUnavailable') {
      const since = VERSIONED_RULES.statefulSetMaxUnavailable.since;
      problems.push({
        field: maxField,
        value: maxUnavailable,
        type: 'Forbidden',
        message: `on by default from Kubernetes ${since} (feature gate MaxUnavailableStatefulSet, off before: alpha since 1.24, beta from 1.35), it is off in ${version}, the target version (its API server drops the field and updates one pod at a time; ${STRICTER}): target ${since} or newer, or use maxUnavailableAlpha on a cluster that enables the gate`,
      });
    } else {
      // A gate-off API server drops maxUnavailableAlpha, so its manifest check never sees it; a gate-on one refuses these.
      const syntax = intOrPercentProblems(maxField, maxUnavailable).map((p) => ({ ...p, message: `${p.message} (${STRICTER} with the MaxUnavailableStatefulSet gate off, where it drops the field)` }));
      problems.push(...syntax);
      if (syntax.length === 0 && intOrPercentValue(maxUnavailable) === 0) {
        problems.push({ field: maxField, value: maxUnavailable, message: 'cannot be 0; use 1 (or leave maxUnavailableAlpha out) to update one pod at a time' });
      }
    }
  }
  return problems;
}

function claimTemplateProblems(props: OrderedStoreProps): Problem[] {
  const claims = props.volumeClaimTemplates ?? [];
  const containers = props.containers ?? [];
  const initContainers = props.initContainers ?? [];
  const containerNames = containers.map((c) => c.name);
  const initContainerNames = initContainers.map((c) => c.name);
  const volumes = props.volumes ?? [];
  const problems: Problem[] = [];

  claims.forEach((claim, i) => {
    const field = `spec.volumeClaimTemplates[${i}]`;
    const volumeIndex = volumes.findIndex((v) => v.name === claim.name);
    if (volumeIndex >= 0) {
      problems.push({
        field: `${field}.metadata.name`,
        value: claim.name,
        message: `is also the name of spec.template.spec.volumes[${volumeIndex}]; a claim template is a pod volume too, so rename one of them (${STRICTER}; the controller replaces that volume with the claim)`,
      });
    }

    // A malformed quantity is the manifest's finding (the decoder refuses it).
    const size = typeof claim.storage === 'string' && isQuantity(claim.storage) ? quantityValue(claim.storage) : undefined;
    if (size !== undefined && !(size > 0)) {
      problems.push({
        field: `${field}.spec.resources.requests.storage`,
        value: claim.storage,
        message: `must be greater than 0, e.g. '1Gi' (${STRICTER}; the claims cannot be created)`,
      });
    }

    const modes = claim.accessModes ?? ['ReadWriteOnce'];
    if (modes.length === 0) {
      problems.push({ field: `${field}.spec.accessModes`, value: [], message: `must have at least one access mode, e.g. ['ReadWriteOnce'] (${STRICTER}; the claims cannot be created)` });
    } else if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
      problems.push({ field: `${field}.spec.accessModes`, value: modes, message: `may not combine 'ReadWriteOncePod' with other access modes (${STRICTER}; the claims cannot be created)` });
    }
    if (claim.storageClassName) {
      problems.push(...dns1123SubdomainProblems(`${field}.spec.storageClassName`, claim.storageClassName).map((p) => ({ ...p, message: `${p.message} (${STRICTER}; the claims cannot be created)` })));
    }

    if (claim.mountPath === undefined) {
      if (claim.mountIn !== undefined) {
        problems.push({
          field: `volumeClaimTemplates[${i}].mountIn`,
          value: claim.mountIn,
          message: `needs a mountPath to mount '${claim.name}' at; or leave mountIn out and mount it through the containers' volumeMounts`,
        });
      }
      const mounted = [...containers, ...initContainers].some((c) => (c.volumeMounts ?? []).some((m) => m.name === claim.name));
      if (!mounted) {
        problems.push({
          field: `${field}.metadata.name`,
          value: claim.name,
          message: `is mounted by no container: give the claim a mountPath, or add { name: '${claim.name}', mountPath } to a container's volumeMounts (${STRICTER}; every pod would get a claim it never uses)`,
        });
      }
    } else if (claim.mountIn === undefined && containers.length > 1) {
      problems.push({
        field: `volumeClaimTemplates[${i}].mountIn`,
        type: 'Required value',
        value: undefined,
        message: `must name the containers that mount '${claim.name}' at '${claim.mountPath}', because the pod has several (${quoted(containerNames)}); e.g. mountIn: ['${containerNames[0]}']`,
      });
    } else if (claim.mountIn !== undefined) {
      if (claim.mountIn.length === 0) {
        problems.push({ field: `volumeClaimTemplates[${i}].mountIn`, value: [], message: 'must name at least one container' });
      }
      for (const name of claim.mountIn) {
        if (!containerNames.includes(name) && !initContainerNames.includes(name)) {
          problems.push({
            field: `volumeClaimTemplates[${i}].mountIn`,
            value: name,
            message: `names no container of the pod (containers: ${quoted(containerNames)}; init containers: ${quoted(initContainerNames)})`,
          });
        }
      }
    }
  });
  return problems;
}

/** The construct rules of an OrderedStore's props. */
function orderedStoreProblems(
  props: OrderedStoreProps,
  name: string,
  selector: Readonly<Record<string, string>>,
  strategy: StatefulSetUpdateStrategy,
  service: GoverningService,
  serviceName: string,
  version: KubernetesVersion,
): Problem[] {
  const problems: Problem[] = [];
  if (name.length <= 63 && name.length > MAX_NAME_LENGTH) {
    problems.push({
      field: 'metadata.name',
      value: name,
      message: `must be no more than ${MAX_NAME_LENGTH} characters (${STRICTER} up to 63): every pod gets the label controller-revision-hash '<name>-<10-character hash>', which may have at most 63`,
    });
  }
  if (!service.emit) {
    // An emitted Service's name is the Service validator's (metadata.name).
    problems.push(...dns1035LabelErrors(serviceName).map((message) => ({
      field: 'spec.serviceName',
      value: serviceName,
      message: `${message}, because it is the name of a Service (${STRICTER}; the pods get no DNS names)`,
    })));
  }
  problems.push(
    ...updateStrategyProblems(strategy, props.replicas ?? 1, version),
    ...nonNegativeIntegerProblems('spec.revisionHistoryLimit', props.revisionHistoryLimit).map((p) => ({ ...p, message: `${p.message} (${STRICTER})` })),
    ...claimTemplateProblems(props),
    ...podTemplateProblems(withClaimMounts(props)),
    ...selectorProblems(selector, props.podMetadata?.labels),
  );
  return problems;
}

/**
 * The construct rules over the rendered headless Service, patches included: it must stay headless and select the
 * StatefulSet's pods, or the pods get no stable DNS names (stricter than the API server, which accepts both).
 */
function headlessServiceProblems(service: ApiObject | undefined, statefulSet: ApiObject): Problem[] {
  if (!service) return [];
  const json = renderedJson(service);
  const podLabels = renderedJson(statefulSet)?.spec?.template?.metadata?.labels ?? {};
  if (!json) return [];
  const problems: Problem[] = [];
  const clusterIP = json.spec?.clusterIP;
  if (clusterIP !== 'None') {
    problems.push({
      object: service,
      field: 'spec.clusterIP',
      type: clusterIP === undefined ? 'Required value' : 'Invalid value',
      value: clusterIP,
      message: `must be 'None': the Service governing a StatefulSet must be headless for its pods' DNS names (${STRICTER})`,
    });
  }
  const selector: Record<string, unknown> = json.spec?.selector ?? {};
  const entries = Object.entries(selector);
  if (entries.length === 0 || entries.some(([key, value]) => podLabels[key] !== value)) {
    problems.push({
      object: service,
      field: 'spec.selector',
      value: selector,
      message: `must select the StatefulSet's pods (labels ${JSON.stringify(podLabels)}), or they get no DNS records (${STRICTER})`,
    });
  }
  return problems;
}

/**
 * The budget's problem if it allows no eviction at `replicas`: then a node drain waits for it forever. The
 * disruption controller rounds percents up (GetScaledValueFromIntOrPercent with roundUp). Values the API server
 * refuses are its validator's to report.
 */
function disruptionBudgetProblems(budget: PodDisruptionBudget, replicas: number): Problem[] {
  if (!isNonNegativeInteger(replicas) || replicas === 0) return [];
  const { minAvailable, maxUnavailable } = budget.spec;
  const value = minAvailable ?? maxUnavailable;
  if (intOrPercentProblems('', value).length > 0) return [];
  const scaled = typeof value === 'number' ? value : Math.ceil((replicas * intOrPercentValue(value)) / 100);
  const stricter = 'so a node drain would hang; the API server accepts it, but this check is stricter';
  const pods = replicas === 1 ? '1 replica' : `${replicas} replicas`;
  if (minAvailable !== undefined && scaled >= replicas) {
    const why = typeof value === 'number' ? `at least ${scaled} must stay available and the store has ${pods}` : `${value} of ${pods} rounds up to ${scaled}, all of them`;
    const fix = replicas > 1 ? `use at most ${replicas - 1}, or maxUnavailable` : 'one replica cannot stay available through a drain: add replicas, or leave podDisruptionBudget out';
    return [{ field: 'podDisruptionBudget.minAvailable', value, message: `allows no eviction: ${why}, ${stricter}: ${fix}` }];
  }
  if (maxUnavailable !== undefined && scaled === 0) {
    return [{ field: 'podDisruptionBudget.maxUnavailable', value, message: `allows no eviction: none of the ${pods} may be unavailable, ${stricter}: use at least 1` }];
  }
  return [];
}

/**
 * The problems of the store's companions that no manifest shows: a budget that allows no eviction, a client
 * Service named like the headless one, a target port that names no container port.
 */
function companionProblems(props: OrderedStoreProps, replicas: number, serviceName: string, service: GoverningService): Problem[] {
  const problems = props.podDisruptionBudget ? disruptionBudgetProblems(props.podDisruptionBudget, replicas) : [];
  const portNames = new Set(servicePorts(props.containers ?? []).map(({ port }) => port.name));
  const targetPortProblems = (field: string, ports: readonly ServicePort[]): Problem[] => ports.flatMap((port, i) => {
    if (typeof port.targetPort !== 'string' || portNames.has(port.targetPort)) return [];
    return [{
      field: `${field}[${i}].targetPort`,
      value: port.targetPort,
      message: `names no port of the store's containers (named ports: ${quoted([...portNames])}), so the Service would send traffic nowhere; the API server accepts it, but this check is stricter`,
    }];
  });
  if (service.emit) problems.push(...targetPortProblems('service.ports', service.options.ports ?? []));
  const client = props.clientService;
  if (client) {
    if (client.name === serviceName) {
      problems.push({
        field: 'clientService.name',
        value: client.name,
        message: 'is also the name of the headless Service (spec.serviceName); give the client Service a name of its own',
      });
    }
    problems.push(...targetPortProblems('clientService.ports', client.ports));
  }
  return problems;
}
