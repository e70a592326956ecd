import { defaultStatefulSet } from '../../src/validation/defaults';

// SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go): with MaxUnavailableStatefulSet on (1.37+) a RollingUpdate's
// nil maxUnavailable becomes 1; dropStatefulSetDisabledFields (pkg/registry/apps/statefulset/strategy.go) removes it
// from any rollingUpdate while the gate is off. The validator cannot show a default that always passes, so it is
// pinned here.
function strategyAfterDefaults(updateStrategy: unknown, version: '1.27' | '1.34' | '1.35' | '1.37'): unknown {
  const spec: Record<string, unknown> = { updateStrategy };
  defaultStatefulSet(spec, { version });
  return spec.updateStrategy;
}

describe('defaultStatefulSet: rollingUpdate.maxUnavailable by target', () => {
  test.each(['1.37'] as const)('%s: a missing maxUnavailable of a RollingUpdate becomes 1', (version) => {
    expect(strategyAfterDefaults({}, version)).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    expect(strategyAfterDefaults({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, version)).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: 1 } });
  });

  test.each(['1.37'] as const)('%s: a given value, even an empty string, is kept; no rollingUpdate is added to an explicit RollingUpdate', (version) => {
    expect(strategyAfterDefaults({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '' } }, version)).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: '' } });
    expect(strategyAfterDefaults({ type: 'RollingUpdate' }, version)).toEqual({ type: 'RollingUpdate' });
    expect(strategyAfterDefaults({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 3 } }, version)).toEqual({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 3 } });
  });

  test.each(['1.27', '1.34', '1.35'] as const)('%s: maxUnavailable is never added, and dropped from any rollingUpdate', (version) => {
    expect(strategyAfterDefaults({}, version)).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(strategyAfterDefaults({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } }, version)).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(strategyAfterDefaults({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 3 } }, version)).toEqual({ type: 'OnDelete', rollingUpdate: {} });
  });
});
