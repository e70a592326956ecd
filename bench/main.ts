/**
 * `npm run bench`: synth cost and type-check cost of our constructs against cdk8s-plus-27 and three floors (plain
 * objects serialized with the yaml package, as cdk8s does, and with the fastest serializer measured, ours; and the
 * same objects as bare cdk8s ApiObjects, rendered and written by ours: the least a library on cdk8s can cost).
 *
 *   npm run bench                       N = 100, 1000, 2500; 5 runs each; type check of 200 workloads
 *   npm run bench -- --quick            N = 100, 1000; 3 runs; type check once
 *   npm run bench -- --json             one JSON object on stdout (progress goes to stderr)
 *   npm run bench -- --n 100,250 --runs 7 --layout per-team --skip-types --save results.json
 *   npm run bench -- --types-only       only the type check (no synth runs; 3 runs, 1 with --quick)
 *   npm run bench -- --serializers      the YAML serializers alone on the same objects (bench/serializers.ts)
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Layout, VARIANTS, VARIANT_NAMES, Variant, comparableWorkloads } from './app';
import { ParityReport, parityReport } from './parity';
import { Sample } from './run-one';
import { formatRatio, median, renderTable, targetMark } from './stats';
import { TypeBench, TypeCheckResult, typeBench } from './types';
import { ALL_WORKLOADS } from './workloads';

/** The targets of the issues (14: synth; 7: type instantiations). */
const TARGETS = { oursOverPlus: 0.5, oursOverFastestFloor: 2.0, peakRssOursOverPlus: 0.6, growth: 1.2, instantiations: 1.2 };

/** A target of the issue: `value` must be at most `limit`. */
interface Target {
  readonly target: string;
  readonly value: number;
  readonly limit: number;
  readonly met: boolean;
}

/** Ours over the others at one N: CPU time (the targets), wall time and peak RSS. */
interface Ratios {
  readonly n: number;
  readonly oursOverPlus: number;
  readonly oursOverFloor: number;
  readonly oursOverFastestFloor: number;
  /** What the construct tree and the render cost alone: the cdk8s floor over the fastest floor. */
  readonly cdk8sFloorOverFastestFloor: number;
  readonly oursOverCdk8sFloor: number;
  readonly wallOursOverPlus: number;
  readonly wallOursOverFloor: number;
  readonly peakRssOursOverPlus: number;
}

