import { Violation } from './violation';
import { CRON_FIELD_RANGES, parseStandardErrors, timeZoneErrors } from '../syntax/cron';

/**
 * Violations of a CronJob's `spec.schedule` as the 1.27 API server reports them: robfig/cron's `ParseStandard`
 * (ported in src/syntax/cron.ts), including an unloadable `TZ=`/`CRON_TZ=` location; then a schedule mentioning `TZ`
 * together with `spec.timeZone` is refused. robfig stops at its first error; this reports the error of every
 * field (the first is the server's), each with the field and its range, so that all are fixed at once.
 */
export function scheduleViolations(schedule: string, timeZone: string | undefined, field = 'spec.schedule', allowTZInSchedule = true): Violation[] {
  const invalid = (message: string): Violation => ({ field, type: 'Invalid value', value: schedule, message });
  const violations: Violation[] = [];
  violations.push(...scheduleParseErrors(schedule).map(invalid));
  // validateScheduleFormat: from 1.29 allowTZInSchedule is false on create (ValidateCronJobCreate).
  if (!allowTZInSchedule && schedule.includes('TZ')) violations.push(invalid('cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  else if (schedule.includes('TZ') && timeZone !== undefined) violations.push(invalid('cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  return violations;
}

/**
 * The API server's message for a time zone Go's `time.LoadLocation` cannot load, with our reason after it
 * (the validity check itself is src/syntax/cron.ts's, shared with ScheduledJob); `undefined` when it loads.
 */
export function timeZoneMessage(timeZone: string): string | undefined {
  const [reason] = timeZoneErrors(timeZone);
  if (reason === undefined) return undefined;
  if (timeZone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  return `unknown time zone ${timeZone}: it ${reason}`;
}

/** robfig's errors for the schedule, `TZ=` prefix included (accepted in 1.27 when the zone loads). */
function scheduleParseErrors(schedule: string): string[] {
  let spec = schedule;
  if (/^(CRON_)?TZ=/.test(spec)) {
    const space = spec.indexOf(' ');
    const zone = spec.slice(spec.indexOf('=') + 1, space === -1 ? undefined : space);
    const zoneError = timeZoneMessage(zone);
    if (zoneError !== undefined) return [`provided bad location ${zone}: ${zoneError}`];
    spec = space === -1 ? '' : spec.slice(space).trim();
  }
  // The server's message, then which field it is about and what that field takes (our hint).
  return parseStandardErrors(spec).map((error) => (error.field
    ? `${error.message} (${error.field} field: ${error.field} is ${CRON_FIELD_RANGES[error.field]})`
    : `${error.message} (expected 'minute hour day-of-month month day-of-week', e.g. '0 3 * * *', or a macro such as '@daily' or '@every 1h')`));
}
