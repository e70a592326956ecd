import { renderDoc } from '../../projenrc/diff-k8s-schemas';
import { readDefinitions, toSchema } from '../../projenrc/generate-k8s-schemas';
import { RELEASES, ROOT_DEFINITIONS } from '../../projenrc/k8s-versions';
import { SCHEMAS } from '../../src/validation/schemas/versions.generated';

const NEWER = ['1.35', '1.36', '1.37'] as const;

describe('the committed per-version schemas', () => {
  test('the targets are 1.27, 1.34 (kept: its sidecar and Job rules are the 1.29–1.34 variants) and the three newest releases, 1.35–1.37', () => {
    expect(Object.keys(SCHEMAS)).toEqual(['1.27', '1.34', '1.35', '1.36', '1.37']);
  });

  test('the int64 fields of 1.27 are exactly these (the rest are int32), as pkg/apis/core/types.go declares them', () => {
    const int64 = Object.entries(SCHEMAS['1.27'].types).flatMap(([type, fields]) =>
      Object.entries(fields).filter(([, t]) => /^(\[\])?int64$/.test(t)).map(([field]) => `${type}.${field}`));
    expect(int64.sort()).toEqual([
      'CronJobSpec.startingDeadlineSeconds', 'JobSpec.activeDeadlineSeconds', 'ObjectMeta.deletionGracePeriodSeconds', 'ObjectMeta.generation',
      'PodSecurityContext.fsGroup', 'PodSecurityContext.runAsGroup', 'PodSecurityContext.runAsUser', 'PodSecurityContext.supplementalGroups',
      'PodSpec.activeDeadlineSeconds', 'PodSpec.terminationGracePeriodSeconds', 'Probe.terminationGracePeriodSeconds',
      'SecurityContext.runAsGroup', 'SecurityContext.runAsUser', 'ServiceAccountTokenProjection.expirationSeconds', 'Toleration.tolerationSeconds',
    ].sort());
  });

  test('each schema module is what the generator makes of the committed definitions (run `npx projen gen:schemas`)', () => {
    for (const release of RELEASES.filter(({ target }) => target)) {
      const { rootTypes, schema, formats } = toSchema(readDefinitions(release), ROOT_DEFINITIONS);
      const committed = SCHEMAS[release.version as keyof typeof SCHEMAS];
      expect(committed.rootTypes).toEqual(rootTypes);
      expect(committed.types).toEqual(schema);
      expect(committed.integerFormats).toEqual(formats);
    }
  });

  test('docs/kubernetes-versions.md has the current field table (run `npx projen docs:versions`)', () => {
    const { before, after } = renderDoc();
    expect(after).toEqual(before);
  });

  test('every kind we emit has its root type in every target', () => {
    const kinds = ['DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Service', 'PodDisruptionBudget', 'ServiceAccount',
      'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
    for (const { rootTypes, types } of Object.values(SCHEMAS)) {
      expect(Object.keys(rootTypes)).toEqual(kinds);
      for (const root of Object.values(rootTypes)) expect(types[root]).toMatchObject({ apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta' });
    }
  });

  test('only kinds that have a status get a status field', () => {
    for (const { types } of Object.values(SCHEMAS)) {
      expect(types.KubeDaemonSetProps.status).toBe('any');
      expect(types.KubeServiceProps.status).toBe('any');
      expect(types.KubeRoleProps).not.toHaveProperty('status');
      expect(types.KubeServiceAccountProps).not.toHaveProperty('status');
      expect(types.KubeClusterRoleBindingProps).not.toHaveProperty('status');
    }
  });
});

describe('facts of each release that a regenerated schema must keep', () => {
  test('1.27 has none of the newer Job fields; the newer targets have them all', () => {
    const newer = ['backoffLimitPerIndex', 'maxFailedIndexes', 'podReplacementPolicy', 'successPolicy', 'managedBy'];
    for (const field of newer) expect(SCHEMAS['1.27'].types.JobSpec).not.toHaveProperty(field);
    expect(SCHEMAS['1.27'].types).not.toHaveProperty('SuccessPolicy');
    for (const version of NEWER) {
      const jobSpec = SCHEMAS[version].types.JobSpec;
      expect(jobSpec).toMatchObject({ backoffLimitPerIndex: 'int32', maxFailedIndexes: 'int32', podReplacementPolicy: 'string', managedBy: 'string', successPolicy: 'SuccessPolicy' });
      expect(SCHEMAS[version].types.SuccessPolicyRule).toEqual({ succeededCount: 'int32', succeededIndexes: 'string' });
    }
  });

  test('native sidecars: Container.restartPolicy exists in the newer targets, not in 1.27', () => {
    expect(SCHEMAS['1.27'].types.Container).not.toHaveProperty('restartPolicy');
    for (const version of NEWER) expect(SCHEMAS[version].types.Container.restartPolicy).toBe('string');
  });

  test('the sleep lifecycle handler exists in the newer targets, not in 1.27', () => {
    expect(SCHEMAS['1.27'].types.LifecycleHandler).not.toHaveProperty('sleep');
    expect(SCHEMAS['1.27'].types).not.toHaveProperty('SleepAction');
    for (const version of NEWER) {
      expect(SCHEMAS[version].types.LifecycleHandler.sleep).toBe('SleepAction');
      expect(SCHEMAS[version].types.SleepAction).toEqual({ seconds: 'int64' });
    }
  });

  test('StatefulSet rollingUpdate.maxUnavailable is in every release\'s OpenAPI (its gate decides whether it is kept)', () => {
    for (const { types } of Object.values(SCHEMAS)) {
      expect(types.RollingUpdateStatefulSetStrategy).toEqual({ maxUnavailable: 'int-or-string', partition: 'int32' });
    }
  });

  test('claim templates\' resources became VolumeResourceRequirements, without claims', () => {
    expect(SCHEMAS['1.27'].types.PersistentVolumeClaimSpec.resources).toBe('ResourceRequirements');
    for (const version of NEWER) {
      expect(SCHEMAS[version].types.PersistentVolumeClaimSpec.resources).toBe('VolumeResourceRequirements');
      expect(SCHEMAS[version].types.VolumeResourceRequirements).toEqual({ limits: '{}quantity', requests: '{}quantity' });
    }
  });

  test('PodSpec.workloadRef is 1.35 only; 1.36 and 1.37 have schedulingGroup', () => {
    expect(SCHEMAS['1.27'].types.PodSpec).not.toHaveProperty('workloadRef');
    expect(SCHEMAS['1.35'].types.PodSpec.workloadRef).toBe('WorkloadReference');
    for (const version of ['1.36', '1.37'] as const) {
      expect(SCHEMAS[version].types.PodSpec).not.toHaveProperty('workloadRef');
      expect(SCHEMAS[version].types.PodSpec.schedulingGroup).toBe('PodSchedulingGroup');
    }
  });

  // 1.37, as read (by difference from 1.36) in cdk8s-team/cdk8s kubernetes-schemas/v1.37.0/_definitions.json at
  // commit 66061d52: see docs/kubernetes-versions.md, "How 1.37 was sourced".
  test('1.37 adds Job scheduling (WorkloadWithJob), pod eviction responders and the volume user fields; 1.36 has none', () => {
    const { types } = SCHEMAS['1.37'];
    expect(types.JobSpec.scheduling).toBe('JobSchedulingConfiguration');
    expect(types.JobSchedulingConfiguration).toEqual({
      disruptionMode: 'WorkloadPodGroupDisruptionMode',
      resourceClaims: '[]WorkloadPodGroupResourceClaim',
      schedulingConstraints: 'WorkloadPodGroupSchedulingConstraints',
      schedulingPolicy: 'WorkloadPodGroupSchedulingPolicy',
    });
    expect(types.WorkloadPodGroupSchedulingPolicy).toEqual({ basic: 'any', gang: 'WorkloadPodGroupGangSchedulingPolicy' });
    expect(types.WorkloadPodGroupGangSchedulingPolicy).toEqual({ minCount: 'int32' });
    expect(types.WorkloadPodGroupSchedulingConstraints).toEqual({ topology: '[]TopologyConstraint' });
    expect(types.PodSpec.evictionResponders).toBe('[]EvictionResponder');
    expect(types.EvictionResponder).toEqual({ name: 'string', priority: 'int32' });
    for (const type of ['ClusterTrustBundleProjection', 'DownwardApiVolumeFile', 'KeyToPath', 'PodCertificateProjection', 'ServiceAccountTokenProjection']) {
      expect(types[type].user).toBe('int64');
    }
    for (const type of ['ConfigMapVolumeSource', 'DownwardApiVolumeSource', 'ProjectedVolumeSource', 'SecretVolumeSource']) {
      expect(types[type].defaultUser).toBe('int64');
    }
    expect(types.EmptyDirVolumeSource.mode).toBe('int32');
    expect(types.GrpcAction.mode).toBe('string');
    expect(types.HttpGetAction.protocol).toBe('string');
    expect(types.VolumeMount.bindMountOptions).toBe('[]string');
    const older = SCHEMAS['1.36'].types;
    expect(older.JobSpec).not.toHaveProperty('scheduling');
    expect(older.PodSpec).not.toHaveProperty('evictionResponders');
    expect(older.KeyToPath).not.toHaveProperty('user');
    expect(older.EmptyDirVolumeSource).not.toHaveProperty('mode');
    expect(older.VolumeMount).not.toHaveProperty('bindMountOptions');
  });

  test('integer formats: replicas int32, activeDeadlineSeconds int64, exit codes int32 lists', () => {
    for (const { integerFormats } of Object.values(SCHEMAS)) {
      expect(integerFormats.StatefulSetSpec.replicas).toBe('int32');
      expect(integerFormats.JobSpec.activeDeadlineSeconds).toBe('int64');
      expect(integerFormats.PodSpec.terminationGracePeriodSeconds).toBe('int64');
      expect(integerFormats.PodFailurePolicyOnExitCodesRequirement.values).toBe('int32');
      expect(integerFormats.ContainerPort).toEqual({ containerPort: 'int32', hostPort: 'int32' });
    }
  });
});
