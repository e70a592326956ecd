import { Chart, Testing } from 'cdk8s';
import { IntOrPercent, KubernetesTarget, KubernetesVersion, OrderedStore, OrderedStoreProps, StatefulSetUpdateStrategy } from '../../src';
import { manifestsOfKind, synthErrors } from '../util';

// StatefulSet rollingUpdate.maxUnavailable follows the target (#15): MaxUnavailableStatefulSet is alpha (off) from
// 1.24, beta but off in 1.35, on by default from 1.37 (a 1.37-cycle pkg/features/kube_features.go, docs/kubernetes-versions.md).
const dbContainer = { name: 'db', image: 'postgres:16.3' };
const prefix = '[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.maxUnavailable: ';
// Values computed at run time: the types cannot see them.
const runtime = (value: IntOrPercent): IntOrPercent => value;

function chartFor(version: KubernetesVersion): { app: ReturnType<typeof Testing.app>; chart: Chart } {
  const app = Testing.app();
  KubernetesTarget.set(app, version);
  return { app, chart: new Chart(app, 'test') };
}

function errorsOf(version: KubernetesVersion, props: OrderedStoreProps): string[] {
  const { app, chart } = chartFor(version);
  new OrderedStore(chart, 'store', props);
  return synthErrors(app);
}

const withMaxUnavailable = (value: IntOrPercent): OrderedStoreProps => ({
  containers: [dbContainer],
  replicas: 4,
  updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: runtime(value) }),
});

describe.each(['1.37'] as const)('OrderedStore maxUnavailable, target %s (gate on by default)', (version) => {
  test('is emitted and accepted', () => {
    const { app, chart } = chartFor(version);
    new OrderedStore(chart, 'store', { containers: [dbContainer], replicas: 4, updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 1, maxUnavailable: '50%' }) });
    expect(() => app.synth()).not.toThrow();
    const [statefulSet] = manifestsOfKind(chart, 'StatefulSet');
    expect(statefulSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: '50%' } });
  });

  // One line each, from the validator's validateRollingUpdateStatefulSet: no construct rule repeats it.
  test('0 is refused as the API server words it', () => {
    expect(errorsOf(version, withMaxUnavailable(0))).toEqual([`${prefix}Invalid value: 0: cannot be 0`]);
  });

  test('more than 100% is refused', () => {
    expect(errorsOf(version, withMaxUnavailable('150%'))).toEqual([`${prefix}Invalid value: "150%": must not be greater than 100%`]);
  });

  test('the deprecated maxUnavailableAlpha is the same field, judged by the same rules', () => {
    const { app, chart } = chartFor(version);
    new OrderedStore(chart, 'store', { containers: [dbContainer], updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: 3 }) });
    expect(() => app.synth()).not.toThrow();
    expect(manifestsOfKind(chart, 'StatefulSet')[0].spec.updateStrategy.rollingUpdate).toEqual({ partition: 0, maxUnavailable: 3 });
    const zero = StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: runtime(0) });
    expect(errorsOf(version, { containers: [dbContainer], updateStrategy: zero }))
      .toEqual([`${prefix}Invalid value: 0: cannot be 0`]);
  });
});

describe.each(['1.27', '1.34', '1.35', '1.36'] as const)('OrderedStore maxUnavailable, target %s (gate off by default)', (version) => {
  test('is one synth error naming the release that turns it on', () => {
    expect(errorsOf(version, withMaxUnavailable(2))).toEqual([
      `${prefix}Forbidden: on by default from Kubernetes 1.37 (feature gate MaxUnavailableStatefulSet, off before: alpha since 1.24, beta from 1.35), it is off in ${version}, the target version (its API server drops the field and updates one pod at a time; stricter than the API server, which accepts it): target 1.37 or newer, or use maxUnavailableAlpha on a cluster that enables the gate`,
    ]);
  });

  test('an invalid value is still one line: the version, not the value, is the problem', () => {
    expect(errorsOf(version, withMaxUnavailable(0))).toEqual([expect.stringMatching(/^\[test\/store\] StatefulSet test-store-c8818d85: spec\.updateStrategy\.rollingUpdate\.maxUnavailable: Forbidden: on by default from Kubernetes 1\.37 /)]);
  });

  test('maxUnavailableAlpha stays the opt-in of an alpha-gate cluster: emitted, with the gate-on rules', () => {
    const { app, chart } = chartFor(version);
    new OrderedStore(chart, 'store', { containers: [dbContainer], updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: 2 }) });
    expect(() => app.synth()).not.toThrow();
    expect(manifestsOfKind(chart, 'StatefulSet')[0].spec.updateStrategy.rollingUpdate).toEqual({ partition: 0, maxUnavailable: 2 });
    const zero = StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: runtime(0) });
    expect(errorsOf(version, { containers: [dbContainer], updateStrategy: zero }))
      .toEqual([`${prefix}Invalid value: 0: cannot be 0; use 1 (or leave maxUnavailableAlpha out) to update one pod at a time`]);
  });
});

test('maxUnavailable and maxUnavailableAlpha together are one line, on any target', () => {
  for (const version of KubernetesTarget.VERSIONS) {
    const updateStrategy = StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: 2, maxUnavailableAlpha: 2 });
    expect(errorsOf(version, { containers: [dbContainer], updateStrategy })).toEqual([
      `${prefix}Invalid value: 2: set by both maxUnavailable and maxUnavailableAlpha: set only maxUnavailable (maxUnavailableAlpha is its deprecated alias)`,
    ]);
  }
});