interface Cell {
  readonly variant: Variant;
  readonly n: number;
  readonly workloads: number;
  readonly runs: number;
  /** Median wall time of construction + synth. */
  readonly totalMs: number;
  /** Median CPU time of construction + synth. */
  readonly cpuMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  /** CPU time per workload, in microseconds. */
  readonly usPerWorkload: number;
  readonly peakRssMb: number;
  readonly yamlChars: number;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function runOne(variant: Variant, n: number, layout: Layout): Sample {
  const script = join(__dirname, 'run-one.js');
  const child = spawnSync(process.execPath, [script, '--variant', variant, '--n', String(n), '--layout', layout], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`run-one --variant ${variant} --n ${n} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as Sample;
}

function measure(ns: readonly number[], runs: number, layout: Layout): Cell[] {
  const samples = new Map<string, Sample[]>();
  for (let run = 0; run < runs; run++) {
    for (const n of ns) {
      // Rotate the order each run, so that no variant always runs first (or right after another's GC).
      const order = VARIANTS.map((_, k) => VARIANTS[(k + run) % VARIANTS.length]);
      for (const variant of order) {
        const sample = runOne(variant, n, layout);
        log(`run ${run + 1}/${runs}  N=${n}  ${variant.padEnd(13)} wall ${sample.totalMs.toFixed(0).padStart(6)} ms  CPU ${sample.cpuMs.toFixed(0).padStart(6)} ms  ${sample.peakRssMb.toFixed(0)} MB`);
        const key = `${variant}/${n}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    }
  }
  return ns.flatMap((n) => VARIANTS.map((variant): Cell => {
    const list = samples.get(`${variant}/${n}`)!;
    const cpuMs = median(list.map((s) => s.cpuMs));
    return {
      variant,
      n,
      workloads: list[0].workloads,
      runs: list.length,
      totalMs: median(list.map((s) => s.totalMs)),
      cpuMs,
      buildMs: median(list.map((s) => s.buildMs)),
      synthMs: median(list.map((s) => s.synthMs)),
      usPerWorkload: (cpuMs * 1000) / list[0].workloads,
      peakRssMb: median(list.map((s) => s.peakRssMb)),
      yamlChars: list[0].yamlChars,
    };
  }));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'quick': { type: 'boolean', default: false },
      'json': { type: 'boolean', default: false },
      'n': { type: 'string' },
      'runs': { type: 'string' },
      'layout': { type: 'string', default: 'single' },
      'skip-types': { type: 'boolean', default: false },
      'types-only': { type: 'boolean', default: false },
      'type-workloads': { type: 'string', default: '200' },
      'save': { type: 'string' },
      'serializers': { type: 'boolean', default: false },
    },
  });
  if (values.serializers) {
    const child = spawnSync(process.execPath, [join(__dirname, 'serializers.js'), '--n', values.n ?? '2500', '--runs', values.runs ?? '5'], { stdio: 'inherit' });
    process.exitCode = child.status ?? 1;
    return;
  }
  const ns = (values.n ?? (values.quick ? '100,1000' : '100,1000,2500')).split(',').map(Number);
  const runs = Number(values.runs ?? (values.quick ? 3 : 5));
  const layout = values.layout as Layout;
  const kinds = comparableWorkloads();
  const missing = ALL_WORKLOADS.filter((w) => !w.ours).map((w) => w.name);
  const loadBefore = loadavg()[0];
  if (values['types-only']) {
    const types = typeBench(kinds.map((k) => k.dir), Number(values['type-workloads']), Number(values.runs ?? (values.quick ? 1 : 3)));
    const typeRatios = typeRatiosOf(types);
    const targets = typeTargets(typeRatios);
    if (values.save || values.json) {
      const json = `${JSON.stringify({ machine: machineOf(loadBefore), kinds: kinds.map((k) => k.name), missing, types, typeRatios, targets }, undefined, 2)}\n`;
      if (values.save) writeFileSync(values.save, json);
      if (values.json) return void process.stdout.write(json);
    }
    const out = [machineLine(machineOf(loadBefore)), ...typeLines(types, kinds), '', 'Targets:', ...targetLines(targets)];
    process.stdout.write(`${out.join('\n')}\n`);
    return;
  }

  // The comparison is only fair if the floor emits what ours emits; check before measuring.
  const parity: ParityReport[] = kinds.map((kind) => {
    const floor = parityReport(kind, 'floor');
    if (floor.differences > 0) {
      throw new Error(`bench/workloads/${kind.dir}/floor.ts no longer matches ours.ts (${floor.differences} differences); update it`);
    }
    return parityReport(kind, 'plus');
  });

  const cells = measure(ns, runs, layout);
  for (const n of ns) {
    const chars = (variant: Variant) => cells.find((c) => c.n === n && c.variant === variant)!.yamlChars;
    // Ours and the fastest and cdk8s floors use the same writer, so the same manifests give the same YAML.
    for (const floor of ['fastest-floor', 'cdk8s-floor'] as const) {
      if (chars('ours') !== chars(floor)) throw new Error(`N=${n}: ours wrote ${chars('ours')} YAML characters, the ${floor} ${chars(floor)}`);
    }
  }
  const types = values['skip-types'] ? undefined : typeBench(kinds.map((k) => k.dir), Number(values['type-workloads']), values.quick ? 1 : 3);

  const cell = (variant: Variant, n: number) => cells.find((c) => c.variant === variant && c.n === n)!;
  const ratios = ns.map((n): Ratios => ({
    n,
    oursOverPlus: cell('ours', n).cpuMs / cell('plus', n).cpuMs,
    oursOverFloor: cell('ours', n).cpuMs / cell('floor', n).cpuMs,
    oursOverFastestFloor: cell('ours', n).cpuMs / cell('fastest-floor', n).cpuMs,
    cdk8sFloorOverFastestFloor: cell('cdk8s-floor', n).cpuMs / cell('fastest-floor', n).cpuMs,
    oursOverCdk8sFloor: cell('ours', n).cpuMs / cell('cdk8s-floor', n).cpuMs,
    wallOursOverPlus: cell('ours', n).totalMs / cell('plus', n).totalMs,
    wallOursOverFloor: cell('ours', n).totalMs / cell('floor', n).totalMs,
    peakRssOursOverPlus: cell('ours', n).peakRssMb / cell('plus', n).peakRssMb,
  }));
  const [first, last] = [ns[0], ns[ns.length - 1]];
  const growth = Object.fromEntries(VARIANTS.map((v) => [v, cell(v, last).usPerWorkload / cell(v, first).usPerWorkload])) as Record<Variant, number>;
  const typeRatios = types ? typeRatiosOf(types) : undefined;
  const lastRatio = ratios[ratios.length - 1];
  const targets: Target[] = [
    { target: `CPU ours / cdk8s-plus-27 at N=${last}`, value: lastRatio.oursOverPlus, limit: TARGETS.oursOverPlus },
    { target: `CPU ours / fastest floor at N=${last}`, value: lastRatio.oursOverFastestFloor, limit: TARGETS.oursOverFastestFloor },
    { target: `peak RSS ours / cdk8s-plus-27 at N=${last}`, value: lastRatio.peakRssOursOverPlus, limit: TARGETS.peakRssOursOverPlus },
    { target: `ours CPU time per workload, N=${last} ÷ N=${first}`, value: growth.ours, limit: TARGETS.growth },
  ].map((t) => ({ ...t, met: t.value <= t.limit })).concat(typeTargets(typeRatios ?? []));
  const machine = machineOf(loadBefore);

  const json = `${JSON.stringify({ machine, layout, runs, kinds: kinds.map((k) => k.name), missing, parity, cells, ratios, growth, types, typeRatios, targets }, undefined, 2)}\n`;
  if (values.save) writeFileSync(values.save, json);
  if (values.json) {
    process.stdout.write(json);
    return;
  }
  print({ machine, layout, runs, kinds: kinds.map((k) => k.name), missing, parity, cells, ratios, growth, types, typeRatios, targets, first, last });
}

