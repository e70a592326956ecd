/*
 * Well-known upstream DaemonSets written with the public API (issue 13, "Done when"). Each test compares what
 * we emit with the upstream manifest, committed byte for byte under fixtures/ (sources in fixtures/README.md),
 * and lists every field that differs, each with the reason. Any other difference fails the test.
 */
import { DaemonSetUpdateStrategy, NodeAgent } from '../../src';
import { newChart } from '../util';
import { emittedManifests, manifestDifferences, upstreamManifests } from './compare';

// prometheus-operator/kube-prometheus manifests/nodeExporter-daemonset.yaml @ 01d4f1daa621f68e361b9423139b7c387f1fc11b
describe('node-exporter DaemonSet (kube-prometheus)', () => {
  const selector = {
    'app.kubernetes.io/component': 'exporter',
    'app.kubernetes.io/name': 'node-exporter',
    'app.kubernetes.io/part-of': 'kube-prometheus',
  };
  const labels = { ...selector, 'app.kubernetes.io/version': '1.6.1' };
  function write() {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'node-exporter', {
      metadata: { name: 'node-exporter', namespace: 'monitoring', labels },
      selector,
      podMetadata: { labels, annotations: { 'kubectl.kubernetes.io/default-container': 'node-exporter' } },
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' }),
      // kube-rbac-proxy authorizes scrapes with TokenReviews and SubjectAccessReviews.
      // TODO(companions): declare that API access instead of naming an account created elsewhere.
      serviceAccountName: 'node-exporter',
      automountServiceAccountToken: true,
      hostNetwork: true,
      hostPID: true,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-cluster-critical',
      securityContext: { runAsNonRoot: true, runAsUser: 65534 },
      tolerations: [{ operator: 'Exists' }],
      volumes: [
        { name: 'sys', hostPath: { path: '/sys' } },
        { name: 'root', hostPath: { path: '/' } },
      ],
      containers: [
        {
          name: 'node-exporter',
          image: 'quay.io/prometheus/node-exporter:v1.6.1',
          args: [
            '--web.listen-address=127.0.0.1:9100',
            '--path.sysfs=/host/sys',
            '--path.rootfs=/host/root',
            '--path.udev.data=/host/root/run/udev/data',
            '--no-collector.wifi',
            '--no-collector.hwmon',
            '--no-collector.btrfs',
            '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)',
            '--collector.netclass.ignored-devices=^(veth.*|[a-f0-9]{15})$',
            '--collector.netdev.device-exclude=^(veth.*|[a-f0-9]{15})$',
          ],
          resources: { limits: { cpu: '250m', memory: '180Mi' }, requests: { cpu: '102m', memory: '180Mi' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_TIME'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
          volumeMounts: [
            { mountPath: '/host/sys', mountPropagation: 'HostToContainer', name: 'sys', readOnly: true },
            { mountPath: '/host/root', mountPropagation: 'HostToContainer', name: 'root', readOnly: true },
          ],
        },
        {
          name: 'kube-rbac-proxy',
          image: 'quay.io/brancz/kube-rbac-proxy:v0.14.2',
          args: [
            '--secure-listen-address=[$(IP)]:9100',
            '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,'
              + 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
            '--upstream=http://127.0.0.1:9100/',
          ],
          env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
          ports: [{ containerPort: 9100, hostPort: 9100, name: 'https' }],
          resources: { limits: { cpu: '20m', memory: '40Mi' }, requests: { cpu: '10m', memory: '20Mi' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            readOnlyRootFilesystem: true,
            runAsGroup: 65532,
            runAsNonRoot: true,
            runAsUser: 65532,
          },
        },
      ],
    });
    return { chart, agent };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('node-exporter-daemonset.yaml'), emittedManifests(chart))).toEqual({
      'DaemonSet/node-exporter': [
        // The one safety default that upstream leaves out: its containers run under the runtime's seccomp
        // profile, which is what a containerd or CRI-O node applies anyway unless the kubelet is told otherwise.
        { path: 'spec.template.spec.containers[0].securityContext.seccompProfile', emitted: { type: 'RuntimeDefault' } },
        { path: 'spec.template.spec.containers[1].securityContext.seccompProfile', emitted: { type: 'RuntimeDefault' } },
      ],
    });
  });

  test('is privileged for its host namespaces, host paths, host port and SYS_TIME; the rest is restricted', () => {
    const { agent } = write();
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.failedChecks.map((c) => c.check)).toEqual([
      'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'capabilities_restricted', 'restrictedVolumes',
    ]);
  });
});

// kubernetes/node-problem-detector deployment/node-problem-detector.yaml @ 13b65d06e9513e82a6cad649988f33dd10f92f29
describe('node-problem-detector DaemonSet', () => {
  function write() {
    const { chart } = newChart();
    const agent = new NodeAgent(chart, 'npd', {
      metadata: { name: 'node-problem-detector', namespace: 'kube-system', labels: { app: 'node-problem-detector' } },
      selector: { app: 'node-problem-detector' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
          },
        },
      },
      // It reports node conditions and events through the API. Upstream relies on the token being mounted by
      // default; we mount it explicitly.
      // TODO(companions): declare that API access instead of naming an account created elsewhere.
      serviceAccountName: 'node-problem-detector',
      automountServiceAccountToken: true,
      containers: [{
        name: 'node-problem-detector',
        command: [
          '/node-problem-detector',
          '--logtostderr',
          '--config.system-log-monitor=/config/kernel-monitor.json,/config/docker-monitor.json',
        ],
        image: 'registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.18',
        resources: { limits: { cpu: '10m', memory: '80Mi' }, requests: { cpu: '10m', memory: '80Mi' } },
        imagePullPolicy: 'Always',
        // It reads /dev/kmsg, which needs CAP_SYSLOG and the device: upstream runs it privileged.
        securityContext: { privileged: true },
        env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
        volumeMounts: [
          { name: 'log', mountPath: '/var/log', readOnly: true },
          { name: 'kmsg', mountPath: '/dev/kmsg', readOnly: true },
          { name: 'localtime', mountPath: '/etc/localtime', readOnly: true },
          { name: 'config', mountPath: '/config', readOnly: true },
        ],
      }],
      volumes: [
        { name: 'log', hostPath: { path: '/var/log/' } },
        { name: 'kmsg', hostPath: { path: '/dev/kmsg' } },
        { name: 'localtime', hostPath: { path: '/etc/localtime' } },
        {
          name: 'config',
          configMap: {
            name: 'node-problem-detector-config',
            items: [
              { key: 'kernel-monitor.json', path: 'kernel-monitor.json' },
              { key: 'docker-monitor.json', path: 'docker-monitor.json' },
            ],
          },
        },
      ],
      tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
    });
    return { chart, agent };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('node-problem-detector-daemonset.yaml'), emittedManifests(chart))).toEqual({
      'DaemonSet/node-problem-detector': [
        // The API server's default, written out.
        { path: 'spec.template.spec.automountServiceAccountToken', emitted: true },
        // The API server's default update strategy, written out.
        { path: 'spec.updateStrategy', emitted: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } },
      ],
    });
  });

  test('is privileged: a privileged container and host paths, and no safety default contradicts them', () => {
    const { agent } = write();
    expect(agent.podSecurity.level).toBe('privileged');
    expect(agent.podSecurity.failedChecks.map((c) => c.check)).toEqual([
      'hostPathVolumes', 'privileged', 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted',
    ]);
  });
});
