import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { NodeAgent, PodSecurity, Tolerations } from '../../src';

/**
 * The fluentd log shipper in a namespace of its own. It reads the node's logs through read-only hostPath
 * volumes, which only the privileged Pod Security level allows (see docs/pod-security.md), so this chart
 * requires no more than privileged of its workloads, while the app can require restricted of every other chart
 * with `PodSecurity.enforce(app, 'restricted')`. The emitted Namespace carries the matching
 * `pod-security.kubernetes.io/enforce: privileged` label.
 */
export class LogShipperChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'logging' });
    PodSecurity.enforce(this, 'privileged');

    new NodeAgent(this, 'fluentd', {
      metadata: { name: 'fluentd', namespace: 'logging' },
      openShiftNamespace: true,
      tolerations: Tolerations.controlPlane(),
      nodeNameEnv: 'NODE_NAME',
      containers: [{
        name: 'fluentd',
        image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } },
        volumeMounts: [
          { name: 'varlog', mountPath: '/var/log' },
          { name: 'containers', mountPath: '/var/lib/docker/containers' },
          { name: 'buffer', mountPath: '/var/run/fluentd' },
        ],
        // The node's log files belong to root.
        securityContext: { runAsNonRoot: false, runAsUser: 0 },
      }],
      volumes: [
        { name: 'varlog', hostPath: { path: '/var/log' } },
        { name: 'containers', hostPath: { path: '/var/lib/docker/containers' } },
        { name: 'buffer', emptyDir: {} },
      ],
    });
  }
}
