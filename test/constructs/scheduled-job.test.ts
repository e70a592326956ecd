import { ApiObject } from 'cdk8s';
import { Completion, ScheduledJob, ScheduledJobProps, validateManifest } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const report = { name: 'report', image: 'registry.example.com/shop/report:3.1.0' };

function synthCronJob(props: ScheduledJobProps): { cronJob: any; yaml: string } {
  const { chart } = newChart();
  new ScheduledJob(chart, 'cron', props);
  const [cronJob] = manifestsOfKind(chart, 'CronJob');
  return { cronJob, yaml: chartYaml(chart) };
}

describe('ScheduledJob defaults', () => {
  const { cronJob, yaml } = synthCronJob({ schedule: '0 3 * * *', containers: [report] });
  const jobSpec = cronJob.spec.jobTemplate.spec;

  test('emit the whole CronJob YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('are a batch/v1 CronJob', () => {
    expect(cronJob.apiVersion).toBe('batch/v1');
    expect(cronJob.kind).toBe('CronJob');
  });

  test('emit the schedule, and no field the user did not set (API defaults: Allow, 3 / 1 kept, no deadline)', () => {
    expect(cronJob.spec.schedule).toBe('0 3 * * *');
    for (const field of ['timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
      expect(cronJob.spec[field]).toBeUndefined();
    }
  });

  test('template the same one-shot Job as a BatchJob, restart Never and no selector', () => {
    expect(jobSpec.completions).toBe(1);
    expect(jobSpec.parallelism).toBe(1);
    expect(jobSpec.selector).toBeUndefined();
    expect(jobSpec.template.spec.restartPolicy).toBe('Never');
    expect(cronJob.spec.jobTemplate.metadata).toBeUndefined();
  });
});

describe('ScheduledJob every minute with Allow, a 30 s starting deadline and history limits 5/3', () => {
  const { cronJob, yaml } = synthCronJob({
    metadata: { name: 'heartbeat' },
    schedule: '* * * * *',
    concurrencyPolicy: 'Allow',
    startingDeadlineSeconds: 30,
    successfulJobsHistoryLimit: 5,
    failedJobsHistoryLimit: 3,
    backoffLimit: 1,
    containers: [report],
  });

  test('emits the whole CronJob YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('sets the CronJob fields as given', () => {
    expect(cronJob.spec).toMatchObject({
      schedule: '* * * * *',
      concurrencyPolicy: 'Allow',
      startingDeadlineSeconds: 30,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 3,
    });
  });

  test('puts backoffLimit in the job template', () => {
    expect(cronJob.spec.jobTemplate.spec.backoffLimit).toBe(1);
    expect(cronJob.spec.backoffLimit).toBeUndefined();
  });
});

describe('ScheduledJob with Forbid and a time zone', () => {
  const { cronJob, yaml } = synthCronJob({
    metadata: { name: 'nightly-report' },
    schedule: '30 2 * * MON-FRI',
    timeZone: 'Asia/Tokyo',
    concurrencyPolicy: 'Forbid',
    activeDeadlineSeconds: 3600,
    podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    containers: [report],
  });

  test('emits the whole CronJob YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('skips a run while the previous one is active, in Tokyo time', () => {
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    expect(cronJob.spec.timeZone).toBe('Asia/Tokyo');
    expect(cronJob.spec.schedule).toBe('30 2 * * MON-FRI');
  });

  test('emits the pod condition status, which a jobTemplate does not default', () => {
    expect(cronJob.spec.jobTemplate.spec.podFailurePolicy).toEqual({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
  });
});

describe('ScheduledJob options', () => {
  test('Replace, suspend, indexed jobs, OnFailure and macros', () => {
    const { chart } = newChart();
    const scheduled = new ScheduledJob(chart, 'cron', {
      schedule: '@every 1h30m',
      concurrencyPolicy: 'Replace',
      suspend: true,
      completion: Completion.indexed({ completions: 4, parallelism: 2 }),
      restartPolicy: 'OnFailure',
      containers: [report],
    });
    const [cronJob] = manifestsOfKind(chart, 'CronJob');
    expect(ApiObject.of(scheduled)).toBe(scheduled.apiObject);
    expect(cronJob.metadata.name).toBe(scheduled.name);
    expect(cronJob.spec).toMatchObject({ schedule: '@every 1h30m', concurrencyPolicy: 'Replace', suspend: true });
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 2 });
    expect(cronJob.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });
});

