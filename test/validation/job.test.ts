import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From TestValidateJob (pkg/apis/batch/validation/validation_test.go, release-1.27), rebased onto one valid
// batch/v1 manifest as a user writes it: no selector and no generated labels (the API server generates them).
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'myjob', namespace: 'default' },
  spec: {
    template: {
      spec: { restartPolicy: 'OnFailure', containers: [{ name: 'abc', image: 'image:1' }] },
    },
  },
};

const S = 'spec.template.spec';
const failurePolicy = (m: Manifest, rules: unknown[]): void => {
  m.spec.template.spec.restartPolicy = 'Never';
  m.spec.podFailurePolicy = { rules };
};
const exitCodes = (values: number[], operator = 'In'): unknown => ({ action: 'FailJob', onExitCodes: { operator, values } });

const valid: ValidCase[] = [
  { name: 'restartPolicy Never', change: (m) => { m.spec.template.spec.restartPolicy = 'Never'; } },
  { name: 'NonIndexed job whose name is not a DNS label (only a warning)', change: (m) => { m.metadata.name = 'my.job'; } },
  { name: 'Indexed with completions', change: (m) => { m.spec.completionMode = 'Indexed'; m.spec.completions = 10; m.spec.parallelism = 3; } },
  { name: 'work queue: parallelism only', change: (m) => { m.spec.parallelism = 4; } },
  { name: 'zero completions and parallelism', change: (m) => { m.spec.completions = 0; m.spec.parallelism = 0; } },
  { name: 'manualSelector with a matching selector', change: (m) => { m.spec.manualSelector = true; m.spec.selector = { matchLabels: { a: 'b' } }; m.spec.template.metadata = { labels: { a: 'b' } }; } },
  { name: 'user labels on the template', change: (m) => { m.spec.template.metadata = { labels: { app: 'batch' } }; } },
  { name: 'generated labels given with the right value', change: (m) => { m.spec.template.metadata = { labels: { 'job-name': 'myjob' } }; } },
  { name: 'pod-level activeDeadlineSeconds', change: (m) => { m.spec.template.spec.activeDeadlineSeconds = 60; } },
  {
    name: 'valid podFailurePolicy (onPodConditions status defaulted to True)',
    change: (m) => failurePolicy(m, [
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      { action: 'FailJob', onExitCodes: { containerName: 'abc', operator: 'In', values: [1, 2, 42] } },
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } },
    ]),
  },
];

