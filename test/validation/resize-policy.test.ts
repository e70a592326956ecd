import { Manifest, changed } from './cases';
import { KubernetesVersion, formatViolation, validateManifest } from '../../src';

// Container resizePolicy (InPlacePodVerticalScaling on from 1.33), ported from validateResizePolicy and
// validateInitContainers (pkg/apis/core/validation/validation.go, AIAgentSandox/kubernetes@64149d12, a 1.37-cycle
// copy). Expected lines are written out by hand from those functions.
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate' },
  spec: {
    template: {
      spec: {
        restartPolicy: 'OnFailure',
        containers: [{ name: 'migrate', image: 'registry.example.com/migrate:1.0' }],
        initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0' }],
      },
    },
  },
};

const C = 'spec.template.spec.containers[0]';
const pod = (m: Manifest): Manifest => m.spec.template.spec;
const resize = (...policies: Manifest[]) => (m: Manifest): void => { pod(m).containers[0].resizePolicy = policies; };
const lines = (manifest: Manifest, kubernetesVersion: KubernetesVersion): string[] =>
  validateManifest(manifest, { kubernetesVersion }).map(formatViolation);
const NEWER = ['1.34', '1.35', '1.36', '1.37'] as const;

describe('container resizePolicy (validateResizePolicy)', () => {
  test.each(NEWER.map((v) => [v] as const))('cpu and memory policies are accepted at %s', (version) => {
    expect(lines(changed(base, resize({ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' })), version)).toEqual([]);
  });

  test.each<[string, (m: Manifest) => void, string]>([
    ['a repeated resource', resize({ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' }),
      `${C}.resizePolicy[1]: Duplicate value: "cpu"`],
    ['an unsupported resource', resize({ resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' }),
      `${C}.resizePolicy: Unsupported value: "ephemeral-storage": supported values: "cpu", "memory"`],
    ['an unsupported restart policy', resize({ resourceName: 'memory', restartPolicy: 'Restart' }),
      `${C}.resizePolicy: Unsupported value: "Restart": supported values: "NotRequired", "RestartContainer"`],
    ['RestartContainer under restartPolicy Never', (m) => { pod(m).restartPolicy = 'Never'; resize({ resourceName: 'cpu', restartPolicy: 'RestartContainer' })(m); },
      `${C}.resizePolicy: Invalid value: "RestartContainer": must be 'NotRequired' when pod \`restartPolicy\` is 'Never'`],
  ])('refuses %s at 1.34 to 1.37', (_, change, line) => {
    for (const version of NEWER) expect(lines(changed(base, change), version)).toEqual([line]);
  });

  test('1.27 drops resizePolicy (gate off): not checked', () => {
    expect(lines(changed(base, resize({ resourceName: 'gpu', restartPolicy: 'Restart' })), '1.27')).toEqual([]);
  });

  test('RestartContainer on a non-sidecar init container is refused at 1.37 only', () => {
    const manifest = changed(base, (m) => { pod(m).initContainers[0].resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }]; });
    expect(lines(manifest, '1.37')).toEqual([
      'spec.template.spec.initContainers[0].resizePolicy[0].restartPolicy: Invalid value: "RestartContainer": must not be set to \'RestartContainer\' for non-sidecar initContainers',
    ]);
    expect(lines(manifest, '1.36')).toEqual([]);
    const sidecar = changed(manifest, (m) => { pod(m).initContainers[0].restartPolicy = 'Always'; });
    expect(lines(sidecar, '1.37')).toEqual([]);
  });
});