describe('ScheduledJob output', () => {
  test('passes the API server\'s 1.27 create-time rules (validateManifest), podFailurePolicy status included', () => {
    const variants: ScheduledJobProps[] = [
      { schedule: '0 3 * * *', containers: [report] },
      { schedule: '* * * * *', concurrencyPolicy: 'Allow', startingDeadlineSeconds: 30, successfulJobsHistoryLimit: 5, failedJobsHistoryLimit: 3, backoffLimit: 1, containers: [report] },
      {
        schedule: '30 2 * * MON-FRI',
        timeZone: 'Asia/Tokyo',
        concurrencyPolicy: 'Forbid',
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        containers: [report],
      },
      { schedule: '@every 1h30m', concurrencyPolicy: 'Replace', completion: Completion.indexed({ completions: 4 }), restartPolicy: 'OnFailure', containers: [report] },
    ];
    for (const props of variants) {
      expect(validateManifest(synthCronJob(props).cronJob)).toEqual([]);
    }
  });
});

describe('ScheduledJob synth-time errors', () => {
  function errorsOf(props: ScheduledJobProps): string[] {
    const { app, chart } = newChart();
    new ScheduledJob(chart, 'cron', props);
    return synthErrors(app);
  }
  // Values computed at run time: the types cannot see them.
  const runtime = <T>(value: T): T => value;

  test('fails on out-of-range fields, naming each field and its range', () => {
    expect(errorsOf({ schedule: runtime('60 24 0 13 7'), containers: [report] })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "60 24 0 13 7": end of range (60) above maximum (59): 60 (minute field: minute is 0-59)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "60 24 0 13 7": end of range (24) above maximum (23): 24 (hour field: hour is 0-23)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "60 24 0 13 7": beginning of range (0) below minimum (1): 0 (day-of-month field: day-of-month is 1-31)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "60 24 0 13 7": end of range (13) above maximum (12): 13 (month field: month is 1-12 or JAN-DEC)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "60 24 0 13 7": end of range (7) above maximum (6): 7 (day-of-week field: day-of-week is 0-6 or SUN-SAT (Sunday is 0; 7 is an error in Kubernetes))',
    ]);
  });

  test('fails on bad steps, names and field counts', () => {
    expect(errorsOf({ schedule: runtime('*/0 * * * funday'), containers: [report] })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "*/0 * * * funday": step of range should be a positive number: */0 (minute field: minute is 0-59)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "*/0 * * * funday": failed to parse int from funday: strconv.Atoi: parsing "funday": invalid syntax (day-of-week field: day-of-week is 0-6 or SUN-SAT (Sunday is 0; 7 is an error in Kubernetes))',
    ]);
    expect(errorsOf({ schedule: runtime('0 0 3 * * *'), containers: [report] })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "0 0 3 * * *": expected exactly 5 fields, found 6: [0 0 3 * * *] (expected \'minute hour day-of-month month day-of-week\', e.g. \'0 3 * * *\', or a macro such as \'@daily\' or \'@every 1h\')',
    ]);
    expect(errorsOf({ schedule: runtime('@fortnightly'), containers: [report] })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly (expected \'minute hour day-of-month month day-of-week\', e.g. \'0 3 * * *\', or a macro such as \'@daily\' or \'@every 1h\')',
    ]);
  });

  test('fails on schedules robfig/cron accepts but would not run as written', () => {
    expect(errorsOf({ schedule: runtime(', * * * *'), containers: [report] }))
      .toEqual(['[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: ", * * * *": field 1 (\',\') lists no values, so the schedule never runs (stricter than the API server, which accepts it)']);
    expect(errorsOf({ schedule: runtime('@every 500ms'), containers: [report] }))
      .toEqual(['[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "@every 500ms": must use a whole number of seconds, at least 1s, with @every: robfig/cron rounds other durations (to 1s if shorter) (stricter than the API server, which accepts it)']);
  });

  test('fails if the schedule sets a time zone: use timeZone', () => {
    for (const schedule of ['TZ=Asia/Tokyo 0 3 * * *', 'CRON_TZ=UTC @daily']) {
      expect(errorsOf({ schedule: runtime(schedule), containers: [report] }))
        .toEqual([`[test/cron] CronJob test-cron-c8295dc3: spec.schedule: Invalid value: "${schedule}": must not set a time zone: remove the TZ=/CRON_TZ= prefix and set timeZone (e.g. timeZone: 'Asia/Tokyo') (stricter than the API server, which accepts it; the prefix is not supported by Kubernetes)`]);
    }
  });

  test('fails on unknown, miscased and Local time zones', () => {
    expect(errorsOf({ schedule: '@daily', timeZone: 'Asia/Tokio', containers: [report] }))
      .toEqual(['[test/cron] CronJob test-cron-c8295dc3: spec.timeZone: Invalid value: "Asia/Tokio": unknown time zone Asia/Tokio: it is not a known IANA time zone; use a name from the tz database such as \'Asia/Tokyo\', \'Europe/Berlin\' or \'UTC\'']);
    expect(errorsOf({ schedule: '@daily', timeZone: 'europe/berlin', containers: [report] }))
      .toEqual(['[test/cron] CronJob test-cron-c8295dc3: spec.timeZone: Invalid value: "europe/berlin": unknown time zone europe/berlin: it is not spelled as in the tz database (names are case-sensitive); did you mean \'Europe/Berlin\'?']);
    expect(errorsOf({ schedule: '@daily', timeZone: 'Local', containers: [report] }))
      .toEqual(['[test/cron] CronJob test-cron-c8295dc3: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']);
  });

  test('generates names of at most 52 characters', () => {
    const { chart } = newChart();
    const id = 'a-rather-long-construct-id-for-the-nightly-report-of-the-shop';
    expect(`test-${id}`.length).toBeGreaterThan(52);
    const scheduled = new ScheduledJob(chart, id, { schedule: '@daily', containers: [report] });
    const [cronJob] = manifestsOfKind(chart, 'CronJob');
    expect(scheduled.name.length).toBeLessThanOrEqual(52);
    expect(cronJob.metadata.name).toBe(scheduled.name);
  });

  test('fails if the name is longer than 52 characters', () => {
    const name = 'n'.repeat(53);
    expect(errorsOf({ metadata: { name }, schedule: '@daily', containers: [report] }))
      .toEqual([`[test/cron] CronJob ${name}: metadata.name: Invalid value: "${name}": must be no more than 52 characters: the controller appends up to 11 characters to name each Job`]);
  });

  test('fails if an indexed job template would give pods hostnames that are not DNS labels', () => {
    const name = 'n'.repeat(50);
    expect(errorsOf({ metadata: { name }, schedule: '@daily', completion: Completion.indexed({ completions: 100 }), containers: [report] })).toEqual([
      `[test/cron] CronJob ${name}: metadata.name: Invalid value: "${name}": must be at most 49 characters for an indexed Job with 100 completions: the last pod's hostname '${name}-<minute>-99' must be no more than 63 characters (stricter than the API server, which accepts it; the pods cannot be created)`,
    ]);
  });

  test('fails on negative counts and short deadlines computed at run time, in jobTemplate terms', () => {
    expect(errorsOf({
      schedule: '@hourly',
      startingDeadlineSeconds: runtime(5),
      successfulJobsHistoryLimit: runtime(-1),
      failedJobsHistoryLimit: runtime(1.5),
      backoffLimit: runtime(-1),
      completion: Completion.indexed({ completions: 3, parallelism: runtime(200000) }),
      containers: [report],
    })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.startingDeadlineSeconds: Invalid value: 5: must be at least 10: the controller checks schedules every 10 seconds, so a shorter deadline can skip runs (stricter than the API server, which accepts it)',
      '[test/cron] CronJob test-cron-c8295dc3: spec.failedJobsHistoryLimit: Invalid value: 1.5: must be an integer',
      '[test/cron] CronJob test-cron-c8295dc3: spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      '[test/cron] CronJob test-cron-c8295dc3: spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      '[test/cron] CronJob test-cron-c8295dc3: spec.jobTemplate.spec.parallelism: Invalid value: 200000: must be less than or equal to 100000 when completion mode is Indexed',
    ]);
  });

  test('fails on pod-template and podFailurePolicy problems at their jobTemplate paths', () => {
    expect(errorsOf({
      schedule: '@hourly',
      containers: [{ ...report, image: '' }],
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [1] } }] },
    })).toEqual([
      '[test/cron] CronJob test-cron-c8295dc3: spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "main": must be one of the container or initContainer names in the pod template',
      "[test/cron] CronJob test-cron-c8295dc3: spec.jobTemplate.spec.template.spec.containers[0].image: Required value: an image reference such as 'nginx:1.25'",
    ]);
  });
});
