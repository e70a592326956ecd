import { PodTemplateProps, podTemplateProblems, renderPodTemplate } from '../pod-template/pod-template';
import { NonNegativeInteger } from '../syntax/literal-types';
import { Problem } from '../validation/problems';

/*
 * The Job spec that BatchJob (a Job) and ScheduledJob (a CronJob's jobTemplate) share: one set of props, one
 * rendering, one set of rules. Everything is rendered explicitly rather than left to SetDefaults_Job, because
 * that defaulting does not run on a CronJob's jobTemplate (e.g. a podFailurePolicy condition without `status`
 * is accepted on a Job and rejected in a CronJob).
 */

/** Options of `Completion.fixedCount` and `Completion.indexed`. */
export interface CompletionCountOptions<Completions extends number = number, Parallelism extends number = number> {
  /**
   * How many pods must succeed for the Job to be complete.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#parallel-jobs
   */
  readonly completions: NonNegativeInteger<Completions>;
  /**
   * How many pods run at once, at most.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#controlling-parallelism
   * @default 1
   */
  readonly parallelism?: NonNegativeInteger<Parallelism>;
}

/**
 * When an Indexed Job has succeeded before all its indexes have: the first rule that matches makes the Job succeed.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
 */
export interface SuccessPolicy {
  /** 1 to 20 rules. */
  readonly rules: readonly SuccessPolicyRule[];
}

/**
 * One rule of a success policy: at least one of `succeededIndexes` and `succeededCount`.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
 */
export interface SuccessPolicyRule {
  /**
   * The indexes that must all succeed, as ascending intervals: `'0,2-4'`.
   * @default - any indexes (then `succeededCount` is required)
   */
  readonly succeededIndexes?: string;
  /**
   * How many indexes (of `succeededIndexes`, if given) must succeed.
   * @default - all of `succeededIndexes`
   */
  readonly succeededCount?: number;
}

/** Options of `Completion.indexed`: those of `fixedCount`, and the fields only an Indexed Job has. */
export interface IndexedCompletionOptions<Completions extends number = number, Parallelism extends number = number>
  extends CompletionCountOptions<Completions, Parallelism> {
  /**
   * Retries of each index before that index is marked failed (`spec.backoffLimitPerIndex`); the others go on.
   * Kubernetes 1.28+ (on by default from 1.29): on an older target the validator reports an unknown field.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index
   * @default - not emitted: failures count against the Job's `backoffLimit`
   */
  readonly backoffLimitPerIndex?: number;
  /**
   * Fail the Job when more than this many indexes have failed (`spec.maxFailedIndexes`); needs
   * `backoffLimitPerIndex`. Kubernetes 1.28+ (on by default from 1.29).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index
   * @default - not emitted: the Job runs every index
   */
  readonly maxFailedIndexes?: number;
  /**
   * When the Job has succeeded before every index has (`spec.successPolicy`). Kubernetes 1.30+ (on by default
   * from 1.31).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
   * @default - not emitted: every index must succeed
   */
  readonly successPolicy?: SuccessPolicy;
}

/** Options of `Completion.workQueue`. */
export interface WorkQueueOptions<Parallelism extends number = number> {
  /**
   * How many workers run at once. The Job is complete when one succeeds and all have stopped.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#controlling-parallelism
   */
  readonly parallelism: NonNegativeInteger<Parallelism>;
}

/**
 * When a Job is complete, and how many pods run at once. Build one with a factory:
 *
 * | factory | completions | parallelism | for |
 * |---|---|---|---|
 * | `oneShot()` | 1 | 1 | one task, e.g. a database migration |
 * | `fixedCount({ completions: N, parallelism: M })` | N | M | N tasks, M at a time |
 * | `workQueue({ parallelism: M })` | unset | M | M workers drain a queue until one succeeds |
 * | `indexed({ completions: N, parallelism: M })` | N | M | N tasks, each pod told its index in `JOB_COMPLETION_INDEX` |
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#parallel-jobs
 */
