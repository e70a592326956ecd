import { Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { BatchJob, ContainerProps, NodeAgent, NodeAgentProps, OrderedStore, PodTemplateProps, ScheduledJob, Volume } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

/** The pod spec each of the four constructs emits for the same pod template props. */
const constructs: [string, (chart: Chart, props: PodTemplateProps) => any][] = [
  ['NodeAgent', (chart, props) => { new NodeAgent(chart, 'pods', props); return manifestsOfKind(chart, 'DaemonSet')[0].spec.template.spec; }],
  ['OrderedStore', (chart, props) => { new OrderedStore(chart, 'pods', props); return manifestsOfKind(chart, 'StatefulSet')[0].spec.template.spec; }],
  ['BatchJob', (chart, props) => { new BatchJob(chart, 'pods', props); return manifestsOfKind(chart, 'Job')[0].spec.template.spec; }],
  ['ScheduledJob', (chart, props) => {
    new ScheduledJob(chart, 'pods', { ...props, schedule: '0 3 * * *' });
    return manifestsOfKind(chart, 'CronJob')[0].spec.jobTemplate.spec.template.spec;
  }],
];

function podSpecOf(construct: (chart: Chart, props: PodTemplateProps) => any, props: PodTemplateProps): any {
  return construct(newChart().chart, props);
}

/** A container using every container field this file is about. */
const app: ContainerProps = {
  name: 'app',
  image: 'registry.example.com/app:1.2.0',
  env: [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'LOG_DIR', value: '/logs/$(POD_NAME)' },
  ],
  ports: [{ name: 'metrics', containerPort: 9100, hostPort: 19100, hostIP: '0.0.0.0' }, { name: 'http', containerPort: 8080 }],
  resources: {
    requests: { 'cpu': '500m', 'memory': '1Gi', 'hugepages-2Mi': '256Mi', 'nvidia.com/gpu': '1' },
    limits: { 'memory': '1Gi', 'hugepages-2Mi': '256Mi', 'nvidia.com/gpu': '1' },
  },
  lifecycle: {
    postStart: { httpGet: { port: 'http', path: '/warm-up' } },
    preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } },
  },
  volumeMounts: [
    { name: 'kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'HostToContainer' },
    { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' },
    { name: 'config', mountPath: '/etc/app' },
    { name: 'podinfo', mountPath: '/etc/podinfo' },
    { name: 'secrets', mountPath: '/mnt/secrets' },
  ],
  volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvdb' }],
};

const volumes: Volume[] = [
  { name: 'kubelet', hostPath: { path: '/var/lib/kubelet', type: 'Directory' } },
  { name: 'logs', emptyDir: {} },
  {
    name: 'config',
    projected: {
      defaultMode: 0o440,
      sources: [
        { configMap: { name: 'app-settings' } },
        { secret: { name: 'app-tls', items: [{ key: 'tls.crt', path: 'tls/tls.crt' }] } },
        { serviceAccountToken: { path: 'vault-token', audience: 'vault', expirationSeconds: 3600 } },
      ],
    },
  },
  {
    name: 'podinfo',
    downwardAPI: {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'memory-limit', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
      ],
    },
  },
  { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'app-vault' } } },
  {
    name: 'scratch',
    ephemeral: {
      volumeClaimTemplate: {
        metadata: { labels: { 'app.kubernetes.io/name': 'app' } },
        spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
      },
    },
  },
];

/** Every pod field this file is about. */
const fullPod: PodTemplateProps = {
  podMetadata: { labels: { tier: 'app' } },
  containers: [app],
  volumes,
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      minDomains: 3,
      labelSelector: { matchLabels: { tier: 'app' } },
      matchLabelKeys: ['pod-template-hash'],
      nodeAffinityPolicy: 'Ignore',
      nodeTaintsPolicy: 'Honor',
    },
    {
      maxSkew: 2,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['app'] }] },
    },
  ],
  runtimeClassName: 'nvidia',
  dnsPolicy: 'None',
  dnsConfig: { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
  hostAliases: [{ ip: '10.0.0.5', hostnames: ['registry.local', 'mirror.local'] }],
};

