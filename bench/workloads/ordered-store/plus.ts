import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { team } from '../builders';
import { NAME, PGDATA, image } from './shared';

/** With cdk8s-plus-27, its defaults turned off by props, and JSON patches where it has no prop. */
export function build(scope: Construct, i: number): void {
  const run = kplus.Volume.fromEmptyDir(scope, `${NAME}-run`, 'run');
  const credentials = kplus.Secret.fromSecretName(scope, `${NAME}-credentials`, 'db-credentials');
  // The default headless Service would be named after the construct path and select the cdk8s.io/metadata.addr label.
  const service = new kplus.Service(scope, `${NAME}-service`, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    clusterIP: 'None',
    ports: [{ name: 'postgres', port: 5432 }],
  });
  service.selectLabel('app.kubernetes.io/name', NAME);
  const store = new kplus.StatefulSet(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    service,
    replicas: 3,
    select: false,
    podMetadata: { labels: { 'app.kubernetes.io/name': NAME } },
    securityContext: { fsGroup: 999 },
    containers: [{
      name: 'postgres',
      image: image(i),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      envVariables: {
        PGDATA: kplus.EnvValue.fromValue(`${PGDATA}/pgdata`),
        POSTGRES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }),
      },
      ports: [{ name: 'postgres', number: 5432 }],
      resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(768) } },
      readiness: kplus.Probe.fromCommand(['pg_isready', '-U', 'postgres'], { periodSeconds: Duration.seconds(10) }),
      liveness: kplus.Probe.fromTcpSocket({ port: 5432, initialDelaySeconds: Duration.seconds(30) }),
      volumeMounts: [{ path: '/var/run/postgresql', volume: run }],
      securityContext: { user: 999, group: 999 },
    }],
  });
  store.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/name': NAME } }));
  // cdk8s-plus-27 has no volume claim templates, retention policy, seccomp profile or capability ALL. The
  // patched JSON goes through the generated k8s mappers, which keep a quantity only as `k8s.Quantity`.
  ApiObject.of(store).addJsonPatch(
    JsonPatch.add('/spec/volumeClaimTemplates', [{
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: kplus.k8s.Quantity.fromString('10Gi') } } },
    }]),
    JsonPatch.add('/spec/persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }),
    JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: 'data', mountPath: PGDATA }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
  );
}