export class Completion {
  /** One pod runs; the Job is complete when it succeeds. */
  public static oneShot(): Completion {
    return new Completion('NonIndexed', 1, 1);
  }

  /** The Job is complete when `completions` pods have succeeded; at most `parallelism` run at once. */
  public static fixedCount<Completions extends number, Parallelism extends number = 1>(
    options: CompletionCountOptions<Completions, Parallelism>,
  ): Completion {
    // The type parameters only check the caller's literals; inside, the options are plain numbers.
    const { completions, parallelism = 1 } = options as CompletionCountOptions;
    return new Completion('NonIndexed', completions, parallelism);
  }

  /**
   * `parallelism` workers take work from a queue and coordinate among themselves: the Job is complete when one
   * of them succeeds and all have stopped (no `completions`).
   * @see https://kubernetes.io/docs/tasks/job/fine-parallel-processing-work-queue/
   */
  public static workQueue<Parallelism extends number>(options: WorkQueueOptions<Parallelism>): Completion {
    return new Completion('NonIndexed', undefined, (options as WorkQueueOptions).parallelism);
  }

  /**
   * Like `fixedCount`, but each index 0..completions-1 must succeed once; every pod gets its index in the
   * `JOB_COMPLETION_INDEX` environment variable and the `batch.kubernetes.io/job-completion-index` annotation,
   * and the hostname `<job name>-<index>`. Only here: `backoffLimitPerIndex`, `maxFailedIndexes` and
   * `successPolicy` (Kubernetes 1.28+ / 1.30+), which the API server accepts only with Indexed completion.
   * @see https://kubernetes.io/docs/tasks/job/indexed-parallel-processing-static/
   */
  public static indexed<Completions extends number, Parallelism extends number = 1>(
    options: IndexedCompletionOptions<Completions, Parallelism>,
  ): Completion {
    const { completions, parallelism = 1, backoffLimitPerIndex, maxFailedIndexes, successPolicy } = options as IndexedCompletionOptions;
    return new Completion('Indexed', completions, parallelism, { backoffLimitPerIndex, maxFailedIndexes, successPolicy });
  }

  private constructor(
    /** `NonIndexed` or `Indexed`. */
    public readonly completionMode: 'NonIndexed' | 'Indexed',
    /** `spec.completions`; undefined for a work queue. */
    public readonly completions: number | undefined,
    /** `spec.parallelism`. */
    public readonly parallelism: number,
    /** `backoffLimitPerIndex`, `maxFailedIndexes`, `successPolicy` of an Indexed Job. */
    public readonly indexedOptions: Pick<IndexedCompletionOptions, 'backoffLimitPerIndex' | 'maxFailedIndexes' | 'successPolicy'> = {},
  ) {}
}

/**
 * What a pod-failure-policy rule does when it matches a failed pod.
 * - `FailJob`: fail the whole Job at once and terminate its running pods.
 * - `Ignore`: do not count the failure against `backoffLimit`; a replacement pod is created.
 * - `Count`: count it against `backoffLimit`, as without a policy.
 * - `FailIndex`: fail the pod's index without retrying it; needs `backoffLimitPerIndex` (`Completion.indexed`).
 *   Kubernetes 1.28+ (on by default from 1.29); a 1.27 API server rejects it.
 */
export type PodFailurePolicyAction = 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';

/** Matches a failed pod by the exit codes of its containers. */
export interface PodFailurePolicyOnExitCodes {
  /**
   * Only this container's exit code counts.
   * @default - any container or init container
   */
  readonly containerName?: string;
  /** `In`: the exit code is one of `values`; `NotIn`: it is none of them. */
  readonly operator: 'In' | 'NotIn';
  /**
   * 1 to 255 distinct exit codes; 0 (success) is not allowed with `In`. Emitted in ascending order, as the API
   * server requires: a set means the same in any order.
   */
  readonly values: readonly number[];
}

