/**
 * The CronJob schedule and time-zone syntax of Kubernetes 1.27.
 *
 * The API server validates `spec.schedule` with `cron.ParseStandard` of robfig/cron v3.0.1. No npm cron library
 * accepts the same language (cron-parser, croner, cron-schedule and cron-validate all differ: they take 7 for
 * Sunday, a seconds field or `L`/`W`/`#`, or refuse `?` in the minute field, `*-5`, `+5` or `@every`), so
 * `parseStandardErrors` is a line-by-line port of robfig's parser.go (Parse, getField, getRange,
 * parseIntOrName, mustParseInt, parseDescriptor) and of Go's `strconv.Atoi` and `time.ParseDuration`, with
 * robfig's error messages.
 */

/** The five fields of a standard cron schedule, in order. */
export type CronField = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

/** The macros `cron.ParseStandard` knows, e.g. `@hourly` = `0 * * * *`, `@every 1h30m` (a Go duration). */
export type CronMacro = '@yearly' | '@annually' | '@monthly' | '@weekly' | '@daily' | '@midnight' | '@hourly' | `@every ${string}`;

/** The whitespace-separated words of a string, as Go's `strings.Fields` splits them on spaces. */
type Words<S extends string, Acc extends string[] = []> = S extends `${infer Head} ${infer Rest}`
  ? Words<Rest, Head extends '' ? Acc : [...Acc, Head]>
  : S extends '' ? Acc : [...Acc, S];

/**
 * A schedule literal with the shape Kubernetes accepts: five fields (`minute hour day-of-month month
 * day-of-week`) or a macro such as `@hourly`. A wrong literal becomes a string type that reads as the error;
 * computed strings pass and are checked at synth, as are the values inside the fields.
 */
export type CronSchedule<S extends string> = string extends S
  ? S
  : S extends `TZ=${string}` | `CRON_TZ=${string}`
    ? 'error: set the time zone with timeZone, not TZ= in the schedule'
    : S extends `@${string}`
      ? S extends CronMacro ? S : 'error: unknown macro: use @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>'
      : S extends `${string}${'\t' | '\n' | '\r' | '\v' | '\f'}${string}`
        ? S // other whitespace separates fields too; the synth-time parser counts them
        : Words<S>['length'] extends 5
          ? S
          : 'error: a schedule has 5 fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *"';

/** One reason a schedule is invalid: robfig's message, and the field it is about when there is one. */
export interface CronScheduleError {
  readonly field?: CronField;
  readonly message: string;
}

interface Bounds {
  readonly field: CronField;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const BOUNDS: readonly Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  {
    field: 'month',
    min: 1,
    max: 12,
    names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
  },
  { field: 'day-of-week', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

/** What each field accepts, for messages. */
export const CRON_FIELD_RANGES: Readonly<Record<CronField, string>> = {
  'minute': '0-59',
  'hour': '0-23',
  'day-of-month': '1-31',
  'month': '1-12 or JAN-DEC',
  'day-of-week': '0-6 or SUN-SAT (Sunday is 0; 7 is an error in Kubernetes)',
};

// Go's unicode.IsSpace, which strings.Fields splits on (JavaScript's \s differs: it has U+FEFF, not U+0085).
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

class GoError extends Error {}

/** Go's `strconv.Atoi`: an optional sign and decimal digits, within int64. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new GoError(`strconv.Atoi: parsing ${strconvQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > INT64_MAX || n < INT64_MIN) throw new GoError(`strconv.Atoi: parsing ${strconvQuote(s)}: value out of range`);
  return n;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** Go's `strconv.Quote`: printable characters as they are, the others escaped. */
function strconvQuote(s: string): string {
  const body = [...s].map((c) => {
    if (c === '"' || c === '\\') return `\\${c}`;
    if (NAMED_ESCAPES[c]) return NAMED_ESCAPES[c];
    const code = c.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    if (code < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c)) return c;
    return code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
  });
  return `"${body.join('')}"`;
}

/** The `quote` of Go's time package: non-ASCII and control characters as `\xNN` UTF-8 bytes. */
function timeQuote(s: string): string {
  const body = [...s].map((c) => {
    const code = c.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) return [...new TextEncoder().encode(c)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    return c === '"' || c === '\\' ? `\\${c}` : c;
  });
  return `"${body.join('')}"`;
}

/** robfig's mustParseInt. */
function mustParseInt(expr: string): bigint {
  let num: bigint;
  try {
    num = atoi(expr);
  } catch (error) {
    throw new GoError(`failed to parse int from ${expr}: ${(error as Error).message}`);
  }
  if (num < 0n) throw new GoError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

/** robfig's parseIntOrName: month and weekday names are case-insensitive. */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): bigint {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return BigInt(named);
  return mustParseInt(expr);
}

/** robfig's getRange: `number | number "-" number [ "/" number ]`, `*` and `?` meaning the whole range. */
function checkRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  let step: bigint;

  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // As in robfig: anything after `*-` is ignored.
    start = BigInt(r.min);
    end = BigInt(r.max);
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new GoError(`too many hyphens: ${expr}`);
  }

  if (rangeAndStep.length === 1) {
    step = 1n;
  } else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (singleDigit) end = BigInt(r.max);
  } else {
    throw new GoError(`too many slashes: ${expr}`);
  }

  if (start < BigInt(r.min)) throw new GoError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > BigInt(r.max)) throw new GoError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new GoError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0n) throw new GoError(`step of range should be a positive number: ${expr}`);
}

