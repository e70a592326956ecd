import { Manifest, changed, daemonSetWith, linesAt } from './cases';
import { KubernetesVersion } from '../../src';

// validateInitContainers / validateInitContainerRestartPolicy / validateContainers (pkg/apis/core/validation/validation.go,
// the version stored in the search index, which predates ContainerRestartRules): native sidecars, on by default from 1.29.
// What ContainerRestartRules (1.35+) accepts and refuses is in restart-rules.test.ts.
const base: Manifest = daemonSetWith({
  initContainers: [{
    name: 'proxy',
    image: 'registry.example.com/proxy:2',
    restartPolicy: 'Always',
    readinessProbe: { tcpSocket: { port: 15001 } },
    lifecycle: { preStop: { exec: { command: ['/bin/drain'] } } },
  }],
});

const I = 'spec.template.spec.initContainers[0]';
const init = (m: Manifest): Manifest => m.spec.template.spec.initContainers[0];
const lines = linesAt;

describe('native sidecars (initContainers[].restartPolicy)', () => {
  test.each(['1.34', '1.35', '1.36'] as const)('a sidecar with a probe and lifecycle is valid at %s', (version) => {
    expect(lines(base, version)).toEqual([]);
  });

  test.each<[string, KubernetesVersion, (m: Manifest) => void, string]>([
    ['a probe on an init container without restartPolicy', '1.36', (m) => { delete init(m).restartPolicy; delete init(m).lifecycle; },
      `${I}.readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always`],
    ['lifecycle on an init container without restartPolicy', '1.36', (m) => { delete init(m).restartPolicy; delete init(m).readinessProbe; },
      `${I}.lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always`],
    ['a sidecar probe is validated like a regular container\'s', '1.36', (m) => { init(m).readinessProbe.tcpSocket.port = 0; },
      `${I}.readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive`],
    ['a sidecar liveness probe with successThreshold 2', '1.36', (m) => { init(m).livenessProbe = { tcpSocket: { port: 1 }, successThreshold: 2 }; },
      `${I}.livenessProbe.successThreshold: Invalid value: 2: must be 1`],
    ['an init container restartPolicy other than Always (1.34: ContainerRestartRules off)', '1.34', (m) => { init(m).restartPolicy = 'Never'; delete init(m).readinessProbe; delete init(m).lifecycle; },
      `${I}.restartPolicy: Unsupported value: "Never": supported values: "Always"`],
    ['restartPolicy on a regular container (1.34: ContainerRestartRules off)', '1.34', (m) => { m.spec.template.spec.containers[0].restartPolicy = 'Always'; },
      'spec.template.spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
  ])('rejects %s at %s', (_, version, change, line) => {
    expect(lines(changed(base, change), version)).toEqual([line]);
  });

  test('at 1.27 the field is unknown and init containers keep the old wording', () => {
    const old = changed(base, (m) => { delete init(m).restartPolicy; delete init(m).lifecycle; });
    expect(lines(old, '1.27')).toEqual([`${I}.readinessProbe: Forbidden: may not be set for init containers`]);
  });
});
