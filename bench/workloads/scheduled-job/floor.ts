import { team } from '../builders';
import { NAME, image } from './shared';

/** The manifests `ours.ts` emits, as plain objects. */
export function manifests(i: number): object[] {
  return [{
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    spec: {
      schedule: '30 2 * * *',
      timeZone: 'Asia/Tokyo',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 7,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          completions: 1,
          parallelism: 1,
          backoffLimit: 1,
          activeDeadlineSeconds: 10800,
          template: {
            spec: {
              automountServiceAccountToken: false,
              restartPolicy: 'Never',
              containers: [{
                name: 'report',
                image: image(i),
                imagePullPolicy: 'IfNotPresent',
                args: ['report', 'sales', '--yesterday'],
                env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'url' } } }],
                resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1024Mi' } },
                volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
              }],
              volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2048Mi' } }],
            },
          },
        },
      },
    },
  }];
}
