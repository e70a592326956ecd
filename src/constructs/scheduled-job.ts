import { ApiObject, Lazy, Names } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { JobSpecProps, NonNegativeIntegerCheck, indexedHostnameProblems, jobSpecProblems, renderJobSpec } from './job-spec';
import { ApiAccessObjects, apiAccessProblems, emitApiAccess } from '../security/api-access';
import { PodSecurity, PodSecurityReport } from '../security/pod-security';
import { CronSchedule, cronFields, everyDuration, parseStandardErrors } from '../syntax/cron';
import { MemoizedApiObject } from '../validation/chart-validation';
import { Problem, addPropsValidation } from '../validation/problems';
import { frozenCopy, prototypeKeyProblems } from '../validation/props';

/**
 * Props of a `ScheduledJob`: the schedule, and the same Job spec as a `BatchJob`, used as the CronJob's
 * `jobTemplate`. The type parameters are the literals of the checked fields (see `JobSpecProps`).
 */
export interface ScheduledJobProps<
  Schedule extends string = string,
  StartingDeadlineSeconds extends number = number,
  SuccessfulJobsHistoryLimit extends number = number,
  FailedJobsHistoryLimit extends number = number,
  BackoffLimit extends number = number,
  ActiveDeadlineSeconds extends number = number,
  TtlSecondsAfterFinished extends number = number,
  RestartPolicy extends 'Never' | 'OnFailure' = 'Never' | 'OnFailure',
> extends JobSpecProps<BackoffLimit, ActiveDeadlineSeconds, TtlSecondsAfterFinished, RestartPolicy> {
  /**
   * When to create a Job: five fields `minute hour day-of-month month day-of-week` (`*`, `?`, `a-b`, `*\/n`,
   * `a-b/n`, lists `a,b`; months `JAN`–`DEC`, weekdays `SUN`–`SAT` or 0–6: 7 is an error in Kubernetes), or a
   * macro: `@yearly`, `@monthly`, `@weekly`, `@daily`, `@hourly`, `@every 1h30m`. No seconds field, no `L`, `W`
   * or `#`. Set the time zone with `timeZone`, not `TZ=` in the schedule.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
   */
  readonly schedule: CronSchedule<Schedule>;
  /**
   * The IANA time zone the schedule is read in, e.g. `'Asia/Tokyo'`, `'Europe/Berlin'`, `'UTC'` (case-sensitive).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
   * @default - the time zone of kube-controller-manager (usually UTC on managed clusters)
   */
  readonly timeZone?: string;
  /**
   * What to do when a run is due while the previous Job is still active: `Allow` runs both, `Forbid` skips the
   * new run, `Replace` deletes the running Job and starts the new one.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy
   * @default 'Allow' (the API server's default; not emitted)
   */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /**
   * Seconds after the scheduled time within which a missed run may still start; later, it is skipped. At least
   * 10: the controller checks schedules every 10 seconds.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation
   * @default - no deadline (not emitted)
   */
  readonly startingDeadlineSeconds?: NonNegativeIntegerCheck<StartingDeadlineSeconds, 'startingDeadlineSeconds'>;
  /**
   * Finished successful Jobs kept, with their pods; older ones are deleted.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits
   * @default 3 (the API server's default; not emitted)
   */
  readonly successfulJobsHistoryLimit?: NonNegativeIntegerCheck<SuccessfulJobsHistoryLimit, 'successfulJobsHistoryLimit'>;
  /**
   * Failed Jobs kept, with their pods; older ones are deleted.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits
   * @default 1 (the API server's default; not emitted)
   */
  readonly failedJobsHistoryLimit?: NonNegativeIntegerCheck<FailedJobsHistoryLimit, 'failedJobsHistoryLimit'>;
  /**
   * Create no new Jobs (running ones continue). Runs missed while suspended count as missed schedules.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-suspension
   * @default false (the API server's default; not emitted)
   */
  readonly suspend?: boolean;
}

/** The longest CronJob name: the controller appends `-<scheduled minute>` (up to 11 characters) to name Jobs. */
export const MAX_CRON_JOB_NAME_LENGTH = 52;

/** The most characters the CronJob controller appends to the CronJob's name to name a Job. */
const JOB_NAME_SUFFIX = { text: '-<minute>', length: 11 };

/**
 * A BatchJob on a schedule. Emits a batch/v1 CronJob (batch/v1beta1 is gone since Kubernetes 1.25).
 *
 * The CronJob is the child `Resource`, so `ApiObject.of(job)` returns it for escape-hatch patches.
 */
export class ScheduledJob<
  Schedule extends string = string,
  StartingDeadlineSeconds extends number = number,
  SuccessfulJobsHistoryLimit extends number = number,
  FailedJobsHistoryLimit extends number = number,
  BackoffLimit extends number = number,
  ActiveDeadlineSeconds extends number = number,
  TtlSecondsAfterFinished extends number = number,
  RestartPolicy extends 'Never' | 'OnFailure' = 'Never' | 'OnFailure',