const NEW_POD_FIELDS = ['dnsPolicy', 'dnsConfig', 'hostAliases', 'runtimeClassName', 'topologySpreadConstraints'];
const NEW_CONTAINER_FIELDS = ['lifecycle', 'volumeDevices'];

describe.each(constructs)('%s pod fields', (_kind, construct) => {
  test('defaults: none of the new fields is emitted unless set', () => {
    const spec = podSpecOf(construct, {
      containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
    });
    for (const field of NEW_POD_FIELDS) expect(spec).not.toHaveProperty(field);
    for (const field of NEW_CONTAINER_FIELDS) expect(spec.containers[0]).not.toHaveProperty(field);
    expect(spec.containers[0].ports).toEqual([{ containerPort: 8080 }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  test('fully configured: every field is emitted as written', () => {
    const spec = podSpecOf(construct, fullPod);
    expect(spec.runtimeClassName).toBe('nvidia');
    expect(spec.dnsPolicy).toBe('None');
    expect(spec.dnsConfig).toEqual({
      nameservers: ['10.96.0.10'],
      searches: ['default.svc.cluster.local', 'svc.cluster.local'],
      options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
    });
    expect(spec.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['registry.local', 'mirror.local'] }]);
    expect(spec.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        minDomains: 3,
        labelSelector: { matchLabels: { tier: 'app' } },
        matchLabelKeys: ['pod-template-hash'],
        nodeAffinityPolicy: 'Ignore',
        nodeTaintsPolicy: 'Honor',
      },
      {
        maxSkew: 2,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['app'] }] },
      },
    ]);

    const container = spec.containers[0];
    expect(container.env).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'LOG_DIR', value: '/logs/$(POD_NAME)' },
    ]);
    expect(container.ports).toEqual([
      { name: 'metrics', containerPort: 9100, hostPort: 19100, hostIP: '0.0.0.0' },
      { name: 'http', containerPort: 8080 },
    ]);
    expect(container.resources).toEqual({
      requests: { 'cpu': '500m', 'memory': '1Gi', 'hugepages-2Mi': '256Mi', 'nvidia.com/gpu': '1' },
      limits: { 'memory': '1Gi', 'hugepages-2Mi': '256Mi', 'nvidia.com/gpu': '1' },
    });
    expect(container.lifecycle).toEqual({
      postStart: { httpGet: { port: 'http', path: '/warm-up' } },
      preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } },
    });
    expect(container.volumeMounts).toEqual([
      // A hostPath mount stays read-only by default, with or without propagation.
      { name: 'kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'HostToContainer', readOnly: true },
      { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' },
      { name: 'config', mountPath: '/etc/app' },
      { name: 'podinfo', mountPath: '/etc/podinfo' },
      { name: 'secrets', mountPath: '/mnt/secrets' },
    ]);
    expect(container.volumeDevices).toEqual([{ name: 'scratch', devicePath: '/dev/xvdb' }]);

    const volumeNamed = (name: string) => spec.volumes.find((v: any) => v.name === name);
    expect(volumeNamed('config')).toEqual({
      name: 'config',
      projected: {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: 'app-settings' } },
          { secret: { name: 'app-tls', items: [{ key: 'tls.crt', path: 'tls/tls.crt' }] } },
          { serviceAccountToken: { path: 'vault-token', audience: 'vault', expirationSeconds: 3600 } },
        ],
      },
    });
    expect(volumeNamed('podinfo')).toEqual({
      name: 'podinfo',
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'memory-limit', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
        ],
      },
    });
    expect(volumeNamed('secrets')).toEqual({
      name: 'secrets',
      csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'app-vault' } },
    });
    expect(volumeNamed('scratch')).toEqual({
      name: 'scratch',
      ephemeral: {
        volumeClaimTemplate: {
          metadata: { labels: { 'app.kubernetes.io/name': 'app' } },
          spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
        },
      },
    });
  });
});

