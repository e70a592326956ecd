import { JsonObject, asArray, asObject, asString, objectsOf, path } from './json';
import { pathSegmentName, validateLabelSelector, validateObjectMeta } from './metadata';
import { Violations } from './violation';
import { dns1123SubdomainErrors } from '../syntax/k8s-syntax';

// pkg/apis/rbac/validation/validation.go (release-1.27), after the rbac/v1 defaulting of pkg/apis/rbac/v1/defaults.go.

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function listLength(value: unknown): number {
  return asArray(value)?.length ?? 0;
}

/** ValidatePolicyRule: verbs always; then either non-resource URLs (cluster roles only) or groups and resources. */
function validatePolicyRule(rule: JsonObject, isNamespaced: boolean, at: string, out: Violations): void {
  if (listLength(rule.verbs) === 0) out.required(path.child(at, 'verbs'), 'verbs must contain at least one value');
  const urls = asArray(rule.nonResourceURLs) ?? [];
  if (urls.length > 0) {
    if (isNamespaced) out.invalid(path.child(at, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs');
    if (listLength(rule.apiGroups) > 0 || listLength(rule.resources) > 0 || listLength(rule.resourceNames) > 0) {
      out.invalid(path.child(at, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs');
    }
    return;
  }
  if (listLength(rule.apiGroups) === 0) out.required(path.child(at, 'apiGroups'), 'resource rules must supply at least one api group');
  if (listLength(rule.resources) === 0) out.required(path.child(at, 'resources'), 'resource rules must supply at least one resource');
}

function validateRules(manifest: JsonObject, isNamespaced: boolean, out: Violations): void {
  for (const [rule, i] of objectsOf(manifest.rules)) validatePolicyRule(rule, isNamespaced, path.index('rules', i), out);
}

/** ValidateRole: a namespaced name that is a path segment, and its rules. */
export function validateRole(manifest: JsonObject, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), pathSegmentName, out);
  validateRules(manifest, true, out);
}

/** ValidateClusterRole: a cluster-scoped name that is a path segment, its rules, and its aggregation selectors. */
export function validateClusterRole(manifest: JsonObject, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), pathSegmentName, out, true);
  validateRules(manifest, false, out);
  const aggregation = asObject(manifest.aggregationRule);
  if (!aggregation) return;
  const at = 'aggregationRule.clusterRoleSelectors';
  if (listLength(aggregation.clusterRoleSelectors) === 0) out.required(at, 'at least one clusterRoleSelector required if aggregationRule is non-nil');
  for (const [selector, i] of objectsOf(aggregation.clusterRoleSelectors)) {
    // LabelSelectorAsSelector fails exactly where ValidateLabelSelector finds a problem.
    if (!validateLabelSelector(selector, path.index(at, i), out)) out.invalid(path.index(at, i), selector, 'invalid label selector.');
  }
}

/** ValidateRoleBindingSubject: a ServiceAccount (namespace required outside a namespace), a User or a Group. */
function validateSubject(subject: JsonObject, isNamespaced: boolean, at: string, out: Violations): void {
  const name = asString(subject.name) ?? '';
  if (!name) out.required(path.child(at, 'name'));
  const apiGroup = asString(subject.apiGroup) ?? '';
  switch (subject.kind) {
    case 'ServiceAccount':
      // ValidateServiceAccountName: a DNS-1123 subdomain.
      if (name) out.invalidEach(path.child(at, 'name'), name, dns1123SubdomainErrors(name));
      if (apiGroup) out.unsupported(path.child(at, 'apiGroup'), apiGroup, ['']);
      if (!isNamespaced && !asString(subject.namespace)) out.required(path.child(at, 'namespace'));
      return;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) out.unsupported(path.child(at, 'apiGroup'), apiGroup, [RBAC_GROUP]);
      return;
    default:
      out.unsupported(path.child(at, 'kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']);
  }
}

function validateBinding(manifest: JsonObject, isNamespaced: boolean, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), pathSegmentName, out, !isNamespaced);
  const roleRef = asObject(manifest.roleRef) ?? {};
  const apiGroup = asString(roleRef.apiGroup) ?? '';
  if (apiGroup !== RBAC_GROUP) out.unsupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]);
  const kinds = isNamespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  const kind = asString(roleRef.kind) ?? '';
  if (!kinds.includes(kind)) out.unsupported('roleRef.kind', kind, kinds);
  const name = asString(roleRef.name) ?? '';
  if (!name) out.required('roleRef.name');
  else out.invalidEach('roleRef.name', name, pathSegmentName(name));
  for (const [subject, i] of objectsOf(manifest.subjects)) validateSubject(subject, isNamespaced, path.index('subjects', i), out);
}

/** ValidateRoleBinding: roleRef to a Role or ClusterRole of rbac.authorization.k8s.io, and its subjects. */
export function validateRoleBinding(manifest: JsonObject, out: Violations): void {
  validateBinding(manifest, true, out);
}

/** ValidateClusterRoleBinding: roleRef to a ClusterRole, and subjects whose ServiceAccounts name their namespace. */
export function validateClusterRoleBinding(manifest: JsonObject, out: Violations): void {
  validateBinding(manifest, false, out);
}

/** SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding and SetDefaults_Subject (rbac/v1). */
export function defaultBinding(manifest: JsonObject): void {
  const roleRef = asObject(manifest.roleRef);
  if (roleRef && !asString(roleRef.apiGroup)) roleRef.apiGroup = RBAC_GROUP;
  for (const [subject] of objectsOf(manifest.subjects)) {
    if (!asString(subject.apiGroup) && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = RBAC_GROUP;
  }
}
