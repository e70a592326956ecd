import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { CoordinationChart } from '../../examples/app/ordered-store';
import { GoverningService, IntOrPercent, OrderedStore, OrderedStoreProps, StatefulSetUpdateStrategy } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const dbContainer = { name: 'db', image: 'postgres:16.3' };

interface Synthesized {
  readonly statefulSet: any;
  readonly service: any;
  readonly yaml: string;
  readonly store: OrderedStore;
}

function synthStore(props: OrderedStoreProps, chartProps: { namespace?: string } = {}): Synthesized {
  const { chart } = newChart(chartProps);
  const store = new OrderedStore(chart, 'store', props);
  const [statefulSet] = manifestsOfKind(chart, 'StatefulSet');
  const [service] = manifestsOfKind(chart, 'Service');
  return { statefulSet, service, yaml: chartYaml(chart), store };
}

/** The `web` example of the Kubernetes StatefulSet documentation: 3 nginx replicas, a 1Gi ReadWriteOnce volume each. */
const web: OrderedStoreProps = {
  metadata: { name: 'web', namespace: 'default' },
  selector: { app: 'nginx' },
  replicas: 3,
  service: GoverningService.headless({ name: 'nginx' }),
  minReadySeconds: 10,
  terminationGracePeriodSeconds: 10,
  containers: [{
    name: 'nginx',
    image: 'registry.k8s.io/nginx-slim:0.8',
    ports: [{ name: 'web', containerPort: 80 }],
  }],
  volumeClaimTemplates: [{ name: 'www', storage: '1Gi', storageClassName: 'my-storage-class', mountPath: '/usr/share/nginx/html' }],
};