> extends Construct {
  /** The emitted CronJob. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the CronJob. */
  public readonly name: string;
  /** The ServiceAccount, roles and bindings emitted for `apiAccess`; `undefined` without it. */
  public readonly apiAccess?: ApiAccessObjects;
  private readonly props: ScheduledJobProps;

  constructor(
    scope: Construct,
    id: string,
    props: ScheduledJobProps<
      Schedule, StartingDeadlineSeconds, SuccessfulJobsHistoryLimit, FailedJobsHistoryLimit,
      BackoffLimit, ActiveDeadlineSeconds, TtlSecondsAfterFinished, RestartPolicy
    >,
  ) {
    super(scope, id);
    // Copied and frozen: what the caller changes afterwards changes neither the output nor the checks.
    this.props = frozenCopy(props as unknown as ScheduledJobProps);
    // cdk8s generates names of up to 63 characters; a CronJob's must fit in 52 (see MAX_CRON_JOB_NAME_LENGTH).
    this.name = props.metadata?.name ?? Names.toDnsLabel(this, { maxLen: MAX_CRON_JOB_NAME_LENGTH });
    this.apiObject = new MemoizedApiObject(this, 'Resource', {
      ...k8s.KubeCronJob.GVK,
      metadata: { ...this.props.metadata, name: this.name },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.apiAccess = emitApiAccess(this, props, this.apiObject, this.name);
    addPropsValidation(this, this.apiObject, () => [
      ...scheduledJobProblems(this.props, this.name),
      ...prototypeKeyProblems(this.props),
      ...apiAccessProblems(this.props, this.apiObject, this.name),
    ]);
  }

  /**
   * The Pod Security Standards level the CronJob's pods meet, and every field that keeps them below restricted.
   * The defaults meet restricted.
   */
  public get podSecurity(): PodSecurityReport {
    return PodSecurity.of(this);
  }

  private renderSpec(): Record<string, unknown> {
    const { props } = this;
    return {
      schedule: props.schedule,
      timeZone: props.timeZone,
      concurrencyPolicy: props.concurrencyPolicy,
      startingDeadlineSeconds: props.startingDeadlineSeconds,
      suspend: props.suspend,
      successfulJobsHistoryLimit: props.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: props.failedJobsHistoryLimit,
      jobTemplate: { spec: renderJobSpec(props, this.apiAccess?.serviceAccount.name) },
    };
  }
}

// Construct rules: each stricter than the 1.27 API server, which accepts these and then creates no Job that
// runs as written. Every other rule of the CronJob is the validator's (src/validation), run on what it renders.

const STRICTER = 'stricter than the API server, which accepts it';
const TZ_IN_SCHEDULE = /^(CRON_)?TZ=/;

/** A schedule robfig/cron (and so the API server) accepts but that would not do what it says. */
function scheduleProblems(schedule: string): Problem[] {
  const field = 'spec.schedule';
  if (TZ_IN_SCHEDULE.test(schedule)) {
    return [{ field, value: schedule, message: `must not set a time zone: remove the TZ=/CRON_TZ= prefix and set timeZone (e.g. timeZone: 'Asia/Tokyo') (${STRICTER}; the prefix is not supported by Kubernetes)` }];
  }
  // A schedule robfig/cron refuses is the validator's finding.
  if (parseStandardErrors(schedule).length > 0) return [];
  const fields = schedule.startsWith('@') ? [] : cronFields(schedule);
  const empty = fields.findIndex((f) => /^,+$/.test(f));
  if (empty >= 0) {
    return [{ field, value: schedule, message: `field ${empty + 1} ('${fields[empty]}') lists no values, so the schedule never runs (${STRICTER})` }];
  }
  const every = everyDuration(schedule);
  if (every !== undefined && (every < 1_000_000_000n || every % 1_000_000_000n !== 0n)) {
    return [{ field, value: schedule, message: `must use a whole number of seconds, at least 1s, with @every: robfig/cron rounds other durations (to 1s if shorter) (${STRICTER})` }];
  }
  return [];
}

/** The construct rules of a ScheduledJob's props. */
function scheduledJobProblems(props: ScheduledJobProps, name: string): Problem[] {
  const problems: Problem[] = [
    ...scheduleProblems(props.schedule),
    ...indexedHostnameProblems('metadata.name', name, props.completion, JOB_NAME_SUFFIX).map((p) => ({ ...p, message: `${p.message} (${STRICTER}; the pods cannot be created)` })),
    // A Job spec's fields are the jobTemplate's here.
    ...jobSpecProblems(props, true).map((problem) => ({ ...problem, field: problem.field.replace(/^spec\./, 'spec.jobTemplate.spec.') })),
  ];
  const deadline = props.startingDeadlineSeconds;
  if (deadline !== undefined && Number.isInteger(deadline) && deadline >= 0 && deadline < 10) {
    problems.push({ field: 'spec.startingDeadlineSeconds', value: deadline, message: `must be at least 10: the controller checks schedules every 10 seconds, so a shorter deadline can skip runs (${STRICTER})` });
  }
  return problems;
}
