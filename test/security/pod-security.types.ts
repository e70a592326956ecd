/**
 * Type tests for Pod Security: each `@ts-expect-error` line must fail to compile, so a guarantee that stops
 * holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { App, Chart } from 'cdk8s';
import { NodeAgent, PodSecurity, PodSecurityCheckId, PodSecurityLevel } from '../../src';

declare const app: App;
declare const chart: Chart;
const containers = [{ name: 'agent', image: 'agent:1.0' }];

// --- what must compile -------------------------------------------------------------------------------------
PodSecurity.enforce(app, 'restricted');
PodSecurity.enforce(chart, 'baseline');
PodSecurity.enforce(chart, 'privileged');
const agent = new NodeAgent(chart, 'ok', {
  containers: [{ ...containers[0], ports: [{ containerPort: 9100, hostPort: 9100 }] }],
  hostNetwork: true,
  hostPID: true,
  hostIPC: true,
});
const level: PodSecurityLevel = agent.podSecurity.level;
const check: PodSecurityCheckId = agent.podSecurity.violations[0].check;
export { level, check };

// --- levels are the three Pod Security Standards ---------------------------------------------------------------
// @ts-expect-error there is no 'strict' level
PodSecurity.enforce(chart, 'strict');
// @ts-expect-error levels are lower case, as in the namespace labels
PodSecurity.enforce(chart, 'Baseline');

// --- a policy is set on a chart or the app, not on one workload ------------------------------------------------
// @ts-expect-error a NodeAgent is no Chart or App
PodSecurity.enforce(agent, 'baseline');

// --- check IDs are PSA's own ------------------------------------------------------------------------------------
// @ts-expect-error PSA has capabilities_baseline and capabilities_restricted, no plain 'capabilities'
const plain: PodSecurityCheckId = 'capabilities';
export { plain };

// --- host access is only reachable through the named opt-ins ---------------------------------------------------
// @ts-expect-error there is no pod-wide privileged switch
new NodeAgent(chart, 'all', { containers, privileged: true });
// @ts-expect-error host ports are written next to their port, as in the manifest: ports: [{ containerPort, hostPort }]
new NodeAgent(chart, 'port', { containers, hostPorts: { metrics: 9100 } });
// @ts-expect-error hostNetwork is a boolean
new NodeAgent(chart, 'net', { containers, hostNetwork: 'true' });
// @ts-expect-error privileged is a container setting: securityContext: { privileged: true } on the container
new NodeAgent(chart, 'list', { containers, privilegedContainers: ['agent'] });