/** Matches a failed pod by a condition it has, e.g. `DisruptionTarget` (preempted, evicted, node drained). */
export interface PodFailurePolicyOnPodCondition {
  /** The pod condition type, e.g. `DisruptionTarget`. */
  readonly type: 'DisruptionTarget' | (string & {});
  /**
   * The condition's status. Always emitted: a CronJob's jobTemplate does not get the Job's default.
   * @default 'True'
   */
  readonly status?: 'True' | 'False' | 'Unknown';
}

/**
 * One rule of a pod failure policy: an action, and either exit codes or pod conditions to match.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 */
export type PodFailurePolicyRule =
  | { readonly action: PodFailurePolicyAction; readonly onExitCodes: PodFailurePolicyOnExitCodes; readonly onPodConditions?: never }
  | { readonly action: PodFailurePolicyAction; readonly onPodConditions: readonly PodFailurePolicyOnPodCondition[]; readonly onExitCodes?: never };

/**
 * How failed pods count against `backoffLimit`: the first rule that matches a failed pod decides.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 */
export interface PodFailurePolicy {
  /** At most 20 rules, checked in order. */
  readonly rules: readonly PodFailurePolicyRule[];
}

/**
 * `N` when it is a whole number ≥ 0 or not a literal (`number`: checked at synth); for a negative or fractional
 * literal, `N` and a required property whose name is the error, so the compiler says e.g. `Type '-1' is not
 * assignable to type '-1 & { readonly "error: backoffLimit must be a whole number >= 0": never; }'`. (`N` stays in
 * the type so that the message shows the literal; `NonNegativeInteger<N>` alone would show `number`.)
 */
export type NonNegativeIntegerCheck<N extends number, Field extends string> = number extends N
  ? N
  : `${N}` extends `-${string}` | `${string}.${string}` | `${string}e-${string}`
    ? N & { readonly [K in `error: ${Field} must be a whole number >= 0`]: never }
    : N;

/**
 * What `podFailurePolicy` may be given: a policy, unless `restartPolicy` is the literal `'OnFailure'` (the API
 * server accepts a pod failure policy only with `Never`); then a type whose missing property names the error.
 */
export type PodFailurePolicyFor<RestartPolicy extends 'Never' | 'OnFailure'> = [RestartPolicy] extends ['OnFailure']
  ? PodFailurePolicy & { readonly 'error: podFailurePolicy needs restartPolicy: Never': never }
  : PodFailurePolicy;

/**
 * The Job spec shared by BatchJob and ScheduledJob.
 *
 * `restartPolicy` defaults to `Never`: a failed pod stays (with its logs) and a new pod is created, each failure
 * counting against `backoffLimit`; it is what `podFailurePolicy` needs. With `OnFailure` the kubelet restarts the
 * container in place, and when the Job fails its pods are deleted, logs and all. The API has no default that
 * works (it defaults to `Always`, which a Job rejects).
 *
 * The type parameters are the literals given for the checked fields, inferred by the constructs; they only make
 * bad literals compile errors, and default to the plain types.
 */
// One type parameter per checked field, as NodeAgentProps does: inferring one parameter from the whole props
// object (a reverse-mapped type) cost 94 type instantiations per BatchJob and 149–181 per ScheduledJob in the
// type-check benchmark, against 6 each now (docs/benchmarks.md).
export interface JobSpecProps<
  BackoffLimit extends number = number,
  ActiveDeadlineSeconds extends number = number,
  TtlSecondsAfterFinished extends number = number,
  // Spelled out rather than named, so that the error for `restartPolicy: 'Always'` lists what is allowed.
  RestartPolicy extends 'Never' | 'OnFailure' = 'Never' | 'OnFailure',
