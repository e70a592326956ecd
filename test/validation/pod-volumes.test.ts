import { InvalidCase, Manifest, ValidCase, daemonSetWith, testCases } from './cases';

// From TestValidateVolumes, TestValidateProjectedVolumeSource-style cases of TestValidatePodSpec, TestValidateKeyToPath,
// TestValidateDownwardAPIVolumeFile (via TestValidateVolumes' downwardAPI cases), TestValidateEphemeralVolume and
// TestValidateCSIVolumeSource (pkg/apis/core/validation/validation_test.go, 1.27), applied to a DaemonSet's template.
// Each case adds one volume that no container mounts, so that the only findings are the volume's own.
const base: Manifest = daemonSetWith({
  containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0', volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }],
  volumes: [{ name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } }],
});

const V = 'spec.template.spec.volumes[1]';
const add = (volume: Manifest) => (m: Manifest): void => { m.spec.template.spec.volumes.push({ name: 'extra', ...volume }); };
const token = (source: Manifest): Manifest => ({ projected: { sources: [{ serviceAccountToken: { path: 'token', ...source } }] } });
const claim = (template: Manifest): Manifest => ({
  ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, ...template } },
});
const withSpec = (spec: Manifest): Manifest => claim({ spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });

const valid: ValidCase[] = [
  { name: 'configMap with items, modes 0 and 0777', change: add({ configMap: { name: 'cfg', defaultMode: 0, items: [{ key: 'a', path: 'dir/a.yaml', mode: 0o777 }] } }) },
  { name: 'secret with a relative item path containing dots', change: add({ secret: { secretName: 's', defaultMode: 0o644, items: [{ key: 'k', path: 'a..b/c' }] } }) },
  { name: 'hostPath types', change: add({ hostPath: { path: '/dev/kmsg', type: 'CharDevice' } }) },
  { name: 'hostPath with an empty type', change: add({ hostPath: { path: '/data', type: '' } }) },
  {
    name: 'downwardAPI labels, annotations and resources',
    change: add({
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['a.example.com/b']" } },
          { path: 'cpu', resourceFieldRef: { containerName: 'agent', resource: 'limits.cpu', divisor: '1m' } },
          { path: 'memory', resourceFieldRef: { containerName: 'agent', resource: 'requests.memory', divisor: '1Mi' } },
          { path: 'pages', resourceFieldRef: { containerName: 'agent', resource: 'limits.hugepages-2Mi', divisor: '1Ki' } },
        ],
      },
    }),
  },
  {
    name: 'projected volume of all four source kinds',
    change: add({
      projected: {
        defaultMode: 0o440,
        sources: [
          { secret: { name: 's', items: [{ key: 'a', path: 'a' }] } },
          { configMap: { name: 'c', items: [{ key: 'b', path: 'b' }] } },
          { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } },
        ],
      },
    }),
  },
  { name: 'projected token with the default expiry', change: add(token({})) },
  { name: 'projected token at 2^32 seconds', change: add(token({ expirationSeconds: 2 ** 32 })) },
  { name: 'CSI inline volume', change: add({ csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { a: 'b' }, nodePublishSecretRef: { name: 'creds' } } }) },
  { name: 'CSI driver with upper case (lower-cased before the DNS check)', change: add({ csi: { driver: 'Example.COM' } }) },
  { name: 'ephemeral volume', change: add(withSpec({ storageClassName: 'fast', volumeMode: 'Block' })) },
  { name: 'ephemeral volume with labels and annotations', change: add(claim({ metadata: { labels: { a: 'b' }, annotations: { c: 'd' } } })) },
  { name: 'ephemeral volume ReadWriteOncePod (beta in 1.27)', change: add(withSpec({ accessModes: ['ReadWriteOncePod'] })) },
  { name: 'ephemeral volume with creationTimestamp null', change: add(claim({ metadata: { creationTimestamp: null } })) },
  { name: 'emptyDir with a size limit', change: add({ emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }) },
  { name: 'gitRepo into a relative directory', change: add({ gitRepo: { repository: 'https://example.com/r.git', directory: 'src' } }) },
  { name: 'nfs with an absolute path', change: add({ nfs: { server: 'nfs.example.com', path: '/exports' } }) },
  { name: 'gcePersistentDisk partition 0', change: add({ gcePersistentDisk: { pdName: 'disk', partition: 0 } }) },
];

