import { team } from '../builders';
import { NAME, image } from './shared';

/** The manifests `ours.ts` emits, as plain objects. */
export function manifests(i: number): object[] {
  return [{
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86400,
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      template: {
        spec: {
          automountServiceAccountToken: false,
          restartPolicy: 'Never',
          containers: [{
            name: 'migrate',
            image: image(i),
            imagePullPolicy: 'IfNotPresent',
            args: ['migrate', 'up'],
            env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'url' } } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
        },
      },
    },
  }];
}
