import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { PodTemplateJson, PodTemplateProps, podTemplateProblems, renderPodTemplate } from '../pod-template/pod-template';
import { ApiAccessObjects, apiAccessProblems, emitApiAccess } from '../security/api-access';
import { PodSecurity, PodSecurityReport } from '../security/pod-security';
import { IntOrPercent, IntOrPercentCheck, NonNegativeInteger, ZeroIntOrPercent } from '../syntax/literal-types';
import { MemoizedApiObject } from '../validation/chart-validation';
import { Problem, addPropsValidation, selectorProblems } from '../validation/problems';
import { frozenCopy, prototypeKeyProblems } from '../validation/props';

type IsZero<V> = [V] extends [ZeroIntOrPercent] ? true : false;
type IsNonZeroLiteral<V> = number extends V ? false : string extends V ? false : IsZero<V> extends true ? false : true;

/**
 * The combinations of literals the API server rejects, as a required property whose name is the error.
 * `MaxUnavailable` defaults to 1 and `MaxSurge` to 0 when omitted, as the API server defaults them.
 */
type RollingUpdateCombination<MaxUnavailable, MaxSurge> =
  IsZero<MaxUnavailable> extends true
    ? IsZero<MaxSurge> extends true ? { readonly 'error: maxUnavailable and maxSurge cannot both be 0': never } : unknown
    : [IsNonZeroLiteral<MaxUnavailable>, IsNonZeroLiteral<MaxSurge>] extends [true, true]
      ? { readonly 'error: maxSurge needs maxUnavailable: 0 (when omitted, maxUnavailable is 1)': never }
      : unknown;

/**
 * Options of a DaemonSet rolling update.
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export interface DaemonSetRollingUpdateOptions<MaxUnavailable extends IntOrPercent = IntOrPercent, MaxSurge extends IntOrPercent = IntOrPercent> {
  /**
   * How many nodes may be without a ready agent during the update: a whole number or a percent of the eligible
   * nodes (`'10%'`, rounded up). Must be 0 when `maxSurge` is not.
   * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#performing-a-rolling-update
   * @default 1
   */
  readonly maxUnavailable?: MaxUnavailable;
  /**
   * How many nodes may run an old and a new agent at once during the update: a whole number or a percent
   * (`'10%'`). Only with `maxUnavailable: 0`.
   * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#performing-a-rolling-update
   * @default 0
   */
  readonly maxSurge?: MaxSurge;
}

/**
 * How a DaemonSet replaces its pods when the template changes. Build one with `rollingUpdate()` or `onDelete()`.
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#daemonset-update-strategy
 */
export class DaemonSetUpdateStrategy {
  /**
   * Replace agents node by node, at most `maxUnavailable` nodes at a time (or surge with `maxSurge` and
   * `maxUnavailable: 0`).
   */
  public static rollingUpdate<MaxUnavailable extends IntOrPercent = 1, MaxSurge extends IntOrPercent = 0>(
    options: DaemonSetRollingUpdateOptions<MaxUnavailable, MaxSurge>
      & IntOrPercentCheck<MaxUnavailable, 'maxUnavailable'>
      & IntOrPercentCheck<MaxSurge, 'maxSurge'>
      & RollingUpdateCombination<MaxUnavailable, MaxSurge> = {} as never,
  ): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('RollingUpdate', {
      maxUnavailable: options.maxUnavailable,
      maxSurge: options.maxSurge,
    });
  }

  /** Replace an agent only when its pod is deleted by hand. */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('OnDelete');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: 'RollingUpdate' | 'OnDelete',
    /** The rolling-update parameters, for `RollingUpdate` only. */
    public readonly rollingUpdate?: { readonly maxUnavailable?: IntOrPercent; readonly maxSurge?: IntOrPercent },
  ) {}
}

/**
 * Props of a `NodeAgent`. There is no `replicas`: a DaemonSet runs one pod on every eligible node.
 */
