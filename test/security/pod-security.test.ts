import * as fs from 'fs';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { LoggingChart } from '../../examples/app/node-agent';
import { BatchJob, NodeAgent, NodeAgentProps, OrderedStore, PodSecurity, PodSecurityCheckId, ScheduledJob, evaluatePodSecurity } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

/** PSA's failed-check result (ForbiddenReason, ForbiddenDetail) for one check, or undefined when it passes. */
function failedCheck(check: PodSecurityCheckId, spec: object, metadata: object = {}) {
  const failed = evaluatePodSecurity({ metadata, spec }).failedChecks.find((c) => c.check === check);
  return failed && { reason: failed.reason, detail: failed.detail };
}

// The cases below are those of k8s.io/pod-security-admission/policy/check_*_test.go on release-1.27, with
// their pods written as pod-template JSON; each expected reason and detail is PSA's, character for character.
describe('Pod Security Admission 1.27 checks, with the cases of its own tests', () => {
  test('allowPrivilegeEscalation: containers not setting it to false (check_allowPrivilegeEscalation_test.go)', () => {
    expect(failedCheck('allowPrivilegeEscalation', {
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { allowPrivilegeEscalation: true } },
        { name: 'd', securityContext: { allowPrivilegeEscalation: false } },
      ],
    })).toEqual({ reason: 'allowPrivilegeEscalation != false', detail: 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false' });
    expect(failedCheck('allowPrivilegeEscalation', { os: { name: 'linux' }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'allowPrivilegeEscalation != false', detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false' });
    expect(failedCheck('allowPrivilegeEscalation', { os: { name: 'windows' }, containers: [{ name: 'a' }] })).toBeUndefined();
  });

  test('appArmorProfile: only runtime/default, localhost/* or empty (check_appArmorProfile_test.go)', () => {
    const prefix = 'container.apparmor.security.beta.kubernetes.io/';
    expect(failedCheck('appArmorProfile', { containers: [] }, {
      annotations: {
        [prefix]: 'bogus',
        [`${prefix}a`]: '',
        [`${prefix}b`]: 'runtime/default',
        [`${prefix}c`]: 'localhost/',
        [`${prefix}d`]: 'localhost/foo',
        [`${prefix}e`]: 'unconfined',
        [`${prefix}f`]: 'unknown',
      },
    })).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail: `${prefix}="bogus", ${prefix}e="unconfined", ${prefix}f="unknown"`,
    });
    expect(failedCheck('appArmorProfile', { containers: [] }, { annotations: { [`${prefix}test`]: 'runtime/default', env: 'prod' } })).toBeUndefined();
    expect(failedCheck('appArmorProfile', { containers: [] }, { annotations: { [`${prefix}test`]: 'localhost/sec-profile01', env: 'dev' } })).toBeUndefined();
    expect(failedCheck('appArmorProfile', { containers: [] }, { annotations: { env: 'dev' } })).toBeUndefined();
  });

  test('capabilities_baseline: only the default set may be added (check_capabilities_baseline_test.go)', () => {
    expect(failedCheck('capabilities_baseline', {
      containers: [
        { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
        { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
      ],
    })).toEqual({ reason: 'non-default capabilities', detail: 'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add' });
  });

  test('capabilities_restricted: drop ALL, add at most NET_BIND_SERVICE (check_capabilities_restricted_test.go)', () => {
    expect(failedCheck('capabilities_restricted', {
      containers: [
        { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
        { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
        { name: 'c', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } } },
      ],
    })).toEqual({
      reason: 'unrestricted capabilities',
      detail: 'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
    });
    expect(failedCheck('capabilities_restricted', { os: { name: 'linux' }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'unrestricted capabilities', detail: 'container "a" must set securityContext.capabilities.drop=["ALL"]' });
    expect(failedCheck('capabilities_restricted', { os: { name: 'windows' }, containers: [{ name: 'a' }] })).toBeUndefined();
  });

  test('hostNamespaces (check_hostNamespaces_test.go)', () => {
    expect(failedCheck('hostNamespaces', { hostNetwork: true, hostIPC: true, hostPID: true, containers: [] }))
      .toEqual({ reason: 'host namespaces', detail: 'hostNetwork=true, hostPID=true, hostIPC=true' });
  });

  test('hostPathVolumes (check_hostPathVolumes_test.go)', () => {
    expect(failedCheck('hostPathVolumes', {
      containers: [],
      volumes: [{ name: 'a', hostPath: {} }, { name: 'b', hostPath: {} }, { name: 'c', emptyDir: {} }],
    })).toEqual({ reason: 'hostPath volumes', detail: 'volumes "a", "b"' });
  });

  test('hostPorts (check_hostPorts_test.go)', () => {
    expect(failedCheck('hostPorts', {
      containers: [{ name: 'a', ports: [{ hostPort: 0 }] }, { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 20 }] }],
    })).toEqual({ reason: 'hostPort', detail: 'container "b" uses hostPort 20' });
    expect(failedCheck('hostPorts', {
      containers: [
        { name: 'a', ports: [{ hostPort: 0 }] },
        { name: 'b', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 20 }] },
        { name: 'c', ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 30 }] },
      ],
    })).toEqual({ reason: 'hostPort', detail: 'containers "b", "c" use hostPorts 10, 20, 30' });
  });

  test('privileged (check_privileged_test.go)', () => {
    expect(failedCheck('privileged', {
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { privileged: false } },
        { name: 'd', securityContext: { privileged: true } },
        { name: 'e', securityContext: { privileged: true } },
      ],
    })).toEqual({ reason: 'privileged', detail: 'containers "d", "e" must not set securityContext.privileged=true' });
  });

  test('procMount (check_procMount_test.go)', () => {
    expect(failedCheck('procMount', {
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { procMount: 'Default' } },
        { name: 'd', securityContext: { procMount: 'Unmasked' } },
        { name: 'e', securityContext: { procMount: 'other' } },
      ],
    })).toEqual({ reason: 'procMount', detail: 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"' });
  });

  test('restrictedVolumes (check_restrictedVolumes_test.go)', () => {
    const allowed = ['emptyDir', 'secret', 'persistentVolumeClaim', 'downwardAPI', 'configMap', 'projected', 'csi', 'ephemeral']
      .map((type, i) => ({ name: `a${i + 1}`, [type]: {} }));
    const restricted = [
      'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
      'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
      'portworxVolume', 'scaleIO', 'storageos',
    ].map((type, i) => ({ name: `b${i + 1}`, [type]: {} }));
    // PSA's test has a volume with an empty source; the API server would default that one to emptyDir (see the
    // next test), so a source 1.27 does not know stands for it here.
    const unknown = { name: 'c1', image: { reference: 'registry.example.com/data:1' } };
    expect(failedCheck('restrictedVolumes', { containers: [], volumes: [...allowed, ...restricted, unknown] })).toEqual({
      reason: 'restricted volume types',
      detail: 'volumes '
        + '"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"'
        + ' use restricted volume types '
        + '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", '
        + '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume"',
    });
  });

  test('restrictedVolumes: a volume without a source is an emptyDir after defaulting (PSA fixture restrictedvolumes0)', () => {
    expect(failedCheck('restrictedVolumes', { containers: [], volumes: [{ name: 'volume0' }] })).toBeUndefined();
  });

  test('runAsNonRoot (check_runAsNonRoot_test.go)', () => {
    expect(failedCheck('runAsNonRoot', { containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'runAsNonRoot != true', detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' });
    expect(failedCheck('runAsNonRoot', { securityContext: { runAsNonRoot: false }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'runAsNonRoot != true', detail: 'pod must not set securityContext.runAsNonRoot=false' });
    expect(failedCheck('runAsNonRoot', {
      securityContext: { runAsNonRoot: true },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { runAsNonRoot: false } },
        { name: 'd', securityContext: { runAsNonRoot: false } },
        { name: 'e', securityContext: { runAsNonRoot: true } },
        { name: 'f', securityContext: { runAsNonRoot: true } },
      ],
    })).toEqual({ reason: 'runAsNonRoot != true', detail: 'containers "c", "d" must not set securityContext.runAsNonRoot=false' });
    expect(failedCheck('runAsNonRoot', {
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'd', securityContext: { runAsNonRoot: true } },
        { name: 'e', securityContext: { runAsNonRoot: true } },
      ],
    })).toEqual({ reason: 'runAsNonRoot != true', detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true' });
  });

  test('runAsUser (check_runAsUser_test.go)', () => {
    expect(failedCheck('runAsUser', { securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0' });
    expect(failedCheck('runAsUser', { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a' }] })).toBeUndefined();
    expect(failedCheck('runAsUser', { securityContext: {}, containers: [{ name: 'a' }] })).toBeUndefined();
    expect(failedCheck('runAsUser', {
      securityContext: { runAsUser: 1000 },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { runAsUser: 0 } },
        { name: 'd', securityContext: { runAsUser: 0 } },
        { name: 'e', securityContext: { runAsUser: 1 } },
        { name: 'f', securityContext: { runAsUser: 1 } },
      ],
    })).toEqual({ reason: 'runAsUser=0', detail: 'containers "c", "d" must not set runAsUser=0' });
    expect(failedCheck('runAsUser', {
      securityContext: { runAsUser: 1000 },
      containers: [1, 2, 3, 4].map((uid, i) => ({ name: 'cdef'[i], securityContext: { runAsUser: uid } })),
    })).toBeUndefined();
  });

  test('seLinuxOptions (check_seLinuxOptions_test.go)', () => {
    const goodContainers = [
      { name: 'a', securityContext: { seLinuxOptions: { type: 'container_t' } } },
      { name: 'b', securityContext: { seLinuxOptions: { type: 'container_init_t' } } },
      { name: 'c', securityContext: { seLinuxOptions: { type: 'container_kvm_t' } } },
    ];
    const badContainers = [
      { name: 'd', securityContext: { seLinuxOptions: { type: 'bar' } } },
      { name: 'e', securityContext: { seLinuxOptions: { user: 'bar' } } },
      { name: 'f', securityContext: { seLinuxOptions: { role: 'baz' } } },
    ];
    const badPod = { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } };
    expect(failedCheck('seLinuxOptions', { securityContext: badPod, containers: [...goodContainers, ...badContainers] })).toEqual({
      reason: 'seLinuxOptions',
      detail: 'pod and containers "d", "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
    });
    expect(failedCheck('seLinuxOptions', { securityContext: badPod, containers: goodContainers }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set' });
    expect(failedCheck('seLinuxOptions', { securityContext: { seLinuxOptions: {} }, containers: [...goodContainers, ...badContainers] }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'containers "d", "e", "f" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set' });
    expect(failedCheck('seLinuxOptions', { securityContext: { seLinuxOptions: { type: 'bad' } }, containers: [] }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: type "bad"' });
    expect(failedCheck('seLinuxOptions', { securityContext: { seLinuxOptions: { user: 'bad' } }, containers: [] }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: user may not be set' });
    expect(failedCheck('seLinuxOptions', { securityContext: { seLinuxOptions: { role: 'bad' } }, containers: [] }))
      .toEqual({ reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set' });
  });

  const seccompContainers = [
    { name: 'a' },
    { name: 'b', securityContext: {} },
    { name: 'c', securityContext: { seccompProfile: { type: 'Unconfined' } } },
    { name: 'd', securityContext: { seccompProfile: { type: 'Unconfined' } } },
    { name: 'e', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    { name: 'f', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
  ];

  test('seccompProfile_baseline, 1.19+ fields (check_seccompProfile_baseline_test.go)', () => {
    expect(failedCheck('seccompProfile_baseline', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'seccompProfile', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' });
    expect(failedCheck('seccompProfile_baseline', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: seccompContainers }))
      .toEqual({ reason: 'seccompProfile', detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"' });
    expect(failedCheck('seccompProfile_baseline', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: seccompContainers }))
      .toEqual({ reason: 'seccompProfile', detail: 'pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"' });
  });

  test('seccompProfile_restricted (check_seccompProfile_restricted_test.go)', () => {
    expect(failedCheck('seccompProfile_restricted', { containers: [{ name: 'a' }] })).toEqual({
      reason: 'seccompProfile',
      detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    });
    expect(failedCheck('seccompProfile_restricted', { os: { name: 'windows' }, containers: [{ name: 'a' }] })).toBeUndefined();
    expect(failedCheck('seccompProfile_restricted', { os: { name: 'linux' }, containers: [{ name: 'a' }] })).toEqual({
      reason: 'seccompProfile',
      detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    });
    expect(failedCheck('seccompProfile_restricted', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] }))
      .toEqual({ reason: 'seccompProfile', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' });
    expect(failedCheck('seccompProfile_restricted', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: seccompContainers }))
      .toEqual({ reason: 'seccompProfile', detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"' });
    expect(failedCheck('seccompProfile_restricted', { containers: [seccompContainers[0], seccompContainers[1], seccompContainers[4], seccompContainers[5]] })).toEqual({
      reason: 'seccompProfile',
      detail: 'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    });
  });

  test('sysctls, with the 1.27 allowed list (check_sysctls_test.go TestSysctls_1_27)', () => {
    expect(failedCheck('sysctls', { securityContext: { sysctls: [{ name: 'a' }, { name: 'b' }] }, containers: [] }))
      .toEqual({ reason: 'forbidden sysctls', detail: 'a, b' });
    expect(failedCheck('sysctls', { securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1024-4999' }] }, containers: [] }))
      .toBeUndefined();
  });

  test('windowsHostProcess (check_windowsHostProcess_test.go)', () => {
    expect(failedCheck('windowsHostProcess', {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { windowsOptions: {} } },
        { name: 'd', securityContext: { windowsOptions: { hostProcess: false } } },
        { name: 'e', securityContext: { windowsOptions: { hostProcess: true } } },
        { name: 'f', securityContext: { windowsOptions: { hostProcess: true } } },
      ],
    })).toEqual({ reason: 'hostProcess', detail: 'pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true' });
  });

  test('init containers are checked, before the regular ones (PSA visitContainers)', () => {
    expect(failedCheck('privileged', {
      initContainers: [{ name: 'init', securityContext: { privileged: true } }],
      containers: [{ name: 'main', securityContext: { privileged: true } }],
    })).toEqual({ reason: 'privileged', detail: 'containers "init", "main" must not set securityContext.privileged=true' });
  });

  test('host ports are listed as Go sorts strings, so 24231 comes before 9100', () => {
    expect(failedCheck('hostPorts', { containers: [{ name: 'a', ports: [{ containerPort: 9100, hostPort: 9100 }, { containerPort: 24231, hostPort: 24231 }] }] }))
      .toEqual({ reason: 'hostPort', detail: 'container "a" uses hostPorts 24231, 9100' });
  });
});

/** A container that meets restricted, as PSA's restricted fixtures write it. */
const restrictedContainer = {
  name: 'app',
  image: 'registry.k8s.io/pause',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};

describe('evaluatePodSecurity levels and violations', () => {
  test('a pod template with every restricted setting meets restricted, with no violations', () => {
    expect(evaluatePodSecurity({ spec: { containers: [restrictedContainer] } })).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });

  test('a pod template with no security settings meets baseline and names each field restricted needs', () => {
    const report = evaluatePodSecurity({ spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    expect(report.level).toBe('baseline');
    expect(report.violations).toEqual([
      { check: 'allowPrivilegeEscalation', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', message: 'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)' },
      { check: 'capabilities_restricted', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.capabilities.drop', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' },
      { check: 'runAsNonRoot', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)' },
      { check: 'seccompProfile_restricted', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.seccompProfile.type', message: 'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
    ]);
  });

  test('a read-only hostPath is privileged level: reported once, by the baseline check', () => {
    const report = evaluatePodSecurity({
      spec: {
        containers: [{ ...restrictedContainer, volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }] }],
        volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
      },
    });
    expect(report.level).toBe('privileged');
    expect(report.violations).toEqual([
      { check: 'hostPathVolumes', level: 'baseline', field: 'spec.template.spec.volumes[0].hostPath', message: 'hostPath volumes (volume "varlog")' },
    ]);
    expect(report.failedChecks.map((c) => c.check)).toEqual(['hostPathVolumes', 'restrictedVolumes']);
  });

  test('an added capability outside the default set is reported once; a missing drop ALL still separately', () => {
    const report = evaluatePodSecurity({ spec: { containers: [{ ...restrictedContainer, securityContext: { ...restrictedContainer.securityContext, capabilities: { add: ['SYS_ADMIN'] } } }] } });
    expect(report.level).toBe('privileged');
    expect(report.violations.map((v) => [v.check, v.level, v.field])).toEqual([
      ['capabilities_baseline', 'baseline', 'spec.template.spec.containers[0].securityContext.capabilities.add'],
      ['capabilities_restricted', 'restricted', 'spec.template.spec.containers[0].securityContext.capabilities.drop'],
    ]);
  });

  test('adding a default capability other than NET_BIND_SERVICE is baseline level', () => {
    const report = evaluatePodSecurity({ spec: { containers: [{ ...restrictedContainer, securityContext: { ...restrictedContainer.securityContext, capabilities: { drop: ['ALL'], add: ['CHOWN'] } } }] } });
    expect(report.level).toBe('baseline');
    expect(report.violations).toEqual([{
      check: 'capabilities_restricted',
      level: 'restricted',
      field: 'spec.template.spec.containers[0].securityContext.capabilities.add',
      message: 'unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add)',
    }]);
  });

  test('NET_BIND_SERVICE is the one capability restricted allows', () => {
    const report = evaluatePodSecurity({ spec: { containers: [{ ...restrictedContainer, securityContext: { ...restrictedContainer.securityContext, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }] } });
    expect(report.level).toBe('restricted');
  });

  test('hostNetwork is evaluated after the 1.27 API server defaults hostPort to containerPort', () => {
    const report = evaluatePodSecurity({ spec: { hostNetwork: true, containers: [{ ...restrictedContainer, ports: [{ name: 'metrics', containerPort: 9100 }] }] } });
    expect(report.level).toBe('privileged');
    expect(report.violations).toEqual([
      { check: 'hostNamespaces', level: 'baseline', field: 'spec.template.spec.hostNetwork', message: 'host namespaces (hostNetwork=true)' },
      { check: 'hostPorts', level: 'baseline', field: 'spec.template.spec.containers[0].ports[0].hostPort', message: 'hostPort (container "app" uses hostPort 9100)' },
    ]);
  });

  test('without hostNetwork a container port is no host port', () => {
    expect(evaluatePodSecurity({ spec: { containers: [{ ...restrictedContainer, ports: [{ containerPort: 9100 }] }] } }).level).toBe('restricted');
  });

  test('a pod-level runAsNonRoot and seccompProfile cover every container', () => {
    const report = evaluatePodSecurity({
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'agent.json' } },
        containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    });
    expect(report.level).toBe('restricted');
  });

  test('a CronJob template is reported at its own path', () => {
    const report = evaluatePodSecurity({ spec: { hostPID: true, containers: [restrictedContainer] } }, 'spec.jobTemplate.spec.template');
    expect(report.violations.map((v) => v.field)).toEqual(['spec.jobTemplate.spec.template.spec.hostPID']);
  });

  test('a Windows pod skips the restricted checks PSA 1.25+ skips, and is judged exactly as PSA judges it', () => {
    // capabilities_restricted replaces capabilities_baseline in restricted and skips Windows pods, so PSA admits
    // this pod at restricted while rejecting it at baseline; the report says what PSA does at each level.
    const report = evaluatePodSecurity({
      spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] },
    });
    expect(report.failedChecks.map((c) => c.check)).toEqual(['capabilities_baseline']);
    expect(report.level).toBe('restricted');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Constructs
// ---------------------------------------------------------------------------------------------------------

const agentContainer = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };

/** The fluentd log shipper: reads the node's logs through read-only hostPath volumes, as root. */
const fluentd: NodeAgentProps = {
  metadata: { name: 'fluentd-elasticsearch', namespace: 'kube-system' },
  containers: [{
    name: 'fluentd-elasticsearch',
    image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
    volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }, { name: 'containers', mountPath: '/var/lib/docker/containers' }],
    securityContext: { runAsNonRoot: false, runAsUser: 0 },
  }],
  volumes: [
    { name: 'varlog', hostPath: { path: '/var/log' } },
    { name: 'containers', hostPath: { path: '/var/lib/docker/containers' } },
  ],
};

describe('NodeAgent Pod Security', () => {
  test('the defaults meet restricted', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { containers: [agentContainer] });
    expect(agent.podSecurity).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });

  test('the defaults meet restricted with init containers, ports, volumes and an fsGroup too', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
      containers: [{ ...agentContainer, ports: [{ name: 'metrics', containerPort: 9100 }], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }],
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'config', configMap: { name: 'agent' } }],
      securityContext: { fsGroup: 2000 },
    });
    expect(agent.podSecurity.level).toBe('restricted');
  });

  test('the fluentd log shipper needs privileged: its read-only hostPath volumes fail baseline', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'fluentd', fluentd);
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.violations).toEqual([
      { check: 'hostPathVolumes', level: 'baseline', field: 'spec.template.spec.volumes[0].hostPath', message: 'hostPath volumes (volume "varlog")' },
      { check: 'hostPathVolumes', level: 'baseline', field: 'spec.template.spec.volumes[1].hostPath', message: 'hostPath volumes (volume "containers")' },
      { check: 'runAsNonRoot', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (container "fluentd-elasticsearch" must not set securityContext.runAsNonRoot=false)' },
      { check: 'runAsUser', level: 'restricted', field: 'spec.template.spec.containers[0].securityContext.runAsUser', message: 'runAsUser=0 (container "fluentd-elasticsearch" must not set runAsUser=0)' },
    ]);
  });

  test('PodSecurity.of reports on the emitted manifest, JSON patches included', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/hostIPC', true));
    expect(PodSecurity.of(agent).violations.map((v) => v.field)).toEqual(['spec.template.spec.hostIPC']);
    expect(PodSecurity.of(ApiObject.of(agent)).level).toBe('privileged');
  });

  test('PodSecurity.of refuses an object without a pod template', () => {
    const { chart } = newChart();
    const map = new ApiObject(chart, 'map', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => PodSecurity.of(map))
      .toThrow('test/map has no pod template: it is no DaemonSet, Deployment, Job, ReplicaSet, ReplicationController, StatefulSet, CronJob');
  });
});

describe('NodeAgent host-access opt-ins', () => {
  function agentWith(props: Partial<NodeAgentProps>): { agent: NodeAgent; pod: any; yaml: string } {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { containers: [agentContainer], ...props });
    const [daemonSet] = manifestsOfKind(chart, 'DaemonSet');
    return { agent, pod: daemonSet.spec.template.spec, yaml: chartYaml(chart) };
  }

  test.each(['hostNetwork', 'hostPID', 'hostIPC'] as const)('%s puts the pod in the node namespace and lowers the level to privileged', (key) => {
    const { agent, pod } = agentWith({ [key]: true });
    expect(pod[key]).toBe(true);
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.violations).toEqual([
      { check: 'hostNamespaces', level: 'baseline', field: `spec.template.spec.${key}`, message: `host namespaces (${key}=true)` },
    ]);
  });

  test('the host namespaces are omitted unless opted in', () => {
    const { pod } = agentWith({ hostNetwork: false });
    expect(pod).not.toHaveProperty('hostNetwork');
    expect(pod).not.toHaveProperty('hostPID');
    expect(pod).not.toHaveProperty('hostIPC');
  });

  test('a hostPort next to its port publishes it and lowers the level to privileged', () => {
    const { agent, pod } = agentWith({
      containers: [{ ...agentContainer, ports: [{ name: 'metrics', containerPort: 9100, hostPort: 19100 }, { name: 'health', containerPort: 8080, protocol: 'TCP' }] }],
    });
    expect(pod.containers[0].ports).toEqual([{ name: 'metrics', containerPort: 9100, hostPort: 19100 }, { name: 'health', containerPort: 8080, protocol: 'TCP' }]);
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.violations).toEqual([
      { check: 'hostPorts', level: 'baseline', field: 'spec.template.spec.containers[0].ports[0].hostPort', message: 'hostPort (container "agent" uses hostPort 19100)' },
    ]);
  });

  test('with hostNetwork every container port counts as a host port, as the API server defaults it', () => {
    const { agent, pod } = agentWith({ hostNetwork: true, containers: [{ ...agentContainer, ports: [{ name: 'metrics', containerPort: 9100 }] }] });
    expect(pod.containers[0].ports).toEqual([{ name: 'metrics', containerPort: 9100 }]);
    expect(agent.podSecurity.violations.map((v) => [v.check, v.field])).toEqual([
      ['hostNamespaces', 'spec.template.spec.hostNetwork'],
      ['hostPorts', 'spec.template.spec.containers[0].ports[0].hostPort'],
    ]);
  });

  test('a writable hostPath is privileged level, like a read-only one', () => {
    const { agent } = agentWith({
      containers: [{ ...agentContainer, volumeMounts: [{ name: 'plugins', mountPath: '/opt/cni/bin', readOnly: false }] }],
      volumes: [{ name: 'plugins', hostPath: { path: '/opt/cni/bin' } }],
    });
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.violations.map((v) => v.check)).toEqual(['hostPathVolumes']);
  });

});

// ---------------------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------------------

describe('PodSecurity.enforce', () => {
  test('a chart at baseline accepts restricted and baseline workloads', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'baseline');
    new NodeAgent(chart, 'strict', { containers: [agentContainer] });
    new NodeAgent(chart, 'root', { containers: [{ ...agentContainer, securityContext: { runAsNonRoot: false, runAsUser: 0 } }] });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails with each workload, check and field below the chart level, and writes nothing', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'baseline');
    new NodeAgent(chart, 'fluentd', fluentd);
    new NodeAgent(chart, 'net', { containers: [agentContainer], hostNetwork: true });
    expect(synthErrors(app)).toEqual([
      "[test] test/fluentd: spec.template.spec.volumes[0].hostPath fails the required Pod Security level 'baseline' [hostPathVolumes: hostPath volumes (volume \"varlog\")]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
      "[test] test/fluentd: spec.template.spec.volumes[1].hostPath fails the required Pod Security level 'baseline' [hostPathVolumes: hostPath volumes (volume \"containers\")]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
      "[test] test/net: spec.template.spec.hostNetwork fails the required Pod Security level 'baseline' [hostNamespaces: host namespaces (hostNetwork=true)]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
    ]);
  });

  test('restricted lists the restricted fields too', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'restricted');
    new NodeAgent(chart, 'root', { containers: [{ ...agentContainer, securityContext: { runAsUser: 0 } }] });
    // runAsUser: 0 gets no runAsNonRoot: true default to contradict it, so PSA finds runAsNonRoot unset too.
    expect(synthErrors(app)).toEqual([
      "[test] test/root: spec.template.spec.containers[0].securityContext.runAsNonRoot fails the required Pod Security level 'restricted' [runAsNonRoot: runAsNonRoot != true (pod or container \"agent\" must set securityContext.runAsNonRoot=true)]; the DaemonSet meets 'baseline': drop the setting or require 'baseline'",
      "[test] test/root: spec.template.spec.containers[0].securityContext.runAsUser fails the required Pod Security level 'restricted' [runAsUser: runAsUser=0 (container \"agent\" must not set runAsUser=0)]; the DaemonSet meets 'baseline': drop the setting or require 'baseline'",
    ]);
  });

  test('an app-wide level applies to every chart, and a chart level overrides it', () => {
    const app = newChart().app;
    PodSecurity.enforce(app, 'restricted');
    const logging = new Chart(app, 'logging');
    PodSecurity.enforce(logging, 'privileged');
    new NodeAgent(logging, 'fluentd', fluentd);
    const apps = new Chart(app, 'apps');
    new NodeAgent(apps, 'ipc', { containers: [agentContainer], hostIPC: true });
    expect(PodSecurity.enforcedLevel(logging.node.findChild('fluentd'))).toBe('privileged');
    expect(PodSecurity.enforcedLevel(apps)).toBe('restricted');
    expect(synthErrors(app)).toEqual([
      "[PodSecurity] apps/ipc: spec.template.spec.hostIPC fails the required Pod Security level 'restricted' [hostNamespaces: host namespaces (hostIPC=true)]; the DaemonSet meets 'privileged': drop the setting or require 'privileged'",
    ]);
  });

  test('an app-wide policy\'s lines start with [PodSecurity], not with the app\'s empty path; it adds no chart and writes nothing of its own', () => {
    const app = newChart().app;
    PodSecurity.enforce(app, 'baseline');
    PodSecurity.enforce(app, 'restricted');
    new NodeAgent(new Chart(app, 'apps'), 'root', { containers: [{ ...agentContainer, securityContext: { runAsNonRoot: false } }] });
    expect(synthErrors(app)).toEqual([
      "[PodSecurity] apps/root: spec.template.spec.containers[0].securityContext.runAsNonRoot fails the required Pod Security level 'restricted' [runAsNonRoot: runAsNonRoot != true (container \"agent\" must not set securityContext.runAsNonRoot=false)]; the DaemonSet meets 'baseline': drop the setting or require 'baseline'",
    ]);
    PodSecurity.enforce(app, 'baseline');
    app.synth();
    expect(app.charts.map((c) => c.node.id)).toEqual(['test', 'apps']);
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['apps.k8s.yaml', 'test.k8s.yaml']);
  });

  test('enforcing again replaces the level and still reports each field once', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'privileged');
    PodSecurity.enforce(chart, 'baseline');
    new NodeAgent(chart, 'pid', { containers: [agentContainer], hostPID: true });
    expect(synthErrors(app)).toHaveLength(1);
  });

  test('without a policy nothing is enforced', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'fluentd', fluentd);
    expect(PodSecurity.enforcedLevel(chart)).toBeUndefined();
    expect(() => app.synth()).not.toThrow();
  });

  test('any ApiObject with a pod template counts, not only this library\'s constructs', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'baseline');
    new ApiObject(chart, 'raw', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'raw' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { hostPID: true, containers: [agentContainer], restartPolicy: 'Never' } } } } },
    });
    expect(synthErrors(app)).toEqual([
      "[test] test/raw: spec.jobTemplate.spec.template.spec.hostPID fails the required Pod Security level 'baseline' [hostNamespaces: host namespaces (hostPID=true)]; the CronJob meets 'privileged': drop the setting or require 'privileged'",
    ]);
  });
});

