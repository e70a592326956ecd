import { Chart, Testing } from 'cdk8s';
import { BatchJob, Completion, KubernetesTarget, ScheduledJob, validateManifest } from '../../src';
import { manifestsOfKind, synthErrors } from '../util';

// The Job fields of Kubernetes 1.28+ (#15): rendered only when set; the validator judges them by the target.
const worker = { name: 'worker', image: 'registry.example.com/shop/worker:1.0.0' };

function chartFor(version?: '1.27' | '1.36'): { app: ReturnType<typeof Testing.app>; chart: Chart } {
  const app = Testing.app();
  if (version) KubernetesTarget.set(app, version);
  return { app, chart: new Chart(app, 'test') };
}

const indexed = Completion.indexed({
  completions: 10,
  parallelism: 2,
  backoffLimitPerIndex: 1,
  maxFailedIndexes: 3,
  successPolicy: { rules: [{ succeededIndexes: '0-4', succeededCount: 2 }] },
});

describe('BatchJob fields of Kubernetes 1.28+', () => {
  test('render as given, and a 1.36 target accepts them', () => {
    const { chart } = chartFor('1.36');
    new BatchJob(chart, 'job', {
      containers: [worker],
      completion: indexed,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
      podReplacementPolicy: 'Failed',
      managedBy: 'kueue.x-k8s.io/multikueue',
    });
    const [job] = manifestsOfKind(chart, 'Job');
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 3,
      successPolicy: { rules: [{ succeededIndexes: '0-4', succeededCount: 2 }] },
      podReplacementPolicy: 'Failed',
      managedBy: 'kueue.x-k8s.io/multikueue',
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
    });
    expect(validateManifest(job, { kubernetesVersion: '1.36' })).toEqual([]);
  });

  test('are not rendered when not set', () => {
    const { chart } = chartFor();
    new BatchJob(chart, 'job', { containers: [worker], completion: Completion.indexed({ completions: 3 }) });
    const [job] = manifestsOfKind(chart, 'Job');
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy', 'podReplacementPolicy', 'managedBy']) {
      expect(job.spec).not.toHaveProperty(field);
    }
  });

  test('on a 1.27 target, synth reports the field unknown at the construct', () => {
    const { app, chart } = chartFor('1.27');
    new BatchJob(chart, 'job', { metadata: { name: 'replace' }, containers: [worker], podReplacementPolicy: 'TerminatingOrFailed' });
    expect(synthErrors(app)).toEqual([
      '[test/job] Job replace: spec.podReplacementPolicy: Forbidden: unknown field: added in Kubernetes 1.28, '
        + "it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
    ]);
  });

  test('on a 1.36 target, synth reports the server\'s rule: TerminatingOrFailed with a podFailurePolicy', () => {
    const { app, chart } = chartFor('1.36');
    new BatchJob(chart, 'job', {
      metadata: { name: 'replace' },
      containers: [worker],
      podReplacementPolicy: 'TerminatingOrFailed',
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] },
    });
    expect(synthErrors(app)).toEqual([
      '[test/job] Job replace: spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
    ]);
  });

  test("a ScheduledJob's jobTemplate renders them too", () => {
    const { chart } = chartFor('1.36');
    new ScheduledJob(chart, 'cron', { schedule: '0 3 * * *', containers: [worker], completion: indexed, managedBy: 'example.com/batch' });
    const [cronJob] = manifestsOfKind(chart, 'CronJob');
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ backoffLimitPerIndex: 1, maxFailedIndexes: 3, managedBy: 'example.com/batch' });
    expect(validateManifest(cronJob, { kubernetesVersion: '1.36' })).toEqual([]);
  });
});
