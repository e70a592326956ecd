import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { ApiAccess, ApiVerb, BatchJob, NodeAgent, OrderedStore, PodTemplateProps, PolicyRule, ScheduledJob, validateManifest } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const containers = [{ name: 'app', image: 'registry.example.com/app:1.0.0' }];
const RBAC_KINDS = ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** The four constructs, each built from the same pod template props. */
const constructs: Record<string, (scope: Construct, id: string, props: PodTemplateProps) => void> = {
  NodeAgent: (scope, id, props) => new NodeAgent(scope, id, props),
  OrderedStore: (scope, id, props) => new OrderedStore(scope, id, props),
  BatchJob: (scope, id, props) => new BatchJob(scope, id, props),
  ScheduledJob: (scope, id, props) => new ScheduledJob(scope, id, { ...props, schedule: '0 3 * * *' }),
};

/** The pod spec of whatever workload the chart holds. */
function podSpec(manifest: any): any {
  return manifest.kind === 'CronJob' ? manifest.spec.jobTemplate.spec.template.spec : manifest.spec.template.spec;
}

function synth(kind: string, props: PodTemplateProps, namespace?: string): { manifests: any[]; workload: any; chart: any } {
  const { chart } = newChart({ namespace });
  constructs[kind](chart, 'app', props);
  const manifests = manifestsOfKind(chart, 'ServiceAccount').concat(...RBAC_KINDS.slice(1).map((k) => manifestsOfKind(chart, k)));
  const workload = ['DaemonSet', 'StatefulSet', 'Job', 'CronJob'].map((k) => manifestsOfKind(chart, k)[0]).find(Boolean);
  return { manifests, workload, chart };
}

/** What fluent-bit's kubernetes filter needs: read pods and namespaces in every namespace. */
const podMetadataReader: ApiAccess = {
  clusterWide: [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
};

describe.each(Object.keys(constructs))('%s without apiAccess (defaults)', (kind) => {
  const { manifests, workload } = synth(kind, { containers }, 'apps');

  test('emits no ServiceAccount, role or binding', () => {
    expect(manifests).toEqual([]);
  });

  test('mounts no token and names no service account (the namespace default runs the pods)', () => {
    expect(podSpec(workload).automountServiceAccountToken).toBe(false);
    expect(podSpec(workload)).not.toHaveProperty('serviceAccountName');
  });
});

describe.each(Object.keys(constructs))('%s with apiAccess', (kind) => {
  const { manifests, workload } = synth(kind, { metadata: { name: 'shipper' }, containers, apiAccess: podMetadataReader }, 'logging');

  test('runs the pods as its own ServiceAccount, with the token mounted', () => {
    expect(podSpec(workload).serviceAccountName).toBe('shipper');
    expect(podSpec(workload).automountServiceAccountToken).toBe(true);
    expect(manifests.find((m) => m.kind === 'ServiceAccount')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'shipper', namespace: 'logging' },
    });
  });
});

describe('apiAccess fully configured (namespaced and cluster-wide rules)', () => {
  const access: ApiAccess = {
    namespaced: [
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['shipper-leader'], verbs: ['get', 'update'] },
    ],
    clusterWide: podMetadataReader.clusterWide!,
  };
  const { chart } = newChart({ namespace: 'logging' });
  const agent = new NodeAgent(chart, 'shipper', { metadata: { name: 'shipper', labels: { 'app.kubernetes.io/part-of': 'logging' } }, containers, apiAccess: access });
  const yaml = chartYaml(chart);
  const [role] = manifestsOfKind(chart, 'Role');
  const [roleBinding] = manifestsOfKind(chart, 'RoleBinding');
  const [clusterRole] = manifestsOfKind(chart, 'ClusterRole');
  const [clusterRoleBinding] = manifestsOfKind(chart, 'ClusterRoleBinding');
  const labels = { 'app.kubernetes.io/part-of': 'logging' };

  test('emits the whole YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('grants the namespaced rules through a Role and RoleBinding in the workload\'s namespace', () => {
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'shipper', namespace: 'logging', labels },
      rules: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['shipper-leader'], verbs: ['get', 'update'] },
      ],
    });
    expect(roleBinding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'shipper', namespace: 'logging', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'shipper' },
      subjects: [{ kind: 'ServiceAccount', name: 'shipper', namespace: 'logging' }],
    });
  });

  test('grants the cluster-wide rules through a ClusterRole and ClusterRoleBinding named <namespace>:<name>, without a namespace', () => {
    expect(clusterRole).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'logging:shipper', labels },
      rules: [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
    });
    expect(clusterRoleBinding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'logging:shipper', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'logging:shipper' },
      subjects: [{ kind: 'ServiceAccount', name: 'shipper', namespace: 'logging' }],
    });
  });

  test('emits the account, roles and bindings before the workload, so kubectl apply creates them first', () => {
    const kinds = [...yaml.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    expect(kinds).toEqual(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'DaemonSet']);
  });

  test('comes after the Namespace an agent emits (openShiftNamespace), which kubectl apply must create first', () => {
    const { chart: other } = newChart({ namespace: 'logging' });
    new NodeAgent(other, 'shipper', { containers, openShiftNamespace: true, apiAccess: podMetadataReader });
    const kinds = [...chartYaml(other).matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    expect(kinds).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'DaemonSet']);
  });

  test('exposes the emitted objects for escape-hatch patches', () => {
    expect(agent.apiAccess?.serviceAccount.kind).toBe('ServiceAccount');
    expect(agent.apiAccess?.clusterRoleBinding?.name).toBe('logging:shipper');
  });
});

