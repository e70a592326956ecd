import { Manifest, changed, daemonSetWith, linesAt } from './cases';

// Pod-level resources (PodLevelResources, KEP-2837: beta and on by default from 1.34), ported from
// validatePodResources, validatePodResourceRequirements, validatePodResourceName, validateResourceRequirements and
// validatePodResourceConsistency (pkg/apis/core/validation/validation.go, AIAgentSandox/kubernetes@64149d12, a
// 1.37-cycle copy). Expected lines are written out by hand from those functions' format strings.
const base = daemonSetWith();

const P = 'spec.template.spec';
const R = `${P}.resources`;
const pod = (m: Manifest): Manifest => m.spec.template.spec;
const container = (m: Manifest): Manifest => pod(m).containers[0];
const lines = linesAt;
const resources = (value: Manifest) => (m: Manifest): void => { pod(m).resources = value; };
const NEWER = ['1.34', '1.35', '1.36', '1.37'] as const;

describe('pod-level resources (spec.resources)', () => {
  test.each(NEWER.map((v) => [v] as const))('pod requests and limits that cover the containers are accepted at %s', (version) => {
    const manifest = changed(base, (m) => {
      pod(m).resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } };
      container(m).resources = { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } };
      pod(m).initContainers = [{ name: 'setup', image: 'registry.example.com/setup:1.0', resources: { requests: { cpu: '1' } } }];
    });
    expect(lines(manifest, version)).toEqual([]);
  });

  test('1.27 has no such field', () => {
    expect(lines(changed(base, resources({ requests: { cpu: '1' } })), '1.27')).toEqual([
      `${R}: Forbidden: unknown field: added in Kubernetes 1.32, it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)`,
    ]);
  });

  const sidecarAndContainer = (m: Manifest): void => {
    pod(m).resources = { requests: { cpu: '1' } };
    container(m).resources = { requests: { cpu: '600m' } };
    pod(m).initContainers = [{ name: 'proxy', image: 'registry.example.com/proxy:1.0', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }];
  };

  test.each<[string, (m: Manifest) => void, string[]]>([
    ['a windows pod', (m) => { pod(m).os = { name: 'windows' }; pod(m).resources = { requests: { cpu: '1' } }; },
      [`${R}: Forbidden: may not be set for a windows pod`]],
    ['claims', resources({ claims: [{ name: 'gpu' }], requests: { cpu: '1' } }),
      [`${R}.claims: Forbidden: claims may not be set for Resources at pod-level`]],
    ['a standard resource that is not supported at pod level', resources({ requests: { 'ephemeral-storage': '1Gi' } }),
      [`${R}.requests[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"`]],
    ['an extended resource', resources({ limits: { 'example.com/gpu': '1' } }),
      [`${R}.limits[example.com/gpu]: Unsupported value: "example.com/gpu": supported values: "cpu", "hugepages-", "memory"`]],
    ['an unprefixed name that is not standard', resources({ requests: { gpu: '1' } }),
      [`${R}.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`]],
    ['a negative quantity', resources({ requests: { memory: '-1Gi' } }),
      [`${R}.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0`]],
    ['a request above its limit', resources({ requests: { cpu: '2' }, limits: { cpu: '1500m' } }),
      [`${R}.requests: Invalid value: "2": must be less than or equal to cpu limit of 1500m`]],
    ['hugepages without cpu or memory', resources({ requests: { 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } }),
      [`${R}: Forbidden: HugePages require cpu or memory`]],
    ['pod requests below the containers\' sum', (m) => {
      pod(m).resources = { requests: { cpu: '1' } };
      container(m).resources = { requests: { cpu: '600m' } };
      pod(m).containers.push({ name: 'second', image: 'registry.example.com/second:1.0', resources: { requests: { cpu: '600m' } } });
    }, [`${R}.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 1200m`]],
    ['pod requests below a container and a sidecar', sidecarAndContainer,
      [`${R}.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 1100m`]],
    ['a container limit above the pod limit', (m) => {
      pod(m).resources = { limits: { memory: '1Gi' } };
      container(m).resources = { limits: { memory: '2Gi' } };
    }, [`${R}.containers[0][memory].limits: Invalid value: "2Gi": must be less than or equal to pod limits of 1Gi`]],
  ])('refuses %s at 1.34 to 1.37', (_, change, expected) => {
    for (const version of NEWER) expect(lines(changed(base, change), version)).toEqual(expected);
  });

  test('a non-restartable init container counts alone when it needs more than the containers', () => {
    const manifest = changed(base, (m) => {
      pod(m).resources = { requests: { memory: '1Gi' } };
      container(m).resources = { requests: { memory: '512Mi' } };
      pod(m).initContainers = [{ name: 'setup', image: 'registry.example.com/setup:1.0', resources: { requests: { memory: '1536Mi' } } }];
    });
    expect(lines(manifest, '1.36')).toEqual([
      `${R}.requests[memory]: Invalid value: "1Gi": must be greater than or equal to aggregate container requests of 1536Mi`,
    ]);
  });

  test('pod hugepages limits below the containers\' are refused, as is the container limit above them', () => {
    // One change, two rules: the aggregate hugepages limit and the per-container limit.
    const manifest = changed(base, (m) => {
      pod(m).resources = { limits: { 'cpu': '1', 'hugepages-2Mi': '2Mi' } };
      container(m).resources = { requests: { 'cpu': '500m', 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } };
    });
    expect(lines(manifest, '1.35')).toEqual([
      `${R}.limits[hugepages-2Mi]: Invalid value: "2Mi": must be greater than or equal to aggregate container limits of 4Mi`,
      `${R}.containers[0][hugepages-2Mi].limits: Invalid value: "4Mi": must be less than or equal to pod limits of 2Mi`,
    ]);
  });
});