/** robfig's getField: a comma-separated list of ranges (empty items are skipped, as strings.FieldsFunc does). */
function checkField(field: string, r: Bounds): void {
  for (const expr of field.split(',').filter((e) => e !== '')) checkRange(expr, r);
}

const DURATION_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // µ (micro sign)
  μs: 1_000n, // μ (Greek mu)
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/**
 * Go's `time.ParseDuration`, in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`.
 */
export function parseGoDuration(orig: string): bigint {
  const invalid = () => new GoError(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!/^[.0-9]/.test(s)) throw invalid();
    const int = /^[0-9]*/.exec(s)![0];
    s = s.slice(int.length);
    const v0 = int === '' ? 0n : BigInt(int);
    if (v0 > INT64_MAX + 1n) throw invalid(); // leadingInt overflows past 1<<63
    let fraction = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      const digits = /^[0-9]*/.exec(s)![0];
      s = s.slice(digits.length);
      post = digits.length > 0;
      // leadingFraction: digits past what int64 can hold are consumed but ignored.
      let overflow = false;
      for (const c of digits) {
        if (overflow) continue;
        const next = fraction * 10n + BigInt(c);
        if (fraction > INT64_MAX / 10n || next > 2n ** 63n) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
    }
    if (int === '' && !post) throw invalid();
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') throw new GoError(`time: missing unit in duration ${timeQuote(orig)}`);
    s = s.slice(unitText.length);
    const unit = DURATION_UNITS[unitText];
    if (unit === undefined) throw new GoError(`time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(orig)}`);
    if (v0 > (2n ** 63n) / unit) throw invalid();
    let v = v0 * unit;
    if (fraction > 0n) {
      // float64(f) * (float64(unit) / scale), truncated, as Go computes it.
      v += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (v > 2n ** 63n) throw invalid();
    }
    d += v;
    if (d > 2n ** 63n) throw invalid();
  }
  if (neg) return -d;
  if (d > INT64_MAX) throw invalid();
  return d;
}

/** robfig's parseDescriptor, for the macros. */
function checkDescriptor(descriptor: string): void {
  if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(descriptor)) return;
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    try {
      parseGoDuration(descriptor.slice(every.length));
    } catch (error) {
      throw new GoError(`failed to parse duration ${descriptor}: ${(error as Error).message}`);
    }
    return;
  }
  throw new GoError(`unrecognized descriptor: ${descriptor}`);
}

