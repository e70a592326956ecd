import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From TestValidatePodSpec, TestValidateContainers, TestValidateInitContainers, TestValidatePorts, TestValidateEnv,
// TestValidateEnvFrom, TestValidateVolumeMounts, TestValidateVolumes, TestValidateResourceRequirements,
// TestValidateProbe and TestValidateTolerations (pkg/apis/core/validation/validation_test.go), applied to the
// pod template of a DaemonSet, where the 1.27 API server runs ValidatePodTemplateSpec in full.
const base: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        containers: [{
          name: 'agent',
          image: 'registry.example.com/agent:1.0',
          ports: [{ name: 'metrics', containerPort: 9100 }],
          env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
          volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }],
          livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' } },
        }],
        volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
      },
    },
  },
};

const pod = (m: Manifest): Manifest => m.spec.template.spec;
const container = (m: Manifest): Manifest => pod(m).containers[0];
const C = 'spec.template.spec.containers[0]';
const P = 'spec.template.spec';

const valid: ValidCase[] = [
  { name: 'hostNetwork: hostPort defaulted to containerPort', change: (m) => { pod(m).hostNetwork = true; } },
  { name: 'same port name in two containers', change: (m) => { pod(m).containers.push({ name: 'b', image: 'b:1', ports: [{ name: 'metrics', containerPort: 9200 }] }); } },
  { name: 'extended resource limit without request', change: (m) => { container(m).resources.limits['example.com/gpu'] = '1'; } },
  { name: 'extended resource request equal to limit', change: (m) => { container(m).resources.limits['example.com/gpu'] = 2; container(m).resources.requests['example.com/gpu'] = 2; } },
  { name: 'toleration Exists without key', change: (m) => { pod(m).tolerations = [{ operator: 'Exists' }]; } },
  { name: 'toleration with tolerationSeconds and NoExecute', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 60 }]; } },
  { name: 'env from a secret key and a configMap', change: (m) => { container(m).env.push({ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }); container(m).envFrom = [{ configMapRef: { name: 'c' }, prefix: 'CFG_' }]; } },
  { name: 'downward API label subscript', change: (m) => { container(m).env.push({ name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }); } },
  { name: 'image without tag (imagePullPolicy defaulted to Always)', change: (m) => { container(m).image = 'busybox'; } },
  { name: 'readiness probe with successThreshold 3', change: (m) => { container(m).readinessProbe = { tcpSocket: { port: 9100 }, successThreshold: 3 }; } },
  { name: 'dnsPolicy None with nameservers', change: (m) => { pod(m).dnsPolicy = 'None'; pod(m).dnsConfig = { nameservers: ['1.1.1.1'] }; } },
  { name: 'the library\'s restrictive container securityContext', change: (m) => { container(m).securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }; } },
  { name: 'seccomp Localhost with a profile', change: (m) => { pod(m).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } }; } },
  {
    name: 'node and pod anti-affinity',
    change: (m) => {
      pod(m).affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'agent' } } } }] },
      };
    },
  },
  // ProcMountType is off in 1.27: the server drops procMount before validation.
  { name: 'any procMount (dropped while ProcMountType is off)', change: (m) => { container(m).securityContext = { procMount: 'Masked' }; } },
  { name: 'quantities as numbers', change: (m) => { container(m).resources = { requests: { cpu: 0.1 }, limits: { cpu: 1 } }; } },
];

