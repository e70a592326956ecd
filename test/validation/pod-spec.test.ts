import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From TestValidatePodDNSConfig, TestValidateHostAliases (in TestValidatePodSpec), TestValidateReadinessGates,
// TestValidateSchedulingGates, TestValidatePodSpec (priorityClassName, runtimeClassName, preemptionPolicy, nodeName),
// TestValidateOS / TestValidateWindows / TestValidateLinux, TestValidateWindowsHostProcessPod, TestValidateSysctls,
// TestValidateWindowsSecurityContextOptions, TestValidateSeccompProfile*, TestValidatePodSpecificAnnotations
// (deletion cost, mirror, tolerations, seccomp, AppArmor) and TestValidateSeccompAnnotationsAndFields
// (pkg/apis/core/validation/validation_test.go, 1.27), applied to a Job's pod template.
const base: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate' },
  spec: {
    template: {
      metadata: { labels: { app: 'migrate' } },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'migrate', image: 'registry.example.com/migrate:1.0' }],
      },
    },
  },
};

const P = 'spec.template.spec';
const A = 'spec.template.annotations';
const C = `${P}.containers[0]`;
const pod = (m: Manifest): Manifest => m.spec.template.spec;
const container = (m: Manifest): Manifest => pod(m).containers[0];
const annotate = (annotations: Record<string, string>) => (m: Manifest): void => { m.spec.template.metadata.annotations = annotations; };
const dns = (dnsConfig: Manifest) => (m: Manifest): void => { pod(m).dnsConfig = dnsConfig; };
const windows = (change: (m: Manifest) => void) => (m: Manifest): void => { pod(m).os = { name: 'windows' }; change(m); };
const runAs = (runAsUserName: string) => (m: Manifest): void => { container(m).securityContext = { windowsOptions: { runAsUserName } }; };