/** A cache whose replicas share one NFS volume, start together and are replaced by hand. */
const sharedCache: OrderedStoreProps = {
  metadata: { name: 'cache', labels: { 'app.kubernetes.io/part-of': 'shop' } },
  replicas: 4,
  podManagementPolicy: 'Parallel',
  updateStrategy: StatefulSetUpdateStrategy.onDelete(),
  service: GoverningService.headless({ publishNotReadyAddresses: true }),
  persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
  containers: [
    {
      name: 'cache',
      image: 'registry.example.com/cache:2.1.0',
      ports: [{ name: 'client', containerPort: 11211 }, { name: 'gossip', containerPort: 7946, protocol: 'UDP' }, { containerPort: 9999 }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
    { name: 'exporter', image: 'registry.example.com/cache-exporter:0.9.1', ports: [{ name: 'metrics', containerPort: 9150 }] },
  ],
  volumes: [{ name: 'tmp', emptyDir: {} }],
  volumeClaimTemplates: [
    { name: 'shared', storage: '20Gi', accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client', mountPath: '/var/cache/shared', mountIn: ['cache'] },
  ],
};

/** A canary: of five replicas only the highest ordinal gets a new template until the partition is lowered. */
const canary: OrderedStoreProps = {
  metadata: { name: 'queue', namespace: 'messaging' },
  replicas: 5,
  updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 4 }),
  service: GoverningService.existing('queue-headless'),
  revisionHistoryLimit: 3,
  containers: [{ name: 'broker', image: 'registry.example.com/broker:3.12.1', ports: [{ name: 'amqp', containerPort: 5672 }] }],
  volumeClaimTemplates: [{ name: 'data', storage: '8Gi', mountPath: '/var/lib/broker' }],
};

describe('OrderedStore defaults', () => {
  const { statefulSet, service, yaml } = synthStore({ containers: [dbContainer] });
  const name = statefulSet.metadata.name;

  test('emit the whole StatefulSet and headless Service YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('are an apps/v1 StatefulSet with one replica and a generated name that leaves room for the revision hash', () => {
    expect(statefulSet.apiVersion).toBe('apps/v1');
    expect(statefulSet.kind).toBe('StatefulSet');
    expect(statefulSet.spec.replicas).toBe(1);
    // cdk8s's scheme: the path components, then 8 characters of the construct's address.
    expect(name).toMatch(/^test-store-c8[0-9a-f]{6}$/);
    expect(statefulSet.spec.ordinals).toBeUndefined();
  });

  test('emit a headless Service with the StatefulSet name and wire it to serviceName', () => {
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { clusterIP: 'None', selector: { 'app.kubernetes.io/name': name } },
    });
    expect(statefulSet.spec.serviceName).toBe(name);
  });

  test('select the pods by a label that is on the pod template', () => {
    expect(statefulSet.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
    expect(statefulSet.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/name': name });
  });

  test('keep the claims, create pods in order and roll out from the highest ordinal down', () => {
    expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(statefulSet.spec.podManagementPolicy).toBe('OrderedReady');
    expect(statefulSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });

  test('leave restartPolicy to the API server (Always) and emit no claim templates', () => {
    expect(statefulSet.spec.template.spec.restartPolicy).toBeUndefined();
    expect(statefulSet.spec.volumeClaimTemplates).toBeUndefined();
    expect(statefulSet.spec.minReadySeconds).toBeUndefined();
    expect(statefulSet.spec.revisionHistoryLimit).toBeUndefined();
  });

  test('lock the container down', () => {
    expect(statefulSet.spec.template.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(statefulSet.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('generate a name of at most 52 characters even for a long construct path', () => {
    const { chart } = newChart();
    const store = new OrderedStore(chart, 'a-very-long-construct-id-for-the-orders-database-of-the-shop', { containers: [dbContainer] });
    // cdk8s would generate 63 characters; the construct caps it at 52 and keeps the path hash at the end.
    expect(store.name).toMatch(/^a-very-long-construct-id-for-the-orders-dat-c8[0-9a-f]{6}$/);
    expect(store.name).toHaveLength(52);
  });
});

describe('OrderedStore web (3 replicas, 1Gi ReadWriteOnce claim)', () => {
  const { statefulSet, service, yaml, store } = synthStore(web);
  const pod = statefulSet.spec.template.spec;

  test('emits the whole YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('wires the named headless Service, with the named port, to the StatefulSet', () => {
    expect(statefulSet.spec.serviceName).toBe('nginx');
    expect(service.metadata).toEqual({ name: 'nginx', namespace: 'default' });
    expect(service.spec).toEqual({ clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] });
  });

  test('uses the given selector on the StatefulSet, the pods and the Service', () => {
    expect(statefulSet.spec.selector).toEqual({ matchLabels: { app: 'nginx' } });
    expect(statefulSet.spec.template.metadata.labels).toEqual({ app: 'nginx' });
  });

  test('emits one ReadWriteOnce 1Gi claim template and mounts it in the only container', () => {
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'my-storage-class', resources: { requests: { storage: '1Gi' } } },
    }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'www', mountPath: '/usr/share/nginx/html' }]);
    expect(pod.volumes).toBeUndefined();
  });

  test('sets replicas, minReadySeconds and the grace period as given', () => {
    expect(statefulSet.spec.replicas).toBe(3);
    expect(statefulSet.spec.minReadySeconds).toBe(10);
    expect(pod.terminationGracePeriodSeconds).toBe(10);
  });

  test('names every replica in DNS', () => {
    expect(store.podDnsName(1)).toBe('web-1.nginx.default.svc.cluster.local');
    expect(store.peerDnsNames()).toEqual([
      'web-0.nginx.default.svc.cluster.local',
      'web-1.nginx.default.svc.cluster.local',
      'web-2.nginx.default.svc.cluster.local',
    ]);
  });
});

describe('OrderedStore shared cache (Parallel, ReadWriteMany NFS, OnDelete)', () => {
  const { statefulSet, service, yaml } = synthStore(sharedCache);
  const pod = statefulSet.spec.template.spec;

  test('emits the whole YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('starts all pods at once and replaces them only when deleted', () => {
    expect(statefulSet.spec.podManagementPolicy).toBe('Parallel');
    expect(statefulSet.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('deletes the claims with the StatefulSet and on scale-down, as asked', () => {
    expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Delete' });
  });

  test('claims ReadWriteMany NFS storage and mounts it only in the container named in mountIn', () => {
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'shared' },
      spec: { accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client', resources: { requests: { storage: '20Gi' } } },
    }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'shared', mountPath: '/var/cache/shared' }]);
    expect(pod.containers[1].volumeMounts).toBeUndefined();
  });

  test('publishes not-ready pods and lists the named ports of every container, not the unnamed one', () => {
    expect(service.metadata).toEqual({ name: 'cache', labels: { 'app.kubernetes.io/part-of': 'shop' } });
    expect(service.spec).toEqual({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { 'app.kubernetes.io/name': 'cache' },
      ports: [
        { name: 'client', port: 11211 },
        { name: 'gossip', port: 7946, protocol: 'UDP' },
        { name: 'metrics', port: 9150 },
      ],
    });
  });
});