type Machine = Report['machine'];

/** The machine, with the load average before the runs and now. */
function machineOf(loadBefore: number): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  };
}

function typeRatiosOf(types: TypeBench): TypeRatio[] {
  return types.modes.map((m) => ({
    mode: m.mode,
    checkTime: m.ours.checkMs / m.plus.checkMs,
    instantiations: m.ours.instantiations / m.plus.instantiations,
  }));
}

function typeTargets(typeRatios: readonly TypeRatio[]): Target[] {
  return typeRatios.map((t) => ({ target: `type instantiations ours / cdk8s-plus-27, ${t.mode}`, value: t.instantiations, limit: TARGETS.instantiations }))
    .map((t) => ({ ...t, met: t.value <= t.limit }));
}

interface TypeRatio {
  readonly mode: string;
  readonly checkTime: number;
  readonly instantiations: number;
}

interface Report {
  readonly machine: { cpus: number; cpuModel?: string; node: string; date: string; loadAverage1m: { before: number; after: number } };
  readonly layout: Layout;
  readonly runs: number;
  readonly kinds: string[];
  readonly missing: string[];
  readonly parity: ParityReport[];
  readonly cells: Cell[];
  readonly ratios: Ratios[];
  readonly growth: Record<Variant, number>;
  readonly types?: TypeBench;
  readonly typeRatios?: TypeRatio[];
  readonly targets: Target[];
  readonly first: number;
  readonly last: number;
}

