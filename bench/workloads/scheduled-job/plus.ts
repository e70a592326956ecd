import { ApiObject, Cron, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With cdk8s-plus-27, its defaults turned off by props, and JSON patches where it has no prop. */
export function build(scope: Construct, i: number): void {
  const database = kplus.Secret.fromSecretName(scope, `${NAME}-db`, 'shop-db');
  const scratch = kplus.Volume.fromEmptyDir(scope, `${NAME}-scratch`, 'scratch', { sizeLimit: Size.gibibytes(2) });
  const cronJob = new kplus.CronJob(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    schedule: Cron.schedule({ minute: '30', hour: '2' }),
    timeZone: 'Asia/Tokyo',
    concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
    startingDeadline: Duration.seconds(600),
    successfulJobsRetained: 7,
    failedJobsRetained: 3,
    backoffLimit: 1,
    activeDeadline: Duration.seconds(10800),
    containers: [{
      name: 'report',
      image: image(i),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      args: ['report', 'sales', '--yesterday'],
      envVariables: { DATABASE_URL: kplus.EnvValue.fromSecretValue({ secret: database, key: 'url' }) },
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(1024) } },
      volumeMounts: [{ path: '/tmp', volume: scratch }],
    }],
  });
  // cdk8s-plus-27 has no completions, parallelism, seccomp profile or capability ALL.
  const container = '/spec/jobTemplate/spec/template/spec/containers/0';
  ApiObject.of(cronJob).addJsonPatch(
    JsonPatch.add('/spec/jobTemplate/spec/completions', 1),
    JsonPatch.add('/spec/jobTemplate/spec/parallelism', 1),
    JsonPatch.add(`${container}/securityContext/capabilities`, { drop: ['ALL'] }),
    JsonPatch.add(`${container}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }),
  );
}
