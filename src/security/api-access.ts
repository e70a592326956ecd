import { ApiObject, ApiObjectMetadata, ApiObjectProps, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemoizedApiObject } from '../validation/chart-validation';
import { Problem } from '../validation/problems';

/**
 * What a rule may allow on a resource. The eight verbs of the resource API; no `'*'`, which would also grant
 * every verb added later. The special verbs (`bind`, `escalate`, `impersonate`, `approve`, `sign`, `use`) grant
 * more than access to a resource: for those, bind an existing account (`serviceAccountName`) to a role of your own.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
 */
export type ApiVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/**
 * The verbs that can be limited to objects by name. A `create` or `deletecollection` request names no object
 * when it is authorized, so a rule with `resourceNames` would never allow it.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 */
export type NamedObjectVerb = Exclude<ApiVerb, 'create' | 'deletecollection'>;

/**
 * One rule of the role the workload gets: these verbs on these resources of these API groups.
 * `{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }` reads pods.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 */
export type PolicyRule = {
  /**
   * The API groups of the resources: `''` is the core group (pods, namespaces, configmaps, secrets, services),
   * `'apps'` has deployments and statefulsets, `'batch'` jobs, `'coordination.k8s.io'` leases. No `'*'`.
   */
  readonly apiGroups: readonly [string, ...string[]];
  /**
   * Resources as the API names them: lower-case plurals (`'pods'`, not `'Pod'`), with a subresource after a slash
   * (`'pods/log'`). No `'*'`, not even before a subresource.
   */
  readonly resources: readonly [string, ...string[]];
} & (
  | {
    /** What the rule allows on every object of the resources. */
    readonly verbs: readonly [ApiVerb, ...ApiVerb[]];
    readonly resourceNames?: never;
  }
  | {
    /**
     * What the rule allows on the objects of `resourceNames`. `list` and `watch` are then allowed only for
     * requests that select one of those names (`fieldSelector=metadata.name=<name>`), not for an informer's list.
     */
    readonly verbs: readonly [NamedObjectVerb, ...NamedObjectVerb[]];
    /** Only the objects with these names. */
    readonly resourceNames: readonly [string, ...string[]];
  }
);

/**
 * The Kubernetes API access a workload declares: the construct emits a ServiceAccount named like the workload,
 * the roles and bindings that grant exactly these rules, names the account in the pods (`serviceAccountName`)
 * and mounts its token (`automountServiceAccountToken: true`).
 *
 * - `namespaced` rules apply in the workload's namespace: a Role and a RoleBinding, both named like the workload.
 * - `clusterWide` rules apply in every namespace and to cluster-scoped resources (nodes, namespaces): a
 *   ClusterRole and a ClusterRoleBinding named `<namespace>:<name>`, so that workloads of the same name in two
 *   namespaces do not share one. They need the workload's namespace (its `metadata.namespace` or the chart's):
 *   the binding's subject names the account by namespace.
 *
 * What it grants: the pods can call the API server with these rules, and anyone who can run code in them (or
 * read their token) can too. It does not change the Pod Security level, which is about the pods' access to
 * their node, not to the API. The API server also refuses a role that grants more than the user applying it
 * has (RBAC escalation prevention), which no synth-time check can see.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
export type ApiAccess =
  | { readonly namespaced: readonly [PolicyRule, ...PolicyRule[]]; readonly clusterWide?: readonly [PolicyRule, ...PolicyRule[]] }
  | { readonly namespaced?: readonly [PolicyRule, ...PolicyRule[]]; readonly clusterWide: readonly [PolicyRule, ...PolicyRule[]] };

/** What the props of a workload say about its service account; part of `PodTemplateProps`. */
interface ServiceAccountProps {
  readonly metadata?: { readonly labels?: Record<string, string> };
  readonly apiAccess?: ApiAccess;
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
}

