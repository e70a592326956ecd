import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  BatchJob,
  Completion,
  ContainerProps,
  ContainerSecurityContext,
  NodeAgent,
  OrderedStore,
  PodSecurityContext,
  PodSecurityReport,
  PodTemplateProps,
  ScheduledJob,
  formatViolation,
  validateManifest,
} from '../../src';
import { chartYaml, newChart, synthErrors } from '../util';

/** Each construct with the given pod template props, and the path of its pod template in the manifest. */
const CONSTRUCTS: readonly {
  readonly kind: string;
  readonly build: (chart: Chart, props: PodTemplateProps) => { podSecurity: PodSecurityReport };
  readonly template: (manifest: any) => any;
}[] = [
  { kind: 'DaemonSet', build: (chart, props) => new NodeAgent(chart, 'w', props), template: (m) => m.spec.template },
  {
    kind: 'StatefulSet',
    build: (chart, props) => new OrderedStore(chart, 'w', { replicas: 1, ...props }),
    template: (m) => m.spec.template,
  },
  { kind: 'Job', build: (chart, props) => new BatchJob(chart, 'w', { completion: Completion.oneShot(), ...props }), template: (m) => m.spec.template },
  {
    kind: 'CronJob',
    build: (chart, props) => new ScheduledJob(chart, 'w', { schedule: '@daily', ...props }),
    template: (m) => m.spec.jobTemplate.spec.template,
  },
];

const web: ContainerProps = { name: 'web', image: 'nginx:1.25' };
const sidecar: ContainerProps = { name: 'sidecar', image: 'registry.example.com/sidecar:1.0' };

/** The emitted pod spec of a NodeAgent with these props, and its Pod Security report. */
function agentPod(props: Partial<PodTemplateProps>): { pod: any; report: PodSecurityReport; chart: Chart } {
  const { chart } = newChart();
  const agent = new NodeAgent(chart, 'agent', { containers: [web], ...props });
  const daemonSet = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
  return { pod: daemonSet.spec.template.spec, report: agent.podSecurity, chart };
}

/** The restrictive defaults every container gets when nothing says otherwise. */
const DEFAULTS = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('the restrictive defaults', () => {
  test.each(CONSTRUCTS)('every container and init container of a $kind gets them, on the container; the pod gets no securityContext', ({ kind, build, template }) => {
    const { chart } = newChart();
    const workload = build(chart, { initContainers: [{ name: 'setup', image: 'busybox:1.36' }], containers: [web, sidecar] });
    const manifest = Testing.synth(chart).find((m: any) => m.kind === kind);
    const spec = template(manifest).spec;
    expect(spec.securityContext).toBeUndefined();
    expect(spec.initContainers[0].securityContext).toEqual(DEFAULTS);
    expect(spec.containers.map((c: any) => c.securityContext)).toEqual([DEFAULTS, DEFAULTS]);
    expect(workload.podSecurity).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });

  test('snapshot', () => {
    const { chart } = agentPod({ initContainers: [{ name: 'setup', image: 'busybox:1.36' }] });
    expect(chartYaml(chart)).toMatchSnapshot();
  });
});

