import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { KubernetesTarget, KubernetesVersion, NodeAgent, PodSecurity, PodSecurityCheckId, evaluatePodSecurity } from '../../src';
import { manifestsOfKind, synthErrors } from '../util';

// The Pod Security policy follows the target Kubernetes version. The cases are those of
// k8s.io/pod-security-admission/policy/check_*_test.go (kubernetes/pod-security-admission, release-1.34 to
// release-1.36 and master at v0.37.0-alpha.2), each chosen to break one check; every expected reason and detail
// is PSA's, written out here, character for character.

/** PSA's failed-check result (ForbiddenReason, ForbiddenDetail) for one check at `version`, or undefined when it passes. */
function failedCheck(version: KubernetesVersion, check: PodSecurityCheckId, spec: object, metadata: object = {}) {
  const failed = evaluatePodSecurity({ metadata, spec }, 'spec.template', { kubernetesVersion: version }).failedChecks.find((c) => c.check === check);
  return failed && { reason: failed.reason, detail: failed.detail };
}

const restrictedContainer = {
  name: 'app',
  image: 'registry.k8s.io/pause',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};

/** A pod that meets restricted in every target but for `change` to its only container or its spec. */
function pod(change: { container?: object; spec?: object } = {}) {
  return { spec: { containers: [{ ...restrictedContainer, ...change.container }], ...change.spec } };
}