describe('pod fields on a NodeAgent', () => {
  test('fully configured: the whole DaemonSet YAML as in the snapshot', () => {
    const { chart } = newChart();
    new NodeAgent(chart, 'agent', fullPod);
    expect(chartYaml(chart)).toMatchSnapshot();
  });

  test('the rendered JSON shares no object with the props', () => {
    const { chart } = newChart();
    new NodeAgent(chart, 'agent', fullPod);
    const spec = manifestsOfKind(chart, 'DaemonSet')[0].spec.template.spec;
    spec.topologySpreadConstraints[0].labelSelector.matchLabels.x = 'y';
    spec.containers[0].lifecycle.preStop.exec.command.push('x');
    expect(fullPod.topologySpreadConstraints![0].labelSelector!.matchLabels).toEqual({ tier: 'app' });
    expect((app.lifecycle!.preStop as any).exec.command).toEqual(['/bin/sh', '-c', 'sleep 10']);
  });

  test('a CSI node plugin: Bidirectional propagation in a privileged container, cluster DNS on the host network', () => {
    const { app: cdkApp, chart } = newChart();
    new NodeAgent(chart, 'csi', {
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      containers: [{
        name: 'node-plugin',
        image: 'registry.k8s.io/sig-storage/hostpathplugin:v1.11.0',
        securityContext: { privileged: true },
        volumeMounts: [{ name: 'pods', mountPath: '/var/lib/kubelet/pods', mountPropagation: 'Bidirectional', readOnly: false }],
      }],
      volumes: [{ name: 'pods', hostPath: { path: '/var/lib/kubelet/pods', type: 'DirectoryOrCreate' } }],
    });
    cdkApp.synth();
    const spec = manifestsOfKind(chart, 'DaemonSet')[0].spec.template.spec;
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'pods', mountPath: '/var/lib/kubelet/pods', mountPropagation: 'Bidirectional', readOnly: false }]);
  });

  test('env in the list form comes after the construct\'s own variables, and replaces one of the same name', () => {
    const envOf = (props: NodeAgentProps) => {
      const { chart } = newChart();
      new NodeAgent(chart, 'agent', props);
      return manifestsOfKind(chart, 'DaemonSet')[0].spec.template.spec.containers[0].env;
    };
    const nodeName = { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } };
    expect(envOf({ nodeNameEnv: 'NODE_NAME', containers: [{ name: 'a', image: 'a:1', env: [{ name: 'A', value: 'a' }, { name: 'B' }] }] }))
      .toEqual([nodeName, { name: 'A', value: 'a' }, { name: 'B' }]);
    expect(envOf({ nodeNameEnv: 'NODE_NAME', containers: [{ name: 'a', image: 'a:1', env: [{ name: 'A', value: 'a' }, { name: 'NODE_NAME', value: 'fixed' }] }] }))
      .toEqual([{ name: 'A', value: 'a' }, { name: 'NODE_NAME', value: 'fixed' }]);
    // The map form, as before: the construct's variable keeps its place and takes the container's value.
    expect(envOf({ nodeNameEnv: 'NODE_NAME', containers: [{ name: 'a', image: 'a:1', env: { A: 'a', NODE_NAME: 'fixed' } }] }))
      .toEqual([{ name: 'NODE_NAME', value: 'fixed' }, { name: 'A', value: 'a' }]);
  });

  test('fails if an env name in the list form is invalid, naming the variable (not its index)', () => {
    const { app: cdkApp, chart } = newChart();
    new NodeAgent(chart, 'agent', { containers: [{ name: 'a', image: 'a:1', env: [{ name: 'OK', value: '1' }, { name: '1BAD', value: '2' }] }] });
    const errors = synthErrors(cdkApp);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes("'1BAD'") || e.includes('"1BAD"'))).toBe(true);
  });
});