export interface NodeAgentProps<RevisionHistoryLimit extends number = number> extends PodTemplateProps {
  /**
   * Labels that select the agent's pods; they are added to the pod template. The selector of a DaemonSet cannot
   * be changed after it is created.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#pod-selector
   * @default { 'app.kubernetes.io/name': <metadata.name> }
   */
  readonly selector?: Readonly<Record<string, string>>;
  /**
   * How the agents are replaced when the pod template changes.
   * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
   * @default DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 })
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;
  /**
   * Seconds a new agent must be ready, without crashing, before it counts as available.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetSpec
   * @default 0
   */
  readonly minReadySeconds?: number;
  /**
   * Old revisions kept for rollback.
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetSpec
   * @default 10 (the API server's default; not emitted)
   */
  readonly revisionHistoryLimit?: NonNegativeInteger<RevisionHistoryLimit>;
  /**
   * Expose the name of the node the agent runs on, from the Downward API (`spec.nodeName`), to every container
   * as this environment variable, e.g. `'NODE_NAME'`.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-fieldRef
   * @default - not exposed
   */
  readonly nodeNameEnv?: string;
  /**
   * On OpenShift, a project's default node selector keeps a DaemonSet off nodes outside it. When true, also emit
   * the Namespace of `metadata.namespace` (or the chart's namespace), annotated `openshift.io/node-selector: ""`,
   * so the agent can run on every node. Requires a namespace.
   * @see https://docs.openshift.com/container-platform/4.13/nodes/jobs/nodes-pods-daemonsets.html
   * @default false
   */
  readonly openShiftNamespace?: boolean;
  /**
   * Put the pods in the node's network namespace: the agent sees every interface of the node and its ports are
   * the node's ports. Network plugins and some monitoring agents need this.
   *
   * **Lowers the Pod Security level to privileged** (check `hostNamespaces`). The API server also sets every
   * container port's `hostPort` to its `containerPort`, which fails the `hostPorts` check too. To resolve cluster
   * Services from such a pod, set `dnsPolicy: 'ClusterFirstWithHostNet'`.
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Put the pods in the node's process namespace: the agent sees, and as root can signal and trace, every
   * process of the node.
   *
   * **Lowers the Pod Security level to privileged** (check `hostNamespaces`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default false
   */
  readonly hostPID?: boolean;
  /**
   * Put the pods in the node's IPC namespace: the agent shares System V IPC and POSIX message queues with every
   * process of the node.
   *
   * **Lowers the Pod Security level to privileged** (check `hostNamespaces`).
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   * @default false
   */
  readonly hostIPC?: boolean;
}

/**
 * One pod on every eligible node: log shippers, monitoring agents, CSI and network plugins. Emits an apps/v1
 * DaemonSet (and, on request, its OpenShift Namespace).
 *
 * The DaemonSet is the child `Resource`, so `ApiObject.of(agent)` returns it for escape-hatch patches.
 */
export class NodeAgent<RevisionHistoryLimit extends number = number> extends Construct {
  /** The emitted DaemonSet. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the DaemonSet. */
  public readonly name: string;
  /** The ServiceAccount, roles and bindings emitted for `apiAccess`; `undefined` without it. */
  public readonly apiAccess?: ApiAccessObjects;
  /** The labels that select the agent's pods. */
  public readonly selector: Readonly<Record<string, string>>;
  private readonly props: NodeAgentProps;
  private readonly updateStrategy: DaemonSetUpdateStrategy;

