/**
 * Type tests for BatchJob: each `@ts-expect-error` line must fail to compile, so a guarantee that stops
 * holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { BatchJob, BatchJobProps, Completion } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'migrate', image: 'migrate:1.0' }];

// --- what must compile -------------------------------------------------------------------------------------
new BatchJob(chart, 'default', { containers });
new BatchJob(chart, 'counts', { containers, backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400, suspend: true });
new BatchJob(chart, 'onFailure', { containers, restartPolicy: 'OnFailure' });
new BatchJob(chart, 'never', { containers, restartPolicy: 'Never', podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } });
// Never is the default, so a pod failure policy needs no restartPolicy.
new BatchJob(chart, 'policy', { containers, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
Completion.oneShot();
Completion.fixedCount({ completions: 10 });
Completion.fixedCount({ completions: 10, parallelism: 3 });
Completion.workQueue({ parallelism: 4 });
Completion.indexed({ completions: 5 });
Completion.indexed({ completions: 5, parallelism: 0 });
// Computed values are not literals: they compile and are checked at synth.
declare const computed: number;
new BatchJob(chart, 'computed', { containers, backoffLimit: computed, activeDeadlineSeconds: computed, ttlSecondsAfterFinished: computed });
Completion.fixedCount({ completions: computed, parallelism: computed });
declare const computedPolicy: 'Never' | 'OnFailure';
new BatchJob(chart, 'computedPolicy', { containers, restartPolicy: computedPolicy, podFailurePolicy: { rules: [] } });
declare const props: BatchJobProps;
new BatchJob(chart, 'props', props);
const typed: BatchJob = new BatchJob(chart, 'typed', { containers, backoffLimit: 1, restartPolicy: 'OnFailure' });

// --- restartPolicy: OnFailure or Never --------------------------------------------------------------------------
// @ts-expect-error a Job's pods must not restart Always
new BatchJob(chart, 'always', { containers, restartPolicy: 'Always' });

// --- podFailurePolicy only with restartPolicy Never ---------------------------------------------------------------
// @ts-expect-error podFailurePolicy needs Never
new BatchJob(chart, 'pfp', { containers, restartPolicy: 'OnFailure', podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [1] } }] } });
// FailIndex (Kubernetes 1.28+) compiles; the validator judges it by the target version.
new BatchJob(chart, 'failIndex', {
  containers,
  completion: Completion.indexed({ completions: 3, backoffLimitPerIndex: 1 }),
  podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] },
});
// @ts-expect-error a rule matches exit codes or pod conditions, not both
new BatchJob(chart, 'both', { containers, podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
// @ts-expect-error a rule needs something to match
new BatchJob(chart, 'neither', { containers, podFailurePolicy: { rules: [{ action: 'Count' }] } });
// @ts-expect-error only In and NotIn
new BatchJob(chart, 'op', { containers, podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'Equals', values: [1] } }] } });
// @ts-expect-error condition status is True, False or Unknown
new BatchJob(chart, 'status', { containers, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Yes' }] }] } });

// --- Indexed only with completions; each pattern takes only its own counts -------------------------------------------
// @ts-expect-error an indexed Job needs completions
Completion.indexed({ parallelism: 3 });
// @ts-expect-error a work queue has no completions
Completion.workQueue({ parallelism: 3, completions: 10 });
// @ts-expect-error a fixed count needs completions
Completion.fixedCount({ parallelism: 3 });
// @ts-expect-error one-shot takes no counts
Completion.oneShot({ completions: 2 });

// --- counts reject negative and fractional literals -------------------------------------------------------------------
// @ts-expect-error negative completions
Completion.fixedCount({ completions: -1 });
// @ts-expect-error fractional parallelism
Completion.fixedCount({ completions: 4, parallelism: 1.5 });
// @ts-expect-error negative parallelism
Completion.workQueue({ parallelism: -2 });
// @ts-expect-error fractional completions
Completion.indexed({ completions: 2.5 });
// @ts-expect-error negative backoffLimit
new BatchJob(chart, 'backoff', { containers, backoffLimit: -1 });
// @ts-expect-error fractional backoffLimit
new BatchJob(chart, 'backoff2', { containers, backoffLimit: 0.5 });
// @ts-expect-error negative activeDeadlineSeconds
new BatchJob(chart, 'deadline', { containers, activeDeadlineSeconds: -60 });
// @ts-expect-error fractional ttlSecondsAfterFinished
new BatchJob(chart, 'ttl', { containers, ttlSecondsAfterFinished: 1.5 });
// @ts-expect-error the check holds with OnFailure too
new BatchJob(chart, 'onFailureBackoff', { containers, restartPolicy: 'OnFailure', backoffLimit: -3 });

// --- per-index fields only with Completion.indexed; no selector --------------------------------------------------------
// @ts-expect-error backoffLimitPerIndex is an option of Completion.indexed, not of the Job
new BatchJob(chart, 'perIndex', { containers, backoffLimitPerIndex: 1 });
// @ts-expect-error the API server accepts backoffLimitPerIndex only with Indexed completion
Completion.fixedCount({ completions: 3, backoffLimitPerIndex: 1 });
// @ts-expect-error the API server accepts maxFailedIndexes only with Indexed completion
Completion.fixedCount({ completions: 3, maxFailedIndexes: 1 });
// @ts-expect-error the API server accepts successPolicy only with Indexed completion
Completion.fixedCount({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } });
// @ts-expect-error a work queue has no indexes
Completion.workQueue({ parallelism: 2, backoffLimitPerIndex: 1 });
// @ts-expect-error podReplacementPolicy is Failed or TerminatingOrFailed
new BatchJob(chart, 'replacementAlways', { containers, podReplacementPolicy: 'Always' });
new BatchJob(chart, 'replacement', { containers, podReplacementPolicy: 'Failed', managedBy: 'kueue.x-k8s.io/multikueue' });
// @ts-expect-error the API server generates a Job's selector
new BatchJob(chart, 'selector', { containers, selector: { app: 'x' } });
// @ts-expect-error a typo is caught
new BatchJob(chart, 'typo', { containers, backofLimit: 1 });
// @ts-expect-error a typo is caught next to checked literals too
new BatchJob(chart, 'typo2', { containers, backoffLimit: 1, restartPolicy: 'Never', ttlSecondsAfterFinish: 60 });
// @ts-expect-error a Job has no replicas (parallelism is in completion)
new BatchJob(chart, 'replicas', { containers, replicas: 3 });
// @ts-expect-error typos in a container are caught
new BatchJob(chart, 'containerTypo', { containers: [{ name: 'a', image: 'a:1', imagePullPolcy: 'Always' }] });
// @ts-expect-error typos in a volume mount are caught
new BatchJob(chart, 'mountTypo', { containers: [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'v', mountpath: '/v' }] }] });

export { typed };
