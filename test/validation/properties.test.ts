import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Manifest, changed } from './cases';
import { ContainerProps, DaemonSetUpdateStrategy, KubernetesTarget, NodeAgent, NodeAgentProps, Tolerations, Volume, formatViolation, validateManifest } from '../../src';

// Modest run counts keep the whole suite fast on two cores; the seeds vary per run, and a failure prints its own.
// The timeout leaves room for a machine shared with other builds.
jest.setTimeout(60_000);
const JUNK_RUNS = 300;
const MUTATION_RUNS = 200;
const CONSTRUCT_RUNS = 40;

const container = {
  name: 'main',
  image: 'registry.example.com/app:1.0',
  ports: [{ name: 'http', containerPort: 8080 }],
  env: [{ name: 'MODE', value: 'x' }],
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
};
const volumes = [{ name: 'data', emptyDir: {} }];
const valid: Record<string, Manifest> = {
  DaemonSet: {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [container], volumes } } },
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'store' },
    spec: { serviceName: 'store', selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [container], volumes } } },
  },
  Job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'job' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [container], volumes } } },
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cron' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container], volumes } } } } },
  },
};

type Path = (string | number)[];

function setAt(manifest: Manifest, path: Path, value: unknown): void {
  let node: any = manifest;
  path.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key];
  });
  node[path[path.length - 1]] = value;
}