describe('pod fields: no hidden opinions', () => {
  /** A valid value for each new pod field, and for each new container field. */
  const podValues: Partial<PodTemplateProps> = {
    topologySpreadConstraints: fullPod.topologySpreadConstraints,
    runtimeClassName: fullPod.runtimeClassName,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: { options: [{ name: 'ndots', value: '1' }] },
    hostAliases: fullPod.hostAliases,
  };
  const containerValues: Partial<ContainerProps> = { lifecycle: app.lifecycle, volumeDevices: app.volumeDevices };

  test('whatever subset of the new fields is set, exactly that subset is emitted, as written', () => {
    const subset = <T extends object>(values: T) => fc.subarray(Object.keys(values) as (keyof T)[]);
    fc.assert(fc.property(subset(podValues), subset(containerValues), (podFields, containerFields) => {
      const container: ContainerProps = { ...app, lifecycle: undefined, volumeDevices: undefined };
      for (const field of containerFields) (container as any)[field] = containerValues[field];
      const props: PodTemplateProps = { ...fullPod, containers: [container] };
      for (const field of NEW_POD_FIELDS) delete (props as any)[field];
      for (const field of podFields) (props as any)[field] = podValues[field];
      const spec = podSpecOf(constructs[0][1], props);
      expect(NEW_POD_FIELDS.filter((field) => field in spec).sort()).toEqual([...podFields].sort());
      expect(NEW_CONTAINER_FIELDS.filter((field) => field in spec.containers[0]).sort()).toEqual([...containerFields].sort());
      for (const field of podFields) expect(spec[field]).toEqual(podValues[field]);
      for (const field of containerFields) expect(spec.containers[0][field]).toEqual(containerValues[field]);
    }), { numRuns: 40 });
  });

  test('the new volume sources, lifecycle hooks, DNS and topology spread keep the pods at restricted', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', {
      ...fullPod,
      containers: [{ ...app, ports: [{ name: 'http', containerPort: 8080 }], volumeMounts: app.volumeMounts!.filter((m) => m.name !== 'kubelet') }],
      volumes: volumes.filter((v) => !v.hostPath),
    });
    expect(agent.podSecurity.violations).toEqual([]);
    expect(agent.podSecurity.level).toBe('restricted');
  });
});

// ---------------------------------------------------------------------------------------------------------
// The API server's rules for these fields, checked by the manifest validator on what the construct renders.
// `test.failing`: the rule is not in the validator yet (the `rules` branch adds it); flip to `test` once it is.
// ---------------------------------------------------------------------------------------------------------

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;
const base = { name: 'app', image: 'app:1' };

function errorsOf(props: NodeAgentProps): string[] {
  const { app: cdkApp, chart } = newChart();
  new NodeAgent(chart, 'agent', props);
  return synthErrors(cdkApp);
}

interface RuleCase {
  readonly name: string;
  readonly props: NodeAgentProps;
  /** The manifest field the API server reports. */
  readonly field: string;
  /** The offending value as the line shows it, when the API server shows one. */
  readonly value?: string;
}

function expectReported({ props, field, value }: RuleCase): void {
  const errors = errorsOf(props);
  expect(errors.some((e) => e.includes(`${field}:`) && (value === undefined || e.includes(value)))).toBe(true);
}

