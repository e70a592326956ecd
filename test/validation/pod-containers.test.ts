import { InvalidCase, Manifest, ValidCase, daemonSetWith, testCases } from './cases';

// From TestValidateContainers (lifecycle and probe handler cases), TestValidateHTTPGetAction / TestValidateHandler,
// TestValidateEnv (resourceFieldRef divisor cases), TestValidateVolumeMounts, TestValidateSubpathMutuallyExclusive,
// TestValidateMountPropagation, TestValidateVolumeDevices, TestValidateInitContainers and TestValidateResourceRequirements
// (hugepages) (pkg/apis/core/validation/validation_test.go, 1.27), applied to a DaemonSet's template.
const base: Manifest = daemonSetWith({
  containers: [{
    name: 'agent',
    image: 'registry.example.com/agent:1.0',
    ports: [{ name: 'http', containerPort: 8080 }],
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
  }],
  volumes: [{ name: 'data', emptyDir: {} }, { name: 'claim', persistentVolumeClaim: { claimName: 'c' } }],
});

const C = 'spec.template.spec.containers[0]';
const I = 'spec.template.spec.initContainers[0]';
const container = (m: Manifest): Manifest => m.spec.template.spec.containers[0];
const hook = (handler: Manifest) => (m: Manifest): void => { container(m).lifecycle = { preStop: handler }; };
const env = (resourceFieldRef: Manifest) => (m: Manifest): void => { container(m).env = [{ name: 'LIMIT', valueFrom: { resourceFieldRef } }]; };

