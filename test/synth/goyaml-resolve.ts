/**
 * How go-yaml resolves a plain scalar: the readers of kubectl and the API server, through sigs.k8s.io/yaml, which
 * vendors go-yaml as `goyaml.v2` (what `yaml.Unmarshal` / `YAMLToJSON` use) and `goyaml.v3` (kustomize's kyaml).
 *
 * Ported from `resolve` and `parseTimestamp` in kubernetes-sigs/yaml `goyaml.v2/resolve.go` and
 * `goyaml.v3/resolve.go`, with the Go library functions they call: `strconv.ParseInt` / `ParseUint` (base 0 takes
 * the `0x`, `0o`, `0b` and `0` prefixes; a fixed base takes a sign but no prefix), `strconv.ParseFloat`
 * (`readFloat` and `underscoreOK` in strconv/atof.go, atoi.go) and `time.Parse` for the four layouts of
 * `allowedTimestampFormats`. Only what decides the type (and a number's value) is ported; a test reads the
 * structure of the YAML with the `yaml` package and applies this to each plain scalar.
 *
 * Where go-yaml reads a plain `<<` as a merge key (`isMerge` in decode.go: a plain `<<` key), this says `merge`
 * for `<<` wherever it is: the tests then require it quoted everywhere, which is stricter.
 */

export type GoYamlVersion = 'v2' | 'v3';

/** What a plain scalar becomes, and its value when it is one. */
export type Resolved =
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'null'; readonly value: null }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp' | 'merge'; readonly value: string };

