import { InvalidCase, Manifest, ValidCase, changed, testCases } from './cases';
import { KubernetesVersion, formatViolation, validateManifest } from '../../src';

// From TestValidateCronJob and the timeZone cases of TestValidateCronJobSpec
// (pkg/apis/batch/validation/validation_test.go, release-1.27), rebased onto one valid batch/v1 manifest.
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'mycronjob', namespace: 'default' },
  spec: {
    schedule: '* * * * ?',
    jobTemplate: {
      spec: {
        template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'abc', image: 'image:1' }] } },
      },
    },
  },
};

const J = 'spec.jobTemplate.spec';

const valid: ValidCase[] = [
  { name: 'non-standard scheduled (@hourly)', change: (m) => { m.spec.schedule = '@hourly'; } },
  { name: '@every 1h30m', change: (m) => { m.spec.schedule = '@every 1h30m'; } },
  { name: 'TZ= in the schedule without timeZone (accepted in 1.27, rejected from 1.29)', change: (m) => { m.spec.schedule = 'TZ=UTC 0 0 * * *'; } },
  { name: 'timeZone Etc/UTC', change: (m) => { m.spec.timeZone = 'Etc/UTC'; } },
  { name: 'timeZone America/New_York', change: (m) => { m.spec.timeZone = 'America/New_York'; } },
  { name: 'timeZone UTC', change: (m) => { m.spec.timeZone = 'UTC'; } },
  { name: 'name of 52 characters', change: (m) => { m.metadata.name = 'a'.repeat(52); } },
  { name: 'concurrencyPolicy left empty (defaulted to Allow)', change: (m) => { m.spec.concurrencyPolicy = ''; } },
  { name: 'history limits 0', change: (m) => { m.spec.successfulJobsHistoryLimit = 0; m.spec.failedJobsHistoryLimit = 0; } },
  { name: 'Indexed job template with completions', change: (m) => { m.spec.jobTemplate.spec.completionMode = 'Indexed'; m.spec.jobTemplate.spec.completions = 3; } },
];

