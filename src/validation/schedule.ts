import { parseStandardErrors, timeZoneErrors } from '../cron';
import { Violation } from './violation';

/**
 * Violations of a CronJob's `spec.schedule` as the 1.27 API server reports them: robfig/cron's `ParseStandard`
 * (ported in src/cron.ts) stops at its first error, including an unloadable `TZ=`/`CRON_TZ=` location; then a
 * schedule mentioning `TZ` together with `spec.timeZone` is refused.
 */
export function scheduleViolations(schedule: string, timeZone: string | undefined, field = 'spec.schedule'): Violation[] {
  const invalid = (message: string): Violation => ({ field, type: 'Invalid value', value: schedule, message });
  const violations: Violation[] = [];
  const parseError = scheduleParseError(schedule);
  if (parseError !== undefined) violations.push(invalid(parseError));
  if (schedule.includes('TZ') && timeZone !== undefined) violations.push(invalid('cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  return violations;
}

/**
 * The API server's message for a time zone Go's `time.LoadLocation` cannot load, with our reason after it
 * (the validity check itself is src/cron.ts's, shared with ScheduledJob); `undefined` when it loads.
 */
export function timeZoneMessage(timeZone: string): string | undefined {
  const [reason] = timeZoneErrors(timeZone);
  if (reason === undefined) return undefined;
  if (timeZone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  return `unknown time zone ${timeZone}: it ${reason}`;
}

/** robfig's error for the schedule, `TZ=` prefix included (accepted in 1.27 when the zone loads). */
function scheduleParseError(schedule: string): string | undefined {
  let spec = schedule;
  if (/^(CRON_)?TZ=/.test(spec)) {
    const space = spec.indexOf(' ');
    const zone = spec.slice(spec.indexOf('=') + 1, space === -1 ? undefined : space);
    const zoneError = timeZoneMessage(zone);
    if (zoneError !== undefined) return `provided bad location ${zone}: ${zoneError}`;
    spec = space === -1 ? '' : spec.slice(space).trim();
  }
  return parseStandardErrors(spec)[0]?.message;
}
