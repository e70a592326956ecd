import { Construct } from 'constructs';
import { ScheduledJob } from '../../../src';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With our construct. */
export function build(scope: Construct, i: number): void {
  new ScheduledJob(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    schedule: '30 2 * * *',
    timeZone: 'Asia/Tokyo',
    concurrencyPolicy: 'Forbid',
    startingDeadlineSeconds: 600,
    successfulJobsHistoryLimit: 7,
    failedJobsHistoryLimit: 3,
    backoffLimit: 1,
    activeDeadlineSeconds: 10800,
    containers: [{
      name: 'report',
      image: image(i),
      imagePullPolicy: 'IfNotPresent',
      args: ['report', 'sales', '--yesterday'],
      env: { DATABASE_URL: { secretKeyRef: { name: 'shop-db', key: 'url' } } },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1024Mi' } },
      volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
    }],
    volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2048Mi' } }],
  });
}
