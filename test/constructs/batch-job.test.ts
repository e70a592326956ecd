import { ApiObject, JsonPatch } from 'cdk8s';
import { BatchJob, BatchJobProps, Completion, validateManifest } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const migrate = { name: 'migrate', image: 'registry.example.com/shop/migrate:2.3.0', args: ['up'] };
const worker = { name: 'worker', image: 'registry.example.com/shop/worker:1.0.0' };

function synthJob(props: BatchJobProps): { job: any; yaml: string } {
  const { chart } = newChart();
  new BatchJob(chart, 'job', props);
  const [job] = manifestsOfKind(chart, 'Job');
  return { job, yaml: chartYaml(chart) };
}

describe('BatchJob defaults: a one-shot Job', () => {
  const { job, yaml } = synthJob({ containers: [migrate] });
  const pod = job.spec.template.spec;

  test('emit the whole Job YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('are a batch/v1 Job', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.kind).toBe('Job');
  });

  test('run one pod to completion', () => {
    expect(job.spec.completions).toBe(1);
    expect(job.spec.parallelism).toBe(1);
    expect(job.spec.completionMode).toBeUndefined();
  });

  test('restart Never, so failed pods keep their logs', () => {
    expect(pod.restartPolicy).toBe('Never');
  });

  test('leave selector and pod labels to the API server', () => {
    expect(job.spec.selector).toBeUndefined();
    expect(job.spec.manualSelector).toBeUndefined();
    expect(job.spec.template.metadata).toBeUndefined();
  });

  test('emit no retry, deadline, TTL or suspend fields (API defaults: backoffLimit 6, kept forever, not suspended)', () => {
    for (const field of ['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'suspend', 'podFailurePolicy']) {
      expect(job.spec[field]).toBeUndefined();
    }
  });

  test('lock the container down', () => {
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
  });
});

describe('BatchJob completion patterns', () => {
  test('one-shot: a database migration', () => {
    const { job, yaml } = synthJob({
      metadata: { name: 'shop-migrate' },
      containers: [migrate],
      completion: Completion.oneShot(),
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86400,
    });
    expect(yaml).toMatchSnapshot();
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 });
  });

  test('fixed completion count: 12 shards, 3 at a time', () => {
    const { job, yaml } = synthJob({ metadata: { name: 'reindex' }, containers: [worker], completion: Completion.fixedCount({ completions: 12, parallelism: 3 }) });
    expect(yaml).toMatchSnapshot();
    expect(job.spec.completions).toBe(12);
    expect(job.spec.parallelism).toBe(3);
    expect(job.spec.completionMode).toBeUndefined();
  });

  test('fixed completion count runs one pod at a time unless told otherwise', () => {
    const { job } = synthJob({ containers: [worker], completion: Completion.fixedCount({ completions: 5 }) });
    expect(job.spec.completions).toBe(5);
    expect(job.spec.parallelism).toBe(1);
  });

  test('work queue: 4 workers, no completions', () => {
    const { job, yaml } = synthJob({ metadata: { name: 'drain-queue' }, containers: [worker], completion: Completion.workQueue({ parallelism: 4 }) });
    expect(yaml).toMatchSnapshot();
    expect(job.spec.parallelism).toBe(4);
    expect('completions' in job.spec).toBe(false);
  });

  test('indexed: each of 5 pods gets its index', () => {
    const { job, yaml } = synthJob({
      metadata: { name: 'render-frames' },
      containers: [worker],
      completion: Completion.indexed({ completions: 5, parallelism: 2 }),
    });
    expect(yaml).toMatchSnapshot();
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 5, parallelism: 2 });
  });
});

