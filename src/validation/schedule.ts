import { Violation } from './violation';

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
// Go's time.ParseDuration, as `@every <duration>` takes it: every unit needs a number before it, which also keeps
// the pattern linear ('msms…' cannot be split two ways).
const GO_DURATION = /^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$/;
// validTimeZoneCharacters in the batch validation: each '/'-separated part of a zone name.
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Why `timeZone` is not a zone the 1.27 API server can load (`time.LoadLocation` on its IANA database), using
 * the IANA database that ships with Node (`Intl`). Go's lookup is case-sensitive, `Intl`'s is not: a name that
 * `Intl` knows only under other capitalisation is refused.
 */
export function timeZoneErrors(timeZone: string): string[] {
  if (timeZone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !ZONE_PART.test(part))) {
    return [`unknown time zone ${timeZone}`];
  }
  if (timeZone.toLowerCase() === 'local') return ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'];
  const resolved = icuZone(timeZone);
  if (resolved === undefined || (resolved !== timeZone && resolved.toLowerCase() === timeZone.toLowerCase())) return [`unknown time zone ${timeZone}`];
  return [];
}

const icuZones = new Map<string, string | undefined>();

/**
 * ICU's name for `timeZone`, or `undefined` if it does not know it. Remembered per name: building an
 * `Intl.DateTimeFormat` for every CronJob took a large share of a big synth (npm run bench), and an app has few
 * distinct zones.
 */
function icuZone(timeZone: string): string | undefined {
  if (!icuZones.has(timeZone)) {
    let resolved: string | undefined;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
    icuZones.set(timeZone, resolved);
  }
  return icuZones.get(timeZone);
}

/**
 * Violations of a CronJob's `spec.schedule` (robfig/cron ParseStandard, as the 1.27 API server parses it) and of
 * its combination with `spec.timeZone`. This checks the shape: an optional `TZ=`/`CRON_TZ=` prefix, then a
 * descriptor or exactly five fields; the per-field ranges and syntax belong to the library's cron parser
 * (src/cron.ts), which this function delegates to once both are on one branch.
 */
export function scheduleViolations(schedule: string, timeZone: string | undefined, field = 'spec.schedule'): Violation[] {
  const invalid = (message: string): Violation => ({ field, type: 'Invalid value', value: schedule, message });
  const violations: Violation[] = [];
  let spec = schedule.trim();
  const zone = /^(CRON_TZ|TZ)=(\S*)/.exec(spec);
  if (zone) {
    const errors = timeZoneErrors(zone[2]);
    if (errors.length > 0) violations.push(invalid(`provided bad location ${zone[2]}: ${errors[0]}`));
    spec = spec.slice(zone[0].length).trim();
  }
  if (schedule.includes('TZ') && timeZone !== undefined) violations.push(invalid('cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  if (spec === '') {
    violations.push(invalid('empty spec string'));
  } else if (spec.startsWith('@every ')) {
    const duration = spec.slice('@every '.length).trim();
    if (!GO_DURATION.test(duration)) violations.push(invalid(`failed to parse duration ${spec}: time: invalid duration "${duration}"`));
  } else if (spec.startsWith('@')) {
    if (!DESCRIPTORS.includes(spec)) violations.push(invalid(`unrecognized descriptor: ${spec}`));
  } else {
    const fields = spec.split(/\s+/);
    if (fields.length !== 5) violations.push(invalid(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`));
  }
  return violations;
}
