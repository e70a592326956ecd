/**
 * The Kubernetes releases whose API schema is committed, and where each one's OpenAPI definitions came from.
 * Shared by projenrc/generate-k8s-schemas.ts (which writes src/validation/schemas/) and projenrc/diff-k8s-schemas.ts
 * (which writes the field table of docs/kubernetes-versions.md).
 */

export interface KubernetesRelease {
  /** The minor version, as a target is named: `'1.35'`. */
  readonly version: string;
  /** The release tag whose `api/openapi-spec/swagger.json` the definitions were converted from. */
  readonly tag: string;
  /** The file the definitions were extracted from (`--import`), with the commit that added it. */
  readonly source: string;
  /**
   * A supported target, with a schema module in src/validation/schemas/; the others are committed only so that
   * docs/kubernetes-versions.md can say in which release each field first appeared.
   */
  readonly target: boolean;
}

/**
 * cdk8s-team/cdk8s keeps, for every release, `kubernetes-schemas/v<tag>/_definitions.json`: the `definitions` of
 * kubernetes/kubernetes `api/openapi-spec/swagger.json` at tag `v<tag>`, converted to JSON Schema by
 * openapi2jsonschema (its tools/import-spec.sh). `cdk8s import k8s` reads the same files, so the 1.27 one is the
 * lineage of cdk8s-plus-27's imports.
 *
 * 1.37.0 could not be fetched whole (the repository snapshot that can be read offline predates it; its file exists at
 * cdk8s commit 66061d52f5f0cddd85a200de65a55991483d3259). Its committed definitions were written by difference: the
 * 1.37 file was read in pages at that commit and compared, definition by definition, with the 1.36 one over every
 * definition ROOT_DEFINITIONS reach; the differences were applied to the pruned 1.36 definitions. See
 * docs/kubernetes-versions.md ("How 1.37 was sourced") for the list and for what that could not verify.
 */
export const RELEASES: readonly KubernetesRelease[] = [
  { version: '1.27', tag: 'v1.27.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.27.0/_definitions.json (commit 233ee9bd7d21d5b25543099cdb5bf360f70e75b1)', target: true },
  { version: '1.28', tag: 'v1.28.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.28.0/_definitions.json (commit 749720900394df4dde7b71e3678e96b889ff6202)', target: false },
  { version: '1.29', tag: 'v1.29.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.29.0/_definitions.json (commit a817769b879dc06307664c1674175c3b1ff02cbc)', target: false },
  { version: '1.30', tag: 'v1.30.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.30.0/_definitions.json (commit d853c60d1efa1ce91d350e11e86a970024e9140a)', target: false },
  { version: '1.31', tag: 'v1.31.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.31.0/_definitions.json (commit 46df0fee6589f75541801312fcf3a39eccbdca88)', target: false },
  { version: '1.32', tag: 'v1.32.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.32.0/_definitions.json (commit caea946169726721c790acc0102c80ccc87d9ae9)', target: false },
  { version: '1.33', tag: 'v1.33.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.33.0/_definitions.json (commit 5e90db4429a549592a015078dcdd84117bb2fba8)', target: false },
  { version: '1.34', tag: 'v1.34.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.34.0/_definitions.json (commit e646a08281be314f3a4f2f55fd26ae76d46c0ad3)', target: true },
  { version: '1.35', tag: 'v1.35.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.35.0/_definitions.json (commit e646a08281be314f3a4f2f55fd26ae76d46c0ad3)', target: true },
  { version: '1.36', tag: 'v1.36.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.36.0/_definitions.json (commit d75f4ceaf07ca61d159af0800d66d18ddfbadf05)', target: true },
  { version: '1.37', tag: 'v1.37.0', source: 'cdk8s-team/cdk8s kubernetes-schemas/v1.37.0/_definitions.json (commit 66061d52f5f0cddd85a200de65a55991483d3259)', target: true },
];

/**
 * The kinds we validate and emit, by the OpenAPI definition of their apiVersion: the four workloads, then the
 * objects the constructs emit with them.
 */
export const ROOT_DEFINITIONS: Record<string, string> = {
  DaemonSet: 'io.k8s.api.apps.v1.DaemonSet',
  StatefulSet: 'io.k8s.api.apps.v1.StatefulSet',
  Job: 'io.k8s.api.batch.v1.Job',
  CronJob: 'io.k8s.api.batch.v1.CronJob',
  Service: 'io.k8s.api.core.v1.Service',
  PodDisruptionBudget: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  ServiceAccount: 'io.k8s.api.core.v1.ServiceAccount',
  Role: 'io.k8s.api.rbac.v1.Role',
  ClusterRole: 'io.k8s.api.rbac.v1.ClusterRole',
  RoleBinding: 'io.k8s.api.rbac.v1.RoleBinding',
  ClusterRoleBinding: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
};

/** The four workload kinds, whose specs and pod templates docs/kubernetes-versions.md compares. */
export const WORKLOAD_KINDS = ['DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
