import { InvalidCase, Manifest, ValidCase, describeViolations, testCases } from './cases';
import { validateManifest } from '../../src';

// The Job fields of newer targets, with target 1.36 (all their gates on by default: docs/kubernetes-versions.md).
// Rules and wording from validateJobSpec, validatePodFailurePolicyRule, validatePodReplacementPolicy,
// validateSuccessPolicy, validateSuccessPolicyRule and validateIndexesFormat in pkg/apis/batch/validation/validation.go
// (a ≥1.32 version with successPolicy and managedBy, read in the search index).
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'myjob', namespace: 'default' },
  spec: {
    completionMode: 'Indexed',
    completions: 10,
    parallelism: 2,
    template: {
      spec: { restartPolicy: 'Never', containers: [{ name: 'abc', image: 'image:1' }] },
    },
  },
};

const failIndexRule = { action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } };
const nonIndexed = (m: Manifest): void => { delete m.spec.completionMode; };

const valid: ValidCase[] = [
  { name: 'backoffLimitPerIndex and maxFailedIndexes', change: (m) => { m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 10; } },
  { name: 'FailIndex with backoffLimitPerIndex', change: (m) => { m.spec.backoffLimitPerIndex = 1; m.spec.podFailurePolicy = { rules: [failIndexRule] }; } },
  { name: 'podReplacementPolicy Failed with a podFailurePolicy', change: (m) => { m.spec.podReplacementPolicy = 'Failed'; m.spec.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }; } },
  { name: 'podReplacementPolicy TerminatingOrFailed', change: (m) => { m.spec.podReplacementPolicy = 'TerminatingOrFailed'; } },
  { name: 'successPolicy with indexes and count', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: '0,2-5', succeededCount: 5 }, { succeededCount: 10 }] }; } },
  { name: 'managedBy a domain-prefixed path', change: (m) => { m.spec.managedBy = 'kueue.x-k8s.io/multikueue'; } },
  { name: 'NonIndexed with podReplacementPolicy', change: (m) => { nonIndexed(m); m.spec.podReplacementPolicy = 'Failed'; } },
];

