/*
 * Well-known upstream StatefulSets written with the public API (issue 13, "Done when"). Each test compares what
 * we emit with the upstream manifest, committed byte for byte under fixtures/ (sources in fixtures/README.md),
 * and lists every field that differs, each with the reason. Any other difference fails the test.
 */
import { k8s } from 'cdk8s-plus-27';
import { ContainerProps, GoverningService, OrderedStore, PodDisruptionBudget, StatefulSetUpdateStrategy, VolumeMount } from '../../src';
import { newChart } from '../util';
import { CONTAINER_SAFETY_DEFAULTS, emittedManifests, manifestDifferences, upstreamManifests } from './compare';

// kubernetes/website content/en/examples/application/web/web.yaml @ 2de5c2a339c4adc95f0282fc237d04712e430e43
// (the "StatefulSet Basics" tutorial: https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/)
describe('nginx "web" StatefulSet (Kubernetes docs)', () => {
  function write() {
    const { chart } = newChart();
    const store = new OrderedStore(chart, 'web', {
      metadata: { name: 'web' },
      // The docs label the headless Service, not the StatefulSet. Its port is the container's named port (the default).
      service: GoverningService.headless({ name: 'nginx', labels: { app: 'nginx' } }),
      replicas: 2,
      selector: { app: 'nginx' },
      // nginx-slim's master process runs as root, binds port 80, and writes its pid and temp files in /run and
      // /var/lib/nginx; then it switches its workers to an unprivileged user (SETUID/SETGID).
      securityContext: { runAsNonRoot: false, readOnlyRootFilesystem: false, capabilities: 'RuntimeDefault' },
      containers: [{
        name: 'nginx',
        image: 'registry.k8s.io/nginx-slim:0.8',
        ports: [{ containerPort: 80, name: 'web' }],
      }],
      volumeClaimTemplates: [{ name: 'www', storage: '1Gi', accessModes: ['ReadWriteOnce'], mountPath: '/usr/share/nginx/html' }],
    });
    return { chart, store };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('nginx-web-statefulset.yaml'), emittedManifests(chart))).toEqual({
      'Service/nginx': [],
      'StatefulSet/web': [
        // The API server's defaults, written out (StatefulSetAutoDeletePVC is beta and on in 1.27).
        { path: 'spec.persistentVolumeClaimRetentionPolicy', emitted: { whenDeleted: 'Retain', whenScaled: 'Retain' } },
        { path: 'spec.podManagementPolicy', emitted: 'OrderedReady' },
        // The pod relaxations, inherited by the container (Kubernetes has no pod-level field for these two).
        { path: 'spec.template.spec.automountServiceAccountToken', emitted: false },
        { path: 'spec.template.spec.containers[0].securityContext', emitted: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, seccompProfile: { type: 'RuntimeDefault' } } },
        { path: 'spec.template.spec.securityContext', emitted: { runAsNonRoot: false } },
        { path: 'spec.updateStrategy', emitted: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
      ],
    });
  });

  test('is baseline: the root image and its default capabilities, as the relaxations document', () => {
    const { store } = write();
    expect(store.podSecurity.level).toBe('baseline');
    expect(store.podSecurity.failedChecks.map((c) => c.check)).toEqual(['capabilities_restricted', 'runAsNonRoot']);
    expect(store.podSecurity.violations.map((v) => `${v.check} ${v.field}`)).toEqual([
      'capabilities_restricted spec.template.spec.containers[0].securityContext.capabilities.drop',
      'runAsNonRoot spec.template.spec.securityContext.runAsNonRoot',
    ]);
  });
});