  constructor(scope: Construct, id: string, checkedProps: NodeAgentProps<RevisionHistoryLimit>) {
    super(scope, id);
    // The type parameter only checks the caller's literals; inside, the props are plain numbers.
    // Copied and frozen: what the caller changes afterwards changes neither the output nor the checks.
    const props = frozenCopy(checkedProps as unknown as NodeAgentProps);
    this.apiObject = new MemoizedApiObject(this, 'Resource', {
      ...k8s.KubeDaemonSet.GVK,
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.name = this.apiObject.name;
    this.selector = { ...(props.selector ?? { 'app.kubernetes.io/name': this.name }) };
    this.props = props;
    this.updateStrategy = props.updateStrategy ?? DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 });
    this.apiAccess = emitApiAccess(this, props, this.apiObject, this.name);

    // The DaemonSet's own namespace: metadata.namespace, else the chart's.
    const namespace = this.apiObject.metadata.namespace;
    if (props.openShiftNamespace && namespace) {
      const namespaceObject = new MemoizedApiObject(this, 'Namespace', {
        ...k8s.KubeNamespace.GVK,
        metadata: { name: namespace, annotations: { 'openshift.io/node-selector': '' } },
      });
      // cdk8s gives every object the chart's namespace; a Namespace is cluster-scoped and has none.
      if (namespaceObject.metadata.namespace) namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      PodSecurity.labelNamespace(namespaceObject);
      // First in the YAML: kubectl apply refuses objects in a namespace it has not created yet.
      for (const object of [this.apiObject, ...Object.values(this.apiAccess ?? {})]) object.node.addDependency(namespaceObject);
    }

    addPropsValidation(this, this.apiObject, () => [
      ...nodeAgentProblems(props, namespace, this.selector),
      ...prototypeKeyProblems(props),
      ...apiAccessProblems(props, this.apiObject, this.name),
    ]);
  }

  /**
   * The Pod Security Standards level the agent's pods meet, and every field that keeps them below restricted.
   * The defaults meet restricted; the host-access options lower it.
   */
  public get podSecurity(): PodSecurityReport {
    return PodSecurity.of(this);
  }

  private renderSpec(): Record<string, unknown> {
    const { props, updateStrategy } = this;
    const nodeNameEnv = props.nodeNameEnv ? { [props.nodeNameEnv]: { fieldRef: { fieldPath: 'spec.nodeName' as const } } } : {};
    return {
      selector: { matchLabels: { ...this.selector } },
      template: withHostAccess(
        renderPodTemplate(props, { selectorLabels: this.selector, extraEnv: nodeNameEnv, apiAccessAccount: this.apiAccess?.serviceAccount.name }),
        props,
      ),
      updateStrategy: updateStrategy.rollingUpdate
        ? { type: updateStrategy.type, rollingUpdate: { ...updateStrategy.rollingUpdate } }
        : { type: updateStrategy.type },
      minReadySeconds: props.minReadySeconds,
      revisionHistoryLimit: props.revisionHistoryLimit,
    };
  }
}

/** The pod template with the host namespaces the props opt into. */
function withHostAccess(template: PodTemplateJson, props: NodeAgentProps): PodTemplateJson {
  const spec: Record<string, any> = { ...template.spec };
  if (props.hostNetwork) spec.hostNetwork = true;
  if (props.hostPID) spec.hostPID = true;
  if (props.hostIPC) spec.hostIPC = true;
  return { metadata: template.metadata, spec };
}

// ---------------------------------------------------------------------------------------------------------
// Construct rules: what the DaemonSet cannot show. Every rule of the API server is the validator's
// (src/validation), run on what the construct renders, patches included.
// ---------------------------------------------------------------------------------------------------------

/**
 * The construct rules of a NodeAgent: what its DaemonSet cannot show (pod labels overridden by the selector, a
 * Namespace that cannot be emitted, host-access opt-ins naming nothing); every other rule is the validator's.
 */
function nodeAgentProblems(props: NodeAgentProps, namespace: string | undefined, selector: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [
    ...podTemplateProblems(props),
    ...selectorProblems(selector, props.podMetadata?.labels),
  ];
  if (props.openShiftNamespace && !namespace) {
    problems.push({
      field: 'metadata.namespace',
      type: 'Required value',
      value: undefined,
      message: "is required with openShiftNamespace: true (the Namespace to emit); set it, or the chart's namespace",
    });
  }
  return problems;
}

