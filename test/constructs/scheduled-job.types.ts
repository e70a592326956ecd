/**
 * Type tests for ScheduledJob: each `@ts-expect-error` line must fail to compile, so a guarantee that stops
 * holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { Completion, CronSchedule, ScheduledJob, ScheduledJobProps } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'report', image: 'report:1.0' }];

// --- what must compile -------------------------------------------------------------------------------------
new ScheduledJob(chart, 'minute', { containers, schedule: '* * * * *' });
new ScheduledJob(chart, 'spaces', { containers, schedule: ' 0  3 * * * ' });
new ScheduledJob(chart, 'steps', { containers, schedule: '*/15 9-17 * JAN-MAR MON-FRI' });
new ScheduledJob(chart, 'hourly', { containers, schedule: '@hourly' });
new ScheduledJob(chart, 'every', { containers, schedule: '@every 1h30m' });
new ScheduledJob(chart, 'full', {
  containers,
  schedule: '0 3 * * *',
  timeZone: 'Asia/Tokyo',
  concurrencyPolicy: 'Forbid',
  startingDeadlineSeconds: 30,
  successfulJobsHistoryLimit: 0,
  failedJobsHistoryLimit: 1,
  suspend: false,
  backoffLimit: 1,
  ttlSecondsAfterFinished: 600,
  completion: Completion.indexed({ completions: 3 }),
  podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
});
new ScheduledJob(chart, 'replace', { containers, schedule: '@daily', concurrencyPolicy: 'Replace', restartPolicy: 'OnFailure' });
// Computed values are not literals: they compile and are checked at synth.
declare const computedSchedule: string;
declare const computed: number;
new ScheduledJob(chart, 'computed', { containers, schedule: computedSchedule, startingDeadlineSeconds: computed, failedJobsHistoryLimit: computed });
declare const props: ScheduledJobProps;
new ScheduledJob(chart, 'props', props);
const typed: ScheduledJob = new ScheduledJob(chart, 'typed', { containers, schedule: '@daily', failedJobsHistoryLimit: 0, restartPolicy: 'OnFailure' });
const checked: CronSchedule<'0 3 * * *'> = '0 3 * * *';

// --- a schedule literal with the wrong shape does not compile ---------------------------------------------------------
// @ts-expect-error four fields
new ScheduledJob(chart, 'four', { containers, schedule: '* * * *' });
// @ts-expect-error six fields (no seconds field)
new ScheduledJob(chart, 'six', { containers, schedule: '0 0 3 * * *' });
// @ts-expect-error empty
new ScheduledJob(chart, 'empty', { containers, schedule: '' });
// @ts-expect-error unknown macro
new ScheduledJob(chart, 'macro', { containers, schedule: '@fortnightly' });
// @ts-expect-error @reboot is not supported
new ScheduledJob(chart, 'reboot', { containers, schedule: '@reboot' });
// @ts-expect-error the time zone goes in timeZone
new ScheduledJob(chart, 'tz', { containers, schedule: 'TZ=Asia/Tokyo 0 3 * * *' });
// @ts-expect-error CRON_TZ too
new ScheduledJob(chart, 'crontz', { containers, schedule: 'CRON_TZ=UTC @daily' });
// @ts-expect-error a schedule is required
new ScheduledJob(chart, 'none', { containers });
// @ts-expect-error the type alone
const wrong: CronSchedule<'0 3 * *'> = '0 3 * *';

// --- concurrencyPolicy: the three values --------------------------------------------------------------------------------
// @ts-expect-error Skip is not a policy
new ScheduledJob(chart, 'skip', { containers, schedule: '@daily', concurrencyPolicy: 'Skip' });
// @ts-expect-error case matters
new ScheduledJob(chart, 'forbid', { containers, schedule: '@daily', concurrencyPolicy: 'forbid' });

// --- restart policy and pod failure policy, as for BatchJob -------------------------------------------------------------
// @ts-expect-error a Job's pods must not restart Always
new ScheduledJob(chart, 'always', { containers, schedule: '@daily', restartPolicy: 'Always' });
// @ts-expect-error podFailurePolicy needs Never
new ScheduledJob(chart, 'pfp', { containers, schedule: '@daily', restartPolicy: 'OnFailure', podFailurePolicy: { rules: [] } });
// @ts-expect-error an indexed Job needs completions
new ScheduledJob(chart, 'indexed', { containers, schedule: '@daily', completion: Completion.indexed({ parallelism: 2 }) });

// --- history limits, deadlines and job counts reject negative and fractional literals ------------------------------------
// @ts-expect-error negative successfulJobsHistoryLimit
new ScheduledJob(chart, 'succ', { containers, schedule: '@daily', successfulJobsHistoryLimit: -1 });
// @ts-expect-error fractional failedJobsHistoryLimit
new ScheduledJob(chart, 'fail', { containers, schedule: '@daily', failedJobsHistoryLimit: 1.5 });
// @ts-expect-error negative startingDeadlineSeconds
new ScheduledJob(chart, 'start', { containers, schedule: '@daily', startingDeadlineSeconds: -30 });
// @ts-expect-error negative backoffLimit in the job template
new ScheduledJob(chart, 'backoff', { containers, schedule: '@daily', backoffLimit: -1 });
// @ts-expect-error fractional activeDeadlineSeconds
new ScheduledJob(chart, 'active', { containers, schedule: '@daily', activeDeadlineSeconds: 0.5 });

// --- batch/v1beta1 fields and Job-only fields do not exist -----------------------------------------------------------------
// @ts-expect-error a CronJob has no selector
new ScheduledJob(chart, 'selector', { containers, schedule: '@daily', selector: { app: 'x' } });
// @ts-expect-error maxFailedIndexes is Kubernetes 1.28+
new ScheduledJob(chart, 'maxFailed', { containers, schedule: '@daily', maxFailedIndexes: 1 });

// --- typos are caught ----------------------------------------------------------------------------------------------------
// @ts-expect-error a misspelled prop
new ScheduledJob(chart, 'typo', { containers, schedule: '@daily', successfulJobHistoryLimit: 1 });
// @ts-expect-error a CronJob has no replicas
new ScheduledJob(chart, 'replicas', { containers, schedule: '@daily', replicas: 2 });
// @ts-expect-error typos in a container are caught
new ScheduledJob(chart, 'containerTypo', { containers: [{ name: 'a', image: 'a:1', imagePullPolcy: 'Always' }], schedule: '@daily' });
// @ts-expect-error typos in a volume mount are caught
new ScheduledJob(chart, 'mountTypo', { containers: [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'v', mountpath: '/v' }] }], schedule: '@daily' });

export { checked, typed, wrong };
