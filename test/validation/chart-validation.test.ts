import * as fs from 'fs';
import { ApiObject, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { BatchJob, NodeAgent, OrderedStore, formatViolation, validateChartOnSynth, validateManifest, validatePods } from '../../src';
import { newChart, synthErrors } from '../util';

const agentContainer = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };

describe('validation at synth (validateChartOnSynth)', () => {
  test('fails on an escape-hatch patch that breaks a 1.27 rule, naming the construct path, and writes nothing', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Never'));
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('lists every violation at once', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(
      JsonPatch.add('/spec/template/spec/activeDeadlineSeconds', 60),
      JsonPatch.add('/spec/updateStrategy/rollingUpdate/maxSurge', 1),
      JsonPatch.add('/spec/template/spec/containers/0/resources', { requests: { memory: '1GB' } }),
    );
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "1GB": '
        + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      '[test/agent] DaemonSet agent: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      '[test/agent] DaemonSet agent: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]);
  });

  test('catches a patch that conflicts with the library\'s security defaults', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.containers[0].securityContext: Invalid value: '
        + '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"readOnlyRootFilesystem":true,"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"},"privileged":true}: '
        + 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });

  test('reports a 1.28 field added by a patch as unknown in 1.27', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/restartPolicy', 'Always'));
    expect(synthErrors(app)).toEqual([
      "[test/agent] DaemonSet agent: spec.template.spec.containers[0].restartPolicy: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
    ]);
  });

  test('fails with a construct rule and a manifest finding of one construct at once, both at the construct', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', {
      metadata: { name: 'agent' },
      containers: [{ name: 'Agent', image: 'a:1', volumeMounts: [{ name: 'logs', mountPath: 'var/log' }] }],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
    expect(synthErrors(app)).toEqual([
      "[test/agent] DaemonSet agent: spec.template.spec.containers[0].volumeMounts[0].mountPath: Invalid value: \"var/log\": must be an absolute path such as '/var/log' (stricter than the API server, which accepts it; the kubelet then fails to mount it)",
      "[test/agent] DaemonSet agent: spec.template.spec.containers[0].name: Invalid value: \"Agent\": must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')",
    ]);
  });

  test('registers one validation per chart, however many constructs call it', () => {
    const { app, chart } = newChart();
    const first = new NodeAgent(chart, 'first', { metadata: { name: 'first' }, containers: [agentContainer] });
    new NodeAgent(chart, 'second', { metadata: { name: 'second' }, containers: [agentContainer] });
    validateChartOnSynth(first);
    ApiObject.of(first).addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Never'));
    expect(synthErrors(app)).toHaveLength(1);
  });

  test('also checks workloads the chart holds that our constructs did not emit', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    new ApiObject(chart, 'raw-job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'raw' },
      spec: { template: { spec: { containers: [{ name: 'raw', image: 'raw:1' }] } } },
    });
    expect(synthErrors(app)).toEqual([
      '[test/raw-job] Job raw: spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]',
    ]);
  });

  test('leaves charts without our constructs alone', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plain');
    new ApiObject(chart, 'raw-job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'raw' }, spec: {} });
    expect(() => app.synth()).not.toThrow();
  });

  test('a valid chart synthesizes', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['test.k8s.yaml']);
  });
});

// The constructs' ApiObjects render once and are rendered again only when their metadata, patches or the app's
// resolvers could give another JSON: what follows changes each of these between two synths of the same app.
describe('a workload rendered once per synth', () => {
  const agentProps = { metadata: { name: 'agent' }, containers: [agentContainer] };

  test('a patch added after a synth is validated by the next one', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', agentProps);
    expect(() => app.synthYaml()).not.toThrow();
    ApiObject.of(agent).addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Never'));
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  test('a patch that fixes a failed synth makes the next one pass, and is in its output', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', agentProps);
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/activeDeadlineSeconds', 60));
    expect(synthErrors(app)).toHaveLength(1);
    ApiObject.of(agent).addJsonPatch(JsonPatch.remove('/spec/template/spec/activeDeadlineSeconds'));
    app.synth();
    expect(Testing.synth(chart)[0].spec.template.spec).not.toHaveProperty('activeDeadlineSeconds');
  });

  test('metadata changed after a synth is in the next one, Lazy values included', () => {
    const { chart } = newChart();
    const plain = new NodeAgent(chart, 'plain', { ...agentProps, metadata: { name: 'plain' } });
    const lazy = new NodeAgent(chart, 'lazy', { ...agentProps, metadata: { name: 'lazy' } });
    let tier = 'one';
    ApiObject.of(lazy).metadata.addLabel('tier', Lazy.any({ produce: () => tier }) as unknown as string);
    expect(Testing.synth(chart).map((m) => m.metadata.labels)).toEqual([undefined, { tier: 'one' }]);
    ApiObject.of(plain).metadata.addAnnotation('owner', 'team-a');
    tier = 'two';
    expect(Testing.synth(chart).map((m) => m.metadata)).toEqual([
      { name: 'plain', annotations: { owner: 'team-a' } },
      { name: 'lazy', labels: { tier: 'two' } },
    ]);
  });

  test('changing the JSON a synth returned changes neither the next synth nor its validation', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', agentProps);
    const first = Testing.synth(chart)[0];
    first.spec.template.spec.hostPID = true;
    first.metadata.name = 'changed';
    const second = Testing.synth(chart)[0];
    expect(second.metadata.name).toBe('agent');
    expect(second.spec.template.spec).not.toHaveProperty('hostPID');
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('with resolvers of its own, an app gets each synth\'s resolved values, validated', () => {
    let automount: unknown;
    /** Replaces the pod's automountServiceAccountToken (false) with `automount`, once it is set. */
    class AutomountResolver implements IResolver {
      public resolve(context: ResolutionContext): void {
        const key = context.key.join('.');
        if (key === 'spec.template.spec.automountServiceAccountToken' && context.value === false && automount !== undefined) context.replaceValue(automount);
      }
    }
    const app = Testing.app({ resolvers: [new AutomountResolver()] });
    const chart = new Chart(app, 'test');
    new NodeAgent(chart, 'agent', agentProps);
    expect(() => app.synthYaml()).not.toThrow();
    automount = 'yes';
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.automountServiceAccountToken: Invalid value: "yes": must be a boolean (true or false)',
    ]);
  });
});

