import { team } from '../builders';
import { NAME, PGDATA, image } from './shared';

/** The manifests `ours.ts` emits, as plain objects. */
export function manifests(i: number): object[] {
  // Functions, not shared objects: the yaml package writes an object met twice as an anchor and an alias.
  const labels = () => ({ 'app.kubernetes.io/part-of': team(i) });
  const selector = () => ({ 'app.kubernetes.io/name': NAME });
  return [{
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: NAME, namespace: team(i), labels: labels() },
    spec: { clusterIP: 'None', selector: selector(), ports: [{ name: 'postgres', port: 5432 }] },
  }, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: NAME, namespace: team(i), labels: labels() },
    spec: {
      serviceName: NAME,
      replicas: 3,
      selector: { matchLabels: selector() },
      template: {
        metadata: { labels: selector() },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { fsGroup: 999 },
          containers: [{
            name: 'postgres',
            image: image(i),
            imagePullPolicy: 'IfNotPresent',
            env: [
              { name: 'PGDATA', value: `${PGDATA}/pgdata` },
              { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
            ],
            ports: [{ name: 'postgres', containerPort: 5432 }],
            resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '768Mi' } },
            readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, failureThreshold: 3, periodSeconds: 10 },
            livenessProbe: { tcpSocket: { port: 5432 }, failureThreshold: 3, initialDelaySeconds: 30 },
            volumeMounts: [
              { name: 'run', mountPath: '/var/run/postgresql' },
              { name: 'data', mountPath: PGDATA },
            ],
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsGroup: 999,
              runAsNonRoot: true,
              runAsUser: 999,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
          volumes: [{ name: 'run', emptyDir: {} }],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      }],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    },
  }];
}
