import { Construct } from 'constructs';

/**
 * One kind of workload, built three ways. Each builder makes workload number `i` of a team whose chart has the
 * namespace `team-<i>`; the three must describe the same workload, so that the benchmark compares the cost of
 * the tools, not of different manifests (`npm run bench` checks ours against the floor before measuring).
 */
export interface WorkloadBuilders {
  /** The construct, as the table names it, e.g. `NodeAgent (DaemonSet)`. */
  readonly name: string;
  /**
   * Its folder under `bench/workloads/`, holding `ours.ts`, `plus.ts` and `floor.ts`; the type-check benchmark
   * copies `ours.ts` and `plus.ts` from there.
   */
  readonly dir: string;
  /** With our construct. `undefined` while the construct is not on this branch; the kind is then left out. */
  readonly ours?: (scope: Construct, i: number) => void;
  /** With cdk8s-plus-27's L2 construct, its defaults turned off by props where it has them, else by JSON patches. */
  readonly plus: (scope: Construct, i: number) => void;
  /** The manifests `ours` emits, as plain objects, to be serialized with no construct tree at all. */
  readonly floor: (i: number) => object[];
}

/** The namespace and part-of label of team `i`'s chart. */
export function team(i: number): string {
  return `team-${i}`;
}
