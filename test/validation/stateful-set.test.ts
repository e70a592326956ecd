import { InvalidCase, Manifest, ValidCase, changed, describeViolations, testCases } from './cases';
import { validateManifest } from '../../src';

// From TestValidateStatefulSet (pkg/apis/apps/validation/validation_test.go, release-1.27), rebased onto one valid
// apps/v1 manifest. The 1.27 API server does not validate a StatefulSet's pod spec (kubernetes#81147): the
// `accepts` cases pin that down, so the engine is not stricter than the server.
const base: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'abc', namespace: 'default' },
  spec: {
    serviceName: 'abc',
    selector: { matchLabels: { a: 'b' } },
    template: {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'abc', image: 'image:1' }] },
    },
  },
};

const valid: ValidCase[] = [
  { name: 'pod spec is not validated in 1.27 (no image)', change: (m) => { delete m.spec.template.spec.containers[0].image; } },
  { name: 'pod spec is not validated in 1.27 (no containers)', change: (m) => { m.spec.template.spec.containers = []; } },
  { name: 'volumeClaimTemplates are not validated in 1.27', change: (m) => { m.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: {} }]; } },
  { name: 'empty serviceName', change: (m) => { m.spec.serviceName = ''; } },
  { name: 'negative revisionHistoryLimit (not validated in 1.27)', change: (m) => { m.spec.revisionHistoryLimit = -1; } },
  { name: 'rollingUpdate.maxUnavailable is dropped while its gate is off', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '500%' } }; } },
  { name: 'RollingUpdate without rollingUpdate', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate' }; } },
  { name: 'partition above replicas', change: (m) => { m.spec.replicas = 2; m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 5 } }; } },
  { name: 'OnDelete', change: (m) => { m.spec.updateStrategy = { type: 'OnDelete' }; } },
  { name: 'Parallel pod management', change: (m) => { m.spec.podManagementPolicy = 'Parallel'; } },
  { name: 'ordinals start 5', change: (m) => { m.spec.ordinals = { start: 5 }; } },
  { name: 'PVC retention Delete/Retain', change: (m) => { m.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete' }; } },
  { name: 'zero replicas', change: (m) => { m.spec.replicas = 0; } },
  { name: 'name of 63 characters', change: (m) => { m.metadata.name = 'a'.repeat(63); } },
];

const invalid: InvalidCase[] = [
  { name: 'zero-length ID', change: (m) => { m.metadata.name = ''; }, field: 'metadata.name', type: 'Required value' },
  { name: 'name with a dot (a DNS label since 1.27)', change: (m) => { m.metadata.name = 'a.b'; }, field: 'metadata.name', type: 'Invalid value', message: 'DNS-1123 label' },
  { name: 'name of 64 characters', change: (m) => { m.metadata.name = 'a'.repeat(64); }, field: 'metadata.name', type: 'Invalid value', message: 'must be no more than 63 characters' },
  { name: 'missing selector', change: (m) => { delete m.spec.selector; }, field: 'spec.selector', type: 'Required value', alsoAt: ['spec.template.metadata.labels'] },
  { name: 'empty selector', change: (m) => { m.spec.selector = {}; }, field: 'spec.selector', type: 'Invalid value', message: 'empty selector is invalid for statefulset' },
  { name: 'selector_doesnt_match', change: (m) => { m.spec.selector.matchLabels = { a: 'c' }; }, field: 'spec.template.metadata.labels', type: 'Invalid value', message: '`selector` does not match template `labels`' },
  { name: 'invalid selector operator', change: (m) => { m.spec.selector.matchExpressions = [{ key: 'a', operator: 'Equals', values: ['b'] }]; }, field: 'spec.selector.matchExpressions[0].operator', type: 'Invalid value', alsoAt: ['spec.selector'] },
  { name: 'negative_replicas', change: (m) => { m.spec.replicas = -1; }, field: 'spec.replicas', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'negative minReadySeconds', change: (m) => { m.spec.minReadySeconds = -1; }, field: 'spec.minReadySeconds', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'negative ordinals.start', change: (m) => { m.spec.ordinals = { start: -2 }; }, field: 'spec.ordinals.start', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'invalid_label', change: (m) => { m.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }; }, field: 'metadata.labels', type: 'Invalid value' },
  { name: 'invalid template label', change: (m) => { m.spec.template.metadata.labels['bad key'] = 'x'; }, field: 'spec.template.labels', type: 'Invalid value' },
  { name: 'invalid_annotation', change: (m) => { m.metadata.annotations = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }; }, field: 'metadata.annotations', type: 'Invalid value' },
  { name: 'invalid template annotation', change: (m) => { m.spec.template.metadata.annotations = { 'bad key': 'x' }; }, field: 'spec.template.annotations', type: 'Invalid value' },
  { name: 'invalid restart policy 1 (OnFailure)', change: (m) => { m.spec.template.spec.restartPolicy = 'OnFailure'; }, field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', message: 'supported values: "Always"' },
  { name: 'invalid restart policy 2 (Never)', change: (m) => { m.spec.template.spec.restartPolicy = 'Never'; }, field: 'spec.template.spec.restartPolicy', type: 'Unsupported value' },
  { name: 'activeDeadlineSeconds in the pod template', change: (m) => { m.spec.template.spec.activeDeadlineSeconds = 10; }, field: 'spec.template.spec.activeDeadlineSeconds', type: 'Forbidden', message: 'activeDeadlineSeconds in StatefulSet is not Supported' },
  { name: 'invalid podManagementPolicy', change: (m) => { m.spec.podManagementPolicy = 'Sequential'; }, field: 'spec.podManagementPolicy', type: 'Invalid value', message: "must be 'OrderedReady' or 'Parallel'" },
  { name: 'invalid update strategy type', change: (m) => { m.spec.updateStrategy = { type: 'foo' }; }, field: 'spec.updateStrategy', type: 'Invalid value', message: "must be 'RollingUpdate' or 'OnDelete'" },
  { name: 'rollingUpdate with OnDelete', change: (m) => { m.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }; }, field: 'spec.updateStrategy.rollingUpdate', type: 'Invalid value', message: "only allowed for updateStrategy 'RollingUpdate'" },
  { name: 'negative partition', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }; }, field: 'spec.updateStrategy.rollingUpdate.partition', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'invalid PVC retention whenDeleted', change: (m) => { m.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }; }, field: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', type: 'Unsupported value', message: 'supported values: "Retain", "Delete"' },
  { name: 'invalid PVC retention whenScaled', change: (m) => { m.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Keep' }; }, field: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', type: 'Unsupported value' },
  { name: 'rollingUpdate.maxSurge does not exist in 1.27', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }; }, field: 'spec.updateStrategy.rollingUpdate.maxSurge', type: 'Forbidden', message: 'unknown field' },
];