/** The API server's path for a JSON path: `spec.containers[0].name`. */
function fieldOf(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

const negative = fc.integer({ min: -1_000_000, max: -1 });
const word = (allowed: readonly string[]): fc.Arbitrary<string> => fc.stringMatching(/^[A-Za-z]{1,12}$/).filter((w) => !allowed.includes(w));
const badName = fc.oneof(fc.stringMatching(/^[a-z]{0,4}[A-Z_][a-z]{0,4}$/), fc.stringMatching(/^-[a-z]{1,6}$/), fc.constant('a'.repeat(254)));
const unknownKey = fc.stringMatching(/^zz[a-zA-Z]{0,8}$/);

/** One rule each: where a bad value goes and the values that break the rule there. */
interface Mutation {
  readonly kind: string;
  readonly path: Path;
  readonly bad: fc.Arbitrary<unknown>;
  /** Where the API server reports it, when not at `path`. */
  readonly field?: string;
}

const POD: Record<string, Path> = {
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
const C0 = (kind: string): Path => [...POD[kind], 'containers', 0];

const mutations: Mutation[] = [
  ...Object.keys(valid).flatMap((kind): Mutation[] => [
    { kind, path: ['metadata', 'name'], bad: badName },
    { kind, path: ['metadata', 'labels'], bad: fc.constant({ 'bad key': 'x' }) },
    { kind, path: [...POD[kind], 'restartPolicy'], bad: word(['Always', 'OnFailure', 'Never']) },
    { kind, path: [...POD[kind], 'activeDeadlineSeconds'], bad: kind === 'DaemonSet' || kind === 'StatefulSet' ? fc.integer({ min: 1, max: 1000 }) : negative },
    { kind, path: ['spec', 'minReadySeconds'], bad: fc.string() },
  ].filter((m) => !(m.path[1] === 'minReadySeconds' && (kind === 'Job' || kind === 'CronJob')))),
  ...['DaemonSet', 'Job', 'CronJob'].flatMap((kind): Mutation[] => [
    { kind, path: [...C0(kind), 'name'], bad: badName },
    { kind, path: [...C0(kind), 'image'], bad: fc.constant('') },
    { kind, path: [...C0(kind), 'imagePullPolicy'], bad: word(['Always', 'IfNotPresent', 'Never']) },
    { kind, path: [...C0(kind), 'ports', 0, 'containerPort'], bad: fc.oneof(fc.integer({ min: 65536, max: 10_000_000 }), negative) },
    { kind, path: [...C0(kind), 'ports', 0, 'protocol'], bad: word(['TCP', 'UDP', 'SCTP']) },
    { kind, path: [...C0(kind), 'env', 0, 'name'], bad: fc.stringMatching(/^[0-9][A-Z_]{0,6}$/) },
    {
      kind,
      path: [...C0(kind), 'resources', 'limits', 'memory'],
      bad: fc.stringMatching(/^[0-9]{1,4} ?(GB|MB|gi|mi|G i|kb)$/),
      field: `${fieldOf(C0(kind))}.resources.limits[memory]`,
    },
    { kind, path: [...C0(kind), 'volumeMounts', 0, 'name'], bad: fc.stringMatching(/^[a-z]{1,8}$/) },
  ]),
  { kind: 'DaemonSet', path: ['spec', 'updateStrategy', 'type'], bad: word(['RollingUpdate', 'OnDelete']), field: 'spec.updateStrategy' },
  { kind: 'StatefulSet', path: ['spec', 'updateStrategy', 'type'], bad: word(['RollingUpdate', 'OnDelete']), field: 'spec.updateStrategy' },
  { kind: 'DaemonSet', path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], bad: fc.oneof(negative, fc.integer({ min: 101, max: 100_000 }).map((n) => `${n}%`)) },
  { kind: 'DaemonSet', path: ['spec', 'revisionHistoryLimit'], bad: negative },
  { kind: 'StatefulSet', path: ['metadata', 'name'], bad: fc.stringMatching(/^[a-z]{1,10}\.[a-z]{1,10}$/) },
  { kind: 'StatefulSet', path: ['spec', 'replicas'], bad: negative },
  { kind: 'StatefulSet', path: ['spec', 'podManagementPolicy'], bad: word(['OrderedReady', 'Parallel']) },
  { kind: 'StatefulSet', path: ['spec', 'ordinals', 'start'], bad: negative },
  { kind: 'StatefulSet', path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], bad: word(['Retain', 'Delete']) },
  ...['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'].flatMap((field): Mutation[] => [
    { kind: 'Job', path: ['spec', field], bad: negative },
    { kind: 'CronJob', path: ['spec', 'jobTemplate', 'spec', field], bad: negative },
  ]),
  { kind: 'Job', path: ['spec', 'completionMode'], bad: word(['NonIndexed', 'Indexed']) },
  { kind: 'Job', path: ['spec', 'backoffLimitPerIndex'], bad: fc.nat() },
  { kind: 'CronJob', path: ['spec', 'schedule'], bad: fc.oneof(fc.constant('* * * *'), fc.constant('0 * * * * *'), fc.stringMatching(/^@[a-z]{3,10}$/).filter((d) => !['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(d))) },
  { kind: 'CronJob', path: ['spec', 'concurrencyPolicy'], bad: word(['Allow', 'Forbid', 'Replace']) },
  { kind: 'CronJob', path: ['spec', 'startingDeadlineSeconds'], bad: negative },
  { kind: 'CronJob', path: ['spec', 'timeZone'], bad: fc.stringMatching(/^Mars\/[A-Z][a-z]{2,8}$/) },
  { kind: 'CronJob', path: ['spec', 'successfulJobsHistoryLimit'], bad: negative },
];

describe('properties of validateManifest', () => {
  test('random junk: never throws, always at least one violation', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withTypedArray: true }), (junk) => {
      const violations = validateManifest(junk);
      expect(violations.length).toBeGreaterThan(0);
    }), { numRuns: JUNK_RUNS });
  });

  test('random junk under a real kind: never throws, always at least one violation', () => {
    const manifest = fc.record({
      apiVersion: fc.constantFrom('apps/v1', 'batch/v1'),
      kind: fc.constantFrom(...Object.keys(valid)),
      metadata: fc.anything(),
      spec: fc.anything(),
    });
    fc.assert(fc.property(manifest, (m) => {
      expect(validateManifest(m).length).toBeGreaterThan(0);
    }), { numRuns: JUNK_RUNS });
  });

  test('random junk anywhere inside a valid manifest: never throws', () => {
    const spliced = fc.tuple(fc.constantFrom(...mutations), fc.anything()).map(([m, junk]) => changed(valid[m.kind], (x) => setAt(x, m.path, junk)));
    fc.assert(fc.property(spliced, (m) => {
      expect(Array.isArray(validateManifest(m))).toBe(true);
    }), { numRuns: JUNK_RUNS });
  });

  test.each(Object.keys(valid))('the %s the mutations start from is valid', (kind) => {
    expect(validateManifest(valid[kind]).map(formatViolation)).toEqual([]);
  });

  test('a single random mutation of a valid manifest is reported at the mutated path', () => {
    const mutated = fc.constantFrom(...mutations).chain((m) => m.bad.map((value) => ({ m, value })));
    fc.assert(fc.property(mutated, ({ m, value }) => {
      const manifest = changed(valid[m.kind], (x) => setAt(x, m.path, value));
      const fields = validateManifest(manifest).map((v) => v.field);
      expect(fields).toContain(m.field ?? fieldOf(m.path));
    }), { numRuns: MUTATION_RUNS });
  });

  test('a random unknown field in any object of a valid manifest is reported at its path', () => {
    const objects = Object.keys(valid).flatMap((kind) => [[], ['metadata'], ['spec'], POD[kind], C0(kind), [...C0(kind), 'ports', 0]].map((path) => ({ kind, path })));
    const added = fc.tuple(fc.constantFrom(...objects), unknownKey, fc.jsonValue());
    fc.assert(fc.property(added, ([{ kind, path }, key, value]) => {
      const manifest = changed(valid[kind], (x) => setAt(x, [...path, key], value));
      expect(validateManifest(manifest)).toContainEqual(expect.objectContaining({ field: fieldOf([...path, key]), type: 'Forbidden' }));
    }), { numRuns: MUTATION_RUNS });
  });
});

