import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { DaemonSetUpdateStrategy, IntOrPercent, NodeAgent, NodeAgentProps, Tolerations } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const agentContainer = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };

function synthAgent(props: NodeAgentProps): { daemonSet: any; yaml: string } {
  const { chart } = newChart();
  new NodeAgent(chart, 'agent', props);
  const [daemonSet] = manifestsOfKind(chart, 'DaemonSet');
  return { daemonSet, yaml: chartYaml(chart) };
}

function daemonSetOf(props: NodeAgentProps): any {
  return synthAgent(props).daemonSet;
}

/** The classic fluentd log shipper, as in the Kubernetes DaemonSet documentation. */
const fluentd: NodeAgentProps = {
  metadata: { name: 'fluentd-elasticsearch', namespace: 'kube-system', labels: { 'k8s-app': 'fluentd-logging' } },
  tolerations: Tolerations.controlPlane(),
  terminationGracePeriodSeconds: 30,
  nodeNameEnv: 'NODE_NAME',
  priorityClassName: 'system-node-critical',
  serviceAccountName: 'fluentd',
  containers: [{
    name: 'fluentd-elasticsearch',
    image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
    env: { FLUENT_ELASTICSEARCH_HOST: 'elasticsearch.logging', ES_PASSWORD: { secretKeyRef: { name: 'es', key: 'password' } } },
    ports: [{ name: 'metrics', containerPort: 24231 }],
    resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } },
    livenessProbe: { httpGet: { path: '/metrics', port: 'metrics' }, periodSeconds: 30 },
    volumeMounts: [
      { name: 'varlog', mountPath: '/var/log' },
      { name: 'containers', mountPath: '/var/lib/docker/containers' },
      { name: 'buffer', mountPath: '/var/run/fluentd' },
    ],
    securityContext: { runAsNonRoot: false, runAsUser: 0 },
  }],
  volumes: [
    { name: 'varlog', hostPath: { path: '/var/log' } },
    { name: 'containers', hostPath: { path: '/var/lib/docker/containers', type: 'Directory' } },
    { name: 'buffer', emptyDir: { sizeLimit: '1Gi' } },
  ],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' }),
  minReadySeconds: 10,
  revisionHistoryLimit: 5,
};

