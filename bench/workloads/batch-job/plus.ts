import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With cdk8s-plus-27, its defaults turned off by props, and JSON patches where it has no prop. */
export function build(scope: Construct, i: number): void {
  const database = kplus.Secret.fromSecretName(scope, `${NAME}-db`, 'shop-db');
  const job = new kplus.Job(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    backoffLimit: 2,
    activeDeadline: Duration.seconds(600),
    ttlAfterFinished: Duration.days(1),
    containers: [{
      name: 'migrate',
      image: image(i),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      args: ['migrate', 'up'],
      envVariables: { DATABASE_URL: kplus.EnvValue.fromSecretValue({ secret: database, key: 'url' }) },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
    }],
  });
  // cdk8s-plus-27 has no completions, parallelism, pod failure policy, seccomp profile or capability ALL.
  ApiObject.of(job).addJsonPatch(
    JsonPatch.add('/spec/completions', 1),
    JsonPatch.add('/spec/parallelism', 1),
    JsonPatch.add('/spec/podFailurePolicy', {
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
  );
}