describe('a StatefulSet\'s pods, which the 1.27 API server does not check (kubernetes#81147)', () => {
  const db = { name: 'db', image: 'postgres:16', securityContext: { runAsUser: 999 } };

  test('fails at synth on a bad probe, a bad port and a bad toleration, each marked (pods)', () => {
    const { app, chart } = newChart();
    new OrderedStore(chart, 'store', {
      metadata: { name: 'store' },
      containers: [{ ...db, ports: [{ name: 'pg', containerPort: 0 }], livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }],
      tolerations: [{ key: 'dedicated', operator: 'Exists', value: 'db' }],
    });
    expect(synthErrors(app)).toEqual([
      // The Service lists the named port: it has the bad number too.
      '[test/store] Service store: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      '[test/store] Service store: spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      '[test/store] StatefulSet store (pods): spec.template.spec.containers[0].ports[0].containerPort: Required value',
      '[test/store] StatefulSet store (pods): spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      '[test/store] StatefulSet store (pods): spec.template.spec.tolerations[0].operator: Invalid value: {"key":"dedicated","operator":"Exists","value":"db"}: '
        + "value must be empty when `operator` is 'Exists'",
    ]);
  });

  test('fails at synth on a patched privileged: true next to our allowPrivilegeEscalation: false', () => {
    const { app, chart } = newChart();
    const store = new OrderedStore(chart, 'store', { metadata: { name: 'store' }, containers: [db] });
    ApiObject.of(store).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(synthErrors(app)).toEqual([
      '[test/store] StatefulSet store (pods): spec.template.spec.containers[0].securityContext: Invalid value: '
        + '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"readOnlyRootFilesystem":true,"runAsNonRoot":true,"runAsUser":999,"seccompProfile":{"type":"RuntimeDefault"},"privileged":true}: '
        + 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });

  test('validateManifest keeps the server\'s verdict (valid); validatePods gives the pods\' findings', () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'store' },
      spec: {
        serviceName: 'store',
        selector: { matchLabels: { app: 'store' } },
        template: {
          metadata: { labels: { app: 'store' } },
          spec: {
            containers: [{ name: 'db', image: 'postgres:16', ports: [{ containerPort: 70000 }], volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'logs', mountPath: '/logs' }] }],
            tolerations: [{ operator: 'Equal', value: 'x' }],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    expect(validateManifest(manifest)).toEqual([]);
    expect(validatePods(manifest).map(formatViolation)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      // The claim template is a volume of the pods; `logs` is not.
      "spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"logs\": names no volume of the pod; add it to volumes (volumes: 'data')",
      'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]);
    expect(validatePods(manifest).every((v) => v.scope === 'pods')).toBe(true);
    expect(validatePods({ ...manifest, kind: 'DaemonSet' })).toEqual([]);
  });
});

describe('whole-app checks', () => {
  const worker = { name: 'migrate', image: 'registry.example.com/migrate:1.0' };

  test('fails on two charts that emit the same Job, at the second one', () => {
    const app = Testing.app();
    new BatchJob(new Chart(app, 'shop'), 'migrate', { metadata: { name: 'migrate' }, containers: [worker] });
    new BatchJob(new Chart(app, 'billing'), 'migrate', { metadata: { name: 'migrate' }, containers: [worker] });
    new BatchJob(new Chart(app, 'other', { namespace: 'other' }), 'migrate', { metadata: { name: 'migrate' }, containers: [worker] });
    expect(synthErrors(app)).toEqual([
      // Not the third: another namespace.
      '[billing/migrate] Job migrate: metadata.name: Duplicate value: "migrate": shop/migrate emits the same batch/Job without a namespace; kubectl apply would keep only one of them',
    ]);
  });

  test('reads a name or namespace that a JSON patch gives the object, though it does not render it to read the others', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop');
    new BatchJob(chart, 'migrate', { metadata: { name: 'migrate' }, containers: [worker] });
    const other = new BatchJob(chart, 'other', { metadata: { name: 'other', namespace: 'billing' }, containers: [worker] });
    ApiObject.of(other).addJsonPatch(JsonPatch.replace('/metadata/name', 'migrate'), JsonPatch.remove('/metadata/namespace'));
    expect(synthErrors(app)).toEqual([
      '[shop/other] Job other: metadata.name: Duplicate value: "migrate": shop/migrate emits the same batch/Job without a namespace; kubectl apply would keep only one of them',
    ]);
  });

  test('fails on a patch that removes the headless Service\'s clusterIP', () => {
    const { app, chart } = newChart();
    const store = new OrderedStore(chart, 'store', { metadata: { name: 'store' }, containers: [{ name: 'db', image: 'postgres:16' }] });
    store.headlessService!.addJsonPatch(JsonPatch.remove('/spec/clusterIP'));
    expect(synthErrors(app)).toEqual([
      "[test/store] Service store: spec.clusterIP: Required value: must be 'None': the Service governing a StatefulSet must be headless for its pods' DNS names (stricter than the API server, which accepts it)",
      // No longer headless, the API server requires ports (the store's container has none).
      '[test/store] Service store: spec.ports: Required value',
    ]);
  });

  test('fails on a patch that gives the headless Service a selector matching no pod, and one the API server refuses', () => {
    const { app, chart } = newChart();
    const store = new OrderedStore(chart, 'store', { metadata: { name: 'store' }, containers: [{ name: 'db', image: 'postgres:16' }] });
    store.headlessService!.addJsonPatch(
      JsonPatch.replace('/spec/selector', { app: 'other' }),
      JsonPatch.add('/spec/ports', [{ name: 'pg', port: 70000 }]),
    );
    expect(synthErrors(app)).toEqual([
      // A construct rule: the API server accepts a selector that matches no pod.
      '[test/store] Service store: spec.selector: Invalid value: {"app":"other"}: must select the StatefulSet\'s pods (labels {"app.kubernetes.io/name":"store"}), or they get no DNS records (stricter than the API server, which accepts it)',
      '[test/store] Service store: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '[test/store] Service store: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  test('fails on a JSON patch whose path does not exist, naming the patch', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(
      JsonPatch.add('/metadata/labels', { team: 'a' }),
      JsonPatch.add('/spec/template/spec/containers/5/x', 1),
    );
    ApiObject.of(agent).addJsonPatch(JsonPatch.remove('/spec/nothing'));
    expect(synthErrors(app)).toEqual([
      // The first patch that fails; the ones after it cannot be applied to what it would have made.
      "[test/agent] DaemonSet agent: JsonPatch.add('/spec/template/spec/containers/5/x', 1): Forbidden: cannot be applied to the rendered object: a parent of its path does not exist",
    ]);
  });

  test('fails on a JSON patch test that does not hold, naming the patch', () => {
    const { app, chart } = newChart();
    const job = new BatchJob(chart, 'migrate', { metadata: { name: 'migrate' }, containers: [worker] });
    ApiObject.of(job).addJsonPatch(JsonPatch.test('/spec/backoffLimit', 3), JsonPatch.replace('/spec/backoffLimit', 1));
    expect(synthErrors(app)).toEqual([
      "[test/migrate] Job migrate: JsonPatch.test('/spec/backoffLimit', 3): Forbidden: cannot be applied to the rendered object: Test operation failed",
    ]);
  });

  test('a containers array changed after construction changes neither the output nor the checks', () => {
    const { app, chart } = newChart();
    const containers = [agentContainer];
    const mounts = [{ name: 'logs', mountPath: '/var/log' }];
    new NodeAgent(chart, 'first', { metadata: { name: 'first' }, containers: [{ ...agentContainer, volumeMounts: mounts }], volumes: [{ name: 'logs', emptyDir: {} }] });
    new NodeAgent(chart, 'second', { metadata: { name: 'second' }, containers });
    expect(() => app.synthYaml()).not.toThrow();
    containers.push({ name: 'Bad_Name', image: '' });
    mounts[0].mountPath = 'relative';
    const [first, second] = Testing.synth(chart);
    expect(first.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'logs', mountPath: '/var/log' }]);
    expect(second.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['agent']);
    expect(() => app.synthYaml()).not.toThrow();
  });
});