const invalid: InvalidCase[] = [
  { name: 'configMap defaultMode above 0777', change: add({ configMap: { name: 'c', defaultMode: 0o1000 } }), field: `${V}.configMap.defaultMode`, type: 'Invalid value', message: 'must be a number between 0 and 0777 (octal), both inclusive' },
  { name: 'configMap negative defaultMode', change: add({ configMap: { name: 'c', defaultMode: -1 } }), field: `${V}.configMap.defaultMode`, type: 'Invalid value', message: 'must be a number between 0 and 0777 (octal), both inclusive' },
  { name: 'secret defaultMode above 0777', change: add({ secret: { secretName: 's', defaultMode: 512 } }), field: `${V}.secret.defaultMode`, type: 'Invalid value', message: 'must be a number between 0 and 0777' },
  { name: 'configMap without name', change: add({ configMap: {} }), field: `${V}.configMap.name`, type: 'Required value' },
  { name: 'secret without secretName', change: add({ secret: {} }), field: `${V}.secret.secretName`, type: 'Required value' },
  { name: 'item mode above 0777', change: add({ configMap: { name: 'c', items: [{ key: 'a', path: 'a', mode: 0o1777 }] } }), field: `${V}.configMap.items[0].mode`, type: 'Invalid value', message: 'must be a number between 0 and 0777' },
  { name: 'item without key', change: add({ secret: { secretName: 's', items: [{ path: 'a' }] } }), field: `${V}.secret.items[0].key`, type: 'Required value' },
  { name: 'item without path', change: add({ secret: { secretName: 's', items: [{ key: 'a' }] } }), field: `${V}.secret.items[0].path`, type: 'Required value' },
  { name: 'item absolute path', change: add({ configMap: { name: 'c', items: [{ key: 'a', path: '/etc/a' }] } }), field: `${V}.configMap.items[0].path`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'item path with ..', change: add({ configMap: { name: 'c', items: [{ key: 'a', path: 'a/../../b' }] } }), field: `${V}.configMap.items[0].path`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'item path starting with ..', change: add({ configMap: { name: 'c', items: [{ key: 'a', path: '..data' }] } }), field: `${V}.configMap.items[0].path`, type: 'Invalid value', message: "must not start with '..'" },
  { name: 'hostPath with ..', change: add({ hostPath: { path: '/var/../etc' } }), field: `${V}.hostPath.path`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'hostPath unknown type', change: add({ hostPath: { path: '/data', type: 'Dir' } }), field: `${V}.hostPath.type`, type: 'Unsupported value', message: 'supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"' },
  { name: 'downwardAPI item without path (reported without index)', change: add({ downwardAPI: { items: [{ fieldRef: { fieldPath: 'metadata.name' } }] } }), field: `${V}.downwardAPI.path`, type: 'Required value' },
  { name: 'downwardAPI absolute item path', change: add({ downwardAPI: { items: [{ path: '/name', fieldRef: { fieldPath: 'metadata.name' } }] } }), field: `${V}.downwardAPI.path`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'downwardAPI item with neither ref', change: add({ downwardAPI: { items: [{ path: 'x' }] } }), field: `${V}.downwardAPI`, type: 'Required value', message: 'one of fieldRef and resourceFieldRef is required' },
  {
    name: 'downwardAPI item with both refs',
    change: add({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'agent', resource: 'limits.cpu' } }] } }),
    field: `${V}.downwardAPI`,
    type: 'Invalid value',
    message: 'fieldRef and resourceFieldRef can not be specified simultaneously',
  },
  { name: 'downwardAPI field not available to volumes', change: add({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'spec.nodeName' } }] } }), field: `${V}.downwardAPI.fieldRef.fieldPath`, type: 'Unsupported value', message: 'supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"' },
  { name: 'downwardAPI subscript of a field without subscripts', change: add({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: "metadata.name['a']" } }] } }), field: `${V}.downwardAPI.fieldRef.fieldPath`, type: 'Invalid value', message: "error converting fieldPath: field label does not support subscript: metadata.name['a']" },
  { name: 'downwardAPI fieldRef of another apiVersion', change: add({ downwardAPI: { items: [{ path: 'x', fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } }] } }), field: `${V}.downwardAPI.fieldRef.fieldPath`, type: 'Invalid value', message: 'unsupported pod version: v2' },
  { name: 'downwardAPI resourceFieldRef without containerName', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { resource: 'limits.cpu' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.containerName`, type: 'Required value' },
  { name: 'downwardAPI unsupported resource', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'agent', resource: 'limits.gpu' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.resource`, type: 'Unsupported value', message: 'supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"' },
  { name: 'downwardAPI cpu divisor 1k', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'agent', resource: 'limits.cpu', divisor: '1k' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.divisor`, type: 'Invalid value', message: "only divisor's values 1m and 1 are supported with the cpu resource" },
  { name: 'downwardAPI memory divisor 1024 (canonical "1024", not "1Ki")', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'agent', resource: 'limits.memory', divisor: '1024' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.divisor`, type: 'Invalid value', message: "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource" },
  { name: 'downwardAPI ephemeral-storage divisor 2Gi', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'agent', resource: 'requests.ephemeral-storage', divisor: '2Gi' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.divisor`, type: 'Invalid value', message: 'with the local ephemeral storage resource' },
  { name: 'downwardAPI hugepages divisor 1m', change: add({ downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'agent', resource: 'limits.hugepages-2Mi', divisor: '1m' } }] } }), field: `${V}.downwardAPI.resourceFieldRef.divisor`, type: 'Invalid value', message: 'with the hugepages resource' },
  { name: 'downwardAPI item mode above 0777', change: add({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o1000 }] } }), field: `${V}.downwardAPI.mode`, type: 'Invalid value', message: 'must be a number between 0 and 0777' },
  { name: 'downwardAPI defaultMode above 0777', change: add({ downwardAPI: { defaultMode: 0o7777 } }), field: `${V}.downwardAPI.defaultMode`, type: 'Invalid value', message: 'must be a number between 0 and 0777' },
  { name: 'projected defaultMode above 0777', change: add({ projected: { defaultMode: 0o1000, sources: [] } }), field: `${V}.projected.defaultMode`, type: 'Invalid value', message: 'must be a number between 0 and 0777' },
  { name: 'projected source with two kinds', change: add({ projected: { sources: [{ secret: { name: 's' }, configMap: { name: 'c' } }] } }), field: `${V}.projected.sources[0]`, type: 'Forbidden', message: 'may not specify more than 1 volume type per source' },
  { name: 'projected secret without name', change: add({ projected: { sources: [{ secret: { items: [{ key: 'a', path: 'a' }] } }] } }), field: `${V}.projected.sources[0].secret.name`, type: 'Required value' },
  {
    name: 'projected conflicting duplicate paths',
    change: add({ projected: { sources: [{ secret: { name: 's', items: [{ key: 'a', path: 'x' }] } }, { configMap: { name: 'c', items: [{ key: 'b', path: 'x' }] } }] } }),
    field: `${V}.projected`,
    type: 'Invalid value',
    message: 'conflicting duplicate paths',
  },
  { name: 'projected token shorter than 10 minutes', change: add(token({ expirationSeconds: 599 })), field: `${V}.projected.sources[0].serviceAccountToken.expirationSeconds`, type: 'Invalid value', message: 'may not specify a duration less than 10 minutes' },
  { name: 'projected token longer than 2^32 seconds', change: add(token({ expirationSeconds: 2 ** 32 + 1 })), field: `${V}.projected.sources[0].serviceAccountToken.expirationSeconds`, type: 'Invalid value', message: 'may not specify a duration larger than 2^32 seconds' },
  { name: 'projected token without path (reported at projected.path)', change: add(token({ path: '' })), field: `${V}.projected.path`, type: 'Required value' },
  { name: 'projected downwardAPI absolute path', change: add({ projected: { sources: [{ downwardAPI: { items: [{ path: '/x', fieldRef: { fieldPath: 'metadata.name' } }] } }] } }), field: `${V}.projected.sources[0].downwardAPI.path`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'CSI without driver', change: add({ csi: {} }), field: `${V}.csi.driver`, type: 'Required value' },
  { name: 'CSI driver longer than 63', change: add({ csi: { driver: `${'a'.repeat(60)}.com` } }), field: `${V}.csi.driver`, type: 'Too long', message: 'must have at most 63 bytes' },
  { name: 'CSI driver not a DNS subdomain', change: add({ csi: { driver: 'io.kubernetes.storage.mock!' } }), field: `${V}.csi.driver`, type: 'Invalid value' },
  { name: 'CSI nodePublishSecretRef without name', change: add({ csi: { driver: 'a.b', nodePublishSecretRef: {} } }), field: `${V}.csi.nodePublishSecretRef.name`, type: 'Required value' },
  { name: 'CSI nodePublishSecretRef bad name (reported at csi.name)', change: add({ csi: { driver: 'a.b', nodePublishSecretRef: { name: 'Bad_Name' } } }), field: `${V}.csi.name`, type: 'Invalid value' },
  { name: 'ephemeral without volumeClaimTemplate', change: add({ ephemeral: {} }), field: `${V}.ephemeral.volumeClaimTemplate`, type: 'Required value' },
  { name: 'ephemeral without accessModes', change: add(withSpec({ accessModes: [] })), field: `${V}.ephemeral.volumeClaimTemplate.spec.accessModes`, type: 'Required value', message: 'at least 1 access mode is required' },
  { name: 'ephemeral unknown access mode', change: add(withSpec({ accessModes: ['ReadWriteSome'] })), field: `${V}.ephemeral.volumeClaimTemplate.spec.accessModes`, type: 'Unsupported value', message: 'supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"' },
  { name: 'ephemeral ReadWriteOncePod with another mode', change: add(withSpec({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] })), field: `${V}.ephemeral.volumeClaimTemplate.spec.accessModes`, type: 'Forbidden', message: 'may not use ReadWriteOncePod with other access modes' },
  { name: 'ephemeral without storage request', change: add(withSpec({ resources: {} })), field: `${V}.ephemeral.volumeClaimTemplate.spec.resources[storage]`, type: 'Required value' },
  { name: 'ephemeral zero storage request', change: add(withSpec({ resources: { requests: { storage: '0' } } })), field: `${V}.ephemeral.volumeClaimTemplate.spec.resources[storage]`, type: 'Invalid value', message: 'must be greater than zero' },
  { name: 'ephemeral unknown volumeMode', change: add(withSpec({ volumeMode: 'Raw' })), field: `${V}.ephemeral.volumeClaimTemplate.spec.volumeMode`, type: 'Unsupported value', message: 'supported values: "Block", "Filesystem"' },
  { name: 'ephemeral bad storageClassName', change: add(withSpec({ storageClassName: 'Fast_SSD' })), field: `${V}.ephemeral.volumeClaimTemplate.spec.storageClassName`, type: 'Invalid value' },
  { name: 'ephemeral template with a name', change: add(claim({ metadata: { name: 'claim' } })), field: `${V}.ephemeral.volumeClaimTemplate.metadata.name`, type: 'Forbidden', message: 'cannot be set' },
  { name: 'ephemeral template with a uid (reported as uID)', change: add(claim({ metadata: { uid: 'x' } })), field: `${V}.ephemeral.volumeClaimTemplate.metadata.uID`, type: 'Forbidden', message: 'cannot be set' },
  { name: 'ephemeral template bad label', change: add(claim({ metadata: { labels: { 'bad key': 'x' } } })), field: `${V}.ephemeral.volumeClaimTemplate.metadata.labels`, type: 'Invalid value' },
  { name: 'ephemeral template bad selector operator', change: add(withSpec({ selector: { matchExpressions: [{ key: 'a', operator: 'Equals' }] } })), field: `${V}.ephemeral.volumeClaimTemplate.spec.selector.matchExpressions[0].operator`, type: 'Invalid value', message: 'not a valid selector operator' },
  { name: 'second source downwardAPI (reported as downwarAPI)', change: add({ emptyDir: {}, downwardAPI: {} }), field: `${V}.downwarAPI`, type: 'Forbidden', message: 'may not specify more than 1 volume type' },
  { name: 'second source in upstream order (configMap after secret)', change: add({ configMap: { name: 'c' }, secret: { secretName: 's' } }), field: `${V}.configMap`, type: 'Forbidden', message: 'may not specify more than 1 volume type' },
  { name: 'emptyDir negative sizeLimit', change: add({ emptyDir: { sizeLimit: '-1Mi' } }), field: `${V}.emptyDir.sizeLimit`, type: 'Forbidden', message: 'SizeLimit field must be a valid resource quantity' },
  { name: 'gitRepo directory with ..', change: add({ gitRepo: { repository: 'r', directory: '../x' } }), field: `${V}.gitRepo.directory`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'gitRepo without repository', change: add({ gitRepo: {} }), field: `${V}.gitRepo.repository`, type: 'Required value' },
  { name: 'nfs relative path', change: add({ nfs: { server: 's', path: 'exports' } }), field: `${V}.nfs.path`, type: 'Invalid value', message: 'must be an absolute path' },
  { name: 'gcePersistentDisk partition 256 (reported as persistentDisk)', change: add({ gcePersistentDisk: { pdName: 'd', partition: 256 } }), field: `${V}.persistentDisk.partition`, type: 'Invalid value', message: 'must be between 1 and 255, inclusive' },
  { name: 'awsElasticBlockStore without volumeID', change: add({ awsElasticBlockStore: {} }), field: `${V}.awsElasticBlockStore.volumeID`, type: 'Required value' },
  { name: 'persistentVolumeClaim without claimName', change: add({ persistentVolumeClaim: {} }), field: `${V}.persistentVolumeClaim.claimName`, type: 'Required value' },
  { name: 'storageos volumeName not a DNS label', change: add({ storageos: { volumeName: 'Bad.Name' } }), field: `${V}.storageos.volumeName`, type: 'Invalid value' },
  { name: 'glusterfs without endpoints', change: add({ glusterfs: { path: 'p' } }), field: `${V}.glusterfs.endpoints`, type: 'Required value' },
];

describe('pod volumes (ValidateVolumes, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