describe('Namespaces emitted by the library are labelled for Pod Security Admission', () => {
  function namespaceLabels(chart: Chart): Record<string, string> {
    return manifestsOfKind(chart, 'Namespace')[0].metadata.labels;
  }

  test('with the level the workloads in the namespace meet', () => {
    const { chart } = newChart();
    new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'agents' }, openShiftNamespace: true });
    expect(namespaceLabels(chart)).toEqual({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.27' });
  });

  test('the lowest level of the workloads in the namespace, even in other charts and added later', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'logging' }, openShiftNamespace: true });
    new NodeAgent(new Chart(app, 'other'), 'fluentd', { ...fluentd, metadata: { name: 'fluentd', namespace: 'logging' } });
    new NodeAgent(new Chart(app, 'elsewhere'), 'net', { containers: [agentContainer], metadata: { namespace: 'monitoring' }, hostNetwork: true });
    expect(namespaceLabels(chart)['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('a chart policy sets the label', () => {
    const { chart } = newChart();
    PodSecurity.enforce(chart, 'baseline');
    new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'agents' }, openShiftNamespace: true });
    expect(namespaceLabels(chart)).toEqual({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.27' });
  });

  test('the whole YAML of an OpenShift log shipper at privileged', () => {
    const { chart } = newChart();
    PodSecurity.enforce(chart, 'privileged');
    new NodeAgent(chart, 'fluentd', { ...fluentd, metadata: { name: 'fluentd', namespace: 'logging' }, openShiftNamespace: true });
    expect(chartYaml(chart)).toMatchSnapshot();
  });
});