const invalid: InvalidCase[] = [
  { name: 'spec.parallelism:must be greater than or equal to 0', change: (m) => { m.spec.parallelism = -1; }, field: 'spec.parallelism', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'spec.completions:must be greater than or equal to 0', change: (m) => { m.spec.completions = -1; }, field: 'spec.completions', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'spec.activeDeadlineSeconds:must be greater than or equal to 0', change: (m) => { m.spec.activeDeadlineSeconds = -1; }, field: 'spec.activeDeadlineSeconds', type: 'Invalid value' },
  { name: 'spec.backoffLimit:must be greater than or equal to 0', change: (m) => { m.spec.backoffLimit = -1; }, field: 'spec.backoffLimit', type: 'Invalid value' },
  { name: 'spec.ttlSecondsAfterFinished:must be greater than or equal to 0', change: (m) => { m.spec.ttlSecondsAfterFinished = -1; }, field: 'spec.ttlSecondsAfterFinished', type: 'Invalid value' },
  { name: 'spec.selector: `selector` not auto-generated', change: (m) => { m.spec.selector = { matchLabels: { a: 'b' } }; }, field: 'spec.selector', type: 'Invalid value', message: '`selector` not auto-generated', alsoAt: ['spec.template.metadata.labels'] },
  { name: 'spec.template.metadata.labels[job-name]: must be myjob', change: (m) => { m.spec.template.metadata = { labels: { 'job-name': 'other' } }; }, field: 'spec.template.metadata.labels[job-name]', type: 'Invalid value', message: "must be 'myjob'" },
  { name: 'manualSelector without selector', change: (m) => { m.spec.manualSelector = true; }, field: 'spec.selector', type: 'Required value', alsoAt: ['spec.template.metadata.labels'] },
  { name: 'manual selector not matching the template', change: (m) => { m.spec.manualSelector = true; m.spec.selector = { matchLabels: { a: 'b' } }; m.spec.template.metadata = { labels: { a: 'c' } }; }, field: 'spec.template.metadata.labels', type: 'Invalid value', message: '`selector` does not match template `labels`' },
  { name: 'spec.template.spec.restartPolicy: Required value (Always)', change: (m) => { m.spec.template.spec.restartPolicy = 'Always'; }, field: `${S}.restartPolicy`, type: 'Required value', message: 'valid values: ["OnFailure" "Never"]' },
  { name: 'restartPolicy left out (defaulted to Always)', change: (m) => { delete m.spec.template.spec.restartPolicy; }, field: `${S}.restartPolicy`, type: 'Required value', message: 'valid values: ["OnFailure" "Never"]' },
  { name: 'spec.template.spec.restartPolicy: Unsupported value', change: (m) => { m.spec.template.spec.restartPolicy = 'Invalid'; }, field: `${S}.restartPolicy`, type: 'Unsupported value', message: '"OnFailure", "Never"' },
  { name: 'pod activeDeadlineSeconds 0', change: (m) => { m.spec.template.spec.activeDeadlineSeconds = 0; }, field: `${S}.activeDeadlineSeconds`, type: 'Invalid value', message: 'must be between 1 and 2147483647, inclusive' },
  { name: 'spec.completionMode: Unsupported value', change: (m) => { m.spec.completionMode = 'Sequential'; }, field: 'spec.completionMode', type: 'Unsupported value', message: 'supported values: "NonIndexed", "Indexed"' },
  { name: 'spec.completions: Required value when Indexed', change: (m) => { m.spec.completionMode = 'Indexed'; m.spec.parallelism = 2; }, field: 'spec.completions', type: 'Required value', message: 'when completion mode is Indexed' },
  { name: 'spec.parallelism: over 100000 when Indexed', change: (m) => { m.spec.completionMode = 'Indexed'; m.spec.completions = 2; m.spec.parallelism = 100001; }, field: 'spec.parallelism', type: 'Invalid value', message: 'must be less than or equal to 100000 when completion mode is Indexed' },
  { name: 'metadata.name: invalid pod hostname for Indexed', change: (m) => { m.metadata.name = 'my.job'; m.spec.completionMode = 'Indexed'; m.spec.completions = 3; }, field: 'metadata.name', type: 'Invalid value', message: 'will not able to create pod with invalid DNS label: my.job-2' },
  { name: 'name over 63 characters (generated label value)', change: (m) => { m.metadata.name = 'a'.repeat(64); }, field: 'spec.template.labels', type: 'Invalid value', message: 'must be no more than 63 characters' },
  { name: 'podFailurePolicy with restartPolicy OnFailure', change: (m) => { m.spec.podFailurePolicy = { rules: [exitCodes([1])] }; }, field: `${S}.restartPolicy`, type: 'Invalid value', message: 'only "Never" is supported when podFailurePolicy is specified' },
  { name: 'podFailurePolicy: more than 20 rules', change: (m) => failurePolicy(m, Array.from({ length: 21 }, () => exitCodes([1]))), field: 'spec.podFailurePolicy.rules', type: 'Too many', message: 'must have at most 20 items' },
  { name: 'podFailurePolicy: empty action', change: (m) => failurePolicy(m, [{ onExitCodes: { operator: 'In', values: [1] } }]), field: 'spec.podFailurePolicy.rules[0].action', type: 'Required value', message: 'valid values: ["Count" "FailJob" "Ignore"]' },
  { name: 'podFailurePolicy: FailIndex action (1.28+)', change: (m) => failurePolicy(m, [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }]), field: 'spec.podFailurePolicy.rules[0].action', type: 'Unsupported value', message: '"Count", "FailJob", "Ignore"' },
  { name: 'podFailurePolicy: both onExitCodes and onPodConditions', change: (m) => failurePolicy(m, [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }]), field: 'spec.podFailurePolicy.rules[0]', type: 'Invalid value', message: 'specifying both OnExitCodes and OnPodConditions is not supported' },
  { name: 'podFailurePolicy: neither onExitCodes nor onPodConditions', change: (m) => failurePolicy(m, [{ action: 'Ignore' }]), field: 'spec.podFailurePolicy.rules[0]', type: 'Invalid value', message: 'specifying one of OnExitCodes and OnPodConditions is required' },
  { name: 'podFailurePolicy: missing operator', change: (m) => failurePolicy(m, [{ action: 'FailJob', onExitCodes: { values: [1] } }]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.operator', type: 'Required value', message: 'valid values: ["In" "NotIn"]' },
  { name: 'podFailurePolicy: unsupported operator', change: (m) => failurePolicy(m, [exitCodes([1], 'Equals')]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.operator', type: 'Unsupported value' },
  { name: 'podFailurePolicy: unknown containerName', change: (m) => failurePolicy(m, [{ action: 'FailJob', onExitCodes: { containerName: 'xyz', operator: 'In', values: [1] } }]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.containerName', type: 'Invalid value', message: 'must be one of the container or initContainer names in the pod template' },
  { name: 'podFailurePolicy: no exit codes', change: (m) => failurePolicy(m, [exitCodes([])]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values', type: 'Invalid value', message: 'at least one value is required' },
  { name: 'podFailurePolicy: more than 255 exit codes', change: (m) => failurePolicy(m, [exitCodes(Array.from({ length: 256 }, (_, i) => i + 1))]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values', type: 'Too many', message: 'must have at most 255 items' },
  { name: 'podFailurePolicy: exit code 0 with In', change: (m) => failurePolicy(m, [exitCodes([0, 1])]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]', type: 'Invalid value', message: 'must not be 0 for the In operator' },
  { name: 'podFailurePolicy: duplicate exit codes', change: (m) => failurePolicy(m, [exitCodes([1, 1, 2])]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values[1]', type: 'Duplicate value' },
  { name: 'podFailurePolicy: unordered exit codes', change: (m) => failurePolicy(m, [exitCodes([2, 1])]), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values', type: 'Invalid value', message: 'must be ordered' },
  { name: 'podFailurePolicy: more than 20 pod conditions', change: (m) => failurePolicy(m, [{ action: 'Ignore', onPodConditions: Array.from({ length: 21 }, () => ({ type: 'DisruptionTarget' })) }]), field: 'spec.podFailurePolicy.rules[0].onPodConditions', type: 'Too many', message: 'must have at most 20 items' },
  { name: 'podFailurePolicy: empty condition type', change: (m) => failurePolicy(m, [{ action: 'Ignore', onPodConditions: [{ type: '', status: 'True' }] }]), field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].type', type: 'Invalid value', message: 'name part must be non-empty' },
  { name: 'podFailurePolicy: unsupported condition status', change: (m) => failurePolicy(m, [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }]), field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].status', type: 'Unsupported value', message: '"False", "True", "Unknown"' },
  { name: 'backoffLimitPerIndex does not exist in 1.27', change: (m) => { m.spec.backoffLimitPerIndex = 1; }, field: 'spec.backoffLimitPerIndex', type: 'Forbidden', message: 'added in Kubernetes 1.28' },
  { name: 'maxFailedIndexes does not exist in 1.27', change: (m) => { m.spec.maxFailedIndexes = 1; }, field: 'spec.maxFailedIndexes', type: 'Forbidden', message: 'added in Kubernetes 1.28' },
  { name: 'podReplacementPolicy does not exist in 1.27', change: (m) => { m.spec.podReplacementPolicy = 'Failed'; }, field: 'spec.podReplacementPolicy', type: 'Forbidden', message: 'added in Kubernetes 1.28' },
  { name: 'successPolicy does not exist in 1.27', change: (m) => { m.spec.successPolicy = { rules: [] }; }, field: 'spec.successPolicy', type: 'Forbidden', message: 'added in Kubernetes 1.30' },
  { name: 'managedBy does not exist in 1.27', change: (m) => { m.spec.managedBy = 'kueue.x-k8s.io/multikueue'; }, field: 'spec.managedBy', type: 'Forbidden', message: 'added in Kubernetes 1.30' },
];

describe('Job (batch/v1, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