/** `resolveMap` of each version (goyaml.v2 also has YAML 1.1's y/n/on/off booleans). */
function resolveMap(version: GoYamlVersion): Map<string, Resolved> {
  const map = new Map<string, Resolved>();
  const add = (resolved: Resolved, spellings: string[]) => spellings.forEach((s) => map.set(s, resolved));
  if (version === 'v2') {
    add({ tag: 'bool', value: true }, ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
    add({ tag: 'bool', value: false }, ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
  }
  add({ tag: 'bool', value: true }, ['true', 'True', 'TRUE']);
  add({ tag: 'bool', value: false }, ['false', 'False', 'FALSE']);
  add({ tag: 'null', value: null }, ['', '~', 'null', 'Null', 'NULL']);
  add({ tag: 'float', value: NaN }, ['.nan', '.NaN', '.NAN']);
  add({ tag: 'float', value: Infinity }, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
  add({ tag: 'float', value: -Infinity }, ['-.inf', '-.Inf', '-.INF']);
  return map;
}
const MAPS = { v2: resolveMap('v2'), v3: resolveMap('v3') };

/** `resolveTable`: the hint a scalar's first byte gives. */
function hint(first: string): string | undefined {
  if (first === '+' || first === '-') return 'S';
  if (first >= '0' && first <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  if (first === '.') return '.';
  return undefined;
}

const MAX_UINT64 = 2n ** 64n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

type IntResult = bigint | 'syntax' | 'range';

function digitValue(c: string): number {
  const lower = c.toLowerCase();
  if (lower >= '0' && lower <= '9') return lower.charCodeAt(0) - 48;
  if (lower >= 'a' && lower <= 'z') return lower.charCodeAt(0) - 97 + 10;
  return 99;
}

/** strconv.ParseUint(s, base, 64) on a string without underscores (go-yaml removes them first). */
function parseUint(s: string, base: number): IntResult {
  if (s === '') return 'syntax';
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'b' || p === 'o' || p === 'x') {
        base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  let n = 0n;
  for (const c of s) {
    if (c === '_') return 'syntax'; // underscores were removed before; any left would be in a fixed-base call
    const d = digitValue(c);
    if (d >= base) return 'syntax';
    n = n * BigInt(base) + BigInt(d);
    if (n > MAX_UINT64) return 'range'; // Go returns at the first overflow, whatever follows
  }
  return n;
}

/** strconv.ParseInt(s, base, 64): an optional sign, then ParseUint's syntax. */
function parseInt64(s: string, base: number): IntResult {
  if (s === '') return 'syntax';
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  const u = parseUint(s, base);
  if (typeof u !== 'bigint') return u;
  const value = negative ? -u : u;
  return value < MIN_INT64 || value > MAX_INT64 ? 'range' : value;
}

/** big.Int.SetString(s, 0): a sign, a base prefix (`0x`, `0o`, `0b`, or `0` for octal), at least one digit. */
function parseBigInt(s: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!match) return undefined;
  const body = match[2];
  const magnitude = /^0[0-7]+$/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body.replace(/^0[xXoObB]/, (p) => p.toLowerCase()));
  return match[1] === '-' ? -magnitude : magnitude;
}

/** underscoreOK in strconv/atoi.go: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && c.toLowerCase() >= 'a' && c.toLowerCase() <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseFloat(s, 64) for the strings go-yaml hands it: ones that start with `.` (the `'.'` hint), and ones
 * `yamlStyleFloat` accepted. Decimal only (neither can be hexadecimal, `inf` or `nan`), underscores as `readFloat`
 * allows them; undefined on a syntax or range error (Go returns ±Inf with ErrRange, which go-yaml treats as not a
 * float).
 */
function parseFloat64(s: string): number | undefined {
  const match = /^[-+]?([0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9][0-9_]*)?$/.exec(s);
  if (!match || !/[0-9]/.test(`${match[1]}${match[2] ?? ''}`)) return undefined;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const value = Number(s.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** `yamlStyleFloat` in both resolve.go. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** time.getnum: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  const isDigit = (i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';
  if (!isDigit(0)) return undefined;
  if (!isDigit(1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * time.Parse with one of `allowedTimestampFormats`: `2006-1-2T15:4:5.999999999Z07:00`, the same with a lower-case
 * `t`, `2006-1-2 15:4:5.999999999` (the layout's space matches one or more spaces, as time's `skip` does) and
 * `2006-1-2`. Fractional seconds are optional and may follow a `.` or a `,` (time's `commaOrPeriod`).
 */
function parsesWithLayout(s: string, layout: 'T' | 't' | ' ' | 'date'): boolean {
  let rest = s;
  const literal = (text: string): boolean => {
    if (!rest.startsWith(text)) return false;
    rest = rest.slice(text.length);
    return true;
  };
  const num = (fixed: boolean, min: number, max: number): boolean => {
    const got = getnum(rest, fixed);
    if (!got || got[0] < min || got[0] > max) return false;
    rest = got[1];
    return true;
  };
  if (!/^[0-9]{4}/.test(rest)) return false;
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  if (!literal('-')) return false;
  const month = getnum(rest, false);
  if (!month || month[0] < 1 || month[0] > 12) return false;
  rest = month[1];
  if (!literal('-')) return false;
  const day = getnum(rest, false);
  if (!day) return false;
  rest = day[1];
  if (layout !== 'date') {
    if (layout === ' ') {
      if (!/^ +/.test(rest)) return false;
      rest = rest.replace(/^ +/, '');
    } else if (!literal(layout)) {
      return false;
    }
    if (!num(false, 0, 23) || !literal(':') || !num(false, 0, 59) || !literal(':') || !num(false, 0, 59)) return false;
    const fraction = /^[.,][0-9]+/.exec(rest);
    if (fraction) rest = rest.slice(fraction[0].length);
    if (layout !== ' ') {
      if (rest[0] === 'Z') {
        rest = rest.slice(1);
      } else {
        if (rest.length < 6 || rest[3] !== ':' || (rest[0] !== '+' && rest[0] !== '-')) return false;
        const hours = getnum(rest.slice(1, 3), true);
        const minutes = getnum(rest.slice(4, 6), true);
        if (!hours || !minutes || hours[0] > 24 || minutes[0] > 60) return false;
        rest = rest.slice(6);
      }
    }
  }
  return rest === '' && day[0] >= 1 && day[0] <= daysIn(month[0], year);
}

/** `parseTimestamp` in resolve.go: four digits and a `-` first, then the first layout that parses. */
function parseTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  return (['T', 't', ' ', 'date'] as const).some((layout) => parsesWithLayout(s, layout));
}

function asInt(value: IntResult): Resolved | undefined {
  return typeof value === 'bigint' ? { tag: 'int', value } : undefined;
}

/** `resolve("", in)`: the tag and value go-yaml gives the plain scalar `s`. */
export function goYamlResolve(s: string, version: GoYamlVersion): Resolved {
  // `<<` has no hint (resolve returns it as a !!str), but decode.go's `isMerge` makes a plain `<<` key a merge.
  if (s === '<<') return { tag: 'merge', value: s };
  const h = s === '' ? 'N' : hint(s[0]);
  if (h === undefined) return { tag: 'str', value: s };
  const fromMap = MAPS[version].get(s);
  if (fromMap) return fromMap;
  if (h === '.') {
    const value = parseFloat64(s);
    if (value !== undefined) return { tag: 'float', value };
  } else if (h === 'D' || h === 'S') {
    if (parseTimestamp(s)) return { tag: 'timestamp', value: s };
    const plain = s.replace(/_/g, '');
    const int = parseInt64(plain, 0);
    if (typeof int === 'bigint') return { tag: 'int', value: int };
    const uint = parseUint(plain, 0);
    if (typeof uint === 'bigint') return { tag: 'int', value: uint };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const value = parseFloat64(plain);
      if (value !== undefined) return { tag: 'float', value };
    }
    let resolved: Resolved | undefined;
    if (plain.startsWith('0b')) {
      resolved = asInt(parseInt64(plain.slice(2), 2)) ?? asInt(parseUint(plain.slice(2), 2));
    } else if (plain.startsWith('-0b')) {
      resolved = asInt(parseInt64(`-${plain.slice(3)}`, 2));
    }
    // goyaml.v3 only: YAML 1.2 octals (what follows `0o` is parsed with ParseInt, sign included).
    if (!resolved && version === 'v3') {
      if (plain.startsWith('0o')) {
        resolved = asInt(parseInt64(plain.slice(2), 8)) ?? asInt(parseUint(plain.slice(2), 8));
      } else if (plain.startsWith('-0o')) {
        resolved = asInt(parseInt64(`-${plain.slice(3)}`, 8));
      }
    }
    if (resolved) return resolved;
    // The error of ParseUint(plain, 0, 64): out of range, then big.Int may still read it.
    if (uint === 'range') {
      const big = parseBigInt(plain);
      if (big !== undefined) return { tag: 'int', value: big };
    }
  }
  return { tag: 'str', value: s };
}