describe('the example LoggingChart', () => {
  test('synthesizes under an app that requires restricted elsewhere, with a privileged namespace', () => {
    const app = Testing.app();
    PodSecurity.enforce(app, 'restricted');
    const chart = new LoggingChart(app, 'logging');
    expect(() => app.synth()).not.toThrow();
    expect(PodSecurity.of(chart.node.findChild('fluentd')).level).toBe('privileged');
    expect(manifestsOfKind(chart, 'Namespace')[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('fails on each hostPath volume when its own policy is tightened to baseline', () => {
    const app = Testing.app();
    const chart = new LoggingChart(app, 'logging');
    PodSecurity.enforce(chart, 'baseline');
    expect(synthErrors(app).map((line) => line.split(' fails ')[0])).toEqual([
      '[logging] logging/fluentd: spec.template.spec.volumes[0].hostPath',
      '[logging] logging/fluentd: spec.template.spec.volumes[1].hostPath',
    ]);
  });
});

describe('the other constructs', () => {
  test('BatchJob and ScheduledJob: the defaults meet restricted', () => {
    const { chart } = newChart();
    const job = new BatchJob(chart, 'migrate', { containers: [{ name: 'migrate', image: 'migrate:1.0' }] });
    const cron = new ScheduledJob(chart, 'report', { schedule: '0 3 * * *', containers: [{ name: 'report', image: 'report:1.0' }] });
    expect(job.podSecurity).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
    expect(cron.podSecurity).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
  });

  test('ScheduledJob: a chart policy reports the job template by field', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'baseline');
    new ScheduledJob(chart, 'backup', {
      schedule: '0 3 * * *',
      containers: [{ name: 'backup', image: 'backup:1.0', volumeMounts: [{ name: 'host', mountPath: '/host' }] }],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    });
    expect(synthErrors(app).map((line) => line.split(' fails ')[0])).toEqual(['[test] test/backup: spec.jobTemplate.spec.template.spec.volumes[0].hostPath']);
  });

  test('OrderedStore: the defaults meet restricted, claim templates included, and a policy covers its StatefulSet', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'restricted');
    const store = new OrderedStore(chart, 'db', {
      containers: [{ name: 'db', image: 'postgres:16.3' }],
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/var/lib/postgresql/data' }],
    });
    expect(PodSecurity.of(store)).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
    expect(store.podSecurity.level).toBe('restricted');
    expect(() => app.synth()).not.toThrow();
  });

  test('OrderedStore: a policy reports its StatefulSet by construct path and field', () => {
    const { app, chart } = newChart();
    PodSecurity.enforce(chart, 'restricted');
    new OrderedStore(chart, 'db', { containers: [{ name: 'db', image: 'postgres:16.3', securityContext: { runAsNonRoot: false } }] });
    expect(synthErrors(app)).toEqual([
      "[test] test/db: spec.template.spec.containers[0].securityContext.runAsNonRoot fails the required Pod Security level 'restricted' [runAsNonRoot: runAsNonRoot != true (container \"db\" must not set securityContext.runAsNonRoot=false)]; the StatefulSet meets 'baseline': drop the setting or require 'baseline'",
    ]);
  });
});