const invalid: InvalidCase[] = [
  { name: 'spec.schedule: Invalid value', change: (m) => { m.spec.schedule = 'error'; }, field: 'spec.schedule', type: 'Invalid value', message: 'expected exactly 5 fields, found 1: [error]' },
  { name: 'spec.schedule: Required value', change: (m) => { m.spec.schedule = ''; }, field: 'spec.schedule', type: 'Required value' },
  { name: 'schedule with a seconds field', change: (m) => { m.spec.schedule = '0 * * * * *'; }, field: 'spec.schedule', type: 'Invalid value', message: 'expected exactly 5 fields, found 6' },
  { name: 'unknown descriptor', change: (m) => { m.spec.schedule = '@fortnightly'; }, field: 'spec.schedule', type: 'Invalid value', message: 'unrecognized descriptor: @fortnightly' },
  { name: '@every without a unit', change: (m) => { m.spec.schedule = '@every 10'; }, field: 'spec.schedule', type: 'Invalid value', message: 'failed to parse duration @every 10' },
  { name: 'TZ in the schedule and timeZone', change: (m) => { m.spec.schedule = 'TZ=UTC 0 0 * * *'; m.spec.timeZone = 'UTC'; }, field: 'spec.schedule', type: 'Invalid value', message: 'cannot use both timeZone field and TZ or CRON_TZ in schedule' },
  { name: 'day-of-week 7 (robfig allows 0-6)', change: (m) => { m.spec.schedule = '0 0 * * 7'; }, field: 'spec.schedule', type: 'Invalid value', message: 'end of range (7) above maximum (6): 7' },
  { name: 'minute 60', change: (m) => { m.spec.schedule = '60 * * * *'; }, field: 'spec.schedule', type: 'Invalid value', message: 'end of range (60) above maximum (59): 60' },
  { name: 'bad step', change: (m) => { m.spec.schedule = '*/x * * * *'; }, field: 'spec.schedule', type: 'Invalid value', message: 'failed to parse int from x' },
  { name: 'unknown month name', change: (m) => { m.spec.schedule = '0 0 1 FOO *'; }, field: 'spec.schedule', type: 'Invalid value', message: 'failed to parse int from FOO' },
  { name: 'bad location in CRON_TZ', change: (m) => { m.spec.schedule = 'CRON_TZ=Mars/Phobos 0 0 * * *'; }, field: 'spec.schedule', type: 'Invalid value', message: 'provided bad location Mars/Phobos' },
  { name: 'spec.startingDeadlineSeconds:must be greater than or equal to 0', change: (m) => { m.spec.startingDeadlineSeconds = -1; }, field: 'spec.startingDeadlineSeconds', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'spec.successfulJobsHistoryLimit: must be greater than or equal to 0', change: (m) => { m.spec.successfulJobsHistoryLimit = -1; }, field: 'spec.successfulJobsHistoryLimit', type: 'Invalid value' },
  { name: 'spec.failedJobsHistoryLimit: must be greater than or equal to 0', change: (m) => { m.spec.failedJobsHistoryLimit = -1; }, field: 'spec.failedJobsHistoryLimit', type: 'Invalid value' },
  { name: 'spec.concurrencyPolicy: Unsupported value', change: (m) => { m.spec.concurrencyPolicy = 'Skip'; }, field: 'spec.concurrencyPolicy', type: 'Unsupported value', message: 'supported values: "Allow", "Forbid", "Replace"' },
  { name: 'spec.timeZone: empty string', change: (m) => { m.spec.timeZone = ''; }, field: 'spec.timeZone', type: 'Invalid value', message: 'timeZone must be nil or non-empty string' },
  { name: 'spec.timeZone: Local', change: (m) => { m.spec.timeZone = 'Local'; }, field: 'spec.timeZone', type: 'Invalid value', message: 'timeZone must be an explicit time zone' },
  { name: 'spec.timeZone: unknown zone', change: (m) => { m.spec.timeZone = 'Europe/InvalidRome'; }, field: 'spec.timeZone', type: 'Invalid value', message: 'unknown time zone Europe/InvalidRome' },
  { name: 'spec.timeZone: invalid characters', change: (m) => { m.spec.timeZone = ' Europe/Rome'; }, field: 'spec.timeZone', type: 'Invalid value', message: 'unknown time zone' },
  { name: 'spec.timeZone: wrong case (Go is case-sensitive)', change: (m) => { m.spec.timeZone = 'europe/rome'; }, field: 'spec.timeZone', type: 'Invalid value', message: 'unknown time zone europe/rome' },
  { name: 'spec.timeZone: leading dash', change: (m) => { m.spec.timeZone = '-UTC'; }, field: 'spec.timeZone', type: 'Invalid value', message: 'unknown time zone' },
  { name: 'metadata.name: must be no more than 52 characters', change: (m) => { m.metadata.name = '10000000002000000000300000000040000000005000000000123'; }, field: 'metadata.name', type: 'Invalid value', message: 'must be no more than 52 characters' },
  { name: 'spec.jobTemplate.spec.parallelism:must be greater than or equal to 0', change: (m) => { m.spec.jobTemplate.spec.parallelism = -1; }, field: `${J}.parallelism`, type: 'Invalid value' },
  { name: 'spec.jobTemplate.spec.completions:must be greater than or equal to 0', change: (m) => { m.spec.jobTemplate.spec.completions = -1; }, field: `${J}.completions`, type: 'Invalid value' },
  { name: 'spec.jobTemplate.spec.activeDeadlineSeconds:must be greater than or equal to 0', change: (m) => { m.spec.jobTemplate.spec.activeDeadlineSeconds = -1; }, field: `${J}.activeDeadlineSeconds`, type: 'Invalid value' },
  { name: 'spec.jobTemplate.spec.ttlSecondsAfterFinished:must be greater than or equal to 0', change: (m) => { m.spec.jobTemplate.spec.ttlSecondsAfterFinished = -1; }, field: `${J}.ttlSecondsAfterFinished`, type: 'Invalid value' },
  { name: 'spec.jobTemplate.spec.backoffLimit:must be greater than or equal to 0', change: (m) => { m.spec.jobTemplate.spec.backoffLimit = -1; }, field: `${J}.backoffLimit`, type: 'Invalid value' },
  { name: 'spec.jobTemplate.spec.selector: `selector` will be auto-generated', change: (m) => { m.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }; }, field: `${J}.selector`, type: 'Invalid value', message: '`selector` will be auto-generated' },
  { name: 'spec.jobTemplate.spec.manualSelector: Unsupported value', change: (m) => { m.spec.jobTemplate.spec.manualSelector = true; }, field: `${J}.manualSelector`, type: 'Unsupported value', message: 'supported values: "nil", "false"' },
  { name: 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value', change: (m) => { m.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always'; }, field: `${J}.template.spec.restartPolicy`, type: 'Required value' },
  { name: 'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value', change: (m) => { m.spec.jobTemplate.spec.template.spec.restartPolicy = 'Invalid'; }, field: `${J}.template.spec.restartPolicy`, type: 'Unsupported value' },
  { name: 'Indexed job template without completions', change: (m) => { m.spec.jobTemplate.spec.completionMode = 'Indexed'; }, field: `${J}.completions`, type: 'Required value', message: 'when completion mode is Indexed' },
  {
    name: 'onPodConditions without status (not defaulted in a jobTemplate, kubernetes#131512)',
    change: (m) => {
      m.spec.jobTemplate.spec.template.spec.restartPolicy = 'Never';
      m.spec.jobTemplate.spec.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    },
    field: `${J}.podFailurePolicy.rules[0].onPodConditions[0].status`,
    type: 'Required value',
    message: 'valid values: ["False" "True" "Unknown"]',
  },
  { name: 'container without image in the job template', change: (m) => { m.spec.jobTemplate.spec.template.spec.containers[0].image = ''; }, field: `${J}.template.spec.containers[0].image`, type: 'Required value' },
];