// ---------------------------------------------------------------------------------------------------------
// The pod-spec areas ported from the 1.27 rules: random valid values pass, one random invalid value is reported
// with its field path and value
// ---------------------------------------------------------------------------------------------------------

const dnsName = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
const qualifiedKey = fc.oneof(dnsName, fc.tuple(dnsName, dnsName).map(([prefix, name]) => `${prefix}.example.com/${name}`));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((octets) => octets.join('.'));
const relativePath = fc.array(dnsName, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
const sysctlName = fc.stringMatching(/^[a-z][a-z0-9]{0,6}([._][a-z][a-z0-9]{0,6}){0,3}$/);

const spreadConstraint = fc.record({
  maxSkew: fc.integer({ min: 1, max: 10 }),
  topologyKey: qualifiedKey,
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
  minDomains: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  nodeAffinityPolicy: fc.option(fc.constantFrom('Honor', 'Ignore'), { nil: undefined }),
  nodeTaintsPolicy: fc.option(fc.constantFrom('Honor', 'Ignore'), { nil: undefined }),
  selectorValue: fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?)?$/),
  matchLabelKeys: fc.option(fc.uniqueArray(qualifiedKey.filter((k) => k !== 'app'), { maxLength: 2 }), { nil: undefined }),
}).map(({ minDomains, selectorValue, ...c }) => ({
  ...c,
  // minDomains only with DoNotSchedule (validateMinDomains).
  ...(minDomains !== undefined && c.whenUnsatisfiable === 'DoNotSchedule' ? { minDomains } : {}),
  labelSelector: { matchLabels: { app: selectorValue } },
}));

