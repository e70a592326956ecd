/**
 * Type tests for apiAccess: each `@ts-expect-error` line must fail to compile, so a guarantee that stops holding
 * fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { ApiAccess, BatchJob, NodeAgent, OrderedStore, PolicyRule, ScheduledJob } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'app', image: 'registry.example.com/app:1.0.0' }];
const readPods: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };

// --- what must compile: one prop, the same on all four constructs ------------------------------------------------
new NodeAgent(chart, 'agent', { containers, apiAccess: { clusterWide: [readPods] } });
new OrderedStore(chart, 'store', { containers, apiAccess: { namespaced: [readPods] } });
new BatchJob(chart, 'job', { containers, apiAccess: { namespaced: [readPods], clusterWide: [readPods] } });
new ScheduledJob(chart, 'cron', { containers, schedule: '0 3 * * *', apiAccess: { namespaced: [readPods] } });
const leaderElection: ApiAccess = {
  namespaced: [
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['leader'], verbs: ['get', 'update', 'patch', 'delete', 'list', 'watch'] },
  ],
};
new NodeAgent(chart, 'elected', { containers, apiAccess: leaderElection });
// An existing account by name, its token mounted explicitly.
new NodeAgent(chart, 'existing', { containers, serviceAccountName: 'fluent-bit', automountServiceAccountToken: true });

// --- access names at least one rule, in at least one scope ------------------------------------------------------
// @ts-expect-error no scope at all
new NodeAgent(chart, 'e1', { containers, apiAccess: {} });
// @ts-expect-error an empty list of rules
new NodeAgent(chart, 'e2', { containers, apiAccess: { namespaced: [] } });

// --- verbs are the Kubernetes verbs; '*' and the special verbs are not among them -------------------------------
// @ts-expect-error a wildcard verb would grant every verb, including ones added later
const wildcardVerb: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['*'] };
// @ts-expect-error a typo of a verb
const typo: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['read'] };
// @ts-expect-error escalate is a special verb: bind an existing account to a role of your own
const escalate: PolicyRule = { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate'] };
// @ts-expect-error a rule allows at least one verb
const noVerb: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: [] };

// --- groups and resources are required and non-empty -----------------------------------------------------------
// @ts-expect-error apiGroups is required ('' is the core group)
const noGroups: PolicyRule = { resources: ['pods'], verbs: ['get'] };
// @ts-expect-error at least one resource
const noResources: PolicyRule = { apiGroups: [''], resources: [], verbs: ['get'] };

// --- resourceNames cannot limit create or deletecollection, whose requests name no object ------------------------
// @ts-expect-error create with resourceNames would never be allowed
const namedCreate: PolicyRule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['lock'], verbs: ['create'] };
// @ts-expect-error deletecollection with resourceNames would never be allowed
const namedDeleteCollection: PolicyRule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['lock'], verbs: ['get', 'deletecollection'] };

export { wildcardVerb, typo, escalate, noVerb, noGroups, noResources, namedCreate, namedDeleteCollection };
