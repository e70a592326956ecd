/**
 * Type tests for the pod and container security contexts: each `@ts-expect-error` line must fail to compile, so
 * a guarantee that stops holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { BatchJob, Completion, ContainerSecurityContext, NodeAgent, OrderedStore, PodSecurityContext, ScheduledJob } from '../../src';

declare const chart: Chart;
const image = 'nginx:1.25';

// --- what must compile -------------------------------------------------------------------------------------
// The three relaxations, per container and per pod, on every construct; privileged on regular and init containers.
const asBuilt: ContainerSecurityContext = { runAsNonRoot: false, readOnlyRootFilesystem: false, capabilities: 'RuntimeDefault' };
const pod: PodSecurityContext = {
  runAsNonRoot: false,
  readOnlyRootFilesystem: false,
  capabilities: 'RuntimeDefault',
  runAsUser: 1000,
  runAsGroup: 3000,
  fsGroup: 2000,
  fsGroupChangePolicy: 'OnRootMismatch',
  supplementalGroups: [4000],
  sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
  seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
  seLinuxOptions: { level: 's0:c123,c456' },
};
new NodeAgent(chart, 'agent', {
  securityContext: pod,
  initContainers: [{ name: 'setup', image, securityContext: { privileged: true } }],
  containers: [{ name: 'web', image, securityContext: asBuilt }, { name: 'csi', image, securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
});
new OrderedStore(chart, 'store', { replicas: 1, securityContext: { fsGroupChangePolicy: 'Always' }, containers: [{ name: 'db', image, securityContext: { privileged: true } }] });
new BatchJob(chart, 'job', { completion: Completion.oneShot(), securityContext: { runAsNonRoot: false }, containers: [{ name: 'job', image }] });
new ScheduledJob(chart, 'cron', { schedule: '@daily', containers: [{ name: 'cron', image, securityContext: { privileged: true, allowPrivilegeEscalation: true } }] });
// privileged: false keeps every setting available.
const unprivileged: ContainerSecurityContext = { privileged: false, allowPrivilegeEscalation: true };
// A computed boolean is accepted as long as no setting contradicts either value.
declare const computed: boolean;
const either: ContainerSecurityContext = { privileged: computed, runAsNonRoot: false };
export { unprivileged, either };

// --- literals are Kubernetes' own -------------------------------------------------------------------------------
// @ts-expect-error fsGroupChangePolicy is 'OnRootMismatch' or 'Always'
const policy: PodSecurityContext = { fsGroupChangePolicy: 'OnMismatch' };
// @ts-expect-error the runtime's default capabilities are 'RuntimeDefault', as for seccomp
const defaults: ContainerSecurityContext = { capabilities: 'Default' };
// @ts-expect-error a Localhost seccomp profile names its file
const localhost: PodSecurityContext = { seccompProfile: { type: 'Localhost' } };
// @ts-expect-error supplementalGroups are numeric GIDs
const groups: PodSecurityContext = { supplementalGroups: ['wheel'] };
// @ts-expect-error sysctls are a list of { name, value }, as in the manifest
const sysctls: PodSecurityContext = { sysctls: { 'net.ipv4.tcp_syncookies': '1' } };
export { policy, defaults, localhost, groups, sysctls };

// --- privileged is per container, and cannot be contradicted ---------------------------------------------------------
// @ts-expect-error the API server rejects allowPrivilegeEscalation: false with privileged: true
const contradiction: ContainerSecurityContext = { privileged: true, allowPrivilegeEscalation: false };
// @ts-expect-error there is no pod-wide privileged switch: privileged is set on the container that needs it
const podWide: PodSecurityContext = { privileged: true };
// @ts-expect-error allowPrivilegeEscalation is a container field in Kubernetes, not a pod one
const podEscalation: PodSecurityContext = { allowPrivilegeEscalation: true };
// @ts-expect-error a computed privileged may be true, and then allowPrivilegeEscalation: false is rejected
const maybeContradiction: ContainerSecurityContext = { privileged: computed, allowPrivilegeEscalation: false };
export { contradiction, podWide, podEscalation, maybeContradiction };

// --- fsGroup lives in the pod's securityContext, as in the manifest ----------------------------------------------------
// @ts-expect-error write securityContext: { fsGroup: 2000 }
new NodeAgent(chart, 'fsgroup', { fsGroup: 2000, containers: [{ name: 'agent', image }] });