const valid: ValidCase[] = [
  { name: 'postStart exec and preStop httpGet', change: (m) => { container(m).lifecycle = { postStart: { exec: { command: ['/bin/true'] } }, preStop: { httpGet: { port: 'http', path: '/quit' } } }; } },
  { name: 'preStop tcpSocket', change: hook({ tcpSocket: { port: 8080 } }) },
  { name: 'env fieldRef spec.host (the old name of spec.nodeName)', change: (m) => { container(m).env = [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.host' } } }]; } },
  { name: 'httpGet without path or scheme (defaulted)', change: hook({ httpGet: { port: 8080 } }) },
  { name: 'probe with HTTP headers', change: (m) => { container(m).readinessProbe = { httpGet: { port: 8080, httpHeaders: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }, { name: 'Host', value: 'a' }] } }; } },
  { name: 'grpc probe', change: (m) => { container(m).livenessProbe = { grpc: { port: 9090, service: 'health' } }; } },
  { name: 'cpu divisor 1m', change: env({ resource: 'limits.cpu', divisor: '1m' }) },
  { name: 'cpu divisor 1000m (canonical 1)', change: env({ resource: 'requests.cpu', divisor: '1000m' }) },
  { name: 'memory divisor 1Mi', change: env({ resource: 'limits.memory', divisor: '1Mi' }) },
  { name: 'memory divisor 1024Ki (canonical 1Mi)', change: env({ resource: 'limits.memory', divisor: '1024Ki' }) },
  { name: 'memory divisor 1000 (canonical 1k)', change: env({ resource: 'limits.memory', divisor: '1000' }) },
  { name: 'divisor 0 (unset)', change: env({ resource: 'limits.cpu', divisor: '0' }) },
  { name: 'hugepages in env', change: env({ resource: 'requests.hugepages-1Gi', divisor: '1Mi' }) },
  { name: 'subPathExpr', change: (m) => { container(m).volumeMounts[0].subPathExpr = '$(POD_NAME)/logs'; } },
  { name: 'mountPropagation HostToContainer', change: (m) => { container(m).volumeMounts[0].mountPropagation = 'HostToContainer'; } },
  { name: 'Bidirectional in a privileged container', change: (m) => { container(m).volumeMounts[0].mountPropagation = 'Bidirectional'; container(m).securityContext = { privileged: true }; } },
  { name: 'same volume mounted twice at two paths', change: (m) => { container(m).volumeMounts.push({ name: 'data', mountPath: '/other', readOnly: true }); } },
  { name: 'volumeDevice of a claim', change: (m) => { container(m).volumeDevices = [{ name: 'claim', devicePath: '/dev/xvda' }]; } },
  { name: 'hugepages 0 (a multiple of any page size)', change: (m) => { container(m).resources = { limits: { 'hugepages-1Gi': '0', 'memory': '1Gi' } }; } },
  { name: 'hugepages with memory, a multiple of the page size', change: (m) => { container(m).resources = { limits: { 'hugepages-2Mi': '4Mi', 'memory': '1Gi' } }; } },
  { name: 'init container with a hostPort like the app container (checked separately)', change: (m) => { container(m).ports[0].hostPort = 80; m.spec.template.spec.initContainers = [{ name: 'init', image: 'i:1', ports: [{ containerPort: 80, hostPort: 80 }] }]; } },
];

const invalid: InvalidCase[] = [
  { name: 'lifecycle handler without a type', change: hook({}), field: `${C}.lifecycle.preStop`, type: 'Required value', message: 'must specify a handler type' },
  { name: 'lifecycle handler with two types', change: hook({ exec: { command: ['a'] }, tcpSocket: { port: 80 } }), field: `${C}.lifecycle.preStop.tcpSocket`, type: 'Forbidden', message: 'may not specify more than 1 handler type' },
  { name: 'lifecycle exec without command', change: hook({ exec: { command: [] } }), field: `${C}.lifecycle.preStop.exec.command`, type: 'Required value' },
  { name: 'lifecycle httpGet port out of range', change: hook({ httpGet: { port: 65536 } }), field: `${C}.lifecycle.preStop.httpGet.port`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'lifecycle httpGet bad port name', change: hook({ httpGet: { port: 'Http_Port' } }), field: `${C}.lifecycle.preStop.httpGet.port`, type: 'Invalid value' },
  { name: 'lifecycle httpGet unsupported scheme', change: hook({ httpGet: { port: 80, scheme: 'ftp' } }), field: `${C}.lifecycle.preStop.httpGet.scheme`, type: 'Unsupported value', message: 'supported values: "HTTP", "HTTPS"' },
  { name: 'lifecycle tcpSocket port 0', change: hook({ tcpSocket: { port: 0 } }), field: `${C}.lifecycle.preStop.tcpSocket.port`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'postStart handler without a type', change: (m) => { container(m).lifecycle = { postStart: {} }; }, field: `${C}.lifecycle.postStart`, type: 'Required value', message: 'must specify a handler type' },
  { name: 'HTTP header name with a space (reported at httpHeaders)', change: hook({ httpGet: { port: 80, httpHeaders: [{ name: 'X Forwarded', value: 'a' }] } }), field: `${C}.lifecycle.preStop.httpGet.httpHeaders`, type: 'Invalid value', message: "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')" },
  { name: 'probe HTTP header name with a colon', change: (m) => { container(m).livenessProbe = { httpGet: { port: 80, httpHeaders: [{ name: 'Host:', value: 'a' }] } }; }, field: `${C}.livenessProbe.httpGet.httpHeaders`, type: 'Invalid value', message: 'a valid HTTP header must consist of alphanumeric characters' },
  { name: 'probe empty HTTP header name', change: (m) => { container(m).readinessProbe = { httpGet: { port: 80, httpHeaders: [{ name: '', value: 'a' }] } }; }, field: `${C}.readinessProbe.httpGet.httpHeaders`, type: 'Invalid value' },
  { name: 'grpc probe without port (decoded as 0)', change: (m) => { container(m).livenessProbe = { grpc: {} }; }, field: `${C}.livenessProbe.grpc.port`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'probe terminationGracePeriodSeconds 0', change: (m) => { container(m).livenessProbe = { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 0 }; }, field: `${C}.livenessProbe.terminationGracePeriodSeconds`, type: 'Invalid value', message: 'must be greater than 0' },
  { name: 'startup probe successThreshold 2', change: (m) => { container(m).startupProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }; }, field: `${C}.startupProbe.successThreshold`, type: 'Invalid value', message: 'must be 1' },
  { name: 'cpu divisor 1Ki', change: env({ resource: 'limits.cpu', divisor: '1Ki' }), field: `${C}.env[0].valueFrom.resourceFieldRef.divisor`, type: 'Invalid value', message: "only divisor's values 1m and 1 are supported with the cpu resource" },
  { name: 'cpu divisor 1e-3 (canonical 1e-3, not 1m)', change: env({ resource: 'requests.cpu', divisor: '1e-3' }), field: `${C}.env[0].valueFrom.resourceFieldRef.divisor`, type: 'Invalid value', message: 'with the cpu resource' },
  { name: 'memory divisor 2', change: env({ resource: 'requests.memory', divisor: '2' }), field: `${C}.env[0].valueFrom.resourceFieldRef.divisor`, type: 'Invalid value', message: 'are supported with the memory resource' },
  { name: 'memory divisor 1e3 (canonical 1e3, not 1k)', change: env({ resource: 'limits.memory', divisor: '1e3' }), field: `${C}.env[0].valueFrom.resourceFieldRef.divisor`, type: 'Invalid value', message: 'with the memory resource' },
  { name: 'ephemeral-storage divisor 10Gi', change: env({ resource: 'limits.ephemeral-storage', divisor: '10Gi' }), field: `${C}.env[0].valueFrom.resourceFieldRef.divisor`, type: 'Invalid value', message: 'with the local ephemeral storage resource' },
  { name: 'resourceFieldRef without resource', change: env({ divisor: '1' }), field: `${C}.env[0].valueFrom.resourceFieldRef.resource`, type: 'Required value' },
  { name: 'subPath and subPathExpr together', change: (m) => { Object.assign(container(m).volumeMounts[0], { subPath: 'a', subPathExpr: 'b' }); }, field: `${C}.volumeMounts[0].subPathExpr`, type: 'Invalid value', message: 'subPathExpr and subPath are mutually exclusive' },
  { name: 'absolute subPathExpr (reported without index)', change: (m) => { container(m).volumeMounts[0].subPathExpr = '/$(POD_NAME)'; }, field: `${C}.volumeMounts.subPathExpr`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'subPathExpr with ..', change: (m) => { container(m).volumeMounts[0].subPathExpr = '$(A)/../b'; }, field: `${C}.volumeMounts.subPathExpr`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'unknown mountPropagation', change: (m) => { container(m).volumeMounts[0].mountPropagation = 'Private'; }, field: `${C}.volumeMounts.mountPropagation`, type: 'Unsupported value', message: 'supported values: "Bidirectional", "HostToContainer", "None"' },
  { name: 'Bidirectional in an unprivileged container', change: (m) => { container(m).volumeMounts[0].mountPropagation = 'Bidirectional'; }, field: `${C}.volumeMounts.mountPropagation`, type: 'Forbidden', message: 'Bidirectional mount propagation is available only to privileged containers' },
  { name: 'mount without name', change: (m) => { container(m).volumeMounts[0].name = ''; }, field: `${C}.volumeMounts[0].name`, type: 'Required value', alsoAt: [] },
  { name: 'volumeDevice of an emptyDir', change: (m) => { container(m).volumeDevices = [{ name: 'data', devicePath: '/dev/x' }]; }, field: `${C}.volumeDevices[0].name`, type: 'Invalid value', message: 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode', alsoAt: [`${C}.volumeMounts[0].name`] },
  { name: 'volumeDevice of a missing volume', change: (m) => { container(m).volumeDevices = [{ name: 'nope', devicePath: '/dev/x' }]; }, field: `${C}.volumeDevices[0].name`, type: 'Not found' },
  { name: 'volumeDevice without devicePath', change: (m) => { container(m).volumeDevices = [{ name: 'claim' }]; }, field: `${C}.volumeDevices[0].devicePath`, type: 'Required value' },
  { name: 'volumeDevice path with ..', change: (m) => { container(m).volumeDevices = [{ name: 'claim', devicePath: '/dev/../x' }]; }, field: `${C}.volumeDevices[0].devicePath`, type: 'Invalid value', message: "can not contain backsteps ('..')" },
  { name: 'two volumeDevices of one claim', change: (m) => { container(m).volumeDevices = [{ name: 'claim', devicePath: '/dev/a' }, { name: 'claim', devicePath: '/dev/b' }]; }, field: `${C}.volumeDevices[1].name`, type: 'Invalid value', message: 'must be unique' },
  { name: 'volumeDevice at a mount path', change: (m) => { container(m).volumeDevices = [{ name: 'claim', devicePath: '/data' }]; }, field: `${C}.volumeDevices[0].devicePath`, type: 'Invalid value', message: 'must not already exist as a path in volumeMounts', alsoAt: [`${C}.volumeMounts[0].mountPath`] },
  { name: 'hugepages not a multiple of the page size', change: (m) => { container(m).resources = { limits: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' } }; }, field: `${C}.resources.limits[hugepages-2Mi]`, type: 'Invalid value', message: 'is not positive integer multiple of hugepages-2Mi' },
  { name: 'hugepages of a page size that does not parse', change: (m) => { container(m).resources = { limits: { 'hugepages-big': '2Mi', 'memory': '1Gi' } }; }, field: `${C}.resources.limits[hugepages-big]`, type: 'Invalid value', message: 'is not positive integer multiple of hugepages-big' },
  { name: 'init container with lifecycle', change: (m) => { m.spec.template.spec.initContainers = [{ name: 'init', image: 'i:1', lifecycle: { preStop: { exec: { command: ['a'] } } } }]; }, field: `${I}.lifecycle`, type: 'Forbidden', message: 'may not be set for init containers' },
  { name: 'init container with a duplicate hostPort of its own', change: (m) => { m.spec.template.spec.initContainers = [{ name: 'a', image: 'i:1' }, { name: 'b', image: 'i:1', ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81, hostPort: 80 }] }]; }, field: 'spec.template.spec.initContainers[0].ports[1].hostPort', type: 'Duplicate value' },
  { name: 'env fieldRef annotation subscript not a qualified name (reported at fieldRef)', change: (m) => { container(m).env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['a b']" } } }]; }, field: `${C}.env[0].valueFrom.fieldRef`, type: 'Invalid value' },
];

describe('pod containers (validateContainers, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
