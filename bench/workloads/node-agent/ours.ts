import { Construct } from 'constructs';
import { DaemonSetUpdateStrategy, NodeAgent, Tolerations } from '../../../src';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With our construct. */
export function build(scope: Construct, i: number): void {
  new NodeAgent(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    tolerations: Tolerations.controlPlane(),
    priorityClassName: 'system-node-critical',
    nodeNameEnv: 'NODE_NAME',
    containers: [{
      name: 'fluent-bit',
      image: image(i),
      imagePullPolicy: 'IfNotPresent',
      args: ['--config=/fluent-bit/etc/fluent-bit.conf'],
      env: { LOG_SINK: `http://logs.${team(i)}.svc:9880` },
      ports: [{ name: 'http', containerPort: 2020 }],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      livenessProbe: { httpGet: { path: '/', port: 2020 }, failureThreshold: 3, periodSeconds: 10 },
      readinessProbe: { httpGet: { path: '/api/v1/health', port: 2020 }, failureThreshold: 3, periodSeconds: 10 },
      volumeMounts: [
        { name: 'varlog', mountPath: '/var/log' },
        { name: 'config', mountPath: '/fluent-bit/etc' },
      ],
    }],
    volumes: [
      { name: 'varlog', hostPath: { path: '/var/log' } },
      { name: 'config', configMap: { name: 'fluent-bit-config' } },
    ],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' }),
    revisionHistoryLimit: 5,
  });
}