const podAdditions = fc.record({
  topologySpreadConstraints: fc.uniqueArray(spreadConstraint, { maxLength: 3, selector: (c) => `${c.topologyKey} ${c.whenUnsatisfiable}` }),
  sysctls: fc.uniqueArray(fc.record({ name: sysctlName, value: fc.string({ maxLength: 5 }) }), { maxLength: 3, selector: (s) => s.name }),
  dnsConfig: fc.record({
    nameservers: fc.array(ipv4, { maxLength: 3 }),
    searches: fc.array(fc.array(dnsName, { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.')), { maxLength: 6 }),
    options: fc.array(fc.record({ name: dnsName }), { maxLength: 2 }),
  }),
  hostAliases: fc.array(fc.record({ ip: ipv4, hostnames: fc.array(dnsName, { maxLength: 2 }) }), { maxLength: 2 }),
  readinessGates: fc.array(qualifiedKey.map((conditionType) => ({ conditionType })), { maxLength: 2 }),
  schedulingGates: fc.uniqueArray(qualifiedKey, { maxLength: 2 }).map((names) => names.map((name) => ({ name }))),
  names: fc.record({ priorityClassName: dnsName, runtimeClassName: dnsName, nodeName: dnsName }, { requiredKeys: [] }),
  preemptionPolicy: fc.option(fc.constantFrom('PreemptLowerPriority', 'Never'), { nil: undefined }),
  configMapMode: fc.integer({ min: 0, max: 0o777 }),
  items: fc.uniqueArray(
    fc.record({ key: dnsName, path: relativePath, mode: fc.integer({ min: 0, max: 0o777 }) }),
    { maxLength: 3, selector: (i) => i.path },
  ),
  headers: fc.array(fc.stringMatching(/^[A-Za-z][-A-Za-z0-9]{0,10}$/).map((name) => ({ name, value: 'v' })), { maxLength: 2 }),
  hookPort: fc.integer({ min: 1, max: 65535 }),
  deletionCost: fc.integer({ min: -2147483648, max: 2147483647 }),
  os: fc.constantFrom(undefined, 'linux'),
});

const INVALID_NEW_AREAS: Mutation[] = ['DaemonSet', 'Job', 'CronJob'].flatMap((kind): Mutation[] => [
  { kind, path: [...POD[kind], 'topologySpreadConstraints', 0, 'maxSkew'], bad: fc.integer({ min: -1000, max: 0 }) },
  { kind, path: [...POD[kind], 'topologySpreadConstraints', 0, 'whenUnsatisfiable'], bad: word(['DoNotSchedule', 'ScheduleAnyway']) },
  { kind, path: [...POD[kind], 'securityContext', 'sysctls', 0, 'name'], bad: fc.stringMatching(/^[A-Z][a-z]{0,5}(\.[a-z]{1,5})?$/) },
  { kind, path: [...POD[kind], 'dnsConfig', 'nameservers', 0], bad: fc.stringMatching(/^[a-z]{1,8}\.example\.com$/) },
  { kind, path: [...POD[kind], 'hostAliases', 0, 'ip'], bad: fc.stringMatching(/^[a-z]{1,8}$/), field: `${fieldOf(POD[kind])}.hostAliases.ip` },
  { kind, path: [...POD[kind], 'readinessGates', 0, 'conditionType'], bad: fc.stringMatching(/^[a-z]{1,4} [a-z]{1,4}$/) },
  { kind, path: [...POD[kind], 'schedulingGates', 0, 'name'], bad: fc.stringMatching(/^[a-z]{1,4}\/[a-z]{1,4}\/[a-z]{1,4}$/), field: `${fieldOf(POD[kind])}.schedulingGates[0]` },
  { kind, path: [...POD[kind], 'volumes', 1, 'configMap', 'defaultMode'], bad: fc.oneof(fc.integer({ min: 0o1000, max: 2147483647 }), negative) },
  { kind, path: [...POD[kind], 'volumes', 1, 'hostPath', 'path'], bad: relativePath.map((p) => `/${p}/../etc`) },
  { kind, path: [...POD[kind], 'volumes', 1, 'configMap', 'items', 0, 'path'], bad: fc.oneof(relativePath.map((p) => `/${p}`), relativePath.map((p) => `${p}/../x`)) },
  {
    kind,
    path: [...C0(kind), 'lifecycle', 'preStop', 'httpGet', 'httpHeaders', 0, 'name'],
    bad: fc.stringMatching(/^[A-Za-z]{1,5}[ :_@][A-Za-z]{1,5}$/),
    field: `${fieldOf(C0(kind))}.lifecycle.preStop.httpGet.httpHeaders`,
  },
  { kind, path: [...C0(kind), 'volumeMounts', 0, 'mountPropagation'], bad: word(['Bidirectional', 'HostToContainer', 'None']), field: `${fieldOf(C0(kind))}.volumeMounts.mountPropagation` },
  { kind, path: [...C0(kind), 'securityContext', 'windowsOptions', 'runAsUserName'], bad: fc.stringMatching(/^[a-z]{1,6}@[a-z]{1,6}$/) },
  { kind, path: [...POD[kind], 'preemptionPolicy'], bad: word(['PreemptLowerPriority', 'Never']) },
  { kind, path: [...POD[kind], 'priorityClassName'], bad: badName },
  { kind, path: [...POD[kind], 'runtimeClassName'], bad: badName },
  { kind, path: [...POD[kind], 'nodeName'], bad: badName },
  { kind, path: [...POD[kind], 'os', 'name'], bad: word(['linux', 'windows']), field: `${fieldOf(POD[kind])}.os` },
  { kind, path: [...C0(kind), 'ports', 0, 'containerPort'], bad: fc.integer({ min: 2 ** 31, max: 2 ** 40 }) },
  {
    kind,
    path: [...POD[kind].slice(0, -1), 'metadata', 'annotations', 'controller.kubernetes.io/pod-deletion-cost'],
    bad: fc.oneof(fc.integer({ min: 2 ** 31, max: 2 ** 40 }).map(String), fc.stringMatching(/^\+[1-9][0-9]{0,3}$/), fc.stringMatching(/^[a-z]{1,5}$/)),
    field: `${fieldOf(POD[kind].slice(0, -1))}.annotations[controller.kubernetes.io/pod-deletion-cost]`,
  },
]).concat([{ kind: 'StatefulSet', path: ['spec', 'replicas'], bad: fc.oneof(fc.integer({ min: 2 ** 31, max: 2 ** 45 }), fc.integer({ min: -(2 ** 45), max: -(2 ** 31) - 1 })) }]);

describe('properties of the 1.27 pod-spec rules', () => {
  test.each(KubernetesTarget.VERSIONS)('random valid values in the ported areas give zero violations (target %s)', (kubernetesVersion) => {
    fc.assert(fc.property(podAdditions, (a) => {
      const manifest = changed(valid.DaemonSet, (m) => {
        const spec = m.spec.template.spec;
        spec.topologySpreadConstraints = a.topologySpreadConstraints;
        spec.securityContext = { sysctls: a.sysctls };
        spec.dnsConfig = a.dnsConfig;
        spec.hostAliases = a.hostAliases;
        spec.readinessGates = a.readinessGates;
        spec.schedulingGates = a.schedulingGates;
        Object.assign(spec, a.names);
        if (a.preemptionPolicy) spec.preemptionPolicy = a.preemptionPolicy;
        if (a.os) spec.os = { name: a.os };
        spec.volumes = [...spec.volumes, { name: 'cfg', configMap: { name: 'cfg', defaultMode: a.configMapMode, items: a.items } }];
        spec.containers = [{ ...spec.containers[0], lifecycle: { preStop: { httpGet: { port: a.hookPort, httpHeaders: a.headers } } } }];
        m.spec.template.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': String(a.deletionCost) };
      });
      expect(validateManifest(manifest, { kubernetesVersion }).map(formatViolation)).toEqual([]);
    }), { numRuns: kubernetesVersion === KubernetesTarget.DEFAULT ? MUTATION_RUNS : MUTATION_RUNS / 4 });
  });

  test('one random invalid value in a ported area is reported at its field, with its value', () => {
    const mutated = fc.constantFrom(...INVALID_NEW_AREAS).chain((m) => m.bad.map((value) => ({ m, value })));
    fc.assert(fc.property(mutated, ({ m, value }) => {
      const manifest = changed(valid[m.kind], (x) => setAt(x, m.path, value));
      expect(validateManifest(manifest)).toContainEqual(expect.objectContaining({ field: m.field ?? fieldOf(m.path), value }));
    }), { numRuns: MUTATION_RUNS });
  });

  test('on every newer target: one random invalid value is still reported at its field, with its value', () => {
    const versions = fc.constantFrom(...KubernetesTarget.VERSIONS.filter((v) => v !== KubernetesTarget.DEFAULT));
    const mutated = fc.tuple(versions, fc.constantFrom(...INVALID_NEW_AREAS).chain((m) => m.bad.map((value) => ({ m, value }))));
    fc.assert(fc.property(mutated, ([kubernetesVersion, { m, value }]) => {
      const manifest = changed(valid[m.kind], (x) => setAt(x, m.path, value));
      expect(validateManifest(manifest, { kubernetesVersion })).toContainEqual(expect.objectContaining({ field: m.field ?? fieldOf(m.path), value }));
    }), { numRuns: MUTATION_RUNS });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random valid NodeAgent props → a chart that synthesizes and a DaemonSet with zero violations
// ---------------------------------------------------------------------------------------------------------

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,12}[a-z0-9])?$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/);
const portName = fc.stringMatching(/^[a-z]{1,4}(-[a-z0-9]{1,4}){0,2}$/);
const labelKey = fc.oneof(dnsLabel, fc.tuple(dnsLabel, dnsLabel).map(([prefix, name]) => `${prefix}.example.com/${name}`));
const labelValue = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?)?$/);
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
const quantityPair = (unit: string): fc.Arbitrary<[string, string]> =>
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 4096 })).map(([request, extra]) => [`${request}${unit}`, `${request + extra}${unit}`]);

