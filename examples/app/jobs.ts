import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchJob, Completion, ScheduledJob } from '../../src';

const SHOP_IMAGE = 'registry.example.com/shop/backend:4.2.0';
const DATABASE_URL = { secretKeyRef: { name: 'shop-db', key: 'url' } };

/**
 * The shop's batch work: a one-shot schema migration run on every deploy, and a nightly sales report in Tokyo
 * time that never overlaps itself.
 */
export class JobsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    new BatchJob(this, 'migrate', {
      // A Job's pod template cannot be changed once created: each release gets its own migration Job.
      metadata: { name: 'shop-migrate-4-2-0' },
      completion: Completion.oneShot(),
      containers: [{
        name: 'migrate',
        image: SHOP_IMAGE,
        args: ['migrate', 'up'],
        env: { DATABASE_URL },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      }],
      backoffLimit: 2,
      // A migration that hangs must not hold the deploy forever.
      activeDeadlineSeconds: 600,
      podFailurePolicy: {
        rules: [
          // Exit code 3: the schema is newer than this release. Retrying cannot help.
          { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } },
          // A drained node is not the migration's fault.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      },
    });

    new ScheduledJob(this, 'sales-report', {
      metadata: { name: 'nightly-sales-report' },
      schedule: '30 2 * * *',
      timeZone: 'Asia/Tokyo',
      // A report still running at 02:30 the next night is not started twice.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 7,
      failedJobsHistoryLimit: 3,
      backoffLimit: 1,
      activeDeadlineSeconds: 3 * 3600,
      containers: [{
        name: 'report',
        image: SHOP_IMAGE,
        args: ['report', 'sales', '--yesterday'],
        env: { DATABASE_URL },
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
        volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2Gi' } }],
    });
  }
}
