// Writes test/fixtures/robfig-parse-standard.json: schedules and what robfig/cron v3.0.1's ParseStandard (the
// parser of the Kubernetes 1.27 API server) says about each, for test/cron.test.ts to compare our port with.
// Run from the repository root: `(cd tools/robfig-conformance && go build -o /tmp/parse-standard .) &&
// node tools/robfig-conformance/generate.js /tmp/parse-standard`.
const { execFileSync } = require('child_process');
const fs = require('fs');

let seed = 1;
function rnd() { // mulberry32: a fixed seed gives the same fixture on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];

// Anything: odd numbers, names in the wrong field, L/W/#, odd whitespace, 4 to 7 fields.
const wildNumber = () => pick(['0', '1', '5', '7', '6', '12', '13', '23', '24', '31', '32', '59', '60', '00', '007', '+5', '-1', '99999999999999999999', '9223372036854775807', '9223372036854775808', '']);
const wildName = () => pick(['jan', 'DEC', 'Mar', 'sun', 'SAT', 'Mon', 'fri', 'thu', 'xyz', 'L', 'W', '1#2', '5L', 'LW']);
const wildAtom = () => pick([wildNumber, wildName, () => '*', () => '?', wildNumber, wildNumber])();
function wildRange() {
  let r = rnd() < 0.4 ? `${wildAtom()}-${wildAtom()}` : wildAtom();
  if (rnd() < 0.1) r += `-${wildAtom()}`;
  if (rnd() < 0.3) r += `/${pick(['0', '1', '2', '15', '-1', '+3', 'x', ''])}`;
  if (rnd() < 0.05) r += '/2';
  return r;
}
function wildField() {
  const f = Array.from({ length: 1 + Math.floor(rnd() * 3) }, wildRange).join(',');
  return rnd() < 0.05 ? pick([',', ',,', `${f},`, `,${f}`]) : f;
}
const wildSpace = () => pick([' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u0085', '\ufeff', '\u2003']);
function wild() {
  const n = rnd() < 0.9 ? 5 : pick([4, 6, 1, 7]);
  let s = Array.from({ length: n }, wildField).map((f, i) => (i ? wildSpace() : '') + f).join('');
  if (rnd() < 0.05) s = wildSpace() + s;
  if (rnd() < 0.05) s += wildSpace();
  return s;
}

// Mostly valid: each field from its own range, sometimes just past it.
const BOUNDS = [[0, 59, []], [0, 23, []], [1, 31, []], [1, 12, ['jan', 'FEB', 'Mar', 'dec']], [0, 6, ['sun', 'MON', 'Sat', 'fri']]];
const atom = ([min, max, names]) => (rnd() < 0.8 ? String(min + Math.floor(rnd() * (max - min + 1 + (rnd() < 0.1 ? 2 : 0)))) : (names.length ? pick(names) : '*'));
function range(b) {
  let r = rnd() < 0.3 ? '*' : rnd() < 0.3 ? `${atom(b)}-${atom(b)}` : atom(b);
  if (rnd() < 0.3) r += `/${1 + Math.floor(rnd() * 20)}`;
  return r;
}
const plausible = () => BOUNDS.map((b) => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => range(b)).join(',')).join(' ');

const durations = ['1h', '1h30m', '90s', '1.5h', '0', '-5m', '+1s', '1d', '1', '', '.5s', '1..5s', '100ns', '1us', '1\u00b5s', '1\u03bcs', '3ms', '9999999999h', '2562047h', '2562048h', '1.000000000000000000001s', '1e3s', 'h', '1h ', ' 1h'];
const specs = new Set([
  '', '@hourly', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@reboot', '@every', '@every ',
  ' @hourly', '@hourly ', '@HOURLY', '* * * * *', '*/5 * * * *', '0 0 * * 7', '0 0 * * 0-7', '0 0 * * 1-5', '? ? ? ? ?',
  '*-5 * * * *', '0 0 L * *', '0 0 1W * *', '0 0 * * 1#2', '0 0 0 * * *', '* * * *', '0 0 29 2 *', '0 0 31 4 *',
  ...durations.map((d) => `@every ${d}`),
]);
for (const generate of [wild, plausible]) {
  const target = specs.size + 1000;
  while (specs.size < target) specs.add(generate());
}

const list = [...specs];
const parser = process.argv[2];
const results = execFileSync(parser, { input: list.map((s) => JSON.stringify(s)).join('\n') + '\n', maxBuffer: 1 << 28 })
  .toString().trim().split('\n').map((line) => JSON.parse(line));
const fixture = results.map((r) => ({ spec: r.spec, error: r.error ?? null }));
fs.writeFileSync('test/fixtures/robfig-parse-standard.json', JSON.stringify(fixture, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`${fixture.length} schedules, ${fixture.filter((f) => f.error === null).length} accepted by robfig/cron`);