describe('sysctls: the allowed set per target (check_sysctls.go)', () => {
  const forbidden = (name: string) => ({ reason: 'forbidden sysctls', detail: name });
  const sysctl = (name: string) => ({ securityContext: { sysctls: [{ name, value: '1' }] } });

  // name → verdict per target: undefined = allowed.
  const cases: Record<string, Record<KubernetesVersion, object | undefined>> = {
    // sysctlsAllowedV1Dot27
    'net.ipv4.ip_local_reserved_ports': { 1.27: undefined, 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    // sysctlsAllowedV1Dot29
    'net.ipv4.tcp_keepalive_time': { 1.27: forbidden('net.ipv4.tcp_keepalive_time'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    'net.ipv4.tcp_fin_timeout': { 1.27: forbidden('net.ipv4.tcp_fin_timeout'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    'net.ipv4.tcp_keepalive_intvl': { 1.27: forbidden('net.ipv4.tcp_keepalive_intvl'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    'net.ipv4.tcp_keepalive_probes': { 1.27: forbidden('net.ipv4.tcp_keepalive_probes'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    // sysctlsAllowedV1Dot32
    'net.ipv4.tcp_rmem': { 1.27: forbidden('net.ipv4.tcp_rmem'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    'net.ipv4.tcp_wmem': { 1.27: forbidden('net.ipv4.tcp_wmem'), 1.34: undefined, 1.35: undefined, 1.36: undefined, 1.37: undefined },
    // sysctlsAllowedV1Dot37 (master)
    'net.ipv4.tcp_slow_start_after_idle': {
      1.27: forbidden('net.ipv4.tcp_slow_start_after_idle'),
      1.34: forbidden('net.ipv4.tcp_slow_start_after_idle'),
      1.35: forbidden('net.ipv4.tcp_slow_start_after_idle'),
      1.36: forbidden('net.ipv4.tcp_slow_start_after_idle'),
      1.37: undefined,
    },
    'net.ipv4.tcp_notsent_lowat': {
      1.27: forbidden('net.ipv4.tcp_notsent_lowat'),
      1.34: forbidden('net.ipv4.tcp_notsent_lowat'),
      1.35: forbidden('net.ipv4.tcp_notsent_lowat'),
      1.36: forbidden('net.ipv4.tcp_notsent_lowat'),
      1.37: undefined,
    },
    // never allowed
    'net.core.somaxconn': {
      1.27: forbidden('net.core.somaxconn'),
      1.34: forbidden('net.core.somaxconn'),
      1.35: forbidden('net.core.somaxconn'),
      1.36: forbidden('net.core.somaxconn'),
      1.37: forbidden('net.core.somaxconn'),
    },
  };

  for (const [name, verdicts] of Object.entries(cases)) {
    test(name, () => {
      for (const [version, verdict] of Object.entries(verdicts)) {
        expect([version, failedCheck(version as KubernetesVersion, 'sysctls', sysctl(name))]).toEqual([version, verdict]);
      }
    });
  }

  test('the level and the violation follow: privileged on 1.27, restricted on 1.34', () => {
    const template = pod({ spec: sysctl('net.ipv4.tcp_keepalive_time') });
    expect(evaluatePodSecurity(template).level).toBe('privileged');
    expect(evaluatePodSecurity(template).violations).toEqual([
      { check: 'sysctls', level: 'baseline', field: 'spec.template.spec.securityContext.sysctls[0].name', message: 'forbidden sysctls (net.ipv4.tcp_keepalive_time)' },
    ]);
    expect(evaluatePodSecurity(template, 'spec.template', { kubernetesVersion: '1.34' })).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });
});

describe('appArmorProfile: the fields are checked from 1.30 (check_appArmorProfile.go)', () => {
  const prefix = 'container.apparmor.security.beta.kubernetes.io/';

  test('an Unconfined pod-level profile: unchecked on 1.27 (the field does not exist there), refused from 1.34', () => {
    const spec = { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [] };
    expect(failedCheck('1.27', 'appArmorProfile', spec)).toBeUndefined();
    for (const version of ['1.34', '1.35', '1.36', '1.37'] as const) {
      expect(failedCheck(version, 'appArmorProfile', spec)).toEqual({ reason: 'forbidden AppArmor profile', detail: 'pod must not set AppArmor profile type to "Unconfined"' });
    }
  });

  test('an Unconfined container under a RuntimeDefault pod, init containers included', () => {
    const runtimeDefault = { appArmorProfile: { type: 'RuntimeDefault' } };
    expect(failedCheck('1.34', 'appArmorProfile', {
      securityContext: runtimeDefault,
      containers: [{ name: 'foo', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
    })).toEqual({ reason: 'forbidden AppArmor profile', detail: 'container "foo" must not set AppArmor profile type to "Unconfined"' });
    expect(failedCheck('1.36', 'appArmorProfile', {
      securityContext: runtimeDefault,
      containers: [{ name: 'foo' }],
      initContainers: [{ name: 'bar', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
    })).toEqual({ reason: 'forbidden AppArmor profile', detail: 'container "bar" must not set AppArmor profile type to "Unconfined"' });
    expect(failedCheck('1.34', 'appArmorProfile', { securityContext: runtimeDefault, containers: [{ name: 'foo', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } }] }))
      .toBeUndefined();
  });

  test('the annotations: the same verdict, worded by setter from 1.30', () => {
    const annotations = {
      [prefix]: 'bogus',
      [`${prefix}a`]: '',
      [`${prefix}b`]: 'runtime/default',
      [`${prefix}c`]: 'localhost/',
      [`${prefix}d`]: 'localhost/foo',
      [`${prefix}e`]: 'unconfined',
      [`${prefix}f`]: 'unknown',
    };
    expect(failedCheck('1.27', 'appArmorProfile', { containers: [] }, { annotations })).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail: `${prefix}="bogus", ${prefix}e="unconfined", ${prefix}f="unknown"`,
    });
    expect(failedCheck('1.34', 'appArmorProfile', { containers: [] }, { annotations })).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail: `annotations must not set AppArmor profile type to "${prefix}="bogus"", "${prefix}e="unconfined"", "${prefix}f="unknown""`,
    });
  });

  test('pod, containers and an annotation at once: setters in that order, field values before annotations', () => {
    expect(failedCheck('1.35', 'appArmorProfile', {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a', securityContext: { appArmorProfile: { type: 'Unconfined' } } }, { name: 'b', securityContext: { appArmorProfile: { type: 'Bogus' } } }],
    }, { annotations: { [`${prefix}a`]: 'unconfined' } })).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail: `pod and containers "a", "b" and annotation must not set AppArmor profile type to "Bogus", "Unconfined", "${prefix}a="unconfined""`,
    });
  });

  test('the level and the violation on 1.34: privileged, at the field', () => {
    const template = pod({ container: { securityContext: { ...restrictedContainer.securityContext, appArmorProfile: { type: 'Unconfined' } } } });
    expect(evaluatePodSecurity(template).level).toBe('restricted');
    expect(evaluatePodSecurity(template, 'spec.template', { kubernetesVersion: '1.34' })).toEqual({
      level: 'privileged',
      violations: [{
        check: 'appArmorProfile',
        level: 'baseline',
        field: 'spec.template.spec.containers[0].securityContext.appArmorProfile.type',
        message: 'forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined")',
      }],
      failedChecks: [{ check: 'appArmorProfile', level: 'baseline', reason: 'forbidden AppArmor profile', detail: 'container "app" must not set AppArmor profile type to "Unconfined"' }],
    });
  });
});

describe('hostProbesAndHostLifecycle: a baseline check from 1.34 (check_hostProbesAndhostLifecycle.go)', () => {
  test('absent on 1.27: a probe host passes every level', () => {
    const template = pod({ container: { livenessProbe: { httpGet: { host: 'localhost', port: 8080 } } } });
    expect(evaluatePodSecurity(template)).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
    expect(failedCheck('1.27', 'hostProbesAndHostLifecycle', template.spec)).toBeUndefined();
  });

  test('the upstream cases, on every target from 1.34', () => {
    for (const version of ['1.34', '1.35', '1.36', '1.37'] as const) {
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', { containers: [{ name: 'a', livenessProbe: { httpGet: {} }, lifecycle: { preStop: { httpGet: { host: '' } } } }] }))
        .toBeUndefined();
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', {
        containers: [{
          name: 'a',
          livenessProbe: { httpGet: { host: '127.0.0.1' } },
          readinessProbe: { tcpSocket: { host: '::1' } },
          startupProbe: { httpGet: { host: 'localhost' } },
        }],
      })).toEqual({ reason: 'probe or lifecycle host', detail: 'container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost"' });
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', { containers: [{ name: 'd', lifecycle: { postStart: { tcpSocket: { host: 'invalid.host' } } } }] }))
        .toEqual({ reason: 'probe or lifecycle host', detail: 'container "d" uses probe or lifecycle host "invalid.host"' });
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', { containers: [{ name: 'e', lifecycle: { preStop: { httpGet: { host: 'another.invalid.host' } } } }] }))
        .toEqual({ reason: 'probe or lifecycle host', detail: 'container "e" uses probe or lifecycle host "another.invalid.host"' });
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', {
        containers: [
          { name: 'valid' },
          { name: 'invalid1', livenessProbe: { httpGet: { host: 'a.com' } } },
          { name: 'invalid2', lifecycle: { preStop: { tcpSocket: { host: 'b.com' } } }, readinessProbe: { httpGet: { host: 'a.com' } } },
        ],
      })).toEqual({ reason: 'probe or lifecycle host', detail: 'containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com"' });
      expect(failedCheck(version, 'hostProbesAndHostLifecycle', { containers: [], initContainers: [{ name: 'init', startupProbe: { httpGet: { host: 'invalid.init.host' } } }] }))
        .toEqual({ reason: 'probe or lifecycle host', detail: 'container "init" uses probe or lifecycle host "invalid.init.host"' });
    }
  });

  test('the level and the violation on 1.34: privileged, at the host field; baseline checks stay in ID order', () => {
    const template = pod({ container: { readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 80 } } }, spec: { hostPID: true } });
    expect(evaluatePodSecurity(template, 'spec.template', { kubernetesVersion: '1.34' })).toEqual({
      level: 'privileged',
      violations: [
        { check: 'hostNamespaces', level: 'baseline', field: 'spec.template.spec.hostPID', message: 'host namespaces (hostPID=true)' },
        {
          check: 'hostProbesAndHostLifecycle',
          level: 'baseline',
          field: 'spec.template.spec.containers[0].readinessProbe.tcpSocket.host',
          message: 'probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1")',
        },
      ],
      failedChecks: [
        { check: 'hostNamespaces', level: 'baseline', reason: 'host namespaces', detail: 'hostPID=true' },
        { check: 'hostProbesAndHostLifecycle', level: 'baseline', reason: 'probe or lifecycle host', detail: 'container "app" uses probe or lifecycle host "10.0.0.1"' },
      ],
    });
  });
});