describe('CronJob (batch/v1, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});

// validateScheduleFormat with allowTZInSchedule false on create (ValidateCronJobCreate), from 1.29; table test
// "update removing TZ should work" in validation_test.go shows the create side refusing it.
describe('CronJob TZ in spec.schedule by target version', () => {
  const withSchedule = (schedule: string, timeZone?: string): Manifest =>
    changed(base, (m) => { m.spec.schedule = schedule; if (timeZone !== undefined) m.spec.timeZone = timeZone; });
  const lines = (manifest: Manifest, kubernetesVersion: KubernetesVersion): string[] =>
    validateManifest(manifest, { kubernetesVersion }).map(formatViolation);

  test.each(['1.34', '1.36'] as const)('refused on create at %s, TZ= and CRON_TZ= alike', (version) => {
    expect(lines(withSchedule('TZ=UTC 0 0 * * *'), version))
      .toEqual(['spec.schedule: Invalid value: "TZ=UTC 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
    expect(lines(withSchedule('CRON_TZ=Europe/Paris 0 0 * * *'), version))
      .toEqual(['spec.schedule: Invalid value: "CRON_TZ=Europe/Paris 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
  });

  test('with timeZone too, 1.36 gives the create message only', () => {
    expect(lines(withSchedule('TZ=UTC 0 0 * * *', 'UTC'), '1.36'))
      .toEqual(['spec.schedule: Invalid value: "TZ=UTC 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
  });

  test('accepted at 1.27 without timeZone', () => {
    expect(lines(withSchedule('TZ=UTC 0 0 * * *'), '1.27')).toEqual([]);
  });
});
