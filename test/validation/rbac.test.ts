import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From pkg/apis/rbac/validation/validation_test.go (release-1.27: TestValidateRoleBinding*, TestValidateClusterRoleBinding*,
// TestValidatePolicyRule*, TestValidateClusterRoleAggregation), rebased onto one valid rbac/v1 manifest per kind.
const rule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };

const role: Manifest = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'pod-reader', namespace: 'default' },
  rules: [rule],
};

/** The rule cases shared by Role and ClusterRole (ValidatePolicyRule). */
const ruleCases: InvalidCase[] = [
  { name: 'no verbs', change: (m) => { m.rules[0].verbs = []; }, field: 'rules[0].verbs', type: 'Required value', message: 'verbs must contain at least one value' },
  { name: 'no api groups', change: (m) => { delete m.rules[0].apiGroups; }, field: 'rules[0].apiGroups', type: 'Required value', message: 'resource rules must supply at least one api group' },
  { name: 'no resources', change: (m) => { m.rules[0].resources = []; }, field: 'rules[0].resources', type: 'Required value', message: 'resource rules must supply at least one resource' },
  { name: 'name with a slash', change: (m) => { m.metadata.name = 'a/b'; }, field: 'metadata.name', type: 'Invalid value', message: "may not contain '/'" },
  { name: 'name with a percent sign', change: (m) => { m.metadata.name = 'a%b'; }, field: 'metadata.name', type: 'Invalid value', message: "may not contain '%'" },
  { name: 'name ..', change: (m) => { m.metadata.name = '..'; }, field: 'metadata.name', type: 'Invalid value', message: "may not be '..'" },
  { name: 'zero-length name', change: (m) => { m.metadata.name = ''; }, field: 'metadata.name', type: 'Required value' },
  { name: 'bad label', change: (m) => { m.metadata.labels = { 'bad key': 'x' }; }, field: 'metadata.labels', type: 'Invalid value' },
];

const ruleValid: ValidCase[] = [
  { name: 'a name with a colon and capitals (a path segment, not a DNS name)', change: (m) => { m.metadata.name = 'system:Pod-Reader'; } },
  { name: 'wildcards', change: (m) => { m.rules[0] = { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }; } },
  { name: 'resource names on several resources', change: (m) => { m.rules[0] = { apiGroups: [''], resources: ['pods', 'configmaps'], resourceNames: ['a'], verbs: ['get'] }; } },
  { name: 'no rules', change: (m) => { delete m.rules; } },
];

describe('Role (rbac.authorization.k8s.io/v1, Kubernetes 1.27)', () => {
  testCases(role, ruleValid, [
    ...ruleCases,
    {
      name: 'non-resource URLs in a namespaced rule',
      change: (m) => { m.rules[0] = { verbs: ['get'], nonResourceURLs: ['/metrics'] }; },
      field: 'rules[0].nonResourceURLs',
      type: 'Invalid value',
      message: 'namespaced rules cannot apply to non-resource URLs',
    },
    { name: 'bad namespace', change: (m) => { m.metadata.namespace = 'a.b'; }, field: 'metadata.namespace', type: 'Invalid value' },
  ]);
});

const clusterRole: Manifest = { ...structuredClone(role), kind: 'ClusterRole', metadata: { name: 'pod-reader' } };

describe('ClusterRole (rbac.authorization.k8s.io/v1, Kubernetes 1.27)', () => {
  testCases(clusterRole, [
    ...ruleValid,
    { name: 'non-resource URLs', change: (m) => { m.rules[0] = { verbs: ['get'], nonResourceURLs: ['/metrics'] }; } },
    { name: 'a namespace, which the API server clears on a cluster-scoped kind', change: (m) => { m.metadata.namespace = 'Not.A-Label'; } },
    { name: 'aggregation by label', change: (m) => { m.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] }; } },
  ], [
    ...ruleCases,
    {
      name: 'non-resource URLs with resources',
      change: (m) => { m.rules[0] = { verbs: ['get'], nonResourceURLs: ['/metrics'], resources: ['pods'] }; },
      field: 'rules[0].nonResourceURLs',
      type: 'Invalid value',
      message: 'rules cannot apply to both regular resources and non-resource URLs',
    },
    {
      name: 'aggregationRule without selectors',
      change: (m) => { m.aggregationRule = {}; },
      field: 'aggregationRule.clusterRoleSelectors',
      type: 'Required value',
      message: 'at least one clusterRoleSelector required if aggregationRule is non-nil',
    },
    {
      name: 'aggregationRule with a bad selector operator',
      change: (m) => { m.aggregationRule = { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }] }; },
      field: 'aggregationRule.clusterRoleSelectors[0]',
      type: 'Invalid value',
      message: 'invalid label selector.',
      alsoAt: ['aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator'],
    },
  ]);
});