/**
 * The reasons `cron.ParseStandard` (robfig/cron v3.0.1, as used by the Kubernetes 1.27 API server) rejects a
 * schedule; empty when it accepts it. robfig stops at the first error; this reports the first error of every
 * bad field, so the first entry is robfig's error. A `TZ=`/`CRON_TZ=` prefix is not handled here: the
 * constructs reject it before parsing (the time zone belongs in `timeZone`).
 */
export function parseStandardErrors(spec: string): CronScheduleError[] {
  if (spec.length === 0) return [{ message: 'empty spec string' }];
  if (spec.startsWith('@')) {
    try {
      checkDescriptor(spec);
      return [];
    } catch (error) {
      return [{ message: (error as Error).message }];
    }
  }
  const fields = cronFields(spec);
  if (fields.length !== 5) {
    return [{ message: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` }];
  }
  const errors: CronScheduleError[] = [];
  fields.forEach((field, i) => {
    try {
      checkField(field, BOUNDS[i]);
    } catch (error) {
      if (!(error instanceof GoError)) throw error;
      errors.push({ field: BOUNDS[i].field, message: error.message });
    }
  });
  return errors;
}

/** The fields of a five-field schedule, split as Go's `strings.Fields` splits them. */
export function cronFields(spec: string): string[] {
  return spec.split(GO_SPACE).filter((f) => f !== '');
}

/** The `@every` duration of a schedule in nanoseconds, or `undefined` when it is not a valid `@every` macro. */
export function everyDuration(schedule: string): bigint | undefined {
  if (!schedule.startsWith('@every ')) return undefined;
  try {
    return parseGoDuration(schedule.slice('@every '.length));
  } catch {
    return undefined;
  }
}

/** Canonical IANA names as this runtime's ICU spells them, plus `UTC`, which Go special-cases. */
let knownZones: ReadonlyMap<string, string> | undefined;
function canonicalZones(): ReadonlyMap<string, string> {
  knownZones ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));
  return knownZones;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

const icuZones = new Map<string, string | undefined>();

/**
 * ICU's name for `timeZone`, or `undefined` if it does not know it. Remembered per name: building an
 * `Intl.DateTimeFormat` took 15% of a 1000-team synth (npm run bench), and an app has few distinct zones.
 */
function icuZone(timeZone: string): string | undefined {
  if (!icuZones.has(timeZone)) {
    let resolved: string | undefined;
    try {
      resolved = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
    icuZones.set(timeZone, resolved);
  }
  return icuZones.get(timeZone);
}

/**
 * The reasons `timeZone` is not a zone that the Kubernetes 1.27 API server loads (Go's `time.LoadLocation` on
 * the IANA database: case-sensitive, backward-compatible aliases such as `US/Eastern` included, `Local`
 * refused). Checked with the runtime's `Intl` (ICU) time-zone data.
 */
export function timeZoneErrors(timeZone: string): string[] {
  if (timeZone === '') return ['must be an IANA time zone name such as \'Asia/Tokyo\' or \'UTC\' (omit timeZone for the controller\'s local zone)'];
  if (timeZone.toLowerCase() === 'local') {
    return ['must be an explicit time zone as defined in https://www.iana.org/time-zones, not Local'];
  }
  const badPart = timeZone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part));
  const resolved = icuZone(timeZone);
  if (badPart || resolved === undefined) {
    return ["is not a known IANA time zone; use a name from the tz database such as 'Asia/Tokyo', 'Europe/Berlin' or 'UTC'"];
  }
  const canonical = canonicalZones().get(timeZone.toLowerCase());
  if (canonical !== undefined && canonical !== timeZone) {
    return [`is not spelled as in the tz database (names are case-sensitive); did you mean '${canonical}'?`];
  }
  // An alias (US/Eastern, Asia/Kolkata, Etc/UTC): ICU accepts any case, Go only the database's, whose words start
  // with a capital letter.
  if (canonical === undefined && timeZone.split('/').some((part) => !/^[A-Z]/.test(part))) {
    return [`is not spelled as in the tz database (names are case-sensitive); did you mean '${resolved}'?`];
  }
  return [];
}