describe('an existing service account by name', () => {
  test('is named in the pods, and its token is not mounted unless asked', () => {
    const { manifests, workload } = synth('NodeAgent', { containers, serviceAccountName: 'fluent-bit' }, 'logging');
    expect(manifests).toEqual([]);
    expect(podSpec(workload)).toMatchObject({ serviceAccountName: 'fluent-bit', automountServiceAccountToken: false });
  });

  test('gets its token mounted with automountServiceAccountToken: true', () => {
    const { workload } = synth('NodeAgent', { containers, serviceAccountName: 'fluent-bit', automountServiceAccountToken: true }, 'logging');
    expect(podSpec(workload)).toMatchObject({ serviceAccountName: 'fluent-bit', automountServiceAccountToken: true });
  });
});

describe('apiAccess synth-time errors', () => {
  function errorsOf(props: PodTemplateProps, chartProps: { namespace?: string } = { namespace: 'logging' }): string[] {
    const { app, chart } = newChart(chartProps);
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, ...props });
    return synthErrors(app);
  }

  test('fails if apiAccess is combined with an existing serviceAccountName', () => {
    expect(errorsOf({ containers, apiAccess: podMetadataReader, serviceAccountName: 'fluent-bit' })).toEqual([
      "[test/agent] DaemonSet agent: serviceAccountName: Invalid value: \"fluent-bit\": cannot be combined with apiAccess, which emits the pods' own ServiceAccount 'agent': leave serviceAccountName out, or leave apiAccess out and bind the existing account to a role yourself",
    ]);
  });

  test('fails if apiAccess is combined with automountServiceAccountToken: false', () => {
    expect(errorsOf({ containers, apiAccess: podMetadataReader, automountServiceAccountToken: false })).toEqual([
      '[test/agent] DaemonSet agent: automountServiceAccountToken: Invalid value: false: contradicts apiAccess: the pods need the token to call the API; leave automountServiceAccountToken out',
    ]);
  });

  test('fails if cluster-wide access has no namespace for the binding\'s subject', () => {
    expect(errorsOf({ containers, apiAccess: podMetadataReader }, {})).toEqual([
      "[test/agent] DaemonSet agent: metadata.namespace: Invalid value: \"\": must be set (in metadata or as the chart's namespace) for apiAccess.clusterWide: the ClusterRoleBinding names the ServiceAccount by its namespace, which must not depend on where kubectl applies the YAML",
      '[test/agent] ClusterRoleBinding agent: subjects[0].namespace: Required value',
    ]);
  });

  test('accepts namespaced access without a namespace: the RoleBinding\'s subject is then in the binding\'s own namespace', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { containers, apiAccess: { namespaced: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] } });
    expect(() => app.synth()).not.toThrow();
    expect(manifestsOfKind(chart, 'RoleBinding')[0].subjects).toEqual([{ kind: 'ServiceAccount', name: expect.any(String) }]);
  });

  test('fails on wildcard groups and resources, which grant more than any named rule', () => {
    expect(errorsOf({
      containers,
      apiAccess: {
        namespaced: [{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }],
        clusterWide: [{ apiGroups: ['apps'], resources: ['*', '*/scale'], verbs: ['get'] }],
      },
    })).toEqual([
      "[test/agent] DaemonSet agent: apiAccess.namespaced[0].apiGroups: Invalid value: \"*\": would grant every API group: name the groups the workload calls ('' is the core group of pods, namespaces, configmaps); for a wildcard grant, bind an existing account (serviceAccountName) to a role of your own",
      '[test/agent] DaemonSet agent: apiAccess.clusterWide[0].resources: Invalid value: "*": would grant every resource of the groups: name the resources the workload calls; for a wildcard grant, bind an existing account (serviceAccountName) to a role of your own',
      '[test/agent] DaemonSet agent: apiAccess.clusterWide[0].resources: Invalid value: "*/scale": would grant every resource of the groups: name the resources the workload calls; for a wildcard grant, bind an existing account (serviceAccountName) to a role of your own',
    ]);
  });

  test('fails on a resource written as a kind, which RBAC would never match', () => {
    expect(errorsOf({ containers, apiAccess: { clusterWide: [{ apiGroups: [''], resources: ['Pod'], verbs: ['get'] }] } })).toEqual([
      "[test/agent] DaemonSet agent: apiAccess.clusterWide[0].resources: Invalid value: \"Pod\": must be the resource as the API names it, lower-case and plural ('pods', not 'Pod'): RBAC compares names exactly, so the rule would grant nothing; the API server accepts it, this check is stricter",
    ]);
  });

  test('fails on a cluster-scoped resource in a namespaced rule, which a Role never grants', () => {
    expect(errorsOf({ containers, apiAccess: { namespaced: [{ apiGroups: ['', 'apps'], resources: ['pods', 'nodes/proxy'], verbs: ['get'] }] } })).toEqual([
      '[test/agent] DaemonSet agent: apiAccess.namespaced[0].resources: Invalid value: "nodes/proxy": is cluster-scoped, so a rule in the namespace (a Role) would grant nothing on it; move the rule to apiAccess.clusterWide. The API server accepts it, this check is stricter',
    ]);
  });

  test('fails if an escape-hatch patch breaks an RBAC rule of the API server, naming the object', () => {
    const { app, chart } = newChart({ namespace: 'logging' });
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers, apiAccess: podMetadataReader });
    agent.apiAccess!.clusterRole!.addJsonPatch(JsonPatch.replace('/rules/0/verbs', []));
    expect(synthErrors(app)).toEqual([
      '[test/agent] ClusterRole logging:agent: rules[0].verbs: Required value: verbs must contain at least one value',
    ]);
  });
});