const containerArb = (name: string, volumeNames: readonly string[]): fc.Arbitrary<ContainerProps> => fc.record({
  image: fc.tuple(dnsLabel, fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}$/)).map(([repo, tag]) => `registry.example.com/${repo}:${tag}`),
  ports: fc.uniqueArray(fc.record({ name: portName, containerPort: fc.integer({ min: 1, max: 65535 }), protocol: fc.constantFrom('TCP' as const, 'UDP' as const) }), { maxLength: 3, selector: (p) => p.name }),
  env: fc.dictionary(envName, fc.oneof(fc.string(), fc.constant({ fieldRef: { fieldPath: 'status.podIP' as const } })), { maxKeys: 3 }),
  cpu: fc.option(quantityPair('m'), { nil: undefined }),
  memory: fc.option(quantityPair('Mi'), { nil: undefined }),
  mounts: fc.subarray([...volumeNames]),
}).map(({ image, ports, env, cpu, memory, mounts }) => ({
  name,
  image,
  ports,
  env,
  resources: {
    requests: { ...(cpu ? { cpu: cpu[0] } : {}), ...(memory ? { memory: memory[0] } : {}) },
    limits: { ...(cpu ? { cpu: cpu[1] } : {}), ...(memory ? { memory: memory[1] } : {}) },
  },
  volumeMounts: mounts.map((volume) => ({ name: volume, mountPath: `/mnt/${volume}` })),
  ...(ports.length > 0 ? { livenessProbe: { httpGet: { port: ports[0].name, path: '/healthz' } } } : {}),
}));