describe('OrderedStore canary (partition 4 of 5, existing Service)', () => {
  const { statefulSet, service, yaml, store } = synthStore(canary);

  test('emits the whole YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('updates only the pods at positions >= the partition', () => {
    expect(statefulSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 4 } });
    expect(statefulSet.spec.replicas).toBe(5);
    expect(statefulSet.spec.revisionHistoryLimit).toBe(3);
  });

  test('uses the existing Service and emits none', () => {
    expect(service).toBeUndefined();
    expect(store.headlessService).toBeUndefined();
    expect(statefulSet.spec.serviceName).toBe('queue-headless');
    expect(store.podDnsName(4)).toBe('queue-4.queue-headless.messaging.svc.cluster.local');
  });
});

describe('OrderedStore options', () => {
  test('ordinals.start numbers the pods from there, and the DNS helpers follow', () => {
    const { statefulSet, store } = synthStore({ metadata: { name: 'zk' }, replicas: 3, ordinals: { start: 1 }, containers: [dbContainer] }, { namespace: 'coord' });
    expect(statefulSet.spec.ordinals).toEqual({ start: 1 });
    expect(statefulSet.metadata.namespace).toBe('coord');
    expect(store.peerDnsNames()).toEqual([
      'zk-1.zk.coord.svc.cluster.local',
      'zk-2.zk.coord.svc.cluster.local',
      'zk-3.zk.coord.svc.cluster.local',
    ]);
  });

  test('without a namespace the DNS names are relative to the pod\'s own namespace', () => {
    const { store } = synthStore({ metadata: { name: 'db' }, replicas: 2, containers: [dbContainer] });
    expect(store.peerDnsNames()).toEqual(['db-0.db', 'db-1.db']);
  });

  test('podDnsName refuses ordinals the store has no pod for', () => {
    const { store } = synthStore({ metadata: { name: 'db' }, replicas: 2, ordinals: { start: 1 }, containers: [dbContainer] });
    expect(() => store.podDnsName(0)).toThrow("OrderedStore 'test/store' has no pod with ordinal 0: its ordinals are 1..2");
    expect(() => store.podDnsName(3)).toThrow(RangeError);
    expect(() => store.podDnsName(1.5)).toThrow(RangeError);
    const empty = synthStore({ metadata: { name: 'db' }, replicas: 0, containers: [dbContainer] }).store;
    expect(empty.peerDnsNames()).toEqual([]);
    expect(() => empty.podDnsName(0)).toThrow("OrderedStore 'test/store' has no pod with ordinal 0: it has no replicas");
  });

  test('for any start and replica count, the peers are exactly the ordinals start .. start + replicas - 1', () => {
    fc.assert(fc.property(fc.nat(1000), fc.nat(20), (start, replicas) => {
      const { chart } = newChart({ namespace: 'ns' });
      const store = new OrderedStore(chart, 'store', { metadata: { name: 'db' }, replicas, ordinals: { start }, containers: [dbContainer] });
      const peers = store.peerDnsNames();
      expect(peers).toHaveLength(replicas);
      peers.forEach((peer, i) => expect(peer).toBe(`db-${start + i}.db.ns.svc.cluster.local`));
      expect(() => store.podDnsName(start - 1)).toThrow(RangeError);
      expect(() => store.podDnsName(start + replicas)).toThrow(RangeError);
    }), { numRuns: 50 });
  });

  test('the alpha maxUnavailable is emitted only through maxUnavailableAlpha', () => {
    const { statefulSet } = synthStore({
      containers: [dbContainer],
      replicas: 4,
      updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 1, maxUnavailableAlpha: '50%' }),
    });
    expect(statefulSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: '50%' } });
  });

  test('partition equal to replicas is accepted: it stages a change without updating any pod', () => {
    const updateStrategy = StatefulSetUpdateStrategy.rollingUpdate({ partition: 3 });
    const { statefulSet } = synthStore({ containers: [dbContainer], replicas: 3, updateStrategy });
    expect(statefulSet.spec.updateStrategy.rollingUpdate).toEqual({ partition: 3 });
  });

  test('a claim without mountPath is mounted through a container\'s own volumeMounts, e.g. with subPath', () => {
    const { statefulSet } = synthStore({
      containers: [{ ...dbContainer, volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'pgdata' }] }],
      volumeClaimTemplates: [{ name: 'data', storage: '10Gi' }],
    });
    expect(statefulSet.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'pgdata' }]);
  });

  test('mountIn may name an init container, which then gets the mount too', () => {
    const { statefulSet } = synthStore({
      containers: [dbContainer, { name: 'backup', image: 'registry.example.com/backup:1.0.0' }],
      initContainers: [{ name: 'restore', image: 'registry.example.com/restore:1.0.0' }],
      volumeClaimTemplates: [{ name: 'data', storage: '10Gi', mountPath: '/data', mountIn: ['db', 'restore'] }],
    });
    const pod = statefulSet.spec.template.spec;
    expect(pod.initContainers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(pod.containers[1].volumeMounts).toBeUndefined();
  });

  test('ApiObject.of returns the StatefulSet; the Service is the child Service', () => {
    const { chart } = newChart();
    const store = new OrderedStore(chart, 'store', { containers: [dbContainer] });
    ApiObject.of(store).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { memory: '1Gi' } }));
    expect(ApiObject.of(store)).toBe(store.apiObject);
    expect(store.node.findChild('Service')).toBe(store.headlessService);
    const [statefulSet] = manifestsOfKind(chart, 'StatefulSet');
    expect(statefulSet.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
  });
});