describe('apiAccess rules, for any rules', () => {
  const VERBS: ApiVerb[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
  const rule: fc.Arbitrary<PolicyRule> = fc.record({
    apiGroups: fc.array(fc.oneof(fc.constant(''), name.map((n) => `${n}.example.com`)), { minLength: 1, maxLength: 3 }),
    // Prefixed: no generated name is a built-in cluster-scoped resource, which a namespaced rule refuses.
    resources: fc.array(fc.oneof(name.map((n) => `x-${n}`), name.map((n) => `x-${n}/status`)), { minLength: 1, maxLength: 3 }),
    verbs: fc.subarray(VERBS, { minLength: 1 }),
  }) as unknown as fc.Arbitrary<PolicyRule>; // minLength 1: the arrays are the non-empty tuples the type asks for
  const rules = fc.array(rule, { minLength: 1, maxLength: 4 }) as unknown as fc.Arbitrary<[PolicyRule, ...PolicyRule[]]>;

  test('are emitted as given, in Roles and ClusterRoles the API server accepts', () => {
    fc.assert(fc.property(rules, rules, (namespaced, clusterWide) => {
      const { app, chart } = newChart({ namespace: 'apps' });
      new BatchJob(chart, 'job', { metadata: { name: 'job' }, containers, apiAccess: { namespaced, clusterWide } });
      expect(() => app.synth()).not.toThrow();
      const [role] = manifestsOfKind(chart, 'Role');
      const [clusterRole] = manifestsOfKind(chart, 'ClusterRole');
      expect(role.rules).toEqual(namespaced);
      expect(clusterRole.rules).toEqual(clusterWide);
      for (const kind of RBAC_KINDS) expect(manifestsOfKind(chart, kind).flatMap((m) => validateManifest(m))).toEqual([]);
    }), { numRuns: 50 });
  });
});