describe('BatchJob podFailurePolicy and restart policy', () => {
  const { job, yaml } = synthJob({
    metadata: { name: 'train-model' },
    containers: [{ ...worker, name: 'main' }],
    initContainers: [{ name: 'fetch', image: 'registry.example.com/fetch:1.0' }],
    backoffLimit: 6,
    podFailurePolicy: {
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42, 3, 17] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } },
      ],
    },
  });

  test('emits the whole Job YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('sorts exit codes ascending, as the API server requires', () => {
    expect(job.spec.podFailurePolicy.rules[0]).toEqual({
      action: 'FailJob',
      onExitCodes: { containerName: 'main', operator: 'In', values: [3, 17, 42] },
    });
  });

  test('emits the pod condition status explicitly', () => {
    expect(job.spec.podFailurePolicy.rules[1]).toEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
  });

  test('keeps restartPolicy Never', () => {
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('OnFailure restarts the container in the pod', () => {
    const { job: onFailure } = synthJob({ containers: [worker], restartPolicy: 'OnFailure' });
    expect(onFailure.spec.template.spec.restartPolicy).toBe('OnFailure');
  });
});

describe('BatchJob options', () => {
  test('suspend, pod labels, liveness probe and ApiObject.of', () => {
    const { chart } = newChart();
    const batchJob = new BatchJob(chart, 'job', {
      containers: [{ ...worker, livenessProbe: { exec: { command: ['/bin/healthy'] }, periodSeconds: 30 } }],
      podMetadata: { labels: { team: 'data' } },
      suspend: true,
    });
    ApiObject.of(batchJob).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { memory: '1Gi' } }));
    const [job] = manifestsOfKind(chart, 'Job');
    expect(ApiObject.of(batchJob)).toBe(batchJob.apiObject);
    expect(job.metadata.name).toBe(batchJob.name);
    expect(job.spec.suspend).toBe(true);
    expect(job.spec.template.metadata).toEqual({ labels: { team: 'data' } });
    expect(job.spec.template.spec.containers[0].livenessProbe).toEqual({ exec: { command: ['/bin/healthy'] }, periodSeconds: 30 });
    expect(job.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
  });
});

describe('BatchJob output', () => {
  test('passes the API server\'s 1.27 create-time rules (validateManifest) for every pattern and option', () => {
    const variants: BatchJobProps[] = [
      { containers: [migrate] },
      {
        containers: [worker],
        completion: Completion.fixedCount({ completions: 12, parallelism: 3 }),
        backoffLimit: 0,
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 0,
      },
      { containers: [worker], completion: Completion.workQueue({ parallelism: 4 }), restartPolicy: 'OnFailure', suspend: true },
      { metadata: { name: 'frames' }, containers: [worker], completion: Completion.indexed({ completions: 5, parallelism: 2 }) },
      {
        containers: [{ ...worker, name: 'main' }],
        podFailurePolicy: {
          rules: [
            { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42, 3] } },
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          ],
        },
      },
    ];
    for (const props of variants) {
      expect(validateManifest(synthJob(props).job)).toEqual([]);
    }
  });
});

