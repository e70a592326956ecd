import { team } from '../builders';
import { NAME, image } from './shared';

/** The manifests `ours.ts` emits, as plain objects. */
export function manifests(i: number): object[] {
  return [{
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': NAME } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': NAME } },
        spec: {
          automountServiceAccountToken: false,
          priorityClassName: 'system-node-critical',
          tolerations: [
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
          ],
          containers: [{
            name: 'fluent-bit',
            image: image(i),
            imagePullPolicy: 'IfNotPresent',
            args: ['--config=/fluent-bit/etc/fluent-bit.conf'],
            env: [
              { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'LOG_SINK', value: `http://logs.${team(i)}.svc:9880` },
            ],
            ports: [{ name: 'http', containerPort: 2020 }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            livenessProbe: { httpGet: { path: '/', port: 2020 }, failureThreshold: 3, periodSeconds: 10 },
            readinessProbe: { httpGet: { path: '/api/v1/health', port: 2020 }, failureThreshold: 3, periodSeconds: 10 },
            volumeMounts: [
              { name: 'varlog', mountPath: '/var/log', readOnly: true },
              { name: 'config', mountPath: '/fluent-bit/etc' },
            ],
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
          volumes: [
            { name: 'varlog', hostPath: { path: '/var/log' } },
            { name: 'config', configMap: { name: 'fluent-bit-config' } },
          ],
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      revisionHistoryLimit: 5,
    },
  }];
}
