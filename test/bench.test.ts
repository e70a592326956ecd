import { build, comparableWorkloads, toYaml } from '../bench/app';
import { differenceKind, jsonDifferences, parity } from '../bench/parity';
import { formatRatio, median, renderTable, targetMark } from '../bench/stats';
import { ALL_WORKLOADS } from '../bench/workloads';

// The benchmark's own arithmetic and fairness; nothing here is timed.
describe('bench helpers', () => {
  test('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  test('median of no values throws', () => {
    expect(() => median([])).toThrow(RangeError);
  });

  test('ratios are formatted with two decimals; an unmeasured side gives a dash', () => {
    expect(formatRatio(84, 100)).toBe('0.84×');
    expect(formatRatio(3, 1)).toBe('3.00×');
    expect(formatRatio(undefined, 1)).toBe('–');
    expect(formatRatio(1, 0)).toBe('–');
  });

  test('a target is met at its limit and missed above it', () => {
    expect(targetMark(1.0, 1.0)).toBe('met');
    expect(targetMark(1.01, 1.0)).toBe('MISSED');
    expect(targetMark(undefined, 1.0)).toBe('–');
  });

  test('tables pad text to the left and numbers to the right', () => {
    expect(renderTable(['variant', 'time'], [['ours', '12 ms'], ['floor', '3 ms']])).toBe([
      'variant  time',
      '-------  -----',
      'ours     12 ms',
      'floor     3 ms',
    ].join('\n'));
  });

  test('JSON differences ignore key order, list each differing leaf, and count a missing manifest once', () => {
    expect(jsonDifferences({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(jsonDifferences({ kind: { spec: { x: 1 } } }, { kind: { spec: { x: 2, y: true } } })).toEqual([
      { path: '.kind.spec.x', ours: 1, other: 2 },
      { path: '.kind.spec.y', ours: undefined, other: true },
    ]);
    expect(jsonDifferences(undefined, { spec: { x: 1, y: 2 } }, 'Service/db')).toHaveLength(1);
  });

  test('a field cdk8s-plus-27 spells out with the API default is told apart from a real difference', () => {
    expect(differenceKind({ path: 'DaemonSet/a.spec.template.spec.dnsPolicy', ours: undefined, other: 'ClusterFirst' })).toBe('spelled-out default');
    expect(differenceKind({ path: 'DaemonSet/a.spec.template.spec.dnsPolicy', ours: undefined, other: 'None' })).toBe('other');
    expect(differenceKind({ path: 'DaemonSet/a.spec.template.metadata.labels.cdk8s.io/metadata.addr', ours: undefined, other: 'x' })).toBe('cdk8s address label');
  });

  // The benchmark compares the cost of writing the same manifests; a construct change that alters its output
  // must be mirrored in the workload's floor.ts, or the comparison is no longer fair.
  test.each(ALL_WORKLOADS.map((w) => [w.name, w] as const))('the floor of %s emits exactly what ours emits', (_, workload) => {
    expect(parity(workload, 'floor')).toEqual([]);
  });

  // The cdk8s floor stands for the least a library on cdk8s pays for the same output: it must write ours's bytes.
  test('the cdk8s floor (bare ApiObjects, rendered in one pass) writes byte for byte what ours writes', () => {
    const kinds = comparableWorkloads();
    const ours = toYaml('ours', build('ours', kinds, 2));
    expect(toYaml('cdk8s-floor', build('cdk8s-floor', kinds, 2))).toBe(ours);
    expect(toYaml('cdk8s-floor', build('cdk8s-floor', kinds, 2, 'per-team'))).toBe(toYaml('ours', build('ours', kinds, 2, 'per-team')));
    expect(ours).toContain('kind: StatefulSet');
  });
});