/** Rules the validator had before the pod-spec rules of issue 12 were added. */
const present: RuleCase[] = [
  {
    name: 'dnsPolicy None without a nameserver',
    props: { containers: [base], dnsPolicy: 'None' },
    field: `${P}.dnsConfig`,
  },
  {
    name: 'hostPort out of range',
    props: { containers: [{ ...base, ports: [{ containerPort: 9100, hostPort: 70000 }] }] },
    field: `${C}.ports[0].hostPort`,
    value: '70000',
  },
  {
    name: 'hostPort different from containerPort with hostNetwork',
    props: { hostNetwork: true, containers: [{ ...base, ports: [{ containerPort: 9100, hostPort: 9101 }] }] },
    field: `${C}.ports[0].hostPort`,
    value: '9101',
  },
  {
    name: 'the same hostPort in two containers',
    props: {
      containers: [
        { ...base, ports: [{ containerPort: 9100, hostPort: 9100 }] },
        { name: 'sidecar', image: 'sidecar:1', ports: [{ containerPort: 9200, hostPort: 9100 }] },
      ],
    },
    field: `${P}.containers[1].ports[0].hostPort`,
    value: '9100',
  },
  {
    name: 'lifecycle on an init container',
    props: { containers: [base], initContainers: [{ name: 'init', image: 'init:1', lifecycle: { preStop: { exec: { command: ['x'] } } } }] },
    field: `${P}.initContainers[0].lifecycle`,
  },
  {
    name: 'an extended resource whose request differs from its limit',
    props: { containers: [{ ...base, resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } } }] },
    field: `${C}.resources.requests`,
    value: '"1"',
  },
  {
    name: 'a fractional extended resource',
    props: { containers: [{ ...base, resources: { requests: { 'nvidia.com/gpu': '500m' }, limits: { 'nvidia.com/gpu': '500m' } } }] },
    field: `${C}.resources.limits[nvidia.com/gpu]`,
    value: '"500m"',
  },
  {
    name: 'huge pages without cpu or memory',
    props: { containers: [{ ...base, resources: { requests: { 'hugepages-2Mi': '256Mi' }, limits: { 'hugepages-2Mi': '256Mi' } } }] },
    field: `${C}.resources`,
  },
];