describe('NodeAgent levels over many configurations', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const container = fc.record({
    name,
    image: fc.constant('registry.example.com/agent:1'),
    ports: fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 2 }),
  });
  const containers = fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name });
  const volumes = fc.array(fc.oneof(
    fc.record({ emptyDir: fc.constant({}) }),
    fc.record({ configMap: fc.record({ name }) }),
    fc.record({ secret: fc.record({ secretName: name }) }),
    fc.record({ persistentVolumeClaim: fc.record({ claimName: name }) }),
  ), { maxLength: 3 }).map((list) => list.map((source, i) => ({ name: `v${i}`, ...source }) as any));

  test('without host access and with the default security context, every agent meets restricted', () => {
    fc.assert(fc.property(containers, volumes, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), (cs, vs, fsGroup) => {
      const { chart } = newChart();
      const agent = new NodeAgent(chart, 'agent', { containers: cs, volumes: vs, securityContext: { fsGroup } });
      expect(agent.podSecurity).toEqual({ level: 'restricted', violations: [], failedChecks: [] });
    }), { numRuns: 100 });
  });

  test('any host-access opt-in, alone or together, lowers the level to privileged', () => {
    const optIns = fc.record({
      hostNetwork: fc.boolean(),
      hostPID: fc.boolean(),
      hostIPC: fc.boolean(),
      privileged: fc.boolean(),
      hostPath: fc.boolean(),
    }).filter((o) => Object.values(o).some((on) => on));
    fc.assert(fc.property(containers, optIns, (cs, o) => {
      const { chart } = newChart();
      const agent = new NodeAgent(chart, 'agent', {
        containers: cs.map((c, i) => (i === 0 && o.privileged ? { ...c, securityContext: { privileged: true } } : c)),
        hostNetwork: o.hostNetwork,
        hostPID: o.hostPID,
        hostIPC: o.hostIPC,
        volumes: o.hostPath ? [{ name: 'host', hostPath: { path: '/var/log' } }] : undefined,
      });
      const checks = new Set(agent.podSecurity.violations.filter((v) => v.level === 'baseline').map((v) => v.check));
      expect(agent.podSecurity.level).toBe('privileged');
      expect(checks.has('hostNamespaces')).toBe(o.hostNetwork || o.hostPID || o.hostIPC);
      expect(checks.has('privileged')).toBe(o.privileged);
      expect(checks.has('hostPathVolumes')).toBe(o.hostPath);
      expect(checks.has('hostPorts')).toBe(o.hostNetwork && cs.some((c) => c.ports.length > 0));
    }), { numRuns: 100 });
  });
});