const roleBinding: Manifest = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'read-pods', namespace: 'default' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: 'default' }],
};

/** The binding cases shared by RoleBinding and ClusterRoleBinding. */
const bindingCases: InvalidCase[] = [
  { name: 'bad roleRef apiGroup', change: (m) => { m.roleRef.apiGroup = 'rbac'; }, field: 'roleRef.apiGroup', type: 'Unsupported value', message: 'supported values: "rbac.authorization.k8s.io"' },
  { name: 'bad roleRef kind', change: (m) => { m.roleRef.kind = 'Type'; }, field: 'roleRef.kind', type: 'Unsupported value' },
  { name: 'no roleRef name', change: (m) => { m.roleRef.name = ''; }, field: 'roleRef.name', type: 'Required value' },
  { name: 'roleRef name with a slash', change: (m) => { m.roleRef.name = 'a/b'; }, field: 'roleRef.name', type: 'Invalid value', message: "may not contain '/'" },
  { name: 'subject without a name', change: (m) => { m.subjects[0].name = ''; }, field: 'subjects[0].name', type: 'Required value' },
  { name: 'bad subject kind', change: (m) => { m.subjects[0].kind = 'Robot'; }, field: 'subjects[0].kind', type: 'Unsupported value', message: 'supported values: "ServiceAccount", "User", "Group"' },
  { name: 'service account name not a DNS subdomain', change: (m) => { m.subjects[0].name = 'Reader'; }, field: 'subjects[0].name', type: 'Invalid value' },
  { name: 'service account with an apiGroup', change: (m) => { m.subjects[0].apiGroup = 'rbac.authorization.k8s.io'; }, field: 'subjects[0].apiGroup', type: 'Unsupported value', message: 'supported values: ""' },
  { name: 'user in another apiGroup', change: (m) => { m.subjects[0] = { kind: 'User', name: 'jane', apiGroup: 'users.example.com' }; }, field: 'subjects[0].apiGroup', type: 'Unsupported value' },
  { name: 'name with a slash', change: (m) => { m.metadata.name = 'a/b'; }, field: 'metadata.name', type: 'Invalid value', message: "may not contain '/'" },
];

const bindingValid: ValidCase[] = [
  { name: 'roleRef apiGroup defaulted', change: (m) => { delete m.roleRef.apiGroup; } },
  { name: 'user and group, apiGroup defaulted', change: (m) => { m.subjects = [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }]; } },
  { name: 'no subjects', change: (m) => { delete m.subjects; } },
];

describe('RoleBinding (rbac.authorization.k8s.io/v1, Kubernetes 1.27)', () => {
  testCases(roleBinding, [
    ...bindingValid,
    { name: 'a ClusterRole bound in the namespace', change: (m) => { m.roleRef.kind = 'ClusterRole'; } },
    { name: 'service account without a namespace (the binding\'s)', change: (m) => { delete m.subjects[0].namespace; } },
  ], bindingCases);
});

const clusterRoleBinding: Manifest = {
  ...structuredClone(roleBinding),
  kind: 'ClusterRoleBinding',
  metadata: { name: 'default:read-pods' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-reader' },
};

describe('ClusterRoleBinding (rbac.authorization.k8s.io/v1, Kubernetes 1.27)', () => {
  testCases(clusterRoleBinding, bindingValid, [
    ...bindingCases,
    { name: 'a Role', change: (m) => { m.roleRef.kind = 'Role'; }, field: 'roleRef.kind', type: 'Unsupported value', message: 'supported values: "ClusterRole"' },
    { name: 'service account without a namespace', change: (m) => { delete m.subjects[0].namespace; }, field: 'subjects[0].namespace', type: 'Required value' },
  ]);
});