/** The objects a workload emits for its `apiAccess`, for escape-hatch patches. */
export interface ApiAccessObjects {
  /** The ServiceAccount the pods run as, named like the workload. */
  readonly serviceAccount: ApiObject;
  /** The Role of the `namespaced` rules, named like the workload. */
  readonly role?: ApiObject;
  /** The RoleBinding of the Role to the ServiceAccount. */
  readonly roleBinding?: ApiObject;
  /** The ClusterRole of the `clusterWide` rules, named `<namespace>:<name>`. */
  readonly clusterRole?: ApiObject;
  /** The ClusterRoleBinding of the ClusterRole to the ServiceAccount. */
  readonly clusterRoleBinding?: ApiObject;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function renderRules(rules: readonly PolicyRule[]): unknown[] {
  return rules.map((rule) => ({
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    resourceNames: rule.resourceNames ? [...rule.resourceNames] : undefined,
    verbs: [...rule.verbs],
  }));
}

/** A cluster-scoped object: cdk8s gives every object the chart's namespace, and these have none. */
function clusterScoped(scope: Construct, id: string, props: ApiObjectProps): ApiObject {
  const object = new MemoizedApiObject(scope, id, props);
  if (object.metadata.namespace) object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return object;
}

/**
 * Emits the ServiceAccount, roles and bindings of the workload's `apiAccess` as children of `scope`, before the
 * workload in the YAML (so `kubectl apply` creates the account before the pods that run as it); the workload
 * reports their problems (`apiAccessProblems`) and the manifest findings of each with its own. Nothing without
 * `apiAccess`.
 * @internal the constructs' own plumbing, not part of the package's API
 */
export function emitApiAccess(scope: Construct, props: ServiceAccountProps, workload: ApiObject, name: string): ApiAccessObjects | undefined {
  const access = props.apiAccess;
  if (!access) return undefined;
  const namespace = workload.metadata.namespace;
  const labels = props.metadata?.labels;
  // A copy each: cdk8s keeps the objects it is given, and `addLabel` on one object must not label the others.
  const metadata = (): ApiObjectMetadata => ({ name, namespace, labels: labels && { ...labels } });
  const subjects = (): unknown[] => [{ kind: 'ServiceAccount', name, namespace }];

  const serviceAccount = new MemoizedApiObject(scope, 'ServiceAccount', { ...k8s.KubeServiceAccount.GVK, metadata: metadata() });
  const objects: { -readonly [K in keyof ApiAccessObjects]: ApiAccessObjects[K] } = { serviceAccount };
  if (access.namespaced) {
    objects.role = new MemoizedApiObject(scope, 'Role', { ...k8s.KubeRole.GVK, metadata: metadata(), rules: renderRules(access.namespaced) });
    objects.roleBinding = new MemoizedApiObject(scope, 'RoleBinding', {
      ...k8s.KubeRoleBinding.GVK,
      metadata: metadata(),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
      subjects: subjects(),
    });
  }
  if (access.clusterWide) {
    const clusterName = namespace ? `${namespace}:${name}` : name;
    const clusterMetadata = (): ApiObjectMetadata => ({ name: clusterName, labels: labels && { ...labels } });
    objects.clusterRole = clusterScoped(scope, 'ClusterRole', {
      ...k8s.KubeClusterRole.GVK,
      metadata: clusterMetadata(),
      rules: renderRules(access.clusterWide),
    });
    objects.clusterRoleBinding = clusterScoped(scope, 'ClusterRoleBinding', {
      ...k8s.KubeClusterRoleBinding.GVK,
      metadata: clusterMetadata(),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterName },
      subjects: subjects(),
    });
  }
  for (const object of Object.values(objects)) workload.node.addDependency(object);
  return objects;
}

