import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { GoverningService, OrderedStore, PodDisruptionBudget } from '../../src';

const CLIENT_PORT = 2379;
const PEER_PORT = 2380;

/**
 * A three-member etcd cluster (https://etcd.io/docs/v3.5/op-guide/clustering/#static), written with
 * OrderedStore: each member keeps its data on its own 1Gi volume, and the static bootstrap list of members
 * comes from `peerDnsNames()` through a ConfigMap. Clients connect through the `etcd-client` Service, and a node
 * drain may take down one member at a time: two of three keep the quorum.
 */
export class CoordinationChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'coordination' });

    const etcd = new OrderedStore(this, 'etcd', {
      metadata: { name: 'etcd', labels: { 'app.kubernetes.io/part-of': 'coordination' } },
      replicas: 3,
      // Members must resolve each other before any of them is Ready (there is no quorum yet), so all start
      // together and their DNS records are published while not ready.
      podManagementPolicy: 'Parallel',
      service: GoverningService.headless({ publishNotReadyAddresses: true }),
      clientService: { name: 'etcd-client', ports: [{ name: 'client', port: CLIENT_PORT, targetPort: 'client' }] },
      podDisruptionBudget: PodDisruptionBudget.minAvailable(2),
      securityContext: { fsGroup: 1001 },
      containers: [{
        name: 'etcd',
        image: 'registry.k8s.io/etcd:3.5.9-0',
        command: ['etcd'],
        ports: [{ name: 'client', containerPort: CLIENT_PORT }, { name: 'peer', containerPort: PEER_PORT }],
        env: {
          ETCD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
          // A directory below the mount: etcd wants its data directory to itself (the volume root may hold lost+found).
          ETCD_DATA_DIR: '/var/lib/etcd/data',
          ETCD_LISTEN_CLIENT_URLS: `http://0.0.0.0:${CLIENT_PORT}`,
          ETCD_LISTEN_PEER_URLS: `http://0.0.0.0:${PEER_PORT}`,
          ETCD_ADVERTISE_CLIENT_URLS: `http://$(ETCD_NAME).etcd.coordination.svc.cluster.local:${CLIENT_PORT}`,
          ETCD_INITIAL_ADVERTISE_PEER_URLS: `http://$(ETCD_NAME).etcd.coordination.svc.cluster.local:${PEER_PORT}`,
          ETCD_INITIAL_CLUSTER_STATE: 'new',
          ETCD_INITIAL_CLUSTER_TOKEN: 'coordination-etcd',
        },
        envFrom: [{ configMapRef: { name: 'etcd-members' } }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        readinessProbe: { httpGet: { path: '/health', port: 'client' }, periodSeconds: 5 },
        // The registry.k8s.io image runs as root by default; etcd needs no privileges.
        securityContext: { runAsUser: 1001, runAsGroup: 1001 },
      }],
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/var/lib/etcd' }],
    });

    // `etcd-0=http://etcd-0.etcd.coordination.svc.cluster.local:2380,…`: the members' names are their pod names.
    const initialCluster = etcd.peerDnsNames()
      .map((dnsName) => `${dnsName.split('.')[0]}=http://${dnsName}:${PEER_PORT}`)
      .join(',');
    const members = new k8s.KubeConfigMap(this, 'members', {
      metadata: { name: 'etcd-members' },
      data: { ETCD_INITIAL_CLUSTER: initialCluster },
    });
    // Emit the ConfigMap first, so the pods find it when `kubectl apply` creates them.
    etcd.node.addDependency(members);
  }
}