describe('seLinuxOptions: container_engine_t allowed from 1.31 (check_seLinuxOptions.go)', () => {
  test('refused on 1.27, allowed from 1.34; other types still refused', () => {
    const spec = { securityContext: { seLinuxOptions: { type: 'container_engine_t' } }, containers: [] };
    expect(failedCheck('1.27', 'seLinuxOptions', spec)).toEqual({ reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: type "container_engine_t"' });
    expect(failedCheck('1.34', 'seLinuxOptions', spec)).toBeUndefined();
    expect(failedCheck('1.37', 'seLinuxOptions', { containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'spc_t' } } }] }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"' });
  });
});

describe('restrictedVolumes: image volumes allowed from 1.33 (check_restrictedVolumes.go)', () => {
  test('an image volume: unknown on 1.27, allowed from 1.34', () => {
    const spec = { containers: [], volumes: [{ name: 'tools', image: { reference: 'registry.example.com/tools:1' } }] };
    expect(failedCheck('1.27', 'restrictedVolumes', spec)).toEqual({ reason: 'restricted volume types', detail: 'volume "tools" uses restricted volume type "unknown"' });
    expect(failedCheck('1.34', 'restrictedVolumes', spec)).toBeUndefined();
  });
});

describe('user namespaces (hostUsers: false) relax runAsNonRoot, runAsUser and baseline procMount from 1.35', () => {
  const root = { ...restrictedContainer.securityContext, runAsNonRoot: false, runAsUser: 0 };

  test('runAsNonRoot=false and runAsUser=0: refused up to 1.34, allowed from 1.35 in a user namespace only', () => {
    const userns = pod({ container: { securityContext: root }, spec: { hostUsers: false } });
    const host = pod({ container: { securityContext: root } });
    expect(failedCheck('1.34', 'runAsNonRoot', userns.spec)).toEqual({ reason: 'runAsNonRoot != true', detail: 'container "app" must not set securityContext.runAsNonRoot=false' });
    expect(failedCheck('1.34', 'runAsUser', userns.spec)).toEqual({ reason: 'runAsUser=0', detail: 'container "app" must not set runAsUser=0' });
    expect(evaluatePodSecurity(userns, 'spec.template', { kubernetesVersion: '1.34' }).level).toBe('baseline');
    for (const version of ['1.35', '1.36', '1.37'] as const) {
      expect(evaluatePodSecurity(userns, 'spec.template', { kubernetesVersion: version })).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
      expect(failedCheck(version, 'runAsUser', host.spec)).toEqual({ reason: 'runAsUser=0', detail: 'container "app" must not set runAsUser=0' });
    }
  });

  test('an Unmasked procMount: privileged up to 1.34; from 1.35 baseline in a user namespace, refused by procMount_restricted', () => {
    const unmasked = { securityContext: { ...restrictedContainer.securityContext, procMount: 'Unmasked' } };
    const userns = pod({ container: unmasked, spec: { hostUsers: false } });
    const procMountDetail = 'container "app" must not set securityContext.procMount to "Unmasked"';
    expect(evaluatePodSecurity(userns, 'spec.template', { kubernetesVersion: '1.34' })).toEqual({
      level: 'privileged',
      violations: [{ check: 'procMount', level: 'baseline', field: 'spec.template.spec.containers[0].securityContext.procMount', message: `procMount (${procMountDetail})` }],
      failedChecks: [{ check: 'procMount', level: 'baseline', reason: 'procMount', detail: procMountDetail }],
    });
    expect(evaluatePodSecurity(userns, 'spec.template', { kubernetesVersion: '1.35' })).toEqual({
      level: 'baseline',
      violations: [{ check: 'procMount_restricted', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.procMount', message: `procMount (${procMountDetail})` }],
      failedChecks: [{ check: 'procMount_restricted', level: 'restricted', reason: 'procMount', detail: procMountDetail }],
    });
  });

  test('outside a user namespace on 1.35 both procMount checks fail, and the field is reported once, by the baseline one', () => {
    const host = pod({ container: { securityContext: { ...restrictedContainer.securityContext, procMount: 'Unmasked' } } });
    const report = evaluatePodSecurity(host, 'spec.template', { kubernetesVersion: '1.35' });
    expect(report.level).toBe('privileged');
    expect(report.failedChecks.map((c) => c.check)).toEqual(['procMount', 'procMount_restricted']);
    expect(report.violations.map((v) => v.check)).toEqual(['procMount']);
  });
});

describe('evaluatePodSecurity options', () => {
  test('an unsupported version throws, naming the supported ones', () => {
    expect(() => evaluatePodSecurity({ spec: {} }, 'spec.template', { kubernetesVersion: '1.30' as KubernetesVersion }))
      .toThrow('kubernetesVersion: "1.30" is not a supported Kubernetes version; supported: 1.27, 1.34, 1.35, 1.36, 1.37');
  });
});

describe('the construct tree follows KubernetesTarget', () => {
  const agentContainer = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };

  function appAt(version?: KubernetesVersion) {
    const app = Testing.app();
    if (version) KubernetesTarget.set(app, version);
    return { app, chart: new Chart(app, 'test') };
  }

  test.each([
    [undefined, 'v1.27'],
    ['1.27', 'v1.27'],
    ['1.34', 'v1.34'],
    ['1.35', 'v1.35'],
    ['1.36', 'v1.36'],
    ['1.37', 'v1.37'],
  ] as const)('target %s: namespaces are labelled enforce-version %s', (version, label) => {
    const { chart } = appAt(version);
    new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'agents' }, openShiftNamespace: true });
    expect(manifestsOfKind(chart, 'Namespace')[0].metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': label,
    });
  });

  test('a chart that overrides the app\'s target gets its own label', () => {
    const app = Testing.app();
    KubernetesTarget.set(app, '1.36');
    const legacy = new Chart(app, 'legacy');
    KubernetesTarget.set(legacy, '1.27');
    new NodeAgent(legacy, 'agent', { containers: [agentContainer], metadata: { namespace: 'agents' }, openShiftNamespace: true });
    expect(manifestsOfKind(legacy, 'Namespace')[0].metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.27');
  });

  test('a 1.29 sysctl: the namespace level and PodSecurity.of follow the target', () => {
    const sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }];
    for (const [version, level] of [['1.27', 'privileged'], ['1.34', 'restricted']] as const) {
      const { chart } = appAt(version);
      const agent = new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'agents' }, openShiftNamespace: true, securityContext: { sysctls } });
      expect([version, agent.podSecurity.level, PodSecurity.of(agent).level]).toEqual([version, level, level]);
      expect([version, manifestsOfKind(chart, 'Namespace')[0].metadata.labels['pod-security.kubernetes.io/enforce']]).toEqual([version, level]);
    }
  });

  test('PodSecurity.enforce judges each workload by its target: a 1.29 sysctl fails baseline on 1.27 only', () => {
    const sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }];
    const legacy = appAt('1.27');
    PodSecurity.enforce(legacy.chart, 'baseline');
    new NodeAgent(legacy.chart, 'agent', { containers: [agentContainer], securityContext: { sysctls } });
    expect(synthErrors(legacy.app)).toEqual([
      "[test] test/agent: spec.template.spec.securityContext.sysctls[0].name fails the required Pod Security level 'baseline' [sysctls: forbidden sysctls (net.ipv4.tcp_keepalive_time)]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
    ]);

    const current = appAt('1.34');
    PodSecurity.enforce(current.chart, 'baseline');
    new NodeAgent(current.chart, 'agent', { containers: [agentContainer], securityContext: { sysctls } });
    expect(() => current.app.synth()).not.toThrow();
  });

  test('PodSecurity.enforce on 1.34: a probe host set through the escape hatch fails baseline; on 1.27 it passes', () => {
    const hostPatch = JsonPatch.add('/spec/template/spec/containers/0/livenessProbe', { httpGet: { host: 'metadata.internal', port: 8080, path: '/healthz' } });

    const current = appAt('1.34');
    PodSecurity.enforce(current.chart, 'baseline');
    ApiObject.of(new NodeAgent(current.chart, 'agent', { containers: [agentContainer] })).addJsonPatch(hostPatch);
    expect(synthErrors(current.app)).toEqual([
      "[test] test/agent: spec.template.spec.containers[0].livenessProbe.httpGet.host fails the required Pod Security level 'baseline' [hostProbesAndHostLifecycle: probe or lifecycle host (container \"agent\" uses probe or lifecycle host \"metadata.internal\")]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
    ]);

    const legacy = appAt('1.27');
    PodSecurity.enforce(legacy.chart, 'baseline');
    ApiObject.of(new NodeAgent(legacy.chart, 'agent', { containers: [agentContainer] })).addJsonPatch(hostPatch);
    expect(() => legacy.app.synth()).not.toThrow();
  });
});