> extends PodTemplateProps {
  /**
   * When the Job is complete and how many pods run at once: `Completion.oneShot()`, `.fixedCount(…)`,
   * `.workQueue(…)` or `.indexed(…)`.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#parallel-jobs
   * @default Completion.oneShot() (completions: 1, parallelism: 1)
   */
  readonly completion?: Completion;
  /**
   * Failed pods (or, with `OnFailure`, container restarts) before the Job is marked failed.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy
   * @default 6 (the API server's default; not emitted)
   */
  readonly backoffLimit?: NonNegativeIntegerCheck<BackoffLimit, 'backoffLimit'>;
  /**
   * Seconds the Job may run, retries included, before its pods are terminated and it is marked failed.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup
   * @default - no deadline
   */
  readonly activeDeadlineSeconds?: NonNegativeIntegerCheck<ActiveDeadlineSeconds, 'activeDeadlineSeconds'>;
  /**
   * Delete the Job, and its pods, this many seconds after it finishes. Without it a finished Job and its pods
   * stay until deleted. Note that GitOps tools (Argo CD, Flux) re-create a deleted Job that is still in the
   * manifests, which runs it again.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/
   * @default - kept until deleted (a ScheduledJob's history limits delete old Jobs)
   */
  readonly ttlSecondsAfterFinished?: NonNegativeIntegerCheck<TtlSecondsAfterFinished, 'ttlSecondsAfterFinished'>;
  /**
   * `Never`: a failed pod is replaced by a new one. `OnFailure`: the failed container restarts in the same pod.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#handling-pod-and-container-failures
   * @default 'Never'
   */
  readonly restartPolicy?: RestartPolicy;
  /**
   * Fail the Job at once on some exit codes, or ignore failures caused by disruptions. Only with
   * `restartPolicy: 'Never'` (the default): with `'OnFailure'` it does not compile.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
   * @default - every failure counts against backoffLimit
   */
  readonly podFailurePolicy?: PodFailurePolicyFor<RestartPolicy>;
  /**
   * When a replacement pod is created (`spec.podReplacementPolicy`): `Failed`, once the old pod has fully
   * terminated (the only value allowed with a `podFailurePolicy`); `TerminatingOrFailed`, as soon as it starts
   * terminating. Kubernetes 1.28+ (on by default from 1.29): on an older target the validator reports an unknown field.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy
   * @default - not emitted: the API server defaults it (`Failed` with a podFailurePolicy, else `TerminatingOrFailed`)
   */
  readonly podReplacementPolicy?: 'Failed' | 'TerminatingOrFailed';
  /**
   * The controller that syncs the Job instead of the built-in one (`spec.managedBy`), a domain-prefixed path of
   * at most 63 characters, e.g. `kueue.x-k8s.io/multikueue`. Kubernetes 1.30+ (on by default from 1.32).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#delegation-of-managing-a-job-object-to-external-controller
   * @default - not emitted: the built-in Job controller (`kubernetes.io/job-controller`)
   */
  readonly managedBy?: string;
}

/** Labels the API server puts on a Job's pods; a template that sets them is rejected or misleading. */
const GENERATED_POD_LABELS = ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'];

function renderPodFailurePolicy(policy: PodFailurePolicy | undefined): unknown {
  if (!policy) return undefined;
  return {
    rules: policy.rules.map((rule) => (rule.onExitCodes
      ? {
        action: rule.action,
        onExitCodes: {
          containerName: rule.onExitCodes.containerName,
          operator: rule.onExitCodes.operator,
          values: [...rule.onExitCodes.values].sort((a, b) => a - b),
        },
      }
      : {
        action: rule.action,
        onPodConditions: (rule.onPodConditions ?? []).map((c) => ({ type: c.type, status: c.status ?? 'True' })),
      })),
  };
}

function renderSuccessPolicy(policy: SuccessPolicy | undefined): unknown {
  if (!policy) return undefined;
  return { rules: policy.rules.map((rule) => ({ succeededIndexes: rule.succeededIndexes, succeededCount: rule.succeededCount })) };
}

