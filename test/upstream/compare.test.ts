import { NodeAgent } from '../../src';
import { newChart } from '../util';
import { differences, emittedManifests, manifestDifferences, upstreamManifests } from './compare';

describe('the comparison the upstream tests rely on', () => {
  test('reports each differing leaf, a field on one side only once with its whole value, and array elements by index', () => {
    expect(differences(
      { a: 1, b: { c: 'x', d: [1, 2] }, gone: { deep: true } },
      { a: 1, b: { c: 'y', d: [1, 2, 3] }, added: ['z'] },
    )).toEqual([
      { path: 'added', emitted: ['z'] },
      { path: 'b.c', upstream: 'x', emitted: 'y' },
      { path: 'b.d[2]', emitted: 3 },
      { path: 'gone', upstream: { deep: true } },
    ]);
  });

  test('tells a number from the same digits as a string', () => {
    expect(differences({ port: 80 }, { port: '80' })).toEqual([{ path: 'port', upstream: 80, emitted: '80' }]);
  });

  test('pairs objects by kind and name, and reports one missing on either side as a whole', () => {
    const svc = { kind: 'Service', metadata: { name: 'a' } };
    const job = { kind: 'Job', metadata: { name: 'b' } };
    expect(manifestDifferences([svc], [job])).toEqual({
      'Service/a': [{ path: '', upstream: svc }],
      'Job/b': [{ path: '', emitted: job }],
    });
  });

  test('pairs a renamed object with the emitted one of its new name, and reports the name as a difference', () => {
    const upstream = { kind: 'ServiceAccount', metadata: { name: 'a-sa', namespace: 'n' } };
    const ours = { kind: 'ServiceAccount', metadata: { name: 'a', namespace: 'n' } };
    expect(manifestDifferences([upstream], [ours], { 'ServiceAccount/a-sa': 'a' })).toEqual({
      'ServiceAccount/a-sa': [{ path: 'metadata.name', upstream: 'a-sa', emitted: 'a' }],
    });
    // Only that kind is renamed: a Role of the upstream name is still missing, ours of the new name extra.
    const role = { kind: 'Role', metadata: { name: 'a-sa' } };
    expect(manifestDifferences([upstream, role], [ours, { kind: 'Role', metadata: { name: 'a' } }], { 'ServiceAccount/a-sa': 'a' })).toEqual({
      'ServiceAccount/a-sa': [{ path: 'metadata.name', upstream: 'a-sa', emitted: 'a' }],
      'Role/a-sa': [{ path: '', upstream: role }],
      'Role/a': [{ path: '', emitted: { kind: 'Role', metadata: { name: 'a' } } }],
    });
  });

  test('reads every document of a fixture, as kubectl would (a folded double-quoted scalar joins its lines)', () => {
    const [, , , zk] = upstreamManifests('zookeeper-statefulset.yaml');
    expect(zk.kind).toBe('StatefulSet');
    expect(zk.spec.template.spec.containers[0].command[2]).toMatch(/^start-zookeeper --servers=3 --data_dir=\/var\/lib\/zookeeper\/data .* --log_level=INFO$/);
  });

  test('fails where synth would: the library validation runs', () => {
    const { chart } = newChart();
    new NodeAgent(chart, 'agent', {
      containers: [{ name: 'a', image: 'busybox', volumeMounts: [{ name: 'missing', mountPath: '/x' }] }],
    });
    expect(() => emittedManifests(chart)).toThrow(/spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "missing": names no volume of the pod/);
  });
});
