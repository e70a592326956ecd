import { Construct } from 'constructs';
import { BatchJob, Completion } from '../../../src';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With our construct. */
export function build(scope: Construct, i: number): void {
  new BatchJob(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    completion: Completion.oneShot(),
    backoffLimit: 2,
    activeDeadlineSeconds: 600,
    ttlSecondsAfterFinished: 86400,
    podFailurePolicy: {
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      ],
    },
    containers: [{
      name: 'migrate',
      image: image(i),
      imagePullPolicy: 'IfNotPresent',
      args: ['migrate', 'up'],
      env: { DATABASE_URL: { secretKeyRef: { name: 'shop-db', key: 'url' } } },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    }],
  });
}