// kubernetes/website content/en/examples/application/zookeeper/zookeeper.yaml @ 5e84d3b4b8b38cc88aaf88d4a94d64e1648abec1
// (the "Running ZooKeeper" tutorial: https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/)
describe('ZooKeeper "zk" StatefulSet (Kubernetes docs)', () => {
  const labels = { 'app.kubernetes.io/name': 'zk' };
  function write() {
    const { chart } = newChart();
    const store = new OrderedStore(chart, 'zk', {
      metadata: { name: 'zk' },
      // The docs label both Services, not the StatefulSet. The headless Service lists the peer ports only; clients
      // connect to 2181 through zk-cs.
      service: GoverningService.headless({
        name: 'zk-hs',
        labels,
        ports: [{ port: 2888, name: 'server' }, { port: 3888, name: 'leader-election' }],
      }),
      clientService: { name: 'zk-cs', labels, ports: [{ port: 2181, name: 'client' }] },
      // One of the three may be evicted at a time, so a drain never takes the ensemble below its quorum of two.
      podDisruptionBudget: PodDisruptionBudget.maxUnavailable(1),
      replicas: 3,
      selector: labels,
      updateStrategy: StatefulSetUpdateStrategy.rollingUpdate(),
      podManagementPolicy: 'OrderedReady',
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{
            // As upstream: the key is `app`, which the pods do not carry, so the rule never matches anything.
            labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['zk'] }] },
            topologyKey: 'kubernetes.io/hostname',
          }],
        },
      },
      // The image runs as the UID given here; start-zookeeper writes zoo.cfg and log4j.properties to
      // /opt/zookeeper/conf in the image, so the root filesystem must be writable.
      securityContext: { runAsUser: 1000, fsGroup: 1000, readOnlyRootFilesystem: false },
      containers: [{
        name: 'kubernetes-zookeeper',
        imagePullPolicy: 'Always',
        image: 'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10',
        resources: { requests: { memory: '1Gi', cpu: '0.5' } },
        ports: [
          { containerPort: 2181, name: 'client' },
          { containerPort: 2888, name: 'server' },
          { containerPort: 3888, name: 'leader-election' },
        ],
        command: ['sh', '-c', 'start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --data_log_dir=/var/lib/zookeeper/data/log '
          + '--conf_dir=/opt/zookeeper/conf --client_port=2181 --election_port=3888 --server_port=2888 --tick_time=2000 --init_limit=10 '
          + '--sync_limit=5 --heap=512M --max_client_cnxns=60 --snap_retain_count=3 --purge_interval=12 --max_session_timeout=40000 '
          + '--min_session_timeout=4000 --log_level=INFO'],
        readinessProbe: { exec: { command: ['sh', '-c', 'zookeeper-ready 2181'] }, initialDelaySeconds: 10, timeoutSeconds: 5 },
        livenessProbe: { exec: { command: ['sh', '-c', 'zookeeper-ready 2181'] }, initialDelaySeconds: 10, timeoutSeconds: 5 },
      }],
      volumeClaimTemplates: [{ name: 'datadir', storage: '10Gi', accessModes: ['ReadWriteOnce'], mountPath: '/var/lib/zookeeper' }],
    });
    return { chart, store };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    // The budget is named like the store (it has no name of its own to choose).
    const renamed = { 'PodDisruptionBudget/zk-pdb': 'zk' };
    expect(manifestDifferences(upstreamManifests('zookeeper-statefulset.yaml'), emittedManifests(chart), renamed)).toEqual({
      'Service/zk-hs': [],
      'Service/zk-cs': [
        // The API server's default Service type, written out.
        { path: 'spec.type', emitted: 'ClusterIP' },
      ],
      'PodDisruptionBudget/zk-pdb': [
        { path: 'metadata.name', upstream: 'zk-pdb', emitted: 'zk' },
      ],
      'StatefulSet/zk': [
        // The API server's defaults, written out.
        { path: 'spec.persistentVolumeClaimRetentionPolicy', emitted: { whenDeleted: 'Retain', whenScaled: 'Retain' } },
        { path: 'spec.template.spec.automountServiceAccountToken', emitted: false },
        // The safety defaults, except the root filesystem, which the pod relaxes.
        {
          path: 'spec.template.spec.containers[0].securityContext',
          emitted: { ...CONTAINER_SAFETY_DEFAULTS, readOnlyRootFilesystem: false },
        },
        { path: 'spec.updateStrategy.rollingUpdate', emitted: { partition: 0 } },
      ],
    });
  });

  test('stays restricted: a writable root filesystem is not a Pod Security check', () => {
    const { store } = write();
    expect(store.podSecurity.level).toBe('restricted');
    expect(store.podSecurity.failedChecks).toEqual([]);
  });
});

