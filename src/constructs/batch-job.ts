import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { JobSpecProps, jobSpecProblems, renderJobSpec } from './job-spec';
import { ApiAccessObjects, apiAccessProblems, emitApiAccess } from '../security/api-access';
import { PodSecurity, PodSecurityReport } from '../security/pod-security';
import { MemoizedApiObject } from '../validation/chart-validation';
import { addPropsValidation } from '../validation/problems';
import { frozenCopy, prototypeKeyProblems } from '../validation/props';

/**
 * Props of a `BatchJob`: the Job spec, and whether it starts suspended. The type parameters are the literals of
 * the checked fields (see `JobSpecProps`).
 */
export interface BatchJobProps<
  BackoffLimit extends number = number,
  ActiveDeadlineSeconds extends number = number,
  TtlSecondsAfterFinished extends number = number,
  RestartPolicy extends 'Never' | 'OnFailure' = 'Never' | 'OnFailure',
> extends JobSpecProps<BackoffLimit, ActiveDeadlineSeconds, TtlSecondsAfterFinished, RestartPolicy> {
  /**
   * Create the Job suspended: no pods start until `spec.suspend` is set to false (e.g. by a queueing controller
   * such as Kueue). Suspending a running Job terminates its pods.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#suspending-a-job
   * @default false (the API server's default; not emitted)
   */
  readonly suspend?: boolean;
}

/**
 * Run-to-completion work: a migration, a batch of shards, workers draining a queue. Emits a batch/v1 Job.
 *
 * Pods restart `Never` by default (a failed pod is replaced and kept for its logs); a finished Job stays until
 * deleted unless `ttlSecondsAfterFinished` is set. The Job is the child `Resource`, so `ApiObject.of(job)` returns
 * it for escape-hatch patches.
 */
export class BatchJob<
  BackoffLimit extends number = number,
  ActiveDeadlineSeconds extends number = number,
  TtlSecondsAfterFinished extends number = number,
  RestartPolicy extends 'Never' | 'OnFailure' = 'Never' | 'OnFailure',
> extends Construct {
  /** The emitted Job. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the Job. */
  public readonly name: string;
  /** The ServiceAccount, roles and bindings emitted for `apiAccess`; `undefined` without it. */
  public readonly apiAccess?: ApiAccessObjects;
  private readonly props: BatchJobProps;

  constructor(scope: Construct, id: string, props: BatchJobProps<BackoffLimit, ActiveDeadlineSeconds, TtlSecondsAfterFinished, RestartPolicy>) {
    super(scope, id);
    // Copied and frozen: what the caller changes afterwards changes neither the output nor the checks.
    this.props = frozenCopy(props as unknown as BatchJobProps);
    this.apiObject = new MemoizedApiObject(this, 'Resource', {
      ...k8s.KubeJob.GVK,
      metadata: this.props.metadata,
      spec: Lazy.any({ produce: () => ({ ...renderJobSpec(this.props, this.apiAccess?.serviceAccount.name), suspend: this.props.suspend }) }),
    });
    this.name = this.apiObject.name;
    this.apiAccess = emitApiAccess(this, this.props, this.apiObject, this.name);
    addPropsValidation(this, this.apiObject, () => [
      ...jobSpecProblems(this.props, false),
      ...prototypeKeyProblems(this.props),
      ...apiAccessProblems(this.props, this.apiObject, this.name),
    ]);
  }

  /**
   * The Pod Security Standards level the Job's pods meet, and every field that keeps them below restricted.
   * The defaults meet restricted.
   */
  public get podSecurity(): PodSecurityReport {
    return PodSecurity.of(this);
  }
}
