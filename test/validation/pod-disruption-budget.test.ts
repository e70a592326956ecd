import { Manifest, testCases } from './cases';

// From TestValidatePodDisruptionBudgetSpec and TestValidateUnhealthyPodEvictionPolicyDisruptionBudgetSpec
// (pkg/apis/policy/validation/validation_test.go, release-1.27), rebased onto one valid policy/v1 manifest.
const base: Manifest = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'etcd', namespace: 'coordination' },
  spec: { selector: { matchLabels: { app: 'etcd' } }, maxUnavailable: 1 },
};

describe('PodDisruptionBudget (policy/v1, Kubernetes 1.27)', () => {
  testCases(base, [
    { name: 'minAvailable instead', change: (m) => { delete m.spec.maxUnavailable; m.spec.minAvailable = 2; } },
    { name: 'percents up to 100%', change: (m) => { m.spec.maxUnavailable = '100%'; } },
    { name: 'maxUnavailable 0 (it blocks every eviction, and the server accepts it)', change: (m) => { m.spec.maxUnavailable = 0; } },
    { name: 'neither set', change: (m) => { delete m.spec.maxUnavailable; } },
    { name: 'empty selector (selects every pod of the namespace in policy/v1)', change: (m) => { m.spec.selector = {}; } },
    { name: 'AlwaysAllow unhealthy pods to be evicted', change: (m) => { m.spec.unhealthyPodEvictionPolicy = 'AlwaysAllow'; } },
    { name: 'a name with a colon (a path segment)', change: (m) => { m.metadata.name = 'etcd:pdb'; } },
  ], [
    {
      name: 'both minAvailable and maxUnavailable',
      change: (m) => { m.spec.minAvailable = 1; },
      field: 'spec',
      type: 'Invalid value',
      message: 'minAvailable and maxUnavailable cannot be both set',
    },
    { name: 'negative minAvailable', change: (m) => { delete m.spec.maxUnavailable; m.spec.minAvailable = -1; }, field: 'spec.minAvailable', type: 'Invalid value', message: 'must be greater than or equal to 0' },
    { name: 'minAvailable over 100%', change: (m) => { delete m.spec.maxUnavailable; m.spec.minAvailable = '101%'; }, field: 'spec.minAvailable', type: 'Invalid value', message: 'must not be greater than 100%' },
    { name: 'maxUnavailable not a percent', change: (m) => { m.spec.maxUnavailable = '1.5%'; }, field: 'spec.maxUnavailable', type: 'Invalid value', message: 'a valid percent string' },
    { name: 'negative maxUnavailable', change: (m) => { m.spec.maxUnavailable = -1; }, field: 'spec.maxUnavailable', type: 'Invalid value', message: 'must be greater than or equal to 0' },
    { name: 'bad selector label', change: (m) => { m.spec.selector.matchLabels = { 'bad key': 'x' }; }, field: 'spec.selector.matchLabels', type: 'Invalid value' },
    {
      name: 'unknown unhealthyPodEvictionPolicy',
      change: (m) => { m.spec.unhealthyPodEvictionPolicy = 'Invalid'; },
      field: 'spec.unhealthyPodEvictionPolicy',
      type: 'Unsupported value',
      message: 'supported values: "AlwaysAllow", "IfHealthyBudget"',
    },
    { name: 'name with a slash', change: (m) => { m.metadata.name = 'a/b'; }, field: 'metadata.name', type: 'Invalid value', message: "may not contain '/'" },
    { name: 'zero-length name', change: (m) => { m.metadata.name = ''; }, field: 'metadata.name', type: 'Required value' },
  ]);
});