const high = 'must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index';
const invalid: InvalidCase[] = [
  { name: 'backoffLimitPerIndex < 0', change: (m) => { m.spec.backoffLimitPerIndex = -1; }, field: 'spec.backoffLimitPerIndex', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'maxFailedIndexes < 0', change: (m) => { m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = -1; }, field: 'spec.maxFailedIndexes', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'maxFailedIndexes without backoffLimitPerIndex', change: (m) => { m.spec.maxFailedIndexes = 1; }, field: 'spec.backoffLimitPerIndex', type: 'Required value', message: 'when maxFailedIndexes is specified' },
  { name: 'backoffLimitPerIndex without Indexed', change: (m) => { nonIndexed(m); m.spec.backoffLimitPerIndex = 1; }, field: 'spec.backoffLimitPerIndex', type: 'Invalid value', message: 'requires indexed completion mode' },
  { name: 'maxFailedIndexes with NonIndexed', change: (m) => { m.spec.completionMode = 'NonIndexed'; m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 1; }, field: 'spec.maxFailedIndexes', type: 'Invalid value', message: 'requires indexed completion mode', alsoAt: ['spec.backoffLimitPerIndex'] },
  { name: 'maxFailedIndexes above completions', change: (m) => { m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 11; }, field: 'spec.maxFailedIndexes', type: 'Invalid value', message: 'must be less than or equal to completions' },
  { name: 'maxFailedIndexes above 100000', change: (m) => { m.spec.completions = 200000; m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 100001; }, field: 'spec.maxFailedIndexes', type: 'Invalid value', message: 'must be less than or equal to 100000' },
  { name: 'completions above 100000 with backoffLimitPerIndex, no maxFailedIndexes', change: (m) => { m.spec.completions = 100001; m.spec.backoffLimitPerIndex = 1; }, field: 'spec.maxFailedIndexes', type: 'Required value', message: 'must be specified when completions is above 100000' },
  { name: 'parallelism above 10000 with completions above 100000 and backoffLimitPerIndex', change: (m) => { m.spec.completions = 100001; m.spec.parallelism = 10001; m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 1; }, field: 'spec.parallelism', type: 'Invalid value', message: high },
  { name: 'maxFailedIndexes above 10000 with completions above 100000', change: (m) => { m.spec.completions = 100001; m.spec.backoffLimitPerIndex = 1; m.spec.maxFailedIndexes = 10001; }, field: 'spec.maxFailedIndexes', type: 'Invalid value', message: high },
  { name: 'FailIndex without backoffLimitPerIndex', change: (m) => { m.spec.podFailurePolicy = { rules: [failIndexRule] }; }, field: 'spec.podFailurePolicy.rules[0].action', type: 'Invalid value', message: 'requires the backoffLimitPerIndex to be set' },
  { name: 'podFailurePolicy: empty action lists FailIndex', change: (m) => { m.spec.podFailurePolicy = { rules: [{ onExitCodes: { operator: 'In', values: [1] } }] }; }, field: 'spec.podFailurePolicy.rules[0].action', type: 'Required value', message: 'valid values: ["Count" "FailIndex" "FailJob" "Ignore"]' },
  { name: 'podReplacementPolicy TerminatingOrFailed with a podFailurePolicy', change: (m) => { m.spec.podReplacementPolicy = 'TerminatingOrFailed'; m.spec.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }; }, field: 'spec.podReplacementPolicy', type: 'Unsupported value', message: 'supported values: "Failed"' },
  { name: 'podReplacementPolicy unknown value', change: (m) => { m.spec.podReplacementPolicy = 'Always'; }, field: 'spec.podReplacementPolicy', type: 'Unsupported value', message: 'supported values: "Failed", "TerminatingOrFailed"' },
  { name: 'successPolicy without Indexed', change: (m) => { nonIndexed(m); m.spec.successPolicy = { rules: [{ succeededCount: 1 }] }; }, field: 'spec.successPolicy', type: 'Invalid value', message: 'requires indexed completion mode' },
  { name: 'successPolicy without rules', change: (m) => { m.spec.successPolicy = { rules: [] }; }, field: 'spec.successPolicy.rules', type: 'Required value', message: 'at least one rules must be specified when the successPolicy is specified' },
  { name: 'successPolicy with 21 rules', change: (m) => { m.spec.successPolicy = { rules: Array.from({ length: 21 }, () => ({ succeededCount: 1 })) }; }, field: 'spec.successPolicy.rules', type: 'Too many', message: 'must have at most 20 items' },
  { name: 'successPolicy rule with neither field', change: (m) => { m.spec.successPolicy = { rules: [{}] }; }, field: 'spec.successPolicy.rules[0]', type: 'Required value', message: 'at least one of succeededCount or succeededIndexes must be specified' },
  { name: 'succeededIndexes too large an index', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: '0-10' }] }; }, field: 'spec.successPolicy.rules[0].succeededIndexes', type: 'Invalid value', message: 'error parsing succeededIndexes: too large index: "10"' },
  { name: 'succeededIndexes not a number', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: 'a' }] }; }, field: 'spec.successPolicy.rules[0].succeededIndexes', type: 'Invalid value', message: 'error parsing succeededIndexes: cannot convert string to integer for index: "a"' },
  { name: 'succeededIndexes three parts', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: '1-2-3' }] }; }, field: 'spec.successPolicy.rules[0].succeededIndexes', type: 'Invalid value', message: 'the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by \'-\'' },
  { name: 'succeededIndexes not increasing', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: '3,1' }] }; }, field: 'spec.successPolicy.rules[0].succeededIndexes', type: 'Invalid value', message: 'non-increasing order, previous: 3, current: 1' },
  { name: 'succeededCount < 0', change: (m) => { m.spec.successPolicy = { rules: [{ succeededCount: -1 }] }; }, field: 'spec.successPolicy.rules[0].succeededCount', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'succeededCount above completions', change: (m) => { m.spec.successPolicy = { rules: [{ succeededCount: 11 }] }; }, field: 'spec.successPolicy.rules[0].succeededCount', type: 'Invalid value', message: 'must be less than or equal to 10 (the number of specified completions)' },
  { name: 'succeededCount above the succeededIndexes', change: (m) => { m.spec.successPolicy = { rules: [{ succeededIndexes: '0-2', succeededCount: 4 }] }; }, field: 'spec.successPolicy.rules[0].succeededCount', type: 'Invalid value', message: 'must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)' },
  { name: 'managedBy not domain-prefixed', change: (m) => { m.spec.managedBy = 'kueue'; }, field: 'spec.managedBy', type: 'Invalid value', message: 'must be a domain-prefixed path (such as "acme.io/foo")' },
  { name: 'managedBy with an invalid domain', change: (m) => { m.spec.managedBy = 'Kueue_/foo'; }, field: 'spec.managedBy', type: 'Invalid value', message: 'must be a DNS-1123 subdomain' },
  { name: 'managedBy with a space in the path', change: (m) => { m.spec.managedBy = 'acme.io/a b'; }, field: 'spec.managedBy', type: 'Invalid value', message: "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')" },
  { name: 'managedBy over 63 characters', change: (m) => { m.spec.managedBy = `acme.io/${'a'.repeat(56)}`; }, field: 'spec.managedBy', type: 'Too long' },
];