/** Rules the validator gained with the pod-spec rules of issue 12 (each failed before them). */
const added: RuleCase[] = [
  {
    name: 'topology spread maxSkew 0',
    props: { containers: [base], topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }] },
    field: `${P}.topologySpreadConstraints[0].maxSkew`,
    value: '0',
  },
  {
    name: 'topology spread without a topologyKey',
    props: { containers: [base], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }] },
    field: `${P}.topologySpreadConstraints[0].topologyKey`,
  },
  {
    name: 'topology spread minDomains 0',
    props: { containers: [base], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 0 }] },
    field: `${P}.topologySpreadConstraints[0].minDomains`,
    value: '0',
  },
  {
    name: 'two topology spread constraints for the same topologyKey and whenUnsatisfiable',
    props: {
      containers: [base],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    },
    // validateTopologySpreadConstraints reports the first of the two.
    field: `${P}.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}`,
    value: '{zone, DoNotSchedule}',
  },
  {
    name: 'more than 3 nameservers',
    props: { containers: [base], dnsConfig: { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'] } },
    field: `${P}.dnsConfig.nameservers`,
  },
  {
    name: 'a nameserver that is no IP address',
    props: { containers: [base], dnsConfig: { nameservers: ['dns.local'] } },
    field: `${P}.dnsConfig.nameservers[0]`,
    value: 'dns.local',
  },
  {
    name: 'more than 32 search domains',
    props: { containers: [base], dnsConfig: { searches: Array.from({ length: 33 }, (_, i) => `d${i}.example.com`) } },
    field: `${P}.dnsConfig.searches`,
  },
  {
    name: 'a DNS option without a name',
    props: { containers: [base], dnsConfig: { options: [{ name: '' }] } },
    field: `${P}.dnsConfig.options[0]`,
  },
  {
    name: 'a host alias whose ip is no IP address',
    props: { containers: [base], hostAliases: [{ ip: 'registry', hostnames: ['registry.local'] }] },
    // The 1.27 API server reports it without the index (validateHostAliases: fldPath.Child("ip")).
    field: `${P}.hostAliases.ip`,
    value: 'registry',
  },
  {
    name: 'a runtimeClassName that is no DNS subdomain',
    props: { containers: [base], runtimeClassName: 'Nvidia_GPU' },
    field: `${P}.runtimeClassName`,
    value: 'Nvidia_GPU',
  },
  {
    name: 'Bidirectional propagation in a container that is not privileged',
    props: {
      containers: [{ ...base, volumeMounts: [{ name: 'pods', mountPath: '/var/lib/kubelet/pods', mountPropagation: 'Bidirectional' }] }],
      volumes: [{ name: 'pods', hostPath: { path: '/var/lib/kubelet/pods' } }],
    },
    // Without the index, as the API server reports it (validateVolumeMounts passes the list's path).
    field: `${C}.volumeMounts.mountPropagation`,
  },
  {
    name: 'an absolute subPathExpr',
    props: { containers: [{ ...base, volumeMounts: [{ name: 'logs', mountPath: '/logs', subPathExpr: '/$(POD_NAME)' }] }], volumes: [{ name: 'logs', emptyDir: {} }] },
    // Without the index, as the API server reports it (validateVolumeMounts passes the list's path).
    field: `${C}.volumeMounts.subPathExpr`,
    value: '/$(POD_NAME)',
  },
  {
    name: 'a preStop exec without a command',
    props: { containers: [{ ...base, lifecycle: { preStop: { exec: { command: [] } } } }] },
    field: `${C}.lifecycle.preStop.exec.command`,
  },
  {
    name: 'a postStart httpGet port out of range',
    props: { containers: [{ ...base, lifecycle: { postStart: { httpGet: { port: 70000 } } } }] },
    field: `${C}.lifecycle.postStart.httpGet.port`,
    value: '70000',
  },
  {
    name: 'a volume device naming no volume',
    props: { containers: [{ ...base, volumeDevices: [{ name: 'disk', devicePath: '/dev/xvdb' }] }] },
    field: `${C}.volumeDevices[0].name`,
    value: 'disk',
  },
  {
    name: 'a volume device on a volume that is no claim',
    props: { containers: [{ ...base, volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvdb' }] }], volumes: [{ name: 'scratch', emptyDir: {} }] },
    field: `${C}.volumeDevices[0].name`,
    value: 'scratch',
  },
  {
    name: 'a projected defaultMode above 0777',
    props: { containers: [base], volumes: [{ name: 'p', projected: { defaultMode: 0o1000, sources: [{ configMap: { name: 'c' } }] } }] },
    field: `${P}.volumes[0].projected.defaultMode`,
    value: '512',
  },
  {
    name: 'a service account token that expires in under 10 minutes',
    props: { containers: [base], volumes: [{ name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }] } }] },
    field: `${P}.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds`,
    value: '60',
  },
  {
    name: 'a downwardAPI file path with ..',
    props: { containers: [base], volumes: [{ name: 'd', downwardAPI: { items: [{ path: '../labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] },
    // validateDownwardAPIVolumeSource passes the source's path, not the item's, to each file.
    field: `${P}.volumes[0].downwardAPI.path`,
    value: '../labels',
  },
  {
    name: 'a CSI volume without a driver',
    props: { containers: [base], volumes: [{ name: 's', csi: { driver: '' } }] },
    field: `${P}.volumes[0].csi.driver`,
  },
  {
    name: 'an ephemeral claim without access modes',
    props: { containers: [base], volumes: [{ name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: [], resources: { requests: { storage: '1Gi' } } } } } }] },
    field: `${P}.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes`,
  },
];

describe('pod fields: the API server\'s rules, reported at synth', () => {
  test.each(present.map((c) => [c.name, c] as const))('fails on %s', (_name, c) => expectReported(c));
  test.each(added.map((c) => [c.name, c] as const))('fails on %s', (_name, c) => expectReported(c));
});
