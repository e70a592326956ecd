import { formatViolation, validateManifest } from '../../src';

const job = (): Record<string, any> => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
});

describe('validateManifest: what is not a manifest', () => {
  test.each([
    ['a string', 'kind: Job'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [job()]],
    ['a function', () => job()],
  ])('%s gives one violation at the root, no throw', (_, input) => {
    const violations = validateManifest(input);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ field: '', type: 'Invalid value' });
    expect(violations[0].message).toContain('must be a Kubernetes object');
  });

  test('an unknown kind gives one violation naming the supported kinds', () => {
    expect(validateManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }).map(formatViolation)).toEqual([
      'kind: Unsupported value: "Pod": supported values: "DaemonSet", "StatefulSet", "Job", "CronJob", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "PodDisruptionBudget", "Service"',
    ]);
  });

  test('a missing kind is an unsupported kind', () => {
    expect(validateManifest({ metadata: { name: 'x' } })).toEqual([expect.objectContaining({ field: 'kind', type: 'Unsupported value' })]);
  });

  test('a kind under the wrong apiVersion', () => {
    const manifest = { ...job(), apiVersion: 'batch/v1beta1' };
    expect(validateManifest(manifest).map(formatViolation)).toEqual(['apiVersion: Unsupported value: "batch/v1beta1": supported values: "batch/v1"']);
  });

  test('a half-filled object gives the required fields, not a TypeError', () => {
    const lines = validateManifest({ apiVersion: 'batch/v1', kind: 'Job' }).map(formatViolation);
    expect(lines).toContain('metadata.name: Required value: name or generateName is required');
    expect(lines).toContain('spec.template.spec.containers: Required value');
    expect(lines).toContain('spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]');
  });

  test('a cyclic object does not recurse forever', () => {
    const manifest = job();
    manifest.spec.template.spec.containers[0].env = [{ name: 'X', value: manifest }];
    expect(() => validateManifest(manifest)).not.toThrow();
  });

  // Inputs that made an earlier @every pattern backtrack exponentially (25 repeats of 'ms' took 3 s): with such
  // a pattern this test never finishes. No wall-time assertion: timing belongs in the benchmark, not in tests.
  test('long adversarial strings are rejected, not backtracked over', () => {
    const manifest = job();
    manifest.metadata.name = `${'a'.repeat(100_000)}-`;
    manifest.metadata.labels = { [`${'a'.repeat(100_000)}/b`]: `${'a'.repeat(100_000)}_` };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { ...manifest.spec, schedule: `@every ${'ms'.repeat(10_000)}!` } };
    expect(validateManifest(manifest).map((v) => v.field)).toEqual(expect.arrayContaining(['metadata.name', 'metadata.labels']));
    expect(validateManifest(cron).map((v) => v.field)).toContain('spec.schedule');
  });

  test('a getter that throws is reported, not thrown', () => {
    const manifest = job();
    Object.defineProperty(manifest, 'spec', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(validateManifest(manifest)).toEqual([expect.objectContaining({ field: '', message: expect.stringContaining('boom') })]);
  });
});

describe('validateManifest: decoding (types and unknown fields, as kubectl --validate=strict)', () => {
  test('wrong JSON types are reported once, at their path, without follow-on rule violations', () => {
    const manifest = job();
    manifest.spec.parallelism = '3';
    manifest.spec.template.spec.containers = 'pi';
    expect(validateManifest(manifest).map(formatViolation)).toEqual([
      'spec.template.spec.containers: Invalid value: "pi": must be a list',
      'spec.parallelism: Invalid value: "3": must be an integer',
    ]);
  });

  test('a label value that is not a string', () => {
    const manifest = job();
    manifest.metadata.labels = { enabled: true };
    expect(validateManifest(manifest).map(formatViolation)).toEqual(['metadata.labels[enabled]: Invalid value: true: must be a string']);
  });

  test('an unknown field anywhere', () => {
    const manifest = job();
    manifest.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(validateManifest(manifest)).toEqual([{
      field: 'spec.template.spec.containers[0].imagePullPolicyy',
      type: 'Forbidden',
      message: expect.stringContaining('unknown field'),
    }]);
  });

  test('a container restartPolicy (sidecars, 1.28+) is not a 1.27 field', () => {
    const manifest = job();
    manifest.spec.template.spec.initContainers = [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' }];
    expect(validateManifest(manifest).map(formatViolation)).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.initContainers\[0\]\.restartPolicy: Forbidden: unknown field: added in Kubernetes 1\.28/),
    ]);
  });

  test.each([
    ['spec.template.spec.resources', (m: Record<string, any>) => { m.spec.template.spec.resources = { limits: { cpu: '1' } }; }, '1.32'],
    ['spec.template.spec.securityContext.appArmorProfile', (m: Record<string, any>) => { m.spec.template.spec.securityContext = { appArmorProfile: { type: 'RuntimeDefault' } }; }, '1.30'],
    ['spec.template.spec.containers[0].lifecycle.preStop.sleep', (m: Record<string, any>) => { m.spec.template.spec.containers[0].lifecycle = { preStop: { sleep: { seconds: 5 } } }; }, '1.29'],
    ['spec.template.spec.volumes[0].image', (m: Record<string, any>) => { m.spec.template.spec.volumes = [{ name: 'v', image: { reference: 'x:1' } }]; }, '1.31'],
  ])('%s is named as a field of a later release', (field, change, version) => {
    const manifest = job();
    change(manifest);
    expect(validateManifest(manifest)).toContainEqual({ field, type: 'Forbidden', message: expect.stringContaining(`added in Kubernetes ${version}`) });
  });

  test('status and JSON-patch leftovers like null are accepted', () => {
    const manifest: Record<string, any> = { ...job(), status: { active: 1 } };
    manifest.spec.activeDeadlineSeconds = null;
    expect(validateManifest(manifest)).toEqual([]);
  });
});

describe('formatViolation: the API server line format', () => {
  test.each([
    [{ field: 'spec.replicas', type: 'Invalid value' as const, value: -1, message: 'must be greater than or equal to 0' }, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [{ field: 'spec.schedule', type: 'Required value' as const, message: '' }, 'spec.schedule: Required value'],
    [{ field: 'spec.template.spec.activeDeadlineSeconds', type: 'Forbidden' as const, value: 5, message: 'activeDeadlineSeconds in DaemonSet is not Supported' }, 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported'],
    [{ field: 'spec.x', type: 'Unsupported value' as const, value: 'Skip', message: 'supported values: "Allow", "Forbid", "Replace"' }, 'spec.x: Unsupported value: "Skip": supported values: "Allow", "Forbid", "Replace"'],
    [{ field: 'spec.podFailurePolicy.rules', type: 'Too many' as const, value: 21, message: 'must have at most 20 items' }, 'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items'],
    [{ field: 'c.name', type: 'Duplicate value' as const, value: 'a', message: '' }, 'c.name: Duplicate value: "a"'],
  ])('%j', (violation, line) => {
    expect(formatViolation(violation)).toBe(line);
  });
});