describe('Job fields of newer targets, target 1.36', () => {
  testCases(base, valid, invalid, { kubernetesVersion: '1.36' });
});

describe('Job fields of newer targets, target 1.27', () => {
  test('backoffLimitPerIndex is an unknown field, and FailIndex unsupported', () => {
    const manifest = structuredClone(base);
    manifest.spec.backoffLimitPerIndex = 1;
    manifest.spec.podFailurePolicy = { rules: [failIndexRule] };
    expect(describeViolations(validateManifest(manifest, { kubernetesVersion: '1.27' })).split('\n')).toEqual([
      expect.stringMatching(/^spec\.backoffLimitPerIndex: Forbidden: unknown field: added in Kubernetes 1\.28, it does not exist in 1\.27, the target version/),
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "FailIndex": supported values: "Count", "FailJob", "Ignore"',
    ]);
  });
});

// SetDefaults_Job (pkg/apis/batch/v1/defaults.go) with JobPodReplacementPolicy on (1.29+) sets a nil
// podReplacementPolicy to Failed with a podFailurePolicy, TerminatingOrFailed without: both values always pass
// validatePodReplacementPolicy, and no other create-time rule reads the field, so the defaulting is not modelled
// (src/validation/defaults.ts). These cases pin what that means: a missing value is never refused.
const pfp = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };

describe.each(['1.34', '1.35', '1.36', '1.37'] as const)('Job podReplacementPolicy, target %s', (kubernetesVersion) => {
  test('left out with a podFailurePolicy: accepted (the server defaults it to Failed)', () => {
    const manifest = structuredClone(base);
    manifest.spec.podFailurePolicy = pfp;
    expect(describeViolations(validateManifest(manifest, { kubernetesVersion }))).toBe('');
  });

  test('left out in a CronJob jobTemplate with a podFailurePolicy: accepted (SetDefaults_Job does not run there)', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'mycronjob', namespace: 'default' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { podFailurePolicy: pfp, template: base.spec.template } } },
    };
    expect(describeViolations(validateManifest(cronJob, { kubernetesVersion }))).toBe('');
  });

  test('TerminatingOrFailed with a podFailurePolicy: one line', () => {
    const manifest = structuredClone(base);
    manifest.spec.podFailurePolicy = pfp;
    manifest.spec.podReplacementPolicy = 'TerminatingOrFailed';
    expect(describeViolations(validateManifest(manifest, { kubernetesVersion }))).toBe('spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"');
  });
});
