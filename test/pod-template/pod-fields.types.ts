/**
 * Type tests for the pod and container fields of the shared pod template (lifecycle, topology spread, DNS,
 * volume mounts and devices, the projected/downwardAPI/CSI/ephemeral volumes, extended resources, host ports, env):
 * each `@ts-expect-error` line must fail to compile, so a guarantee that stops holding fails
 * `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { BatchJob, ContainerProps, NodeAgent, OrderedStore, ScheduledJob, TopologySpreadConstraint, Volume } from '../../src';

declare const chart: Chart;
const image = 'agent:1.0';

// --- what must compile: every field, on all four constructs ------------------------------------------------------
const container: ContainerProps = {
  name: 'app',
  image,
  env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'EMPTY' }],
  ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, hostIP: '127.0.0.1' }],
  resources: {
    requests: { 'cpu': '1', 'memory': '1Gi', 'hugepages-2Mi': '512Mi', 'nvidia.com/gpu': '1' },
    limits: { 'memory': '1Gi', 'hugepages-2Mi': '512Mi', 'nvidia.com/gpu': '1' },
  },
  lifecycle: {
    postStart: { httpGet: { port: 'metrics', path: '/ready' } },
    preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 5'] } },
  },
  volumeMounts: [
    { name: 'kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'HostToContainer' },
    { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD)' },
    { name: 'logs', mountPath: '/one', subPath: 'one' },
  ],
  volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }],
};
const volumes: Volume[] = [
  { name: 'kubelet', hostPath: { path: '/var/lib/kubelet' } },
  {
    name: 'all-in-one',
    projected: {
      defaultMode: 0o440,
      sources: [
        { secret: { name: 'tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] } },
        { configMap: { name: 'settings' } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } },
      ],
    },
  },
  {
    name: 'podinfo',
    downwardAPI: {
      items: [
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
        { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" } },
        { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
      ],
    },
  },
  { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } } },
  {
    name: 'block',
    ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', resources: { requests: { storage: '10Gi' } } } } },
  },
  { name: 'logs', emptyDir: {} },
];
const spread: TopologySpreadConstraint[] = [
  { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, labelSelector: { matchLabels: { app: 'web' } } },
  { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', matchLabelKeys: ['pod-template-hash'], nodeTaintsPolicy: 'Honor' },
];
const pod = {
  containers: [container],
  volumes,
  topologySpreadConstraints: spread,
  dnsPolicy: 'ClusterFirstWithHostNet',
  dnsConfig: { nameservers: ['10.0.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['registry.local'] }],
  runtimeClassName: 'gvisor',
} as const;
new NodeAgent(chart, 'agent', pod);
new OrderedStore(chart, 'store', pod);
new BatchJob(chart, 'job', pod);
new ScheduledJob(chart, 'cron', { ...pod, schedule: '0 3 * * *' });
// The map form of env stays.
new BatchJob(chart, 'map', { containers: [{ name: 'app', image, env: { LOG_LEVEL: 'info', PASSWORD: { secretKeyRef: { name: 'db', key: 'password' } } } }] });

// --- lifecycle: exactly one handler, exec or httpGet ----------------------------------------------------------------
const withLifecycle = (lifecycle: ContainerProps['lifecycle']) => new BatchJob(chart, 'l', { containers: [{ name: 'app', image, lifecycle }] });
// @ts-expect-error two handlers in one hook
withLifecycle({ preStop: { exec: { command: ['drain'] }, httpGet: { port: 8080 } } });
// @ts-expect-error a hook needs a handler
withLifecycle({ preStop: {} });
// @ts-expect-error tcpSocket is not run by the kubelet as a hook (Kubernetes keeps it only for compatibility)
withLifecycle({ preStop: { tcpSocket: { port: 8080 } } });
// sleep compiles for every target (Kubernetes 1.29+; a 1.27 target fails at synth, naming 1.29)
withLifecycle({ preStop: { sleep: { seconds: 5 } } });
// @ts-expect-error sleep is a handler of its own, not beside exec
withLifecycle({ preStop: { sleep: { seconds: 5 }, exec: { command: ['drain'] } } });
// @ts-expect-error sleep takes seconds
withLifecycle({ preStop: { sleep: {} } });
// @ts-expect-error the hooks are postStart and preStop
withLifecycle({ postStop: { exec: { command: ['x'] } } });

// --- topology spread: the whenUnsatisfiable literals; minDomains only with DoNotSchedule ---------------------------
// @ts-expect-error not a whenUnsatisfiable value
const wrongWhen: TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'doNotSchedule' };
// @ts-expect-error minDomains needs whenUnsatisfiable: 'DoNotSchedule'
const anywayMin: TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 };
// @ts-expect-error whenUnsatisfiable is required, as in the manifest
const noWhen: TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'zone' };
// @ts-expect-error nodeTaintsPolicy is Honor or Ignore
const taints: TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Respect' };
export { wrongWhen, anywayMin, noWhen, taints };

// --- DNS ------------------------------------------------------------------------------------------------------------
// @ts-expect-error the policy is ClusterFirstWithHostNet
new NodeAgent(chart, 'dns', { containers: [container], dnsPolicy: 'ClusterFirstWithHostNetwork' });

// --- volume mounts: propagation literals; subPath or subPathExpr, not both ------------------------------------------
const mountAs = (volumeMounts: ContainerProps['volumeMounts']) => new BatchJob(chart, 'm', { containers: [{ name: 'app', image, volumeMounts }], volumes });
// @ts-expect-error the Kubernetes value is Bidirectional, not the kernel's rshared
mountAs([{ name: 'kubelet', mountPath: '/k', mountPropagation: 'rshared' }]);
// @ts-expect-error subPath and subPathExpr are mutually exclusive
mountAs([{ name: 'logs', mountPath: '/l', subPath: 'a', subPathExpr: '$(POD)' }]);

// --- volumes and projections: exactly one source each ----------------------------------------------------------------
// @ts-expect-error two sources
const twoSources: Volume = { name: 'x', emptyDir: {}, projected: { sources: [] } };
// @ts-expect-error a projection has one source
const twoProjections: Volume = { name: 'x', projected: { sources: [{ secret: { name: 's' }, configMap: { name: 'c' } }] } };
// @ts-expect-error a projected secret is named by name, not secretName as in a secret volume
const secretName: Volume = { name: 'x', projected: { sources: [{ secret: { secretName: 's' } }] } };
// @ts-expect-error a downwardAPI file holds a fieldRef or a resourceFieldRef, not both
const bothRefs: Volume = { name: 'x', downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } };
// @ts-expect-error spec.nodeName is for environment variables only; volumes cannot hold it
const nodeNameFile: Volume = { name: 'x', downwardAPI: { items: [{ path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }] } };
// @ts-expect-error a volume's resourceFieldRef names its container
const noContainer: Volume = { name: 'x', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { resource: 'limits.cpu' } }] } };
// @ts-expect-error a claim needs at least its access modes and size
const noModes: Volume = { name: 'x', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' } } } } } };
// @ts-expect-error a CSI volume names its driver
const noDriver: Volume = { name: 'x', csi: { readOnly: true } };
export { twoSources, twoProjections, secretName, bothRefs, nodeNameFile, noContainer, noModes, noDriver };

// --- resources: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed extended resource ------------
const withResources = (resources: ContainerProps['resources']) => new BatchJob(chart, 'r', { containers: [{ name: 'app', image, resources }] });
// @ts-expect-error extended resources are domain-prefixed: 'nvidia.com/gpu'
withResources({ limits: { gpu: '1' } });
// @ts-expect-error a typo of cpu
withResources({ requests: { cpus: '1' } });
// @ts-expect-error quantities are strings
withResources({ limits: { 'nvidia.com/gpu': 1 } });

// --- ports: hostPort next to its port; no NodeAgent-only map -----------------------------------------------------------
// @ts-expect-error host ports are written next to their port: ports: [{ containerPort: 9100, hostPort: 9100 }]
new NodeAgent(chart, 'hostPorts', { containers: [container], hostPorts: { metrics: 9100 } });
// @ts-expect-error hostPort is a number
new BatchJob(chart, 'hp', { containers: [{ name: 'app', image, ports: [{ containerPort: 80, hostPort: '80' }] }] });

// --- env in the manifest's list form: value or valueFrom, not both -----------------------------------------------------
// @ts-expect-error value and valueFrom together
new BatchJob(chart, 'env', { containers: [{ name: 'app', image, env: [{ name: 'A', value: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] });
// @ts-expect-error a list item needs its name
new BatchJob(chart, 'env2', { containers: [{ name: 'app', image, env: [{ value: 'a' }] }] });