describe('BatchJob synth-time errors', () => {
  function errorsOf(props: BatchJobProps): string[] {
    const { app, chart } = newChart();
    new BatchJob(chart, 'job', props);
    return synthErrors(app);
  }
  // Values computed at run time: the types cannot see them.
  const runtime = (value: number): number => value;

  test('fails on negative and fractional counts computed at run time', () => {
    expect(errorsOf({
      containers: [worker],
      completion: Completion.fixedCount({ completions: runtime(-1), parallelism: runtime(1.5) }),
      backoffLimit: runtime(-2),
      activeDeadlineSeconds: runtime(0.5),
      ttlSecondsAfterFinished: runtime(-60),
    })).toEqual([
      '[test/job] Job test-job-c8bab9c7: spec.activeDeadlineSeconds: Invalid value: 0.5: must be an integer',
      '[test/job] Job test-job-c8bab9c7: spec.parallelism: Invalid value: 1.5: must be an integer',
      '[test/job] Job test-job-c8bab9c7: spec.completions: Invalid value: -1: must be greater than or equal to 0',
      '[test/job] Job test-job-c8bab9c7: spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
      '[test/job] Job test-job-c8bab9c7: spec.ttlSecondsAfterFinished: Invalid value: -60: must be greater than or equal to 0',
    ]);
  });

  test('fails if an indexed Job runs more than 100000 pods at once', () => {
    expect(errorsOf({ metadata: { name: 'frames' }, containers: [worker], completion: Completion.indexed({ completions: 200000, parallelism: runtime(100001) }) }))
      .toEqual(['[test/job] Job frames: spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed']);
  });

  test('fails if the name cannot become the pods\' job-name label', () => {
    const name = `a${'b'.repeat(63)}`;
    // The API server puts the name on every pod as the job-name and batch.kubernetes.io/job-name labels.
    expect(errorsOf({ metadata: { name }, containers: [worker] })).toEqual([
      `[test/job] Job ${name}: spec.template.labels: Invalid value: "${name}": must be no more than 63 characters`,
      `[test/job] Job ${name}: spec.template.labels: Invalid value: "${name}": must be no more than 63 characters`,
    ]);
  });

  test('fails if an indexed Job\'s last pod hostname is not a DNS label', () => {
    const name = 'x'.repeat(61);
    expect(errorsOf({ metadata: { name }, containers: [worker], completion: Completion.indexed({ completions: 100 }) })).toEqual([
      `[test/job] Job ${name}: metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-99`,
    ]);
    expect(errorsOf({ metadata: { name: 'render.frames' }, containers: [worker], completion: Completion.indexed({ completions: 3 }) })).toEqual([
      '[test/job] Job render.frames: metadata.name: Invalid value: "render.frames": will not able to create pod with invalid DNS label: render.frames-2',
    ]);
  });

  test('accepts a dotted name for a non-indexed Job (the API server only warns)', () => {
    const { job } = synthJob({ metadata: { name: 'render.frames' }, containers: [worker] });
    expect(job.metadata.name).toBe('render.frames');
  });

  test('fails on podFailurePolicy rules the API server rejects', () => {
    const tooMany = Array.from({ length: 21 }, () => ({ action: 'Count' as const, onExitCodes: { operator: 'In' as const, values: [1] } }));
    expect(errorsOf({ containers: [worker], podFailurePolicy: { rules: tooMany } }))
      .toEqual(['[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items']);

    expect(errorsOf({
      containers: [worker],
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'wroker', operator: 'In', values: [0, 5, 5, 1.5] } },
          { action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [] } },
          { action: 'Ignore', onPodConditions: [] },
          { action: 'Ignore', onPodConditions: [{ type: 'Disruption Target' }] },
        ],
      },
    })).toEqual([
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 1.5: must be an integer',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "wroker": must be one of the container or initContainer names in the pod template',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 5',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[1].onExitCodes.values: Invalid value: []: at least one value is required',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[2]: Invalid value: <nil>: specifying one of OnExitCodes and OnPodConditions is required',
      '[test/job] Job test-job-c8bab9c7: spec.podFailurePolicy.rules[3].onPodConditions[0].type: Invalid value: "Disruption Target": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\' or \'my.name\')',
    ]);
  });

  test('fails if podFailurePolicy comes with a restartPolicy computed as OnFailure', () => {
    const computed = (policy: 'Never' | 'OnFailure') => policy;
    const restartPolicy = computed('OnFailure');
    expect(errorsOf({ containers: [worker], restartPolicy, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3] } }] } }))
      .toEqual(['[test/job] Job test-job-c8bab9c7: spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified']);
  });

  test('fails if the pod template sets the labels the API server generates', () => {
    expect(errorsOf({ containers: [worker], podMetadata: { labels: { 'job-name': 'other' } } }))
      .toEqual(['[test/job] Job test-job-c8bab9c7: spec.template.metadata.labels[job-name]: Invalid value: "other": must be \'test-job-c8bab9c7\': the API server sets this label; leave it out']);
  });

  test('fails with the shared pod-template rules, every problem at once', () => {
    const { app, chart } = newChart();
    new BatchJob(chart, 'a', { containers: [] });
    new BatchJob(chart, 'b', { containers: [{ name: 'Worker', image: '' }], metadata: { name: 'B' } });
    expect(synthErrors(app)).toEqual([
      '[test/a] Job test-a-c8988b32: spec.template.spec.containers: Required value',
      '[test/b] Job B: metadata.name: Invalid value: "B": must be a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. \'example.com\')',
      '[test/b] Job B: spec.template.spec.containers[0].name: Invalid value: "Worker": must be a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. \'my-name\')',
      "[test/b] Job B: spec.template.spec.containers[0].image: Required value: an image reference such as 'nginx:1.25'",
    ]);
  });
});