describe('OrderedStore synth-time errors', () => {
  function errorsOf(props: OrderedStoreProps): string[] {
    const { app, chart } = newChart();
    new OrderedStore(chart, 'store', props);
    return synthErrors(app);
  }
  // Values computed at run time: the types cannot see them.
  const runtime = (value: number): number => value;
  const runtimeIntOrPercent = (value: IntOrPercent): IntOrPercent => value;

  test('fails if partition is greater than replicas, explaining that nothing would be updated', () => {
    expect(errorsOf({ containers: [dbContainer], replicas: 3, updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 4 }) })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.partition: Invalid value: 4: must be at most replicas (3) (stricter than the API server, which accepts it): only pods at positions >= partition are updated, so no pod would ever be updated; use 3 to stage a change without updating any pod',
    ]);
  });

  test('fails if partition is greater than the default of one replica', () => {
    expect(errorsOf({ containers: [dbContainer], updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 2 }) })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.partition: Invalid value: 2: must be at most replicas (1) (stricter than the API server, which accepts it): only pods at positions >= partition are updated, so no pod would ever be updated; use 1 to stage a change without updating any pod',
    ]);
  });

  test('fails if the name is not a DNS-1123 label (no dots in 1.27)', () => {
    expect(errorsOf({ containers: [dbContainer], metadata: { name: 'db.shop' } })).toEqual([
      '[test/store] Service db.shop: metadata.name: Invalid value: "db.shop": must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (e.g. \'my-name\')',
      '[test/store] StatefulSet db.shop: metadata.name: Invalid value: "db.shop": must be a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. \'my-name\')',
    ]);
  });

  test('fails if the name is longer than 52 characters, because of the revision-hash label', () => {
    const name = 'a'.repeat(53);
    expect(errorsOf({ containers: [dbContainer], metadata: { name }, service: GoverningService.headless({ name: 'db' }) })).toEqual([
      `[test/store] StatefulSet ${name}: metadata.name: Invalid value: "${name}": must be no more than 52 characters (stricter than the API server, which accepts it up to 63): every pod gets the label controller-revision-hash '<name>-<10-character hash>', which may have at most 63`,
    ]);
    const tooLong = 'a'.repeat(64);
    expect(errorsOf({ containers: [dbContainer], metadata: { name: tooLong }, service: GoverningService.headless({ name: 'db' }) })).toEqual([
      // The default selector label is the name, and a label value has the same limit: the Service's selector,
      // the StatefulSet's selector (which the API server then also reports as unusable) and its pods' labels.
      `[test/store] Service db: spec.selector: Invalid value: "${tooLong}": must be no more than 63 characters`,
      `[test/store] StatefulSet ${tooLong}: metadata.name: Invalid value: "${tooLong}": must be no more than 63 characters`,
      `[test/store] StatefulSet ${tooLong}: spec.selector.matchLabels: Invalid value: "${tooLong}": must be no more than 63 characters`,
      `[test/store] StatefulSet ${tooLong}: spec.selector: Invalid value: {"matchLabels":{"app.kubernetes.io/name":"${tooLong}"}}`,
      `[test/store] StatefulSet ${tooLong}: spec.template.labels: Invalid value: "${tooLong}": must be no more than 63 characters`,
    ]);
  });

  test('fails if the Service name is not a DNS-1035 label', () => {
    expect(errorsOf({ containers: [dbContainer], metadata: { name: '0db' } })).toEqual([
      '[test/store] Service 0db: metadata.name: Invalid value: "0db": must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (e.g. \'my-name\')',
    ]);
    expect(errorsOf({ containers: [dbContainer], service: GoverningService.existing('DB') })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.serviceName: Invalid value: "DB": must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (e.g. \'my-name\'), because it is the name of a Service (stricter than the API server, which accepts it; the pods get no DNS names)',
    ]);
  });

  test('fails if a storage size is not a Kubernetes quantity or not above 0', () => {
    expect(errorsOf({
      containers: [dbContainer],
      volumeClaimTemplates: [
        { name: 'a', storage: '1GB', mountPath: '/a' },
        { name: 'b', storage: '1gi', mountPath: '/b' },
        { name: 'c', storage: '0', mountPath: '/c' },
      ],
    })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[2].spec.resources.requests.storage: Invalid value: "0": must be greater than 0, e.g. \'1Gi\' (stricter than the API server, which accepts it; the claims cannot be created)',
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[0].spec.resources.requests[storage]: Invalid value: "1GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[1].spec.resources.requests[storage]: Invalid value: "1gi": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ]);
  });

  test('fails if a claim template name collides with a pod volume', () => {
    expect(errorsOf({
      containers: [{ ...dbContainer, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'config', configMap: { name: 'db-config' } }, { name: 'data', emptyDir: {} }],
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }],
    })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[0].metadata.name: Invalid value: "data": is also the name of spec.template.spec.volumes[1]; a claim template is a pod volume too, so rename one of them (stricter than the API server, which accepts it; the controller replaces that volume with the claim)',
    ]);
  });

  test('fails if no container mounts a claim template', () => {
    expect(errorsOf({ containers: [dbContainer], volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }] })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[0].metadata.name: Invalid value: "data": is mounted by no container: give the claim a mountPath, or add { name: \'data\', mountPath } to a container\'s volumeMounts (stricter than the API server, which accepts it; every pod would get a claim it never uses)',
    ]);
  });

  test('fails if a mount names no volume, listing the claim templates among the volumes', () => {
    expect(errorsOf({
      containers: [{ ...dbContainer, volumeMounts: [{ name: 'dat', mountPath: '/var/lib/postgresql/data' }] }],
      volumes: [{ name: 'config', configMap: { name: 'db-config' } }],
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/data' }],
    })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85 (pods): spec.template.spec.containers[0].volumeMounts[0].name: Not found: "dat": names no volume of the pod; add it to volumes (volumes: \'config\', \'data\')',
    ]);
  });

  test('fails if a claim\'s mountPath is ambiguous, names unknown containers or is missing', () => {
    const containers = [dbContainer, { name: 'exporter', image: 'registry.example.com/pg-exporter:0.15.0' }];
    expect(errorsOf({
      containers,
      volumeClaimTemplates: [
        { name: 'a', storage: '1Gi', mountPath: '/a' },
        { name: 'b', storage: '1Gi', mountPath: '/b', mountIn: ['postgres'] },
        { name: 'c', storage: '1Gi', mountIn: ['db'] },
      ],
    })).toEqual([
      "[test/store] StatefulSet test-store-c8818d85: volumeClaimTemplates[0].mountIn: Required value: must name the containers that mount 'a' at '/a', because the pod has several ('db', 'exporter'); e.g. mountIn: ['db']",
      '[test/store] StatefulSet test-store-c8818d85: volumeClaimTemplates[1].mountIn: Invalid value: "postgres": names no container of the pod (containers: \'db\', \'exporter\'; init containers: none)',
      '[test/store] StatefulSet test-store-c8818d85: volumeClaimTemplates[2].mountIn: Invalid value: ["db"]: needs a mountPath to mount \'c\' at; or leave mountIn out and mount it through the containers\' volumeMounts',
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[2].metadata.name: Invalid value: "c": is mounted by no container: give the claim a mountPath, or add { name: \'c\', mountPath } to a container\'s volumeMounts (stricter than the API server, which accepts it; every pod would get a claim it never uses)',
    ]);
  });

  test('fails if a claim mountPath is relative or already used in the container', () => {
    expect(errorsOf({
      containers: [{ ...dbContainer, volumeMounts: [{ name: 'run', mountPath: '/var/run/postgresql' }] }],
      volumes: [{ name: 'run', emptyDir: {} }],
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: 'data' }, { name: 'wal', storage: '1Gi', mountPath: '/var/run/postgresql' }],
    })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: "data": must be an absolute path such as \'/var/log\' (stricter than the API server, which accepts it; the kubelet then fails to mount it)',
      '[test/store] StatefulSet test-store-c8818d85 (pods): spec.template.spec.containers[0].volumeMounts[2].mountPath: Invalid value: "/var/run/postgresql": must be unique',
    ]);
  });

  test('fails on bad access modes, claim names and storage classes', () => {
    expect(errorsOf({
      containers: [dbContainer],
      volumeClaimTemplates: [
        { name: 'a', storage: '1Gi', mountPath: '/a', accessModes: [] },
        { name: 'b', storage: '1Gi', mountPath: '/b', accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] },
        { name: 'Data_1', storage: '1Gi', mountPath: '/c', storageClassName: 'Fast SSD' },
        { name: 'a', storage: '1Gi', mountPath: '/d' },
      ],
    })).toEqual([
      "[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[0].spec.accessModes: Invalid value: []: must have at least one access mode, e.g. ['ReadWriteOnce'] (stricter than the API server, which accepts it; the claims cannot be created)",
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[1].spec.accessModes: Invalid value: ["ReadWriteOncePod","ReadOnlyMany"]: may not combine \'ReadWriteOncePod\' with other access modes (stricter than the API server, which accepts it; the claims cannot be created)',
      '[test/store] StatefulSet test-store-c8818d85: spec.volumeClaimTemplates[2].spec.storageClassName: Invalid value: "Fast SSD": must be a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. \'example.com\') (stricter than the API server, which accepts it; the claims cannot be created)',
      '[test/store] StatefulSet test-store-c8818d85 (pods): spec.volumeClaimTemplates[2].metadata.name: Invalid value: "Data_1": must be a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. \'my-name\')',
      '[test/store] StatefulSet test-store-c8818d85 (pods): spec.volumeClaimTemplates[3].metadata.name: Duplicate value: "a"',
      // The API server leaves a volume with an invalid name out of the pod's volumes, so its mount finds none too.
      "[test/store] StatefulSet test-store-c8818d85 (pods): spec.template.spec.containers[0].volumeMounts[2].name: Not found: \"Data_1\": names no volume of the pod; add it to volumes (volumes: 'a', 'b')",
    ]);
  });

  test('fails if two containers name a port alike, since the headless Service lists both', () => {
    expect(errorsOf({
      containers: [
        { ...dbContainer, ports: [{ name: 'metrics', containerPort: 9187 }] },
        { name: 'exporter', image: 'registry.example.com/pg-exporter:0.15.0', ports: [{ name: 'metrics', containerPort: 9188 }] },
      ],
    })).toEqual([
      '[test/store] Service test-store-c8818d85: spec.ports[1].name: Duplicate value: "metrics"',
    ]);
    // With an existing Service nothing is emitted, so the names only need to be unique within a container.
    const { app, chart } = newChart();
    new OrderedStore(chart, 'store', {
      containers: [{ ...dbContainer, ports: [{ name: 'metrics', containerPort: 9187 }] }, { name: 'exporter', image: 'e:1', ports: [{ name: 'metrics', containerPort: 9188 }] }],
      service: GoverningService.existing('db'),
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails on a bad alpha maxUnavailable', () => {
    const strategy = (value: IntOrPercent) => StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: runtimeIntOrPercent(value) });
    expect(errorsOf({ containers: [dbContainer], updateStrategy: strategy('150%') }))
      .toEqual(['[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must be at most 100% (stricter than the API server, which accepts it with the MaxUnavailableStatefulSet gate off, where it drops the field)']);
    expect(errorsOf({ containers: [dbContainer], updateStrategy: strategy(0) }))
      .toEqual(['[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0; use 1 (or leave maxUnavailableAlpha out) to update one pod at a time']);
    expect(errorsOf({ containers: [dbContainer], updateStrategy: strategy('half%') }))
      .toEqual(['[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "half%": must be a whole number >= 0 or a percent string like \'10%\' (stricter than the API server, which accepts it with the MaxUnavailableStatefulSet gate off, where it drops the field)']);
  });

  test('fails on negative or fractional counts computed at run time', () => {
    expect(errorsOf({
      containers: [dbContainer],
      replicas: runtime(2.5),
      ordinals: { start: -1 },
      minReadySeconds: -5,
      revisionHistoryLimit: runtime(-1),
      updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: runtime(-2) }),
    })).toEqual([
      '[test/store] StatefulSet test-store-c8818d85: spec.revisionHistoryLimit: Invalid value: -1: must be a whole number greater than or equal to 0 (stricter than the API server, which accepts it)',
      '[test/store] StatefulSet test-store-c8818d85: spec.replicas: Invalid value: 2.5: must be an integer',
      '[test/store] StatefulSet test-store-c8818d85: spec.updateStrategy.rollingUpdate.partition: Invalid value: -2: must be greater than or equal to 0',
      '[test/store] StatefulSet test-store-c8818d85: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
      '[test/store] StatefulSet test-store-c8818d85: spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  test('fails if a pod label contradicts the selector', () => {
    expect(errorsOf({ containers: [dbContainer], selector: { app: 'db' }, podMetadata: { labels: { app: 'other' } } }))
      .toEqual(['[test/store] StatefulSet test-store-c8818d85: spec.template.metadata.labels[\'app\']: Invalid value: "other": conflicts with the selector label \'app: db\', which the construct puts on every pod; drop it or make it equal']);
  });

  test('fails with every problem of every store at once, and writes nothing', () => {
    const { app, chart } = newChart();
    new OrderedStore(chart, 'a', { containers: [] });
    new OrderedStore(chart, 'b', { containers: [dbContainer], volumeClaimTemplates: [{ name: 'data', storage: '1GB', mountPath: '/data' }] });
    expect(synthErrors(app)).toEqual([
      '[test/a] StatefulSet test-a-c8284566 (pods): spec.template.spec.containers: Required value',
      '[test/b] StatefulSet test-b-c8bbfb8c: spec.volumeClaimTemplates[0].spec.resources.requests[storage]: Invalid value: "1GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ]);
  });
});

