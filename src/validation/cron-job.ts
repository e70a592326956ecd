import { validateJobSpecCommon } from './job';
import { JsonObject, asInteger, asObject, asString, path } from './json';
import { subdomainName, validateObjectMeta } from './metadata';
import { scheduleViolations, timeZoneMessage } from './schedule';
import { VERSIONED_RULES, ValidationOptions, holds } from './versions';
import { Violations } from './violation';

/** Jobs get an 11-character `-<minutes>` suffix and Job names must stay within 63 characters. */
const MAX_NAME_LENGTH = 52;

/** ValidateCronJobCreate (batch/v1, 1.27), on a defaulted manifest. */
export function validateCronJob(manifest: JsonObject, out: Violations, options: ValidationOptions): void {
  const metadata = asObject(manifest.metadata);
  validateObjectMeta(metadata, subdomainName, out);
  const name = asString(metadata?.name) ?? '';
  if (name.length > MAX_NAME_LENGTH) out.invalid('metadata.name', name, `must be no more than ${MAX_NAME_LENGTH} characters: the controller appends up to 11 characters to name each Job`);

  const spec = asObject(manifest.spec) ?? {};
  const schedule = asString(spec.schedule) ?? '';
  const timeZone = asString(spec.timeZone);
  if (!schedule) out.required('spec.schedule');
  else out.list.push(...scheduleViolations(schedule, timeZone, 'spec.schedule', !holds(VERSIONED_RULES.noTZInSchedule, options)));
  if (timeZone !== undefined) {
    if (timeZone === '') out.invalid('spec.timeZone', timeZone, 'timeZone must be nil or non-empty string');
    else out.invalidEach('spec.timeZone', timeZone, [timeZoneMessage(timeZone)].filter((m): m is string => m !== undefined));
  }
  for (const field of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const value = asInteger(spec[field]);
    if (value !== undefined && value < 0) out.invalid(`spec.${field}`, value, 'must be greater than or equal to 0');
  }
  const policy = asString(spec.concurrencyPolicy) ?? '';
  if (!['Allow', 'Forbid', 'Replace'].includes(policy)) out.unsupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']);

  const jobSpec = asObject(asObject(spec.jobTemplate)?.spec) ?? {};
  const at = 'spec.jobTemplate.spec';
  validateJobSpecCommon(jobSpec, at, out, options);
  if (asObject(jobSpec.selector)) out.invalid(path.child(at, 'selector'), jobSpec.selector, '`selector` will be auto-generated');
  if (jobSpec.manualSelector === true) out.unsupported(path.child(at, 'manualSelector'), true, ['nil', 'false']);
}
