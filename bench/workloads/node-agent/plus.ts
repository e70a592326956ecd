import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { team } from '../builders';
import { NAME, image } from './shared';

/** With cdk8s-plus-27, its defaults turned off by props, and JSON patches where it has no prop. */
export function build(scope: Construct, i: number): void {
  const varlog = kplus.Volume.fromHostPath(scope, `${NAME}-varlog`, 'varlog', { path: '/var/log' });
  const config = kplus.Volume.fromConfigMap(scope, `${NAME}-config`,
    kplus.ConfigMap.fromConfigMapName(scope, `${NAME}-config-map`, 'fluent-bit-config'), { name: 'config' });
  const agent = new kplus.DaemonSet(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    select: false,
    podMetadata: { labels: { 'app.kubernetes.io/name': NAME } },
    containers: [{
      name: 'fluent-bit',
      image: image(i),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      args: ['--config=/fluent-bit/etc/fluent-bit.conf'],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        LOG_SINK: kplus.EnvValue.fromValue(`http://logs.${team(i)}.svc:9880`),
      },
      ports: [{ name: 'http', number: 2020 }],
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
      liveness: kplus.Probe.fromHttpGet('/', { port: 2020, periodSeconds: Duration.seconds(10) }),
      readiness: kplus.Probe.fromHttpGet('/api/v1/health', { port: 2020, periodSeconds: Duration.seconds(10) }),
      volumeMounts: [{ path: '/var/log', volume: varlog, readOnly: true }, { path: '/fluent-bit/etc', volume: config }],
    }],
  });
  agent.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/name': NAME } }));
  for (const key of ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']) {
    agent.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists(key, { effect: kplus.TaintEffect.NO_SCHEDULE })));
  }
  // No props for these (and kplus.Capability has no ALL). The patched JSON goes through the generated k8s
  // mappers, which keep an IntOrString only as `k8s.IntOrString` (a plain '10%' would vanish).
  ApiObject.of(agent).addJsonPatch(
    JsonPatch.add('/spec/updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromString('10%') } }),
    JsonPatch.add('/spec/revisionHistoryLimit', 5),
    JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
  );
}