const updateStrategy = fc.oneof(
  fc.constant(undefined),
  fc.constant(DaemonSetUpdateStrategy.onDelete()),
  fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100 }).map((n): `${number}%` => `${n}%`))
    .map((maxUnavailable) => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable })),
  fc.integer({ min: 1, max: 20 }).map((maxSurge) => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge })),
);

const nodeAgentProps: fc.Arbitrary<NodeAgentProps> = fc.record({
  name: dnsLabel,
  labels,
  podLabels: labels,
  containerNames: fc.uniqueArray(dnsLabel, { minLength: 1, maxLength: 3 }),
  volumeNames: fc.uniqueArray(dnsLabel, { maxLength: 3 }),
  updateStrategy,
  minReadySeconds: fc.option(fc.nat({ max: 600 }), { nil: undefined }),
  revisionHistoryLimit: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
  nodeSelector: fc.option(labels, { nil: undefined }),
  tolerations: fc.constantFrom(undefined, Tolerations.controlPlane(), Tolerations.all()),
}).chain((p) => fc.tuple(...p.containerNames.map((n) => containerArb(n, p.volumeNames))).map((containers): NodeAgentProps => ({
  metadata: { name: p.name, labels: p.labels },
  podMetadata: { labels: p.podLabels },
  selector: { 'app.kubernetes.io/name': p.name },
  containers,
  volumes: p.volumeNames.map((name): Volume => ({ name, emptyDir: {} })),
  updateStrategy: p.updateStrategy,
  minReadySeconds: p.minReadySeconds,
  revisionHistoryLimit: p.revisionHistoryLimit,
  nodeSelector: p.nodeSelector,
  tolerations: p.tolerations,
})));

describe('properties of NodeAgent', () => {
  test('random valid props synthesize, and the DaemonSet has zero violations', () => {
    fc.assert(fc.property(nodeAgentProps, (props) => {
      const chart = new Chart(Testing.app(), 'test');
      new NodeAgent(chart, 'agent', props);
      const [daemonSet] = Testing.synth(chart);
      expect(validateManifest(daemonSet).map(formatViolation)).toEqual([]);
    }), { numRuns: CONSTRUCT_RUNS });
  });

  // Nothing these props use differs between the targets: valid on 1.27, valid on every newer one.
  test.each(KubernetesTarget.VERSIONS.filter((v) => v !== KubernetesTarget.DEFAULT))('random valid props synthesize for a %s target, with zero violations there', (version) => {
    fc.assert(fc.property(nodeAgentProps, (props) => {
      const app = Testing.app();
      KubernetesTarget.set(app, version);
      const chart = new Chart(app, 'test');
      new NodeAgent(chart, 'agent', props);
      const [daemonSet] = Testing.synth(chart);
      expect(validateManifest(daemonSet, { kubernetesVersion: version }).map(formatViolation)).toEqual([]);
    }), { numRuns: CONSTRUCT_RUNS / 2 });
  });
});
