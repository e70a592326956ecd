import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// The decoder's integer widths (json.Unmarshal into the Go types of k8s.io/api, 1.27): a number an int32 or int64
// field cannot hold is refused before validation (HTTP 400 `cannot unmarshal number 2147483648 into Go struct field
// ... of type int32`). Which fields are int64 comes from the OpenAPI formats (test/validation/schemas.test.ts pins them).
const statefulSet: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1', ports: [{ containerPort: 5432 }] }] } },
  },
};
const cronJob: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report' },
  spec: {
    schedule: '0 * * * *',
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'report:1' }] } } } },
  },
};
const daemonSet: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
};

const INT32 = 'must be an integer from -2147483648 to 2147483647 (int32): the API server cannot decode it';
const INT64 = 'must be an integer from -9223372036854775808 to 9223372036854775807 (int64): the API server cannot decode it';
const J = 'spec.jobTemplate.spec';

describe('int32 fields (StatefulSet)', () => {
  const valid: ValidCase[] = [{ name: 'replicas 2147483647', change: (m) => { m.spec.replicas = 2147483647; } }];
  const invalid: InvalidCase[] = [
    { name: 'replicas 2147483648', change: (m) => { m.spec.replicas = 2147483648; }, field: 'spec.replicas', type: 'Invalid value', message: INT32 },
    { name: 'replicas -2147483649', change: (m) => { m.spec.replicas = -2147483649; }, field: 'spec.replicas', type: 'Invalid value', message: INT32 },
    { name: 'ordinals.start 2^40', change: (m) => { m.spec.ordinals = { start: 2 ** 40 }; }, field: 'spec.ordinals.start', type: 'Invalid value', message: INT32 },
    { name: 'partition 2^31', change: (m) => { m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 ** 31 } }; }, field: 'spec.updateStrategy.rollingUpdate.partition', type: 'Invalid value', message: INT32 },
  ];
  testCases(statefulSet, valid, invalid);
});

describe('int32 and int-or-string fields (DaemonSet)', () => {
  const C = 'spec.template.spec.containers[0]';
  const valid: ValidCase[] = [
    { name: 'terminationGracePeriodSeconds 2^40 (int64)', change: (m) => { m.spec.template.spec.terminationGracePeriodSeconds = 2 ** 40; } },
    { name: 'toleration seconds 2^40 (int64)', change: (m) => { m.spec.template.spec.tolerations = [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 ** 40 }]; } },
    { name: 'probe terminationGracePeriodSeconds 2^40 (int64)', change: (m) => { m.spec.template.spec.containers[0].livenessProbe = { tcpSocket: { port: 1 }, terminationGracePeriodSeconds: 2 ** 40 }; } },
  ];
  const invalid: InvalidCase[] = [
    { name: 'minReadySeconds 2^31', change: (m) => { m.spec.minReadySeconds = 2 ** 31; }, field: 'spec.minReadySeconds', type: 'Invalid value', message: INT32 },
    { name: 'maxUnavailable 2^31 (int-or-string)', change: (m) => { m.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 2 ** 31 } }; }, field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Invalid value', message: INT32 },
    { name: 'containerPort 2^32 (only the decode error)', change: (m) => { m.spec.template.spec.containers[0].ports = [{ containerPort: 2 ** 32 }]; }, field: `${C}.ports[0].containerPort`, type: 'Invalid value', message: INT32 },
    { name: 'probe periodSeconds 2^31', change: (m) => { m.spec.template.spec.containers[0].readinessProbe = { tcpSocket: { port: 1 }, periodSeconds: 2 ** 31 }; }, field: `${C}.readinessProbe.periodSeconds`, type: 'Invalid value', message: INT32 },
    { name: 'httpGet port 2^31 (int-or-string)', change: (m) => { m.spec.template.spec.containers[0].readinessProbe = { httpGet: { port: 2 ** 31 } }; }, field: `${C}.readinessProbe.httpGet.port`, type: 'Invalid value', message: INT32 },
    { name: 'volume defaultMode 2^31', change: (m) => { m.spec.template.spec.volumes = [{ name: 'c', configMap: { name: 'c', defaultMode: 2 ** 31 } }]; }, field: 'spec.template.spec.volumes[0].configMap.defaultMode', type: 'Invalid value', message: INT32 },
    { name: 'topology maxSkew 2^31', change: (m) => { m.spec.template.spec.topologySpreadConstraints = [{ maxSkew: 2 ** 31, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' }]; }, field: 'spec.template.spec.topologySpreadConstraints[0].maxSkew', type: 'Invalid value', message: INT32 },
    { name: 'runAsUser 1e19 (past int64)', change: (m) => { m.spec.template.spec.securityContext = { runAsUser: 1e19 }; }, field: 'spec.template.spec.securityContext.runAsUser', type: 'Invalid value', message: INT64 },
    { name: 'supplementalGroups entry 2^63', change: (m) => { m.spec.template.spec.securityContext = { supplementalGroups: [2 ** 63] }; }, field: 'spec.template.spec.securityContext.supplementalGroups[0]', type: 'Invalid value', message: INT64 },
    { name: 'metadata.generation 2^63', change: (m) => { m.metadata.generation = 2 ** 63; }, field: 'metadata.generation', type: 'Invalid value', message: INT64 },
  ];
  testCases(daemonSet, valid, invalid);
});

describe('int32 and int64 fields (CronJob)', () => {
  const valid: ValidCase[] = [
    { name: 'startingDeadlineSeconds 2^40 (int64)', change: (m) => { m.spec.startingDeadlineSeconds = 2 ** 40; } },
    { name: 'job activeDeadlineSeconds 2^40 (int64)', change: (m) => { m.spec.jobTemplate.spec.activeDeadlineSeconds = 2 ** 40; } },
    { name: 'int64 minimum', change: (m) => { m.spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds = -(2 ** 63); } },
  ];
  const invalid: InvalidCase[] = [
    { name: 'startingDeadlineSeconds 2^63', change: (m) => { m.spec.startingDeadlineSeconds = 2 ** 63; }, field: 'spec.startingDeadlineSeconds', type: 'Invalid value', message: INT64 },
    { name: 'successfulJobsHistoryLimit 2^31', change: (m) => { m.spec.successfulJobsHistoryLimit = 2 ** 31; }, field: 'spec.successfulJobsHistoryLimit', type: 'Invalid value', message: INT32 },
    { name: 'backoffLimit 2^31', change: (m) => { m.spec.jobTemplate.spec.backoffLimit = 2 ** 31; }, field: `${J}.backoffLimit`, type: 'Invalid value', message: INT32 },
    { name: 'onExitCodes value 2^31', change: (m) => { m.spec.jobTemplate.spec.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [2 ** 31] } }] }; }, field: `${J}.podFailurePolicy.rules[0].onExitCodes.values[0]`, type: 'Invalid value', message: INT32 },
  ];
  testCases(cronJob, valid, invalid);
});