const invalid: InvalidCase[] = [
  { name: 'no containers', change: (m) => { pod(m).containers = []; }, field: `${P}.containers`, type: 'Required value' },
  { name: 'zero-length container name', change: (m) => { container(m).name = ''; }, field: `${C}.name`, type: 'Required value' },
  { name: 'container name not a DNS label', change: (m) => { container(m).name = 'Agent_1'; }, field: `${C}.name`, type: 'Invalid value', message: 'DNS-1123 label' },
  { name: 'duplicate container names', change: (m) => { pod(m).containers.push({ name: 'agent', image: 'b:1' }); }, field: `${P}.containers[1].name`, type: 'Duplicate value' },
  { name: 'init container named like a container', change: (m) => { pod(m).initContainers = [{ name: 'agent', image: 'b:1' }]; }, field: `${P}.initContainers[0].name`, type: 'Duplicate value' },
  { name: 'zero-length image', change: (m) => { container(m).image = ''; }, field: `${C}.image`, type: 'Required value' },
  { name: 'invalid imagePullPolicy', change: (m) => { container(m).imagePullPolicy = 'Sometimes'; }, field: `${C}.imagePullPolicy`, type: 'Unsupported value', message: '"Always", "IfNotPresent", "Never"' },
  { name: 'invalid terminationMessagePolicy', change: (m) => { container(m).terminationMessagePolicy = 'Bogus'; }, field: `${C}.terminationMessagePolicy`, type: 'Unsupported value' },
  { name: 'zero containerPort', change: (m) => { container(m).ports[0].containerPort = 0; }, field: `${C}.ports[0].containerPort`, type: 'Required value' },
  { name: 'containerPort out of range', change: (m) => { container(m).ports[0].containerPort = 65536; container(m).livenessProbe.httpGet.port = 8080; }, field: `${C}.ports[0].containerPort`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'hostPort out of range', change: (m) => { container(m).ports[0].hostPort = 70000; }, field: `${C}.ports[0].hostPort`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'unsupported protocol', change: (m) => { container(m).ports[0].protocol = 'HTTP'; }, field: `${C}.ports[0].protocol`, type: 'Unsupported value', message: 'supported values: "SCTP", "TCP", "UDP"' },
  { name: 'port name longer than 15', change: (m) => { container(m).ports[0].name = 'metrics-endpoint'; container(m).livenessProbe.httpGet.port = 9100; }, field: `${C}.ports[0].name`, type: 'Invalid value', message: 'must be no more than 15 characters' },
  { name: 'port name with consecutive hyphens', change: (m) => { container(m).ports[0].name = 'met--rics'; container(m).livenessProbe.httpGet.port = 9100; }, field: `${C}.ports[0].name`, type: 'Invalid value', message: 'must not contain consecutive hyphens' },
  { name: 'port name without a letter', change: (m) => { container(m).ports[0].name = '9100'; container(m).livenessProbe.httpGet.port = 9100; }, field: `${C}.ports[0].name`, type: 'Invalid value', message: 'must contain at least one letter' },
  { name: 'duplicate port names in a container', change: (m) => { container(m).ports.push({ name: 'metrics', containerPort: 9200 }); }, field: `${C}.ports[1].name`, type: 'Duplicate value' },
  { name: 'duplicate hostPort across containers', change: (m) => { container(m).ports[0].hostPort = 9100; pod(m).containers.push({ name: 'b', image: 'b:1', ports: [{ containerPort: 9200, hostPort: 9100 }] }); }, field: `${P}.containers[1].ports[0].hostPort`, type: 'Duplicate value' },
  { name: 'hostNetwork with hostPort different from containerPort', change: (m) => { pod(m).hostNetwork = true; container(m).ports[0].hostPort = 9101; }, field: `${C}.ports[0].hostPort`, type: 'Invalid value', message: 'must match `containerPort` when `hostNetwork` is true' },
  { name: 'zero-length env name', change: (m) => { container(m).env.push({ name: '', value: 'x' }); }, field: `${C}.env[1].name`, type: 'Required value' },
  { name: 'env name starting with a digit', change: (m) => { container(m).env.push({ name: '1BAD', value: 'x' }); }, field: `${C}.env[1].name`, type: 'Invalid value' },
  { name: 'env value and valueFrom', change: (m) => { container(m).env[0].value = 'node'; }, field: `${C}.env[0].valueFrom`, type: 'Invalid value', message: 'may not be specified when `value` is not empty' },
  { name: 'env valueFrom without a source', change: (m) => { container(m).env[0].valueFrom = {}; }, field: `${C}.env[0].valueFrom`, type: 'Invalid value', message: 'must specify one of' },
  { name: 'env valueFrom with two sources', change: (m) => { container(m).env[0].valueFrom.secretKeyRef = { name: 's', key: 'k' }; }, field: `${C}.env[0].valueFrom`, type: 'Invalid value', message: 'may not have more than one field specified at a time' },
  { name: 'fieldRef path the API cannot convert', change: (m) => { container(m).env[0].valueFrom.fieldRef.fieldPath = 'spec.bogus'; }, field: `${C}.env[0].valueFrom.fieldRef.fieldPath`, type: 'Invalid value', message: 'error converting fieldPath: field label not supported: spec.bogus' },
  { name: 'fieldRef path not available to env vars', change: (m) => { container(m).env[0].valueFrom.fieldRef.fieldPath = 'status.phase'; }, field: `${C}.env[0].valueFrom.fieldRef.fieldPath`, type: 'Unsupported value' },
  { name: 'fieldRef label subscript not a qualified name', change: (m) => { container(m).env[0].valueFrom.fieldRef.fieldPath = "metadata.labels['bad key']"; }, field: `${C}.env[0].valueFrom.fieldRef`, type: 'Invalid value' },
  { name: 'configMapKeyRef key with a slash', change: (m) => { container(m).env[0].valueFrom = { configMapKeyRef: { name: 'c', key: 'a/b' } }; }, field: `${C}.env[0].valueFrom.configMapKeyRef.key`, type: 'Invalid value', message: 'a valid config key' },
  { name: 'secretKeyRef without name', change: (m) => { container(m).env[0].valueFrom = { secretKeyRef: { key: 'k' } }; }, field: `${C}.env[0].valueFrom.secretKeyRef.name`, type: 'Invalid value' },
  { name: 'unsupported resourceFieldRef resource', change: (m) => { container(m).env[0].valueFrom = { resourceFieldRef: { resource: 'limits.gpu' } }; }, field: `${C}.env[0].valueFrom.resourceFieldRef.resource`, type: 'Unsupported value' },
  { name: 'secretKeyRef without key', change: (m) => { container(m).env[0].valueFrom = { secretKeyRef: { name: 's' } }; }, field: `${C}.env[0].valueFrom.secretKeyRef.key`, type: 'Required value' },
  { name: 'envFrom without a source', change: (m) => { container(m).envFrom = [{ prefix: 'X_' }]; }, field: `${C}.envFrom`, type: 'Invalid value', message: 'must specify one of: `configMapRef` or `secretRef`' },
  { name: 'envFrom prefix not an env name', change: (m) => { container(m).envFrom = [{ prefix: '1X', configMapRef: { name: 'c' } }]; }, field: `${C}.envFrom[0].prefix`, type: 'Invalid value' },
  { name: 'volumeMount of a missing volume', change: (m) => { container(m).volumeMounts[0].name = 'data'; }, field: `${C}.volumeMounts[0].name`, type: 'Not found' },
  { name: 'volumeMount without mountPath', change: (m) => { container(m).volumeMounts[0].mountPath = ''; }, field: `${C}.volumeMounts[0].mountPath`, type: 'Required value' },
  { name: 'two mounts at one path', change: (m) => { container(m).volumeMounts.push({ name: 'logs', mountPath: '/var/log' }); }, field: `${C}.volumeMounts[1].mountPath`, type: 'Invalid value', message: 'must be unique' },
  { name: 'subPath with ..', change: (m) => { container(m).volumeMounts[0].subPath = '../etc'; }, field: `${C}.volumeMounts.subPath`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'absolute subPath', change: (m) => { container(m).volumeMounts[0].subPath = '/etc'; }, field: `${C}.volumeMounts.subPath`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'volume name not a DNS label', change: (m) => { pod(m).volumes.push({ name: 'Bad_Name', emptyDir: {} }); }, field: `${P}.volumes[1].name`, type: 'Invalid value' },
  { name: 'duplicate volume names', change: (m) => { pod(m).volumes.push({ name: 'logs', emptyDir: {} }); }, field: `${P}.volumes[1].name`, type: 'Duplicate value' },
  { name: 'volume without a source', change: (m) => { pod(m).volumes.push({ name: 'empty' }); }, field: `${P}.volumes[1]`, type: 'Required value', message: 'must specify a volume type' },
  { name: 'volume with two sources', change: (m) => { pod(m).volumes[0].emptyDir = {}; }, field: `${P}.volumes[0].hostPath`, type: 'Forbidden', message: 'may not specify more than 1 volume type', alsoAt: [`${C}.volumeMounts[0].name`] },
  { name: 'hostPath without path', change: (m) => { pod(m).volumes[0].hostPath = {}; }, field: `${P}.volumes[0].hostPath.path`, type: 'Required value', alsoAt: [`${C}.volumeMounts[0].name`] },
  { name: 'non-standard resource name', change: (m) => { container(m).resources.limits.bogus = '1'; }, field: `${C}.resources.limits[bogus]`, type: 'Invalid value', message: 'must be a standard resource for containers' },
  { name: 'request above limit', change: (m) => { container(m).resources.requests.cpu = '1'; }, field: `${C}.resources.requests`, type: 'Invalid value', message: 'must be less than or equal to cpu limit' },
  { name: 'memory request above limit across units', change: (m) => { container(m).resources.requests.memory = '1Gi'; container(m).resources.limits.memory = '1000M'; }, field: `${C}.resources.requests`, type: 'Invalid value', message: 'must be less than or equal to memory limit' },
  { name: 'negative quantity', change: (m) => { container(m).resources.requests.memory = '-64Mi'; }, field: `${C}.resources.requests[memory]`, type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'malformed quantity (decode error)', change: (m) => { container(m).resources.limits.memory = '128MB'; }, field: `${C}.resources.limits[memory]`, type: 'Invalid value', message: 'quantities must match the regular expression' },
  { name: 'extended resource request without limit', change: (m) => { container(m).resources.requests['example.com/gpu'] = '1'; }, field: `${C}.resources.limits`, type: 'Required value', message: 'Limit must be set for non overcommitable resources' },
  { name: 'extended resource request below limit', change: (m) => { container(m).resources.requests['example.com/gpu'] = '1'; container(m).resources.limits['example.com/gpu'] = '2'; }, field: `${C}.resources.requests`, type: 'Invalid value', message: 'must be equal to example.com/gpu limit' },
  { name: 'fractional extended resource', change: (m) => { container(m).resources.limits['example.com/gpu'] = '500m'; }, field: `${C}.resources.limits[example.com/gpu]`, type: 'Invalid value', message: 'must be an integer' },
  { name: 'hugepages without cpu or memory', change: (m) => { container(m).resources = { limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } }; }, field: `${C}.resources`, type: 'Forbidden', message: 'HugePages require cpu or memory' },
  { name: 'probe without a handler', change: (m) => { container(m).livenessProbe = { periodSeconds: 10 }; }, field: `${C}.livenessProbe`, type: 'Required value', message: 'must specify a handler type' },
  { name: 'probe with two handlers', change: (m) => { container(m).livenessProbe.tcpSocket = { port: 9100 }; }, field: `${C}.livenessProbe.tcpSocket`, type: 'Forbidden', message: 'may not specify more than 1 handler type' },
  { name: 'liveness successThreshold other than 1', change: (m) => { container(m).livenessProbe.successThreshold = 2; }, field: `${C}.livenessProbe.successThreshold`, type: 'Invalid value', message: 'must be 1' },
  { name: 'negative periodSeconds', change: (m) => { container(m).livenessProbe.periodSeconds = -1; }, field: `${C}.livenessProbe.periodSeconds`, type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'readiness probe with terminationGracePeriodSeconds', change: (m) => { container(m).readinessProbe = { tcpSocket: { port: 9100 }, terminationGracePeriodSeconds: 10 }; }, field: `${C}.readinessProbe.terminationGracePeriodSeconds`, type: 'Invalid value', message: 'must not be set for readinessProbes' },
  { name: 'httpGet port out of range', change: (m) => { container(m).livenessProbe.httpGet.port = 0; }, field: `${C}.livenessProbe.httpGet.port`, type: 'Invalid value', message: 'must be between 1 and 65535, inclusive' },
  { name: 'httpGet scheme FTP', change: (m) => { container(m).livenessProbe.httpGet.scheme = 'FTP'; }, field: `${C}.livenessProbe.httpGet.scheme`, type: 'Unsupported value', message: '"HTTP", "HTTPS"' },
  { name: 'init container with a probe', change: (m) => { pod(m).initContainers = [{ name: 'init', image: 'i:1', readinessProbe: { tcpSocket: { port: 1 } } }]; }, field: `${P}.initContainers[0].readinessProbe`, type: 'Forbidden', message: 'may not be set for init containers' },
  { name: 'invalid dnsPolicy', change: (m) => { pod(m).dnsPolicy = 'Bogus'; }, field: `${P}.dnsPolicy`, type: 'Unsupported value' },
  { name: 'dnsPolicy None without dnsConfig', change: (m) => { pod(m).dnsPolicy = 'None'; }, field: `${P}.dnsConfig`, type: 'Required value' },
  { name: 'invalid nodeSelector key', change: (m) => { pod(m).nodeSelector = { 'bad key': 'x' }; }, field: `${P}.nodeSelector`, type: 'Invalid value' },
  { name: 'invalid serviceAccountName', change: (m) => { pod(m).serviceAccountName = 'Bad_SA'; }, field: `${P}.serviceAccountName`, type: 'Invalid value' },
  { name: 'invalid hostname', change: (m) => { pod(m).hostname = 'bad.host'; }, field: `${P}.hostname`, type: 'Invalid value' },
  { name: 'toleration Exists with a value', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; }, field: `${P}.tolerations[0].operator`, type: 'Invalid value', message: "value must be empty when `operator` is 'Exists'" },
  { name: 'toleration Equal without key', change: (m) => { pod(m).tolerations = [{ operator: 'Equal', value: 'v' }]; }, field: `${P}.tolerations[0].operator`, type: 'Invalid value', message: 'operator must be Exists when `key` is empty' },
  { name: 'tolerationSeconds without NoExecute', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }]; }, field: `${P}.tolerations[0].effect`, type: 'Invalid value', message: "effect must be 'NoExecute'" },
  { name: 'unsupported toleration effect', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Exists', effect: 'Sometimes' }]; }, field: `${P}.tolerations[0].effect`, type: 'Unsupported value' },
  { name: 'unsupported toleration operator', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Like' }]; }, field: `${P}.tolerations[0].operator`, type: 'Unsupported value', message: '"Equal", "Exists"' },
  { name: 'toleration value not a label value (reported at operator in 1.27)', change: (m) => { pod(m).tolerations = [{ key: 'k', operator: 'Equal', value: 'bad value' }]; }, field: `${P}.tolerations[0].operator`, type: 'Invalid value' },
  { name: 'privileged with allowPrivilegeEscalation false (the library default)', change: (m) => { container(m).securityContext = { allowPrivilegeEscalation: false, privileged: true }; }, field: `${C}.securityContext`, type: 'Invalid value', message: 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true' },
  { name: 'CAP_SYS_ADMIN with allowPrivilegeEscalation false', change: (m) => { container(m).securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } }; }, field: `${C}.securityContext`, type: 'Invalid value', message: 'capabilities.Add' },
  { name: 'negative runAsUser', change: (m) => { container(m).securityContext = { runAsUser: -1 }; }, field: `${C}.securityContext.runAsUser`, type: 'Invalid value', message: 'must be between 0 and 2147483647, inclusive' },
  { name: 'seccomp Localhost without a profile', change: (m) => { container(m).securityContext = { seccompProfile: { type: 'Localhost' } }; }, field: `${C}.securityContext.seccompProfile.localhostProfile`, type: 'Required value', message: 'must be set when seccomp type is Localhost' },
  { name: 'seccomp profile with RuntimeDefault', change: (m) => { container(m).securityContext = { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'p.json' } }; }, field: `${C}.securityContext.seccompProfile.localhostProfile`, type: 'Invalid value', message: 'can only be set when seccomp type is Localhost' },
  { name: 'unsupported seccomp type', change: (m) => { pod(m).securityContext = { seccompProfile: { type: 'Strict' } }; }, field: `${P}.securityContext.seccompProfile.type`, type: 'Unsupported value' },
  { name: 'fsGroup out of range', change: (m) => { pod(m).securityContext = { fsGroup: 2147483648 }; }, field: `${P}.securityContext.fsGroup`, type: 'Invalid value' },
  { name: 'negative supplemental group', change: (m) => { pod(m).securityContext = { supplementalGroups: [1000, -1] }; }, field: `${P}.securityContext.supplementalGroups[1]`, type: 'Invalid value' },
  { name: 'node affinity without terms', change: (m) => { pod(m).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; }, field: `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`, type: 'Required value', message: 'must have at least one node selector term' },
  { name: 'node affinity operator Equals', change: (m) => { pod(m).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'Equals', values: ['linux'] }] }] } } }; }, field: `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator`, type: 'Invalid value', message: 'not a valid selector operator' },
  { name: 'node affinity Gt with two values', change: (m) => { pod(m).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['1', '2'] }] }] } } }; }, field: `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`, type: 'Required value', message: "single value when `operator` is 'Lt' or 'Gt'" },
  { name: 'preferred node affinity weight 0', change: (m) => { pod(m).affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] } }; }, field: `${P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`, type: 'Invalid value', message: 'must be in the range 1-100' },
  { name: 'pod anti-affinity without topologyKey', change: (m) => { pod(m).affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'agent' } } }] } }; }, field: `${P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`, type: 'Required value', message: 'can not be empty' },
  { name: 'pod affinity selector with a bad operator', change: (m) => { pod(m).affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals' }] } } }] } }; }, field: `${P}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].operator`, type: 'Invalid value' },
  { name: 'invalid toleration key', change: (m) => { pod(m).tolerations = [{ key: 'bad key', operator: 'Exists' }]; }, field: `${P}.tolerations[0].key`, type: 'Invalid value' },
];

describe('pod template (ValidatePodTemplateSpec, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