/**
 * The built-in cluster-scoped resources of Kubernetes 1.27 by API group (`kubectl api-resources --namespaced=false`,
 * GA and beta groups): a Role, which grants in one namespace, never grants them. Custom resources are not known here.
 */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['nodes', 'namespaces', 'persistentvolumes', 'componentstatuses'],
  'admissionregistration.k8s.io': ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'authentication.k8s.io': ['tokenreviews', 'selfsubjectreviews'],
  'authorization.k8s.io': ['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews'],
  'certificates.k8s.io': ['certificatesigningrequests'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'networking.k8s.io': ['ingressclasses'],
  'node.k8s.io': ['runtimeclasses'],
  'rbac.authorization.k8s.io': ['clusterroles', 'clusterrolebindings'],
  'scheduling.k8s.io': ['priorityclasses'],
  'storage.k8s.io': ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments'],
};

function isClusterScoped(group: string, resource: string): boolean {
  const scoped = Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED, group) ? CLUSTER_SCOPED[group] : [];
  return scoped.includes(resource.split('/')[0]);
}

function ruleProblems(field: string, rules: readonly PolicyRule[], namespaced: boolean): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const at = `${field}[${i}]`;
    for (const group of rule.apiGroups ?? []) {
      if (group === '*') {
        problems.push({
          field: `${at}.apiGroups`,
          value: group,
          message: "would grant every API group: name the groups the workload calls ('' is the core group of pods, namespaces, configmaps); for a wildcard grant, bind an existing account (serviceAccountName) to a role of your own",
        });
      }
    }
    for (const resource of rule.resources ?? []) {
      if (resource === '*' || resource.startsWith('*/')) {
        problems.push({
          field: `${at}.resources`,
          value: resource,
          message: 'would grant every resource of the groups: name the resources the workload calls; for a wildcard grant, bind an existing account (serviceAccountName) to a role of your own',
        });
      } else if (resource !== resource.toLowerCase()) {
        problems.push({
          field: `${at}.resources`,
          value: resource,
          message: "must be the resource as the API names it, lower-case and plural ('pods', not 'Pod'): RBAC compares names exactly, so the rule would grant nothing; the API server accepts it, this check is stricter",
        });
      } else if (namespaced && (rule.apiGroups ?? []).some((group) => isClusterScoped(group, resource))) {
        problems.push({
          field: `${at}.resources`,
          value: resource,
          message: 'is cluster-scoped, so a rule in the namespace (a Role) would grant nothing on it; move the rule to apiAccess.clusterWide. The API server accepts it, this check is stricter',
        });
      }
    }
  });
  return problems;
}

/** The problems of `apiAccess`, in the terms of the props (no manifest field says them). */
function accessProblems(props: ServiceAccountProps, name: string, namespace: string | undefined): Problem[] {
  const access = props.apiAccess!;
  const problems: Problem[] = [];
  if (props.serviceAccountName !== undefined) {
    problems.push({
      field: 'serviceAccountName',
      value: props.serviceAccountName,
      message: `cannot be combined with apiAccess, which emits the pods' own ServiceAccount '${name}': leave serviceAccountName out, or leave apiAccess out and bind the existing account to a role yourself`,
    });
  }
  if (props.automountServiceAccountToken === false) {
    problems.push({
      field: 'automountServiceAccountToken',
      value: false,
      message: 'contradicts apiAccess: the pods need the token to call the API; leave automountServiceAccountToken out',
    });
  }
  if (access.clusterWide && !namespace) {
    problems.push({
      field: 'metadata.namespace',
      value: '',
      message: "must be set (in metadata or as the chart's namespace) for apiAccess.clusterWide: the ClusterRoleBinding names the ServiceAccount by its namespace, which must not depend on where kubectl applies the YAML",
    });
  }
  problems.push(...ruleProblems('apiAccess.namespaced', access.namespaced ?? [], true), ...ruleProblems('apiAccess.clusterWide', access.clusterWide ?? [], false));
  return problems;
}

/**
 * The construct rules of a workload's `apiAccess` (what its objects cannot show, and rules stricter than the API
 * server), reported by the workload with its own. None without `apiAccess`.
 * @internal the constructs' own plumbing, not part of the package's API
 */
export function apiAccessProblems(props: ServiceAccountProps, workload: ApiObject, name: string): Problem[] {
  return props.apiAccess ? accessProblems(props, name, workload.metadata.namespace) : [];
}
