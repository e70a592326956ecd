import { renderDoc } from '../../projenrc/diff-k8s-schemas';
import { readDefinitions, toSchema } from '../../projenrc/generate-k8s-schemas';
import { RELEASES, ROOT_DEFINITIONS } from '../../projenrc/k8s-versions';
import { SCHEMAS } from '../../src/validation/schemas/versions.generated';

const NEWER = ['1.34', '1.35', '1.36'] as const;

describe('the committed per-version schemas', () => {
  test('the targets are 1.27 and the three newest sourced releases', () => {
    expect(Object.keys(SCHEMAS)).toEqual(['1.27', '1.34', '1.35', '1.36']);
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
  test('1.27 has none of the newer Job fields; 1.34 and later have them all', () => {
    const newer = ['backoffLimitPerIndex', 'maxFailedIndexes', 'podReplacementPolicy', 'successPolicy', 'managedBy'];
    for (const field of newer) expect(SCHEMAS['1.27'].types.JobSpec).not.toHaveProperty(field);
    expect(SCHEMAS['1.27'].types).not.toHaveProperty('SuccessPolicy');
    for (const version of NEWER) {
      const jobSpec = SCHEMAS[version].types.JobSpec;
      expect(jobSpec).toMatchObject({ backoffLimitPerIndex: 'int32', maxFailedIndexes: 'int32', podReplacementPolicy: 'string', managedBy: 'string', successPolicy: 'SuccessPolicy' });
      expect(SCHEMAS[version].types.SuccessPolicyRule).toEqual({ succeededCount: 'int32', succeededIndexes: 'string' });
    }
  });

  test('native sidecars: Container.restartPolicy exists from 1.34 on, not in 1.27', () => {
    expect(SCHEMAS['1.27'].types.Container).not.toHaveProperty('restartPolicy');
    for (const version of NEWER) expect(SCHEMAS[version].types.Container.restartPolicy).toBe('string');
  });

  test('the sleep lifecycle handler exists from 1.34 on, not in 1.27', () => {
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

  test('PodSpec.workloadRef is 1.35 only; 1.36 has schedulingGroup', () => {
    expect(SCHEMAS['1.34'].types.PodSpec).not.toHaveProperty('workloadRef');
    expect(SCHEMAS['1.35'].types.PodSpec.workloadRef).toBe('WorkloadReference');
    expect(SCHEMAS['1.36'].types.PodSpec).not.toHaveProperty('workloadRef');
    expect(SCHEMAS['1.36'].types.PodSpec.schedulingGroup).toBe('PodSchedulingGroup');
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
