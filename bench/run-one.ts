/**
 * One measurement, in a fresh process: `node run-one.js --variant ours --n 1000 [--layout per-team]` builds n teams
 * of workloads with one variant, serializes them to a YAML string, and prints one JSON line (`Sample`) on stdout.
 */
import { parseArgs } from 'node:util';
import { Layout, VARIANTS, Variant, build, comparableWorkloads, toYaml } from './app';

/** What one run measured. */
export interface Sample {
  /** Milliseconds from process start to the first line of this script: Node and module loading. */
  readonly loadMs: number;
  /** Milliseconds to construct the workloads (for the floor: the plain objects). */
  readonly buildMs: number;
  /** Milliseconds from the built workloads to the YAML string (resolution, validation, serialization). */
  readonly synthMs: number;
  /** buildMs + synthMs. */
  readonly totalMs: number;
  /**
   * CPU time (user + system, all threads: GC included) over the same span, in milliseconds. On a shared
   * machine it varies much less than wall time, because it does not count time spent waiting for a core.
   */
  readonly cpuMs: number;
  /** Workloads built. */
  readonly workloads: number;
  /** Length of the YAML, to check that the variants emit about as much. */
  readonly yamlChars: number;
  /** Peak resident set size of the whole process, in MiB (`process.resourceUsage().maxRSS`). */
  readonly peakRssMb: number;
  /** Resident set size before building, in MiB: what loading Node and the modules took. */
  readonly startRssMb: number;
}

function main(): void {
  const loadMs = performance.now();
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const { values } = parseArgs({ options: { variant: { type: 'string' }, n: { type: 'string' }, layout: { type: 'string', default: 'single' } } });
  const variant = values.variant as Variant;
  const n = Number(values.n);
  const layout = values.layout as Layout;
  if (!VARIANTS.includes(variant) || !Number.isInteger(n) || n < 1 || !['single', 'per-team'].includes(layout)) {
    throw new Error(`usage: run-one --variant ${VARIANTS.join('|')} --n <teams> [--layout single|per-team]`);
  }
  const kinds = comparableWorkloads();

  const startCpu = process.cpuUsage();
  const start = performance.now();
  const built = build(variant, kinds, n, layout);
  const builtAt = performance.now();
  const yaml = toYaml(variant, built);
  const end = performance.now();
  const cpu = process.cpuUsage(startCpu);

  const sample: Sample = {
    loadMs,
    buildMs: builtAt - start,
    synthMs: end - builtAt,
    totalMs: end - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    workloads: n * kinds.length,
    yamlChars: yaml.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main();