// kubernetes-csi/csi-driver-host-path deploy/kubernetes-1.27/hostpath/csi-hostpath-plugin.yaml @ 482f780e9e4b086d0b37110739a944cd64b9d504
// (a CSI driver with its node plugin and controller sidecars in one pod: privileged containers, Bidirectional mount
// propagation, writable host paths)
describe('csi-hostpathplugin StatefulSet (kubernetes-csi/csi-driver-host-path)', () => {
  const labels = {
    'app.kubernetes.io/instance': 'hostpath.csi.k8s.io',
    'app.kubernetes.io/part-of': 'csi-driver-host-path',
    'app.kubernetes.io/name': 'csi-hostpathplugin',
  };
  const pluginLabels = { ...labels, 'app.kubernetes.io/component': 'plugin' };
  /** A host path mounted writable, as upstream mounts all of them (our host path mounts are read-only unless told). */
  const writable = (name: string, mountPath: string, mountPropagation?: 'Bidirectional'): VolumeMount =>
    ({ name, mountPath, readOnly: false, mountPropagation });
  const socketDir = writable('socket-dir', '/csi');
  const nodeName = { name: 'KUBE_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' as const } } };
  // This is necessary only for systems with SELinux, where non-privileged sidecar containers cannot access unix
  // domain socket created by privileged CSI driver container (upstream's comment).
  const sidecar = (name: string, image: string, args: string[]): ContainerProps =>
    ({ name, image, args, securityContext: { privileged: true }, volumeMounts: [socketDir] });

  function write() {
    const { chart } = newChart();
    const store = new OrderedStore(chart, 'plugin', {
      metadata: { name: 'csi-hostpathplugin', namespace: 'default', labels: pluginLabels },
      // Upstream names a Service it does not create; neither do we.
      service: GoverningService.existing('csi-hostpathplugin'),
      replicas: 1,
      selector: pluginLabels,
      // The sidecars call the API (leader election, PVs, VolumeAttachments, snapshots). Upstream binds the account
      // to the roles each sidecar's own repository defines (below); apiAccess emits roles of its own rules and
      // cannot bind existing ones, so the account is written by hand and named here. Upstream relies on the token
      // being mounted by default; we mount it explicitly.
      serviceAccountName: 'csi-hostpathplugin-sa',
      automountServiceAccountToken: true,
      containers: [
        {
          name: 'hostpath',
          image: 'registry.k8s.io/sig-storage/hostpathplugin:v1.12.1',
          args: ['--drivername=hostpath.csi.k8s.io', '--v=5', '--endpoint=$(CSI_ENDPOINT)', '--nodeid=$(KUBE_NODE_NAME)'],
          env: [{ name: 'CSI_ENDPOINT', value: 'unix:///csi/csi.sock' }, nodeName],
          securityContext: { privileged: true },
          ports: [{ containerPort: 9898, name: 'healthz', protocol: 'TCP' }],
          livenessProbe: { failureThreshold: 5, httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 10, timeoutSeconds: 3, periodSeconds: 2 },
          volumeMounts: [
            socketDir,
            writable('mountpoint-dir', '/var/lib/kubelet/pods', 'Bidirectional'),
            writable('plugins-dir', '/var/lib/kubelet/plugins', 'Bidirectional'),
            writable('csi-data-dir', '/csi-data-dir'),
            writable('dev-dir', '/dev'),
          ],
        },
        {
          name: 'csi-external-health-monitor-controller',
          image: 'registry.k8s.io/sig-storage/csi-external-health-monitor-controller:v0.11.0',
          args: ['--v=5', '--csi-address=$(ADDRESS)', '--leader-election'],
          env: [{ name: 'ADDRESS', value: '/csi/csi.sock' }],
          imagePullPolicy: 'IfNotPresent',
          // Its image (distroless/static, no USER) runs as root.
          securityContext: { runAsNonRoot: false },
          volumeMounts: [socketDir],
        },
        {
          name: 'node-driver-registrar',
          image: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.10.0',
          args: ['--v=5', '--csi-address=/csi/csi.sock', '--kubelet-registration-path=/var/lib/kubelet/plugins/csi-hostpath/csi.sock'],
          securityContext: { privileged: true },
          env: [nodeName],
          volumeMounts: [socketDir, writable('registration-dir', '/registration'), writable('csi-data-dir', '/csi-data-dir')],
        },
        {
          name: 'liveness-probe',
          volumeMounts: [socketDir],
          image: 'registry.k8s.io/sig-storage/livenessprobe:v2.12.0',
          args: ['--csi-address=/csi/csi.sock', '--health-port=9898'],
          // Its image (alpine, no USER) runs as root.
          securityContext: { runAsNonRoot: false },
        },
        sidecar('csi-attacher', 'registry.k8s.io/sig-storage/csi-attacher:v4.5.0', ['--v=5', '--csi-address=/csi/csi.sock']),
        sidecar('csi-provisioner', 'registry.k8s.io/sig-storage/csi-provisioner:v4.0.0', ['-v=5', '--csi-address=/csi/csi.sock', '--feature-gates=Topology=true']),
        sidecar('csi-resizer', 'registry.k8s.io/sig-storage/csi-resizer:v1.10.0', ['-v=5', '-csi-address=/csi/csi.sock']),
        sidecar('csi-snapshotter', 'registry.k8s.io/sig-storage/csi-snapshotter:v7.0.0', ['-v=5', '--csi-address=/csi/csi.sock']),
      ],
      volumes: [
        { hostPath: { path: '/var/lib/kubelet/plugins/csi-hostpath', type: 'DirectoryOrCreate' }, name: 'socket-dir' },
        { hostPath: { path: '/var/lib/kubelet/pods', type: 'DirectoryOrCreate' }, name: 'mountpoint-dir' },
        { hostPath: { path: '/var/lib/kubelet/plugins_registry', type: 'Directory' }, name: 'registration-dir' },
        { hostPath: { path: '/var/lib/kubelet/plugins', type: 'Directory' }, name: 'plugins-dir' },
        { hostPath: { path: '/var/lib/csi-hostpath-data/', type: 'DirectoryOrCreate' }, name: 'csi-data-dir' },
        { hostPath: { path: '/dev', type: 'Directory' }, name: 'dev-dir' },
      ],
    });

    // The account and the bindings to the sidecars' roles. The roles are defined in the sidecars' repositories
    // and versioned with their images (external-attacher, -provisioner, -resizer, -snapshotter, the health
    // monitor): copying their rules into apiAccess would freeze them at one version and merge ten roles into two,
    // so the bindings stay as upstream writes them.
    const account = 'csi-hostpathplugin-sa';
    new k8s.KubeServiceAccount(chart, 'sa', {
      metadata: { name: account, namespace: 'default', labels: { ...labels, 'app.kubernetes.io/component': 'serviceaccount' } },
    });
    const clusterRoles = { 'attacher': 'external-attacher-runner', 'health-monitor-controller': 'external-health-monitor-controller-runner', 'provisioner': 'external-provisioner-runner', 'resizer': 'external-resizer-runner', 'snapshotter': 'external-snapshotter-runner' };
    for (const [part, role] of Object.entries(clusterRoles)) {
      const name = `csi-hostpathplugin-${part}-cluster-role`;
      new k8s.KubeClusterRoleBinding(chart, name, {
        metadata: { labels: { ...labels, 'app.kubernetes.io/component': `${part}-cluster-role` }, name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'default' }],
      });
    }
    const roles = { 'attacher': 'external-attacher-cfg', 'health-monitor-controller': 'external-health-monitor-controller-cfg', 'provisioner': 'external-provisioner-cfg', 'resizer': 'external-resizer-cfg', 'snapshotter': 'external-snapshotter-leaderelection' };
    for (const [part, role] of Object.entries(roles)) {
      const name = `csi-hostpathplugin-${part}-role`;
      new k8s.KubeRoleBinding(chart, name, {
        metadata: { labels: { ...labels, 'app.kubernetes.io/component': `${part}-role` }, name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
        subjects: [{ kind: 'ServiceAccount', name: account }],
      });
    }
    return { chart, store };
  }

  /** The safety defaults of an unprivileged container whose image runs as root (`runAsNonRoot: false`). */
  const rootSidecarSecurity = { ...CONTAINER_SAFETY_DEFAULTS, runAsNonRoot: false };

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    const differences = manifestDifferences(upstreamManifests('csi-hostpath-plugin.yaml'), emittedManifests(chart));
    const { 'StatefulSet/csi-hostpathplugin': statefulSet, ...others } = differences;
    // The account and bindings are the upstream ones exactly.
    expect(Object.values(others)).toEqual(Array.from({ length: 11 }, () => []));
    /** `readOnly: false` where upstream leaves it out (false is the API's default; ours is true for host paths). */
    const writableMounts = (container: number, mounts: number) => Array.from({ length: mounts }, (_, i) =>
      ({ path: `spec.template.spec.containers[${container}].volumeMounts[${i}].readOnly`, emitted: false }));
    /** `fieldRef.apiVersion` has no prop: the API server defaults it to `v1`, which upstream writes. */
    const fieldRefApiVersion = (container: number, env: number) =>
      ({ path: `spec.template.spec.containers[${container}].env[${env}].valueFrom.fieldRef.apiVersion`, upstream: 'v1' });
    expect(statefulSet).toEqual([
      // The API server's defaults, written out.
      { path: 'spec.persistentVolumeClaimRetentionPolicy', emitted: { whenDeleted: 'Retain', whenScaled: 'Retain' } },
      { path: 'spec.podManagementPolicy', emitted: 'OrderedReady' },
      { path: 'spec.template.spec.automountServiceAccountToken', emitted: true },
      fieldRefApiVersion(0, 1),
      ...writableMounts(0, 5),
      // The two unprivileged sidecars get the safety defaults, with the root image said.
      { path: 'spec.template.spec.containers[1].securityContext', emitted: rootSidecarSecurity },
      ...writableMounts(1, 1),
      fieldRefApiVersion(2, 0),
      ...writableMounts(2, 3),
      { path: 'spec.template.spec.containers[3].securityContext', emitted: rootSidecarSecurity },
      ...writableMounts(3, 1),
      ...writableMounts(4, 1),
      ...writableMounts(5, 1),
      ...writableMounts(6, 1),
      ...writableMounts(7, 1),
      { path: 'spec.updateStrategy', emitted: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    ]);
  });

  test('is privileged: privileged containers and host paths; the unprivileged sidecars stay as locked down as their root images allow', () => {
    const { store } = write();
    expect(store.podSecurity.level).toBe('privileged');
    expect(store.podSecurity.failedChecks.map((c) => c.check)).toEqual([
      'hostPathVolumes', 'privileged', 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted',
    ]);
    // No finding names the sidecars' capabilities, escalation or seccomp: only their root user.
    const sidecarFindings = store.podSecurity.violations.filter((v) => /containers\[(1|3)\]/.test(v.field)).map((v) => `${v.check} ${v.field}`);
    expect(sidecarFindings).toEqual([
      'runAsNonRoot spec.template.spec.containers[1].securityContext.runAsNonRoot',
      'runAsNonRoot spec.template.spec.containers[3].securityContext.runAsNonRoot',
    ]);
  });
});
