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
      // kube-rbac-proxy authorizes scrapes with TokenReviews and SubjectAccessReviews: the rules of upstream's
      // ClusterRole, which the construct emits with the account and the binding, and mounts the token.
      apiAccess: {
        clusterWide: [
          { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
          { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
        ],
      },
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
    const upstream = ['daemonset', 'serviceAccount', 'clusterRole', 'clusterRoleBinding'].flatMap((f) => upstreamManifests(`node-exporter-${f}.yaml`));
    // Cluster-scoped RBAC objects are named `<namespace>:<name>`, so two namespaces' node-exporters never share one.
    const renamed = { 'ClusterRole/node-exporter': 'monitoring:node-exporter', 'ClusterRoleBinding/node-exporter': 'monitoring:node-exporter' };
    expect(manifestDifferences(upstream, emittedManifests(chart), renamed)).toEqual({
      // Upstream turns automounting off on the account and on in the pod, whose field wins; we say it in the pod
      // only. The same for these pods; the account's `false` would matter only to another pod run as it.
      'ServiceAccount/node-exporter': [{ path: 'automountServiceAccountToken', upstream: false }],
      // The same rules and labels; only the name differs.
      'ClusterRole/node-exporter': [{ path: 'metadata.name', upstream: 'node-exporter', emitted: 'monitoring:node-exporter' }],
      'ClusterRoleBinding/node-exporter': [
        { path: 'metadata.name', upstream: 'node-exporter', emitted: 'monitoring:node-exporter' },
        { path: 'roleRef.name', upstream: 'node-exporter', emitted: 'monitoring:node-exporter' },
      ],
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
      // It reports node conditions and events through the API. Upstream's deployment/rbac.yaml (same commit)
      // creates this account and binds it to `system:node-problem-detector`, a ClusterRole the API server
      // bootstraps and updates with each release. apiAccess emits roles of its own rules and cannot bind an
      // existing role, so the account stays named here, created elsewhere as upstream does. Upstream relies on
      // the token being mounted by default; we mount it explicitly.
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