describe('StatefulSet (apps/v1, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});

// rollingUpdate.maxUnavailable from 1.37 (MaxUnavailableStatefulSet on by default; beta but off in 1.35 and 1.36): validateRollingUpdateStatefulSet
// (pkg/apis/apps/validation/validation.go) and SetDefaults_StatefulSet's default of 1 (pkg/apis/apps/v1/defaults.go),
// read in the search index in a version with the gate check (not at the 1.35 tag).
const rolling = (maxUnavailable: unknown) => (m: Manifest): void => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } }; };
const maxUnavailableValid: ValidCase[] = [
  { name: 'maxUnavailable 2', change: rolling(2) },
  { name: 'maxUnavailable 100%', change: rolling('100%') },
  { name: 'maxUnavailable left out of a rollingUpdate (defaulted to 1)', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }; } },
  { name: 'updateStrategy left out (RollingUpdate, maxUnavailable defaulted to 1)', change: (m) => { m.spec.updateStrategy = {}; } },
];
const at = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
const maxUnavailableInvalid: InvalidCase[] = [
  { name: 'maxUnavailable 0', change: rolling(0), field: at, type: 'Invalid value', message: 'cannot be 0' },
  { name: "maxUnavailable '0%'", change: rolling('0%'), field: at, type: 'Invalid value', message: 'cannot be 0' },
  { name: 'maxUnavailable negative', change: rolling(-1), field: at, type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'maxUnavailable over 100%', change: rolling('101%'), field: at, type: 'Invalid value', message: 'must not be greater than 100%' },
  { name: 'maxUnavailable a string that is not a percent', change: rolling('2'), field: at, type: 'Invalid value', message: "a valid percent string must be a numeric string followed by an ending '%'" },
  { name: 'maxUnavailable an empty string (not defaulted)', change: rolling(''), field: at, type: 'Invalid value', message: 'cannot be 0' },
];

describe.each(['1.37'] as const)('StatefulSet rollingUpdate.maxUnavailable, Kubernetes %s', (kubernetesVersion) => {
  testCases(base, maxUnavailableValid, maxUnavailableInvalid, { kubernetesVersion });

  test('a string that is not a percent is also 0, as getIntOrPercentValue reads it: two lines, as the API server gives', () => {
    expect(describeViolations(validateManifest(changed(base, rolling('half%')), { kubernetesVersion })).split('\n')).toEqual([
      `${at}: Invalid value: "half%": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      `${at}: Invalid value: "half%": cannot be 0`,
    ]);
  });
});

describe.each(['1.27', '1.34', '1.35', '1.36'] as const)('StatefulSet rollingUpdate.maxUnavailable, Kubernetes %s (gate off: dropped)', (kubernetesVersion) => {
  test.each([0, '500%', 'half%'])('%p is dropped, not judged', (value) => {
    expect(describeViolations(validateManifest(changed(base, rolling(value)), { kubernetesVersion }))).toBe('');
  });

  test('dropped from an OnDelete rollingUpdate too, which is still refused', () => {
    const manifest = changed(base, (m) => { m.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: 2 } }; });
    expect(describeViolations(validateManifest(manifest, { kubernetesVersion }))).toBe("spec.updateStrategy.rollingUpdate: Invalid value: {}: only allowed for updateStrategy 'RollingUpdate'");
  });
});
