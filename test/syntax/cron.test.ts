import * as fs from 'fs';
import * as path from 'path';
import { parseGoDuration, parseStandardErrors, timeZoneErrors } from '../../src';

const firstError = (spec: string) => parseStandardErrors(spec)[0]?.message;

describe('parseStandardErrors agrees with robfig/cron v3.0.1 ParseStandard', () => {
  // What robfig/cron v3.0.1's ParseStandard (the 1.27 API server's parser) answered for 2,052 generated schedules,
  // recorded once by running the Go parser here; the recording harness built third-party code and is not kept.
  const fixture: { spec: string; error: string | null }[] = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'robfig-parse-standard.json'), 'utf8'),
  );

  test('on every recorded schedule: accepts what robfig accepts, and its first error is robfig\'s', () => {
    const disagreements = fixture
      .map(({ spec, error }) => ({ spec, robfig: error, ours: firstError(spec) ?? null }))
      .filter(({ robfig, ours }) => robfig !== ours);
    expect(disagreements).toEqual([]);
  });

  test('the recording covers both accepted and rejected schedules', () => {
    expect(fixture.length).toBeGreaterThan(2000);
    expect(fixture.filter((f) => f.error === null).length).toBeGreaterThan(300);
  });
});

describe('parseStandardErrors', () => {
  test.each([
    '* * * * *',
    '*/5 * * * *',
    '0 3 * * *',
    '30 2 1,15 * *',
    '0 9-17/2 * * MON-FRI',
    '0 0 * jan-Mar sun',
    '0 0 ? * ?',
    '? * * * *', // robfig accepts ? in any field
    '*-5 * * * *', // robfig ignores what follows *-
    '+5 * * * *', // Go's Atoi takes a sign
    '5/15 * * * *', // N/step is N-max/step
    '0\t0  * *\u00a0*', // Go's whitespace
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
    '@every 1h30m', '@every 90s', '@every 1.5h', '@every 0', '@every -5m',
  ])('accepts %j', (spec) => {
    expect(parseStandardErrors(spec)).toEqual([]);
  });

  test.each([
    ['', 'empty spec string'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 * * 0-7', 'end of range (7) above maximum (6): 0-7'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 32 * *', 'end of range (32) above maximum (31): 32'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['0 0 L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 * * 1#2', 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax'],
    ['0 0 * * funday', 'failed to parse int from funday: strconv.Atoi: parsing "funday": invalid syntax'],
    ['jan * * * *', 'failed to parse int from jan: strconv.Atoi: parsing "jan": invalid syntax'],
    ['0 0 0 * * *', 'expected exactly 5 fields, found 6: [0 0 0 * * *]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    [' @hourly', 'expected exactly 5 fields, found 1: [@hourly]'],
    ['@reboot', 'unrecognized descriptor: @reboot'],
    ['@hourly ', 'unrecognized descriptor: @hourly '],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
  ])('rejects %j: %s', (spec, message) => {
    expect(firstError(spec)).toBe(message);
  });

  test('reports the first error of every bad field, naming the field', () => {
    expect(parseStandardErrors('61 25 * * 7')).toEqual([
      { field: 'minute', message: 'end of range (61) above maximum (59): 61' },
      { field: 'hour', message: 'end of range (25) above maximum (23): 25' },
      { field: 'day-of-week', message: 'end of range (7) above maximum (6): 7' },
    ]);
  });
});

describe('parseGoDuration (Go time.ParseDuration)', () => {
  test.each([
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['90s', 90_000_000_000n],
    ['-5m', -300_000_000_000n],
    ['+1s', 1_000_000_000n],
    ['0', 0n],
    ['.5s', 500_000_000n],
    ['1\u00b5s', 1000n],
    ['1\u03bcs', 1000n],
    ['2562047h', 2562047n * 3_600_000_000_000n],
  ])('%s is %d ns', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toBe(nanoseconds);
  });

  test.each([
    ['', 'time: invalid duration ""'],
    ['1..5s', 'time: missing unit in duration "1..5s"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
    ['h', 'time: invalid duration "h"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});

describe('timeZoneErrors', () => {
  test.each(['Asia/Tokyo', 'Europe/Berlin', 'America/New_York', 'UTC', 'Etc/UTC', 'US/Eastern', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires'])(
    'accepts %s', (zone) => {
      expect(timeZoneErrors(zone)).toEqual([]);
    });

  test.each([
    ['Mars/Phobos', "is not a known IANA time zone; use a name from the tz database such as 'Asia/Tokyo', 'Europe/Berlin' or 'UTC'"],
    ['Europe/InvalidRome', "is not a known IANA time zone; use a name from the tz database such as 'Asia/Tokyo', 'Europe/Berlin' or 'UTC'"],
    ['+09:00', "is not a known IANA time zone; use a name from the tz database such as 'Asia/Tokyo', 'Europe/Berlin' or 'UTC'"],
    ['asia/tokyo', "is not spelled as in the tz database (names are case-sensitive); did you mean 'Asia/Tokyo'?"],
    ['utc', "is not spelled as in the tz database (names are case-sensitive); did you mean 'UTC'?"],
    ['us/eastern', "is not spelled as in the tz database (names are case-sensitive); did you mean 'America/New_York'?"],
    ['Local', 'must be an explicit time zone as defined in https://www.iana.org/time-zones, not Local'],
    ['local', 'must be an explicit time zone as defined in https://www.iana.org/time-zones, not Local'],
    ['', "must be an IANA time zone name such as 'Asia/Tokyo' or 'UTC' (omit timeZone for the controller's local zone)"],
  ])('rejects %j', (zone, message) => {
    expect(timeZoneErrors(zone)).toEqual([message]);
  });
});