describe('OrderedStore example chart (etcd)', () => {
  test('synthesizes a three-member etcd cluster whose bootstrap list names every peer', () => {
    const app = Testing.app();
    const chart = new CoordinationChart(app, 'coordination');
    const [configMap] = manifestsOfKind(chart, 'ConfigMap');
    const [statefulSet] = manifestsOfKind(chart, 'StatefulSet');
    const [service] = manifestsOfKind(chart, 'Service');
    expect(configMap.data).toEqual({
      ETCD_INITIAL_CLUSTER: 'etcd-0=http://etcd-0.etcd.coordination.svc.cluster.local:2380,'
        + 'etcd-1=http://etcd-1.etcd.coordination.svc.cluster.local:2380,'
        + 'etcd-2=http://etcd-2.etcd.coordination.svc.cluster.local:2380',
    });
    expect(statefulSet.spec.replicas).toBe(3);
    expect(statefulSet.spec.podManagementPolicy).toBe('Parallel');
    expect(service.spec.publishNotReadyAddresses).toBe(true);
    expect(service.spec.ports).toEqual([{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }]);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('OrderedStore manifest validation at synth', () => {
  test('fails if an escape-hatch patch breaks an API rule, and writes nothing', () => {
    const { app, chart } = newChart();
    const store = new OrderedStore(chart, 'store', { containers: [{ name: 'db', image: 'postgres:16' }] });
    ApiObject.of(store).addJsonPatch(JsonPatch.replace('/spec/podManagementPolicy', 'Sequential'));
    expect(synthErrors(app)).toEqual([
      `[test/store] StatefulSet ${store.name}: spec.podManagementPolicy: Invalid value: "Sequential": must be 'OrderedReady' or 'Parallel'`,
    ]);
  });
});