function print(r: Report): void {
  const { machine } = r;
  const out: string[] = [];
  out.push(machineLine(machine));
  out.push(`Workloads: N of each of ${r.kinds.join(', ')}${r.missing.length ? `; not measured (construct not on this branch): ${r.missing.join(', ')}` : ''}.`);
  out.push(`Layout: ${r.layout === 'single' ? 'one chart, a scope per team' : 'one chart per team'}. Each cell: median of ${r.runs} runs, each a fresh \`node\` process running compiled JS; time = construction + synth to one YAML string (ours: our synthYaml and stringifyYaml; cdk8s-plus-27: app.synthYaml(); floors: cdk8s Yaml.stringify, stringifyYaml, and for the cdk8s floor bare ApiObjects rendered in one pass, then stringifyYaml). Ratios and targets use CPU time (user + system, GC threads included): on a shared machine wall time also counts waiting for a core.`);
  out.push('');
  out.push(renderTable(
    ['N', 'workloads', 'variant', 'CPU', 'CPU per workload', 'wall', 'wall: construct', 'wall: synth+YAML', 'peak RSS'],
    r.cells.map((c) => [String(c.n), String(c.workloads), VARIANT_NAMES[c.variant], `${c.cpuMs.toFixed(0)} ms`, `${c.usPerWorkload.toFixed(0)} µs`,
      `${c.totalMs.toFixed(0)} ms`, `${c.buildMs.toFixed(0)} ms`, `${c.synthMs.toFixed(0)} ms`, `${c.peakRssMb.toFixed(0)} MB`]),
  ));
  out.push('');
  out.push(renderTable(
    ['N', 'CPU ours / cdk8s-plus-27', 'CPU ours / floor', 'CPU ours / fastest floor', 'CPU cdk8s floor / fastest floor', 'CPU ours / cdk8s floor',
      'wall ours / cdk8s-plus-27', 'wall ours / floor', 'peak RSS ours / cdk8s-plus-27'],
    r.ratios.map((x) => [String(x.n), `${x.oursOverPlus.toFixed(2)}×`, `${x.oursOverFloor.toFixed(2)}×`, `${x.oursOverFastestFloor.toFixed(2)}×`,
      `${x.cdk8sFloorOverFastestFloor.toFixed(2)}×`, `${x.oursOverCdk8sFloor.toFixed(2)}×`, `${x.wallOursOverPlus.toFixed(2)}×`,
      `${x.wallOursOverFloor.toFixed(2)}×`, `${x.peakRssOursOverPlus.toFixed(2)}×`]),
  ));
  out.push('');
  out.push(`Growth, CPU time per workload at N=${r.last} ÷ at N=${r.first}: ${VARIANTS.map((v) => `${v} ${r.growth[v].toFixed(2)}×`).join(', ')}.`);
  if (r.types) {
    out.push('');
    out.push(...typeLines(r.types, comparableWorkloads()));
  }
  out.push('');
  out.push('Parity of cdk8s-plus-27 + escape hatches with ours, one workload of each kind (ours = floor exactly; checked before measuring):');
  for (const p of r.parity) {
    out.push(`  ${p.workload}: ${p.differences} differing fields: ${p.byKind['spelled-out default']} API defaults spelled out, ${p.byKind['cdk8s address label']} cdk8s.io/metadata.addr labels, ${p.byKind.other} other${p.others.length ? ` (${p.others.join('; ')})` : ''}`);
  }
  out.push('');
  out.push('Targets:');
  out.push(...targetLines(r.targets));
  process.stdout.write(`${out.join('\n')}\n`);
}

function machineLine(machine: Machine): string {
  return `Machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.date}; 1-minute load average ${machine.loadAverage1m.before.toFixed(1)} before, ${machine.loadAverage1m.after.toFixed(1)} after.`;
}

function targetLines(targets: readonly Target[]): string[] {
  return targets.map((t) => `  ${targetMark(t.value, t.limit).padEnd(6)} ${t.target}: ${t.value.toFixed(2)}× (target ≤ ${t.limit}×)`);
}

/** The type-check table, and what one more workload of each kind costs. */
function typeLines(t: TypeBench, kinds: readonly { readonly dir: string; readonly name: string }[]): string[] {
  const name = (dir: string) => kinds.find((k) => k.dir === dir)?.name ?? dir;
  const perKind = (variant: 'ours' | 'plus') => t.perExtraWorkload.map((c) => `${name(c.dir)} ${c[variant].toFixed(1)}`).join(', ');
  return [
    `Type check: ${t.modes[0].ours.workloads} workloads (${t.copiesPerKind} of each kind, one module each), tsc --noEmit --extendedDiagnostics; check time is a median.`,
    renderTable(
      ['app', 'mode', 'check time', 'instantiations', 'types', 'memory', 'ours / cdk8s-plus-27'],
      t.modes.flatMap((m) => [
        typeRow('ours', m.mode, m.ours, `time ${formatRatio(m.ours.checkMs, m.plus.checkMs)}, instantiations ${formatRatio(m.ours.instantiations, m.plus.instantiations)}`),
        typeRow('cdk8s-plus-27', m.mode, m.plus, ''),
      ]),
    ),
    `Instantiations per extra workload (app code; an app of ${Math.max(t.copiesPerKind, 2)} copies of one kind minus an app of 1, per extra copy):`,
    `  ours:          ${perKind('ours')}`,
    `  cdk8s-plus-27: ${perKind('plus')}`,
  ];
}

function typeRow(app: string, mode: string, x: TypeCheckResult, ratio: string): string[] {
  return [app, mode, `${x.checkMs.toFixed(0)} ms`, String(x.instantiations), String(x.types), `${x.memoryMb.toFixed(0)} MB`, ratio];
}

main();
