import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From TestValidateTopologySpreadConstraints and TestValidateNodeFieldSelectorRequirement
// (pkg/apis/core/validation/validation_test.go, 1.27; gates MinDomainsInPodTopologySpread, MatchLabelKeysInPodTopologySpread
// and NodeInclusionPolicyInPodTopologySpread on by default in 1.27), applied to a CronJob's pod template.
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report' },
  spec: {
    schedule: '0 * * * *',
    jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'report:1.0' }] } } } },
  },
};

const P = 'spec.jobTemplate.spec.template.spec';
const T = `${P}.topologySpreadConstraints`;
const pod = (m: Manifest): Manifest => m.spec.jobTemplate.spec.template.spec;
const zone = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'report' } } };
const spread = (...constraints: Manifest[]) => (m: Manifest): void => {
  pod(m).topologySpreadConstraints = constraints.map((c) => ({ ...zone, ...c }));
};
const fieldTerm = (requirement: Manifest) => (m: Manifest): void => {
  pod(m).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [requirement] }] } } };
};
const F = `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]`;

const valid: ValidCase[] = [
  { name: 'one zone constraint', change: spread({}) },
  { name: 'zone and hostname constraints', change: spread({}, { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }) },
  { name: 'same key with both actions', change: spread({}, { whenUnsatisfiable: 'ScheduleAnyway' }) },
  { name: 'minDomains with DoNotSchedule', change: spread({ minDomains: 3 }) },
  { name: 'node inclusion policies', change: spread({ nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' }) },
  { name: 'matchLabelKeys', change: spread({ matchLabelKeys: ['pod-template-hash'] }) },
  { name: 'no labelSelector', change: spread({ labelSelector: undefined }) },
  { name: 'node field selector on metadata.name', change: fieldTerm({ key: 'metadata.name', operator: 'In', values: ['node-1'] }) },
];

const invalid: InvalidCase[] = [
  { name: 'maxSkew 0', change: spread({ maxSkew: 0 }), field: `${T}[0].maxSkew`, type: 'Invalid value', message: 'must be greater than zero' },
  { name: 'negative maxSkew', change: spread({ maxSkew: -1 }), field: `${T}[0].maxSkew`, type: 'Invalid value', message: 'must be greater than zero' },
  { name: 'missing maxSkew (decoded as 0)', change: spread({ maxSkew: undefined }), field: `${T}[0].maxSkew`, type: 'Invalid value', message: 'must be greater than zero' },
  { name: 'empty topologyKey', change: spread({ topologyKey: '' }), field: `${T}[0].topologyKey`, type: 'Required value', message: 'can not be empty' },
  { name: 'unknown whenUnsatisfiable', change: spread({ whenUnsatisfiable: 'N/A' }), field: `${T}[0].whenUnsatisfiable`, type: 'Unsupported value', message: 'supported values: "DoNotSchedule", "ScheduleAnyway"' },
  { name: 'missing whenUnsatisfiable', change: spread({ whenUnsatisfiable: undefined }), field: `${T}[0].whenUnsatisfiable`, type: 'Unsupported value' },
  { name: 'duplicate {topologyKey, whenUnsatisfiable} (reported at the first)', change: spread({}, { maxSkew: 2 }), field: `${T}[0].{topologyKey, whenUnsatisfiable}`, type: 'Duplicate value' },
  { name: 'minDomains 0', change: spread({ minDomains: 0 }), field: `${T}[0].minDomains`, type: 'Invalid value', message: 'must be greater than zero' },
  { name: 'minDomains with ScheduleAnyway', change: spread({ minDomains: 2, whenUnsatisfiable: 'ScheduleAnyway' }), field: `${T}[0].minDomains`, type: 'Invalid value', message: 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway' },
  { name: 'unknown nodeAffinityPolicy', change: spread({ nodeAffinityPolicy: 'Always' }), field: `${T}[0].nodeAffinityPolicy`, type: 'Unsupported value', message: 'supported values: "Honor", "Ignore"' },
  { name: 'unknown nodeTaintsPolicy', change: spread({ nodeTaintsPolicy: 'honor' }), field: `${T}[0].nodeTaintsPolicy`, type: 'Unsupported value' },
  { name: 'matchLabelKeys key already in labelSelector', change: spread({ matchLabelKeys: ['app'] }), field: `${T}[0].matchLabelKeys[0]`, type: 'Invalid value', message: 'exists in both matchLabelKeys and labelSelector' },
  { name: 'matchLabelKeys not a label name', change: spread({ matchLabelKeys: ['/simple'] }), field: `${T}[0].matchLabelKeys[0]`, type: 'Invalid value', message: 'prefix part must be non-empty' },
  { name: 'matchLabelKeys without labelSelector', change: spread({ labelSelector: undefined, matchLabelKeys: ['pod-template-hash'] }), field: `${T}[0].matchLabelKeys`, type: 'Forbidden', message: 'must not be specified when labelSelector is not set' },
  { name: 'labelSelector value not a label value', change: spread({ labelSelector: { matchLabels: { app: '{bar}' } } }), field: `${T}[0].labelSelector.matchLabels`, type: 'Invalid value' },
  { name: 'labelSelector bad operator', change: spread({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['a'] }] } }), field: `${T}[0].labelSelector.matchExpressions[0].operator`, type: 'Invalid value', message: 'not a valid selector operator' },
  { name: 'node field selector value not a node name', change: fieldTerm({ key: 'metadata.name', operator: 'In', values: ['Node_1'] }), field: `${F}.values[0]`, type: 'Invalid value' },
  { name: 'node field selector key other than metadata.name', change: fieldTerm({ key: 'metadata.uid', operator: 'In', values: ['x'] }), field: `${F}.key`, type: 'Invalid value', message: 'not a valid field selector key' },
];

describe('pod scheduling (validateTopologySpreadConstraints, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