const valid: ValidCase[] = [
  { name: 'dnsConfig with 3 nameservers, searches and options', change: dns({ nameservers: ['1.2.3.4', '2001:db8::1', '010.0.0.1'], searches: ['ns.svc.cluster.local', 'example.com.'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] }) },
  { name: '32 search paths of 2048 characters (ExpandedDNSConfig, on in 1.27)', change: dns({ searches: Array.from({ length: 32 }, (_, i) => `${String(i).padStart(2, '0')}${'a'.repeat(60)}`) }) },
  { name: 'dnsPolicy None with a nameserver', change: (m) => { pod(m).dnsPolicy = 'None'; pod(m).dnsConfig = { nameservers: ['10.0.0.10'] }; } },
  { name: 'hostAliases', change: (m) => { pod(m).hostAliases = [{ ip: '10.0.0.1', hostnames: ['db', 'db.example.com'] }, { ip: '::1', hostnames: ['local'] }]; } },
  { name: 'readiness gates', change: (m) => { pod(m).readinessGates = [{ conditionType: 'example.com/ready' }, { conditionType: 'Ready2' }]; } },
  { name: 'scheduling gates', change: (m) => { pod(m).schedulingGates = [{ name: 'example.com/quota' }, { name: 'capacity' }]; } },
  { name: 'priority class, runtime class, preemption, node name', change: (m) => { Object.assign(pod(m), { priorityClassName: 'high.priority', runtimeClassName: 'gvisor', preemptionPolicy: 'Never', nodeName: 'node-1.example.com' }); } },
  { name: 'linux pod', change: (m) => { pod(m).os = { name: 'linux' }; container(m).securityContext = { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } }; } },
  { name: 'windows pod with windowsOptions', change: windows((m) => { container(m).securityContext = { runAsNonRoot: true, windowsOptions: { runAsUserName: 'NT AUTHORITY\\NETWORK SERVICE', gmsaCredentialSpecName: 'gmsa-webapp' } }; }) },
  { name: 'windows hostProcess pod', change: (m) => { pod(m).hostNetwork = true; pod(m).securityContext = { windowsOptions: { hostProcess: true } }; } },
  { name: 'runAsUserName with a DNS domain', change: runAs('example.com\\svc-user') },
  { name: 'sysctls', change: (m) => { pod(m).securityContext = { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.ipv4.conf/eth0.forwarding', value: '1' }] }; } },
  { name: 'net sysctl with hostNetwork (rejected only from kubernetes#118705, after 1.27)', change: (m) => { pod(m).hostNetwork = true; pod(m).securityContext = { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }] }; } },
  { name: 'seccomp Localhost profile in a subdirectory', change: (m) => { container(m).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } }; } },
  { name: 'pod deletion cost', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '-100' }) },
  { name: 'pod deletion cost -007 (ParseInt takes it)', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '-007' }) },
  { name: 'seccomp annotations', change: annotate({ 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default', 'container.seccomp.security.alpha.kubernetes.io/migrate': 'localhost/p.json' }) },
  { name: 'seccomp annotation matching the field', change: (m) => { annotate({ 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' })(m); pod(m).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }; } },
  { name: 'AppArmor annotation', change: annotate({ 'container.apparmor.security.beta.kubernetes.io/migrate': 'localhost/k8s-apparmor' }) },
  { name: 'tolerations annotation', change: annotate({ 'scheduler.alpha.kubernetes.io/tolerations': '[{"key":"a","operator":"Exists"}]' }) },
  { name: 'mirror pod annotation with a nodeName', change: (m) => { annotate({ 'kubernetes.io/config.mirror': 'x' })(m); pod(m).nodeName = 'n'; } },
];

const invalid: InvalidCase[] = [
  { name: 'dnsPolicy None without dnsConfig', change: (m) => { pod(m).dnsPolicy = 'None'; }, field: `${P}.dnsConfig`, type: 'Required value', message: 'must provide `dnsConfig` when `dnsPolicy` is None' },
  { name: 'dnsPolicy None without nameservers', change: (m) => { pod(m).dnsPolicy = 'None'; pod(m).dnsConfig = { searches: ['a'] }; }, field: `${P}.dnsConfig.nameservers`, type: 'Required value', message: 'must provide at least one DNS nameserver when `dnsPolicy` is None' },
  { name: 'four nameservers', change: dns({ nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'] }), field: `${P}.dnsConfig.nameservers`, type: 'Invalid value', message: 'must not have more than 3 nameservers' },
  { name: 'nameserver not an IP', change: dns({ nameservers: ['dns.example.com'] }), field: `${P}.dnsConfig.nameservers[0]`, type: 'Invalid value', message: 'must be valid IP address' },
  { name: 'nameserver with an IPv6 zone', change: dns({ nameservers: ['fe80::1%eth0'] }), field: `${P}.dnsConfig.nameservers[0]`, type: 'Invalid value', message: 'must be valid IP address' },
  { name: '33 search paths', change: dns({ searches: Array.from({ length: 33 }, (_, i) => `s${i}`) }), field: `${P}.dnsConfig.searches`, type: 'Invalid value', message: 'must not have more than 32 search paths' },
  { name: 'search list longer than 2048 characters', change: dns({ searches: Array.from({ length: 9 }, (_, i) => `${i}${'a'.repeat(62)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(40)}`) }), field: `${P}.dnsConfig.searches`, type: 'Invalid value', message: 'must not have more than 2048 characters (including spaces) in the search list' },
  { name: 'search path not a DNS subdomain', change: dns({ searches: ['Bad_Search'] }), field: `${P}.dnsConfig.searches[0]`, type: 'Invalid value' },
  { name: 'dns option without name', change: dns({ options: [{ value: '1' }] }), field: `${P}.dnsConfig.options[0]`, type: 'Required value', message: 'must not be empty' },
  { name: 'hostAlias IP invalid (1.27: no index)', change: (m) => { pod(m).hostAliases = [{ ip: '999.1.1.1', hostnames: ['a'] }]; }, field: `${P}.hostAliases.ip`, type: 'Invalid value', message: 'must be valid IP address' },
  { name: 'hostAlias hostname invalid (1.27: no index)', change: (m) => { pod(m).hostAliases = [{ ip: '10.0.0.1', hostnames: ['Bad_Host'] }]; }, field: `${P}.hostAliases.hostnames`, type: 'Invalid value' },
  { name: 'readiness gate not a qualified name', change: (m) => { pod(m).readinessGates = [{ conditionType: 'bad condition' }]; }, field: `${P}.readinessGates[0].conditionType`, type: 'Invalid value' },
  { name: 'readiness gate without conditionType', change: (m) => { pod(m).readinessGates = [{}]; }, field: `${P}.readinessGates[0].conditionType`, type: 'Invalid value', message: 'name part must be non-empty' },
  { name: 'scheduling gate not a qualified name', change: (m) => { pod(m).schedulingGates = [{ name: 'bad/gate/name' }]; }, field: `${P}.schedulingGates[0]`, type: 'Invalid value' },
  { name: 'duplicate scheduling gates', change: (m) => { pod(m).schedulingGates = [{ name: 'a' }, { name: 'a' }]; }, field: `${P}.schedulingGates[1]`, type: 'Duplicate value' },
  { name: 'priorityClassName not a DNS subdomain', change: (m) => { pod(m).priorityClassName = 'High_Priority'; }, field: `${P}.priorityClassName`, type: 'Invalid value' },
  { name: 'runtimeClassName empty', change: (m) => { pod(m).runtimeClassName = ''; }, field: `${P}.runtimeClassName`, type: 'Invalid value' },
  { name: 'runtimeClassName not a DNS subdomain', change: (m) => { pod(m).runtimeClassName = 'GVisor'; }, field: `${P}.runtimeClassName`, type: 'Invalid value' },
  { name: 'preemptionPolicy empty', change: (m) => { pod(m).preemptionPolicy = ''; }, field: `${P}.preemptionPolicy`, type: 'Required value' },
  { name: 'preemptionPolicy unknown', change: (m) => { pod(m).preemptionPolicy = 'Always'; }, field: `${P}.preemptionPolicy`, type: 'Unsupported value', message: 'supported values: "PreemptLowerPriority", "Never"' },
  { name: 'nodeName not a DNS subdomain', change: (m) => { pod(m).nodeName = 'Node_1'; }, field: `${P}.nodeName`, type: 'Invalid value' },
  { name: 'os without name', change: (m) => { pod(m).os = {}; }, field: `${P}.os.name`, type: 'Required value', message: 'cannot be empty' },
  { name: 'unknown os', change: (m) => { pod(m).os = { name: 'darwin' }; }, field: `${P}.os`, type: 'Unsupported value', message: 'supported values: "linux", "windows"' },
  { name: 'linux pod with windowsOptions', change: (m) => { pod(m).os = { name: 'linux' }; container(m).securityContext = { windowsOptions: { runAsUserName: 'u' } }; }, field: `${C}.securityContext.windowsOptions`, type: 'Forbidden', message: 'windows options cannot be set for a linux pod' },
  { name: 'windows pod with seLinuxOptions', change: windows((m) => { container(m).securityContext = { seLinuxOptions: { level: 's0' } }; }), field: `${C}.securityContext.seLinuxOptions`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'windows pod with runAsUser', change: windows((m) => { pod(m).securityContext = { runAsUser: 1000 }; }), field: `${P}.securityContext.runAsUser`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'windows pod with privileged', change: windows((m) => { container(m).securityContext = { privileged: false }; }), field: `${C}.securityContext.privileged`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'windows pod with hostPID', change: windows((m) => { pod(m).hostPID = true; }), field: `${P}.hostPID`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'windows pod with shareProcessNamespace false', change: windows((m) => { pod(m).shareProcessNamespace = false; }), field: `${P}.shareProcessNamespace`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'windows pod with sysctls', change: windows((m) => { pod(m).securityContext = { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }; }), field: `${P}.securityContext.sysctls`, type: 'Forbidden', message: 'cannot be set for a windows pod' },
  { name: 'hostProcess without hostNetwork', change: (m) => { pod(m).securityContext = { windowsOptions: { hostProcess: true } }; }, field: `${P}.hostNetwork`, type: 'Invalid value', message: 'hostNetwork must be true if pod contains any hostProcess containers' },
  { name: 'hostProcess on only some containers', change: (m) => { pod(m).hostNetwork = true; pod(m).containers.push({ name: 'b', image: 'b:1', securityContext: { windowsOptions: { hostProcess: true } } }); }, field: P, type: 'Invalid value', message: 'If pod contains any hostProcess containers then all containers must be HostProcess containers' },
  { name: 'hostProcess differing between pod and container', change: (m) => { pod(m).hostNetwork = true; pod(m).securityContext = { windowsOptions: { hostProcess: true } }; container(m).securityContext = { windowsOptions: { hostProcess: false } }; }, field: `${C}.securityContext.windowsOptions.hostProcess`, type: 'Invalid value', message: 'pod hostProcess value must be identical if both are specified, was true', alsoAt: [P] },
  { name: 'gmsaCredentialSpecName not a DNS subdomain', change: (m) => { container(m).securityContext = { windowsOptions: { gmsaCredentialSpecName: 'Bad_Name' } }; }, field: `${C}.securityContext.windowsOptions.gmsaCredentialSpecName`, type: 'Invalid value' },
  { name: 'empty gmsaCredentialSpec', change: (m) => { pod(m).securityContext = { windowsOptions: { gmsaCredentialSpec: '' } }; }, field: `${P}.securityContext.windowsOptions.gmsaCredentialSpec`, type: 'Invalid value', message: 'gmsaCredentialSpec cannot be an empty string' },
  { name: 'gmsaCredentialSpec over 64 KiB', change: (m) => { pod(m).securityContext = { windowsOptions: { gmsaCredentialSpec: 'a'.repeat(64 * 1024 + 1) } }; }, field: `${P}.securityContext.windowsOptions.gmsaCredentialSpec`, type: 'Invalid value', message: 'gmsaCredentialSpec size must be under 64 KiB' },
  { name: 'empty runAsUserName', change: runAs(''), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: 'runAsUserName cannot be an empty string' },
  { name: 'runAsUserName with a control character', change: runAs('user\u0007'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: 'runAsUserName cannot contain control characters' },
  { name: 'runAsUserName with two backslashes', change: runAs('a\\b\\c'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: 'runAsUserName cannot contain more than one backslash' },
  { name: 'runAsUserName with a bad domain', change: runAs('dom*ain\\user'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: "runAsUserName's Domain doesn't match the NetBios nor the DNS format" },
  { name: 'runAsUserName with an empty user', change: runAs('domain\\'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: "runAsUserName's User cannot be empty" },
  { name: 'runAsUserName user longer than 104', change: runAs('u'.repeat(105)), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: "runAsUserName's User length must not be longer than 104 characters" },
  { name: 'runAsUserName user of dots', change: runAs('...'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: "runAsUserName's User cannot contain only periods or spaces" },
  { name: 'runAsUserName user with @', change: runAs('user@example.com'), field: `${C}.securityContext.windowsOptions.runAsUserName`, type: 'Invalid value', message: "runAsUserName's User cannot contain the following characters" },
  { name: 'sysctl without name', change: (m) => { pod(m).securityContext = { sysctls: [{ value: '1' }] }; }, field: `${P}.securityContext.sysctls[0].name`, type: 'Required value' },
  { name: 'sysctl name not valid', change: (m) => { pod(m).securityContext = { sysctls: [{ name: 'Kernel.Msgmax', value: '1' }] }; }, field: `${P}.securityContext.sysctls[0].name`, type: 'Invalid value', message: 'must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$' },
  { name: 'duplicate sysctl', change: (m) => { pod(m).securityContext = { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'kernel.msgmax', value: '2' }] }; }, field: `${P}.securityContext.sysctls[1].name`, type: 'Duplicate value' },
  { name: 'unknown fsGroupChangePolicy', change: (m) => { pod(m).securityContext = { fsGroupChangePolicy: 'Sometimes' }; }, field: `${P}.securityContext.fsGroupChangePolicy`, type: 'Unsupported value', message: 'supported values: "Always", "OnRootMismatch"' },
  { name: 'shareProcessNamespace with hostPID', change: (m) => { pod(m).hostPID = true; pod(m).shareProcessNamespace = true; }, field: `${P}.securityContext.shareProcessNamespace`, type: 'Invalid value', message: 'ShareProcessNamespace and HostPID cannot both be enabled' },
  { name: 'seccomp localhostProfile absolute', change: (m) => { container(m).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: '/etc/p.json' } }; }, field: `${C}.securityContext.seccompProfile.localhostProfile`, type: 'Invalid value', message: 'must be a relative path' },
  { name: 'seccomp localhostProfile with ..', change: (m) => { pod(m).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: '../p.json' } }; }, field: `${P}.securityContext.seccompProfile.localhostProfile`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'pod deletion cost not an integer', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '1.5' }), field: `${A}[controller.kubernetes.io/pod-deletion-cost]`, type: 'Invalid value', message: 'must be a 32bit integer' },
  { name: 'pod deletion cost with a plus sign', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '+10' }), field: `${A}[controller.kubernetes.io/pod-deletion-cost]`, type: 'Invalid value', message: 'must be a 32bit integer' },
  { name: 'pod deletion cost past int32', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '2147483648' }), field: `${A}[controller.kubernetes.io/pod-deletion-cost]`, type: 'Invalid value', message: 'must be a 32bit integer' },
  { name: 'pod deletion cost with a leading zero', change: annotate({ 'controller.kubernetes.io/pod-deletion-cost': '08' }), field: `${A}[controller.kubernetes.io/pod-deletion-cost]`, type: 'Invalid value', message: 'must be a 32bit integer' },
  { name: 'mirror pod annotation without nodeName', change: annotate({ 'kubernetes.io/config.mirror': 'x' }), field: `${A}[kubernetes.io/config.mirror]`, type: 'Invalid value', message: 'must set spec.nodeName if mirror pod annotation is set' },
  { name: 'seccomp pod annotation unknown profile', change: annotate({ 'seccomp.security.alpha.kubernetes.io/pod': 'default' }), field: `${A}.seccomp.security.alpha.kubernetes.io/pod`, type: 'Invalid value', message: 'must be a valid seccomp profile' },
  { name: 'seccomp container annotation with ..', change: annotate({ 'container.seccomp.security.alpha.kubernetes.io/migrate': 'localhost/../p' }), field: `${A}.container.seccomp.security.alpha.kubernetes.io/migrate`, type: 'Invalid value', message: "must not contain '..'" },
  { name: 'AppArmor annotation of a missing container', change: annotate({ 'container.apparmor.security.beta.kubernetes.io/other': 'runtime/default' }), field: `${A}[container.apparmor.security.beta.kubernetes.io/other]`, type: 'Invalid value', message: 'container not found' },
  { name: 'AppArmor annotation bad profile', change: annotate({ 'container.apparmor.security.beta.kubernetes.io/migrate': 'enforce' }), field: `${A}[container.apparmor.security.beta.kubernetes.io/migrate]`, type: 'Invalid value', message: 'invalid AppArmor profile name: "enforce"' },
  { name: 'tolerations annotation with a bad toleration', change: annotate({ 'scheduler.alpha.kubernetes.io/tolerations': '[{"key":"a","operator":"Exists","value":"b"}]' }), field: `${A}.scheduler.alpha.kubernetes.io/tolerations[0].operator`, type: 'Invalid value', message: "value must be empty when `operator` is 'Exists'" },
  { name: 'tolerations annotation not JSON', change: annotate({ 'scheduler.alpha.kubernetes.io/tolerations': 'key=a' }), field: A, type: 'Invalid value' },
  { name: 'seccomp annotation and field disagree', change: (m) => { annotate({ 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })(m); pod(m).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }; }, field: `${P}.securityContext.seccompProfile.type`, type: 'Forbidden', message: 'seccomp type in annotation and field must match' },
  { name: 'seccomp container localhost profiles disagree', change: (m) => { annotate({ 'container.seccomp.security.alpha.kubernetes.io/migrate': 'localhost/a.json' })(m); container(m).securityContext = { seccompProfile: { type: 'Localhost', localhostProfile: 'b.json' } }; }, field: `${C}.securityContext.seccompProfile.localhostProfile`, type: 'Forbidden', message: 'seccomp profile in annotation and field must match' },
];

describe('pod spec (ValidatePodSpec, ValidatePodSpecificAnnotations, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