describe('a pod-level securityContext', () => {
  const full: PodSecurityContext = {
    runAsUser: 1000,
    runAsGroup: 3000,
    runAsNonRoot: true,
    fsGroup: 2000,
    fsGroupChangePolicy: 'OnRootMismatch',
    supplementalGroups: [4000, 5000],
    sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '32768 60999' }],
    seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
    seLinuxOptions: { level: 's0:c123,c456' },
    readOnlyRootFilesystem: false,
    capabilities: { add: ['NET_BIND_SERVICE'] },
  };

  test('fully configured: Kubernetes\' pod fields on the pod, inherited by the containers without a contradicting default', () => {
    const { pod, report, chart } = agentPod({ securityContext: full, initContainers: [{ name: 'setup', image: 'busybox:1.36' }], containers: [web, sidecar] });
    expect(chartYaml(chart)).toMatchSnapshot();
    expect(pod.securityContext).toEqual({
      runAsUser: 1000,
      runAsGroup: 3000,
      runAsNonRoot: true,
      fsGroup: 2000,
      fsGroupChangePolicy: 'OnRootMismatch',
      supplementalGroups: [4000, 5000],
      sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '32768 60999' }],
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
      seLinuxOptions: { level: 's0:c123,c456' },
    });
    // runAsNonRoot and seccompProfile come from the pod; the container-only fields are written on each container.
    const inherited = { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: false };
    expect([...pod.initContainers, ...pod.containers].map((c: any) => c.securityContext)).toEqual([inherited, inherited, inherited]);
    expect(report).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });

  test('a container\'s own setting wins over the pod\'s', () => {
    const { pod } = agentPod({
      securityContext: { readOnlyRootFilesystem: false, capabilities: 'RuntimeDefault', runAsUser: 1000 },
      containers: [{ ...web, securityContext: { readOnlyRootFilesystem: true, capabilities: { add: ['CHOWN'] }, runAsUser: 2000, runAsNonRoot: false } }, sidecar],
    });
    expect(pod.securityContext).toEqual({ runAsUser: 1000 });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { add: ['CHOWN'], drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: false,
      runAsUser: 2000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[1].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test.each(CONSTRUCTS)('is rendered to the pod template of a $kind', ({ kind, build, template }) => {
    const { chart } = newChart();
    build(chart, { containers: [web], securityContext: { fsGroup: 2000, runAsNonRoot: false } });
    const spec = template(Testing.synth(chart).find((m: any) => m.kind === kind)).spec;
    expect(spec.securityContext).toEqual({ fsGroup: 2000, runAsNonRoot: false });
    expect(spec.containers[0].securityContext.runAsNonRoot).toBeUndefined();
  });

  test('empty lists and an empty object emit nothing', () => {
    const { pod } = agentPod({ securityContext: { supplementalGroups: [], sysctls: [] } });
    expect(pod.securityContext).toBeUndefined();
  });
});

/** One relaxation: where it is written, what the pod then has, and what the Pod Security report says. */
interface RelaxationCase {
  readonly name: string;
  readonly props: Partial<PodTemplateProps>;
  readonly pod?: object;
  readonly container: object;
  readonly level: string;
  readonly violations: readonly { check: string; field: string; message: string }[];
}

const C = 'spec.template.spec.containers[0].securityContext';
const RELAXATIONS: readonly RelaxationCase[] = [
  {
    name: 'the image runs as root, for one container: runAsNonRoot: false',
    props: { containers: [{ ...web, securityContext: { runAsNonRoot: false } }] },
    container: { ...DEFAULTS, runAsNonRoot: false },
    level: 'baseline',
    violations: [{ check: 'runAsNonRoot', field: `${C}.runAsNonRoot`, message: 'runAsNonRoot != true (container "web" must not set securityContext.runAsNonRoot=false)' }],
  },
  {
    name: 'the images run as root, for the pod: runAsNonRoot: false',
    props: { securityContext: { runAsNonRoot: false } },
    pod: { runAsNonRoot: false },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [{ check: 'runAsNonRoot', field: 'spec.template.spec.securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)' }],
  },
  {
    name: 'root by UID, for one container: runAsUser: 0, and no runAsNonRoot: true to contradict it',
    props: { containers: [{ ...web, securityContext: { runAsUser: 0 } }] },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [
      { check: 'runAsNonRoot', field: `${C}.runAsNonRoot`, message: 'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)' },
      { check: 'runAsUser', field: `${C}.runAsUser`, message: 'runAsUser=0 (container "web" must not set runAsUser=0)' },
    ],
  },
  {
    name: 'root by UID, for the pod: runAsUser: 0',
    props: { securityContext: { runAsUser: 0 } },
    pod: { runAsUser: 0 },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [
      { check: 'runAsNonRoot', field: `${C}.runAsNonRoot`, message: 'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)' },
      { check: 'runAsUser', field: 'spec.template.spec.securityContext.runAsUser', message: 'runAsUser=0 (pod must not set runAsUser=0)' },
    ],
  },
  {
    name: 'it writes to its root filesystem, for one container: readOnlyRootFilesystem: false (no Pod Security check)',
    props: { containers: [{ ...web, securityContext: { readOnlyRootFilesystem: false } }] },
    container: { ...DEFAULTS, readOnlyRootFilesystem: false },
    level: 'restricted',
    violations: [],
  },
  {
    name: 'they write to their root filesystems, for the pod: readOnlyRootFilesystem: false, written on each container',
    props: { securityContext: { readOnlyRootFilesystem: false } },
    pod: undefined,
    container: { ...DEFAULTS, readOnlyRootFilesystem: false },
    level: 'restricted',
    violations: [],
  },
  {
    name: 'it keeps the runtime\'s default capabilities, for one container: capabilities: \'RuntimeDefault\'',
    props: { containers: [{ ...web, securityContext: { capabilities: 'RuntimeDefault' } }] },
    container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [{ check: 'capabilities_restricted', field: `${C}.capabilities.drop`, message: 'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])' }],
  },
  {
    name: 'they keep the runtime\'s default capabilities, for the pod: capabilities: \'RuntimeDefault\'',
    props: { securityContext: { capabilities: 'RuntimeDefault' } },
    pod: undefined,
    container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [{ check: 'capabilities_restricted', field: `${C}.capabilities.drop`, message: 'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])' }],
  },
  {
    name: 'a bad pod-level seccomp profile is reported once, on the pod, not again on each container that inherits it',
    props: { securityContext: { seccompProfile: { type: 'Unconfined' } } },
    pod: { seccompProfile: { type: 'Unconfined' } },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
    level: 'privileged',
    violations: [{ check: 'seccompProfile_baseline', field: 'spec.template.spec.securityContext.seccompProfile.type', message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' }],
  },
  {
    name: 'nginx as it is built: all three in one line',
    props: { containers: [{ ...web, securityContext: { runAsNonRoot: false, readOnlyRootFilesystem: false, capabilities: 'RuntimeDefault' } }] },
    container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
    level: 'baseline',
    violations: [
      { check: 'capabilities_restricted', field: `${C}.capabilities.drop`, message: 'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])' },
      { check: 'runAsNonRoot', field: `${C}.runAsNonRoot`, message: 'runAsNonRoot != true (container "web" must not set securityContext.runAsNonRoot=false)' },
    ],
  },
];

describe('the named relaxations', () => {
  test.each(RELAXATIONS)('$name', ({ props, pod: podContext, container, level, violations }) => {
    const { pod, report } = agentPod(props);
    expect(pod.securityContext).toEqual(podContext);
    expect(pod.containers[0].securityContext).toEqual(container);
    expect(report.level).toBe(level);
    expect(report.violations.map(({ check, field, message }) => ({ check, field, message }))).toEqual(violations);
  });
});

describe('privileged containers', () => {
  test.each(CONSTRUCTS)('a regular and an init container of a $kind run privileged, without a contradicting default', ({ kind, build, template }) => {
    const { chart } = newChart();
    const workload = build(chart, {
      initContainers: [{ name: 'setup', image: 'busybox:1.36', securityContext: { privileged: true } }],
      containers: [{ ...web, securityContext: { privileged: true } }, sidecar],
    });
    const spec = template(Testing.synth(chart).find((m: any) => m.kind === kind)).spec;
    expect(spec.initContainers[0].securityContext).toEqual({ privileged: true });
    expect(spec.containers[0].securityContext).toEqual({ privileged: true });
    expect(spec.containers[1].securityContext).toEqual(DEFAULTS);
    expect(workload.podSecurity.level).toBe('privileged');
    expect(workload.podSecurity.failedChecks.find((c) => c.check === 'privileged')).toEqual({
      check: 'privileged',
      level: 'baseline',
      reason: 'privileged',
      detail: 'containers "setup", "web" must not set securityContext.privileged=true',
    });
  });

  test('a CSI node plugin: what PSA reports, and the snapshot', () => {
    const { pod, report, chart } = agentPod({
      containers: [{ name: 'csi-node', image: 'registry.example.com/csi:1.0', securityContext: { privileged: true } }, { name: 'registrar', image: 'registry.example.com/registrar:2.0' }],
    });
    expect(chartYaml(chart)).toMatchSnapshot();
    expect(pod.containers[0].securityContext).toEqual({ privileged: true });
    expect(report.level).toBe('privileged');
    expect(report.violations).toEqual([
      { check: 'privileged', level: 'baseline', field: `${C}.privileged`, message: 'privileged (container "csi-node" must not set securityContext.privileged=true)' },
      { check: 'allowPrivilegeEscalation', level: 'restricted', field: `${C}.allowPrivilegeEscalation`, message: 'allowPrivilegeEscalation != false (container "csi-node" must set securityContext.allowPrivilegeEscalation=false)' },
      { check: 'capabilities_restricted', level: 'restricted', field: `${C}.capabilities.drop`, message: 'unrestricted capabilities (container "csi-node" must set securityContext.capabilities.drop=["ALL"])' },
      { check: 'runAsNonRoot', level: 'restricted', field: `${C}.runAsNonRoot`, message: 'runAsNonRoot != true (pod or container "csi-node" must set securityContext.runAsNonRoot=true)' },
      { check: 'seccompProfile_restricted', level: 'restricted', field: `${C}.seccompProfile.type`, message: 'seccompProfile (pod or container "csi-node" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
    ]);
  });

  test('what a privileged container sets itself is emitted, capabilities included, and synth accepts it', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', {
      containers: [{ ...web, securityContext: { privileged: true, allowPrivilegeEscalation: true, capabilities: { add: ['SYS_ADMIN'] }, runAsUser: 1000, readOnlyRootFilesystem: true } }],
    });
    const daemonSet = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
    expect(daemonSet.spec.template.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: true,
      capabilities: { add: ['SYS_ADMIN'] },
      privileged: true,
      readOnlyRootFilesystem: true,
      runAsUser: 1000,
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('privileged: false is emitted as written and keeps the defaults', () => {
    const { pod } = agentPod({ containers: [{ ...web, securityContext: { privileged: false } }] });
    expect(pod.containers[0].securityContext).toEqual({ ...DEFAULTS, privileged: false });
  });

  test('fails if a privileged container sets allowPrivilegeEscalation: false past the types (the API server\'s rule, from the manifest validator)', () => {
    const { app, chart } = newChart();
    const contradiction = { privileged: true, allowPrivilegeEscalation: false } as unknown as ContainerSecurityContext;
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [{ ...web, securityContext: contradiction }] });
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.containers[0].securityContext: Invalid value: '
        + '{"allowPrivilegeEscalation":false,"privileged":true}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });

  test('a privileged container patched in by hand is judged on the manifest, like PSA', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { containers: [web] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(agent.podSecurity.level).toBe('privileged');
  });
});

describe('the defaults never contradict what was written, over many combinations', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const shared = {
    runAsNonRoot: maybe(fc.boolean()),
    runAsUser: maybe(fc.constantFrom(0, 1000)),
    readOnlyRootFilesystem: maybe(fc.boolean()),
    capabilities: maybe(fc.constantFrom<'RuntimeDefault' | { add?: string[]; drop?: string[] }>(
      'RuntimeDefault', {}, { add: ['NET_BIND_SERVICE'] }, { add: ['CHOWN'] }, { drop: [] }, { drop: ['ALL'] },
    )),
    seccompProfile: maybe(fc.constantFrom<{ type: 'RuntimeDefault' | 'Unconfined' }>({ type: 'RuntimeDefault' }, { type: 'Unconfined' })),
  };
  const containerContext = fc.oneof(
    fc.record({ ...shared, privileged: maybe(fc.constant(false as const)), allowPrivilegeEscalation: maybe(fc.boolean()) }, { requiredKeys: [] }),
    fc.record({ ...shared, privileged: fc.constant(true as const) }, { requiredKeys: ['privileged'] }),
  ) as fc.Arbitrary<ContainerSecurityContext>;
  const podContext = fc.record(shared, { requiredKeys: [] }) as fc.Arbitrary<PodSecurityContext>;
  const contexts = fc.array(maybe(containerContext), { minLength: 1, maxLength: 3 });

  /** The Pod Security level PSS 1.27 gives these settings, from the standard's rules rather than the renderer. */
  function expectedLevel(pod: PodSecurityContext, containers: readonly (ContainerSecurityContext | undefined)[]): string {
    const all = containers.map((c) => c ?? {});
    if (all.some((c) => c.privileged === true || c.seccompProfile?.type === 'Unconfined') || pod.seccompProfile?.type === 'Unconfined') return 'privileged';
    const root = pod.runAsNonRoot === false || pod.runAsUser === 0 || all.some((c) => c.runAsNonRoot === false || c.runAsUser === 0);
    const capabilities = all.some((c) => {
      const effective = c.capabilities ?? pod.capabilities ?? {};
      return effective === 'RuntimeDefault' || (effective.drop !== undefined && !effective.drop.includes('ALL')) || (effective.add ?? []).some((a) => a !== 'NET_BIND_SERVICE');
    });
    const escalation = all.some((c) => c.allowPrivilegeEscalation === true);
    return root || capabilities || escalation ? 'baseline' : 'restricted';
  }

  test('each default is emitted only where nothing says otherwise; the level is the standard\'s; the API server accepts it', () => {
    fc.assert(fc.property(podContext, contexts, (pod, cs) => {
      const { chart } = newChart();
      const agent = new NodeAgent(chart, 'agent', {
        securityContext: pod,
        containers: cs.map((securityContext, i) => ({ name: `c${i}`, image: 'registry.example.com/agent:1', securityContext })),
      });
      const daemonSet = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
      const emitted: any[] = daemonSet.spec.template.spec.containers.map((c: any) => c.securityContext ?? {});
      cs.forEach((written = {}, i) => {
        const sc = emitted[i];
        const user = written.runAsUser ?? pod.runAsUser;
        if (written.runAsNonRoot === undefined && (pod.runAsNonRoot !== undefined || user === 0 || written.privileged)) {
          expect(sc.runAsNonRoot).toBeUndefined();
        }
        if (written.seccompProfile === undefined && (pod.seccompProfile !== undefined || written.privileged)) {
          expect(sc.seccompProfile).toBeUndefined();
        }
        if (written.privileged) {
          expect(sc.allowPrivilegeEscalation).toBeUndefined();
          if (written.readOnlyRootFilesystem === undefined) expect(sc.readOnlyRootFilesystem).toBe(pod.readOnlyRootFilesystem);
          const capabilities = written.capabilities ?? pod.capabilities;
          const writtenDrop = capabilities !== undefined && capabilities !== 'RuntimeDefault' && capabilities.drop?.length ? capabilities.drop : undefined;
          expect(sc.capabilities?.drop).toEqual(writtenDrop);
        }
      });
      expect(agent.podSecurity.level).toBe(expectedLevel(pod, cs));
      expect(validateManifest(daemonSet).map(formatViolation)).toEqual([]);
    }), { numRuns: 300 });
  });
});