describe('NodeAgent defaults', () => {
  const { daemonSet, yaml } = synthAgent({ containers: [agentContainer] });
  const pod = daemonSet.spec.template.spec;
  const container = pod.containers[0];

  test('emit the whole DaemonSet YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('are an apps/v1 DaemonSet with no replicas', () => {
    expect(daemonSet.apiVersion).toBe('apps/v1');
    expect(daemonSet.kind).toBe('DaemonSet');
    expect(daemonSet.spec.replicas).toBeUndefined();
  });

  test('select the pods by a label that is on the pod template', () => {
    expect(daemonSet.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': daemonSet.metadata.name } });
    expect(daemonSet.spec.template.metadata.labels).toEqual(daemonSet.spec.selector.matchLabels);
  });

  test('roll out one node at a time', () => {
    expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
  });

  test('lock the container down', () => {
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('reserve nothing and pull as Kubernetes would', () => {
    expect(container.resources).toBeUndefined();
    expect(container.imagePullPolicy).toBeUndefined();
    expect(container.startupProbe).toBeUndefined();
    expect(pod.restartPolicy).toBeUndefined();
  });

  test('give the same selector on every synth', () => {
    const again = daemonSetOf({ containers: [agentContainer] });
    expect(again.spec.selector).toEqual(daemonSet.spec.selector);
    expect(again.metadata.name).toBe(daemonSet.metadata.name);
  });
});

describe('NodeAgent fully configured (fluentd log shipper)', () => {
  const { daemonSet, yaml } = synthAgent(fluentd);
  const pod = daemonSet.spec.template.spec;
  const container = pod.containers[0];

  test('emits the whole DaemonSet YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('tolerates the control-plane taint and the legacy master taint', () => {
    expect(pod.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  test('mounts host paths read-only and other volumes as given', () => {
    expect(container.volumeMounts).toEqual([
      { name: 'varlog', mountPath: '/var/log', readOnly: true },
      { name: 'containers', mountPath: '/var/lib/docker/containers', readOnly: true },
      { name: 'buffer', mountPath: '/var/run/fluentd' },
    ]);
    expect(pod.volumes[1]).toEqual({ name: 'containers', hostPath: { path: '/var/lib/docker/containers', type: 'Directory' } });
  });

  test('passes the node name from the Downward API before the container env', () => {
    expect(container.env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'FLUENT_ELASTICSEARCH_HOST', value: 'elasticsearch.logging' },
      { name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'es', key: 'password' } } },
    ]);
  });

  test('sets resources, grace period, strategy and limits exactly as given', () => {
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } });
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(daemonSet.spec.minReadySeconds).toBe(10);
    expect(daemonSet.spec.revisionHistoryLimit).toBe(5);
    expect(daemonSet.metadata).toEqual({ name: 'fluentd-elasticsearch', namespace: 'kube-system', labels: { 'k8s-app': 'fluentd-logging' } });
  });

  test('relaxes only what the container asked for', () => {
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: false,
      runAsUser: 0,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('NodeAgent options', () => {
  test('a given selector is used and added to the pod labels', () => {
    const daemonSet = daemonSetOf({ containers: [agentContainer], selector: { name: 'fluentd' }, podMetadata: { labels: { tier: 'logging' } } });
    expect(daemonSet.spec.selector).toEqual({ matchLabels: { name: 'fluentd' } });
    expect(daemonSet.spec.template.metadata.labels).toEqual({ tier: 'logging', name: 'fluentd' });
  });

  test('a host path is writable only when a mount says readOnly: false', () => {
    const daemonSet = daemonSetOf({
      containers: [{ ...agentContainer, volumeMounts: [{ name: 'plugins', mountPath: '/opt/cni/bin', readOnly: false }] }],
      volumes: [{ name: 'plugins', hostPath: { path: '/opt/cni/bin', type: 'DirectoryOrCreate' } }],
    });
    expect(daemonSet.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'plugins', mountPath: '/opt/cni/bin', readOnly: false }]);
  });

  test('OnDelete emits no rolling-update fields', () => {
    const daemonSet = daemonSetOf({ containers: [agentContainer], updateStrategy: DaemonSetUpdateStrategy.onDelete() });
    expect(daemonSet.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('surging sets maxUnavailable to 0', () => {
    const daemonSet = daemonSetOf({ containers: [agentContainer], updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: '25%' }) });
    expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
  });

  test('Tolerations.all tolerates every taint', () => {
    const daemonSet = daemonSetOf({ containers: [agentContainer], tolerations: Tolerations.all() });
    expect(daemonSet.spec.template.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('node affinity restricts the nodes', () => {
    const daemonSet = daemonSetOf({
      containers: [agentContainer],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: ['t3.micro'] }] }],
          },
        },
      },
    });
    expect(daemonSet.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: ['t3.micro'] }]);
  });

  test('the OpenShift opt-in emits the Namespace with an empty node selector', () => {
    const { chart } = newChart();
    new NodeAgent(chart, 'agent', { containers: [agentContainer], metadata: { namespace: 'logging' }, openShiftNamespace: true });
    expect(manifestsOfKind(chart, 'Namespace')).toEqual([{
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'logging',
        annotations: { 'openshift.io/node-selector': '' },
        // The agent's defaults meet restricted: see test/security/pod-security.test.ts.
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.27' },
      },
    }]);
  });

  test("the OpenShift opt-in uses the chart's namespace when metadata has none", () => {
    const { chart } = newChart({ namespace: 'monitoring' });
    new NodeAgent(chart, 'agent', { containers: [agentContainer], openShiftNamespace: true });
    const [namespace] = manifestsOfKind(chart, 'Namespace');
    expect(namespace.metadata.name).toBe('monitoring');
    // A Namespace is cluster-scoped: it has no namespace of its own.
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(manifestsOfKind(chart, 'DaemonSet')[0].metadata.namespace).toBe('monitoring');
  });

  test('ApiObject.of returns the DaemonSet, and JSON patches keep quantities as strings', () => {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { memory: '1Gi' } }));
    const [daemonSet] = manifestsOfKind(chart, 'DaemonSet');
    expect(ApiObject.of(agent)).toBe(agent.apiObject);
    expect(daemonSet.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
  });

  test('synth writes the DaemonSet to the chart file', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { containers: [agentContainer] });
    app.synth();
    const yaml = fs.readFileSync(path.join(app.outdir, 'test.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: DaemonSet');
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

describe('NodeAgent synth-time errors', () => {
  function errorsOf(props: NodeAgentProps): string[] {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', props);
    return synthErrors(app);
  }
  // Values computed at run time: the types cannot see them.
  const runtime = (value: IntOrPercent) => value;

  test('fails if a percent is over 100%', () => {
    expect(errorsOf({ containers: [agentContainer], updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: runtime('150%') }) }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%']);
  });

  test('fails if maxUnavailable is not a whole number or percent', () => {
    expect(errorsOf({ containers: [agentContainer], updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: runtime('ten%'), maxSurge: 0 }) }))
      .toEqual([
        "[test/agent] DaemonSet test-agent-c88fbc15: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"ten%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        // As the API server does: a string that is not a percent counts as 0 in the maxSurge/maxUnavailable rule.
        '[test/agent] DaemonSet test-agent-c88fbc15: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
      ]);
  });

  test('fails if maxSurge and maxUnavailable are both non-zero', () => {
    const updateStrategy = DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: runtime(1), maxSurge: runtime(1) });
    expect(errorsOf({ containers: [agentContainer], updateStrategy }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']);
  });

  test('fails if maxSurge and maxUnavailable are both zero', () => {
    const updateStrategy = DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: runtime('0%'), maxSurge: runtime(0) });
    expect(errorsOf({ containers: [agentContainer], updateStrategy }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
  });

  test('fails if revisionHistoryLimit is negative at run time', () => {
    const limit: number = -1;
    expect(errorsOf({ containers: [agentContainer], revisionHistoryLimit: limit }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']);
  });

  test('fails if the name is not a DNS-1123 subdomain', () => {
    expect(errorsOf({ containers: [agentContainer], metadata: { name: 'Fluentd_Agent' } })).toEqual([
      '[test/agent] DaemonSet Fluentd_Agent: metadata.name: Invalid value: "Fluentd_Agent": must be a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. \'example.com\')',
    ]);
  });

  test('fails on invalid label keys and values', () => {
    expect(errorsOf({ containers: [agentContainer], nodeSelector: { 'disk type': 'ssd', 'tier': 'a'.repeat(64) } })).toEqual([
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\' or \'my.name\')',
      `[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.nodeSelector: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ]);
  });

  test('fails on duplicate container and port names', () => {
    const errors = errorsOf({
      containers: [
        { ...agentContainer, ports: [{ name: 'metrics', containerPort: 9100 }, { name: 'metrics', containerPort: 9101 }] },
        { ...agentContainer },
      ],
    });
    expect(errors).toEqual([
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].ports[1].name: Duplicate value: "metrics"',
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[1].name: Duplicate value: "agent"',
    ]);
  });

  test('fails if a mount names no volume', () => {
    expect(errorsOf({
      containers: [{ ...agentContainer, volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }] }],
      volumes: [{ name: 'config', configMap: { name: 'agent-config' } }],
    })).toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "varlog": names no volume of the pod; add it to volumes (volumes: \'config\')']);
  });

  test('fails on quantities Kubernetes cannot parse and on requests above limits', () => {
    expect(errorsOf({ containers: [{ ...agentContainer, resources: { requests: { memory: '1GB' }, limits: { cpu: '1gi' } } }] })).toEqual([
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: "1gi": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "1GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ]);
    expect(errorsOf({ containers: [{ ...agentContainer, resources: { requests: { cpu: '1500m' }, limits: { cpu: '1' } } }] }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit']);
  });

  test('fails on bad container names, ports and env names', () => {
    expect(errorsOf({
      containers: [{ name: 'Agent', image: '', ports: [{ containerPort: 70000, name: 'http_metrics' }], env: { '1BAD': 'x' } }],
    })).toEqual([
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].name: Invalid value: "Agent": must be a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. \'my-name\')',
      "[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].image: Required value: an image reference such as 'nginx:1.25'",
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].ports[0].name: Invalid value: "http_metrics": must contain only lower-case letters, digits and hyphens',
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '[test/agent] DaemonSet test-agent-c88fbc15: spec.template.spec.containers[0].env[0].name: Invalid value: "1BAD": must consist of letters, digits, \'_\', \'-\' or \'.\', and must not start with a digit (e.g. \'MY_ENV.NAME\')',
    ]);
  });

  test('fails if a pod label contradicts the selector', () => {
    expect(errorsOf({ containers: [agentContainer], selector: { app: 'agent' }, podMetadata: { labels: { app: 'other' } } }))
      .toEqual(['[test/agent] DaemonSet test-agent-c88fbc15: spec.template.metadata.labels[\'app\']: Invalid value: "other": conflicts with the selector label \'app: agent\', which the construct puts on every pod; drop it or make it equal']);
  });

  test('fails if the OpenShift opt-in has no namespace', () => {
    expect(errorsOf({ containers: [agentContainer], openShiftNamespace: true }))
      .toEqual(["[test/agent] DaemonSet test-agent-c88fbc15: metadata.namespace: Required value: is required with openShiftNamespace: true (the Namespace to emit); set it, or the chart's namespace"]);
  });

  test('fails with every problem of every agent at once, and writes nothing', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'a', { containers: [] });
    new NodeAgent(chart, 'b', { containers: [agentContainer], minReadySeconds: -5 });
    expect(synthErrors(app)).toEqual([
      '[test/a] DaemonSet test-a-c8988b32: spec.template.spec.containers: Required value',
      '[test/b] DaemonSet test-b-c8afd76c: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ]);
  });
});