/** The JSON of a Job spec: a Job's `spec`, or a CronJob's `spec.jobTemplate.spec`. */
export function renderJobSpec(props: JobSpecProps, apiAccessAccount?: string): Record<string, unknown> {
  const completion = props.completion ?? Completion.oneShot();
  return {
    completionMode: completion.completionMode === 'Indexed' ? 'Indexed' : undefined,
    completions: completion.completions,
    parallelism: completion.parallelism,
    backoffLimit: props.backoffLimit,
    activeDeadlineSeconds: props.activeDeadlineSeconds,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
    backoffLimitPerIndex: completion.indexedOptions.backoffLimitPerIndex,
    maxFailedIndexes: completion.indexedOptions.maxFailedIndexes,
    podFailurePolicy: renderPodFailurePolicy(props.podFailurePolicy),
    podReplacementPolicy: props.podReplacementPolicy,
    successPolicy: renderSuccessPolicy(completion.indexedOptions.successPolicy),
    managedBy: props.managedBy,
    template: renderJobPodTemplate(props, apiAccessAccount),
  };
}

/** The pod template, without selector labels: the API server generates the selector and labels of a Job. */
function renderJobPodTemplate(props: JobSpecProps, apiAccessAccount: string | undefined): unknown {
  const template = renderPodTemplate(props, { selectorLabels: {}, restartPolicy: props.restartPolicy ?? 'Never', apiAccessAccount });
  const { labels, annotations } = template.metadata;
  const metadata = {
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    annotations,
  };
  return { metadata: metadata.labels || metadata.annotations ? metadata : undefined, spec: template.spec };
}

/** The largest parallelism of an Indexed Job. */
export const MAX_INDEXED_PARALLELISM = 100000;

/**
 * The construct rules of a Job spec's props, with fields as in a Job (`spec.…`; a CronJob prefixes them): the pod
 * template's, and, in a CronJob's jobTemplate, pod labels that the API server sets on every pod of a Job (it
 * accepts them in the CronJob, then refuses each Job the controller creates from it: stricter than the API
 * server for the CronJob; for a Job, the validator reports them). Every other rule is the validator's.
 */
export function jobSpecProblems(props: JobSpecProps, inCronJob: boolean): Problem[] {
  const problems = podTemplateProblems(props);
  if (!inCronJob) return problems;
  for (const key of GENERATED_POD_LABELS) {
    const value = props.podMetadata?.labels?.[key];
    if (value !== undefined) {
      problems.push({
        field: `spec.template.metadata.labels['${key}']`,
        value,
        message: 'is set by the API server on every pod of a Job; remove it (stricter than the API server, which accepts it in a CronJob and then refuses every Job created from it)',
      });
    }
  }
  return problems;
}

/**
 * The problems with a name for an Indexed Job: each pod's hostname is `<job name>-<index>`, which must be a
 * DNS-1123 label (≤ 63 characters, no dots). A CronJob's Jobs are named `<name>-<scheduled minute>`: pass that
 * suffix as it reads in messages and the most characters it can have.
 */
export function indexedHostnameProblems(
  field: string,
  name: string,
  completion: Completion | undefined,
  jobNameSuffix: { readonly text: string; readonly length: number } = { text: '', length: 0 },
): Problem[] {
  if (completion?.completionMode !== 'Indexed' || completion.completions === undefined || completion.completions < 1) return [];
  const lastIndex = String(completion.completions - 1);
  const hostname = `${name}${jobNameSuffix.text}-${lastIndex}`;
  const length = name.length + jobNameSuffix.length + 1 + lastIndex.length;
  const problems: Problem[] = [];
  if (length > 63) {
    const max = 63 - jobNameSuffix.length - 1 - lastIndex.length;
    problems.push({ field, value: name, message: `must be at most ${max} characters for an indexed Job with ${completion.completions} completions: the last pod's hostname '${hostname}' must be no more than 63 characters` });
  }
  if (name.includes('.')) {
    problems.push({ field, value: name, message: `must not contain '.' for an indexed Job: the pods' hostnames ('${hostname}') must be DNS-1123 labels` });
  }
  return problems;
}
