import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DaemonSetUpdateStrategy, NodeAgent, PodSecurity, Tolerations } from '../../src';

/**
 * The classic fluentd log shipper (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/),
 * written with NodeAgent: it reads the node's logs read-only and runs on control-plane nodes too.
 *
 * Reading the node's files through hostPath volumes, even read-only, is only allowed at the privileged Pod
 * Security level (see the README), so this chart lowers the app's `restricted` requirement for itself, and the
 * Namespace it emits carries `pod-security.kubernetes.io/enforce: privileged`.
 *
 * fluentd's kubernetes_metadata filter adds each record's pod labels and namespace, which it reads from the API:
 * as in the upstream fluentd-elasticsearch addon, the agent may get, list and watch pods and namespaces in every
 * namespace, and nothing else. The construct emits its ServiceAccount, ClusterRole and ClusterRoleBinding.
 */
export class LoggingChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'logging' });
    PodSecurity.enforce(this, 'privileged');

    new NodeAgent(this, 'fluentd', {
      metadata: { name: 'fluentd-elasticsearch', labels: { 'k8s-app': 'fluentd-logging' } },
      openShiftNamespace: true,
      tolerations: Tolerations.controlPlane(),
      terminationGracePeriodSeconds: 30,
      nodeNameEnv: 'NODE_NAME',
      containers: [{
        name: 'fluentd-elasticsearch',
        image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } },
        volumeMounts: [
          { name: 'varlog', mountPath: '/var/log' },
          { name: 'containers', mountPath: '/var/lib/docker/containers' },
          { name: 'buffer', mountPath: '/var/run/fluentd' },
        ],
        // The node's log files belong to root: this one container is relaxed to read them.
        securityContext: { runAsNonRoot: false, runAsUser: 0 },
      }],
      volumes: [
        { name: 'varlog', hostPath: { path: '/var/log' } },
        { name: 'containers', hostPath: { path: '/var/lib/docker/containers' } },
        { name: 'buffer', emptyDir: {} },
      ],
      apiAccess: {
        clusterWide: [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
      },
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' }),
      revisionHistoryLimit: 5,
    });
  }
}
