/*
 * Well-known upstream Jobs and CronJobs written with the public API (issue 13, "Done when"). Each test compares
 * what we emit with the upstream manifest, committed byte for byte under fixtures/ (sources in
 * fixtures/README.md), and lists every field that differs, each with the reason. Any other difference fails.
 */
import { BatchJob, Completion, ScheduledJob } from '../../src';
import { newChart } from '../util';
import { CONTAINER_SAFETY_DEFAULTS, emittedManifests, manifestDifferences, upstreamManifests } from './compare';

/** The container defaults under a pod-level `runAsNonRoot: false`: the pod decides, so no container default. */
const { runAsNonRoot: _podDecides, ...ROOT_IMAGE_CONTAINER_DEFAULTS } = CONTAINER_SAFETY_DEFAULTS;

// kubernetes/website content/en/examples/controllers/job.yaml @ 3c774f64b8caf0ca8b65a54b6c8f5d91ac440db1
// (https://kubernetes.io/docs/concepts/workloads/controllers/job/#running-an-example-job)
describe('"pi" Job (Kubernetes docs)', () => {
  function write() {
    const { chart } = newChart();
    const job = new BatchJob(chart, 'pi', {
      metadata: { name: 'pi' },
      // The perl image runs as root. It writes nothing and needs no capability, so only this is relaxed.
      securityContext: { runAsNonRoot: false },
      containers: [{ name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(1000)'] }],
      restartPolicy: 'Never',
      backoffLimit: 4,
    });
    return { chart, job };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('pi-job.yaml'), emittedManifests(chart))).toEqual({
      'Job/pi': [
        // The API server's defaults for a one-shot Job, written out.
        { path: 'spec.completions', emitted: 1 },
        { path: 'spec.parallelism', emitted: 1 },
        { path: 'spec.template.spec.automountServiceAccountToken', emitted: false },
        { path: 'spec.template.spec.containers[0].securityContext', emitted: ROOT_IMAGE_CONTAINER_DEFAULTS },
        { path: 'spec.template.spec.securityContext', emitted: { runAsNonRoot: false } },
      ],
    });
  });

  test('is baseline: only the root image', () => {
    const { job } = write();
    expect(job.podSecurity.level).toBe('baseline');
    expect(job.podSecurity.failedChecks.map((c) => c.check)).toEqual(['runAsNonRoot']);
  });
});

// kubernetes/website content/en/examples/application/job/indexed-job.yaml @ 81dca134e217806c3f4f0dff1365514bce01829c
// (https://kubernetes.io/docs/tasks/job/indexed-parallel-processing-static/)
describe('"indexed-job" Job (Kubernetes docs)', () => {
  function write() {
    const { chart } = newChart();
    const job = new BatchJob(chart, 'indexed-job', {
      metadata: { name: 'indexed-job' },
      completion: Completion.indexed({ completions: 5, parallelism: 3 }),
      restartPolicy: 'Never',
      // bash and busybox run as root; they write only to the emptyDir (mode 0777).
      securityContext: { runAsNonRoot: false },
      initContainers: [{
        name: 'input',
        image: 'docker.io/library/bash',
        command: ['bash', '-c', 'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n'],
        volumeMounts: [{ mountPath: '/input', name: 'input' }],
      }],
      containers: [{
        name: 'worker',
        image: 'docker.io/library/busybox',
        command: ['rev', '/input/data.txt'],
        volumeMounts: [{ mountPath: '/input', name: 'input' }],
      }],
      volumes: [{ name: 'input', emptyDir: {} }],
    });
    return { chart, job };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('indexed-job.yaml'), emittedManifests(chart))).toEqual({
      'Job/indexed-job': [
        { path: 'spec.template.spec.automountServiceAccountToken', emitted: false },
        { path: 'spec.template.spec.containers[0].securityContext', emitted: ROOT_IMAGE_CONTAINER_DEFAULTS },
        { path: 'spec.template.spec.initContainers[0].securityContext', emitted: ROOT_IMAGE_CONTAINER_DEFAULTS },
        { path: 'spec.template.spec.securityContext', emitted: { runAsNonRoot: false } },
      ],
    });
  });

  test('is baseline: only the root images', () => {
    const { job } = write();
    expect(job.podSecurity.level).toBe('baseline');
    expect(job.podSecurity.failedChecks.map((c) => c.check)).toEqual(['runAsNonRoot']);
  });
});

// kubernetes/website content/en/examples/application/job/cronjob.yaml @ 02067cca8fbaf8de9d51c20bd3e1a2dfe0aca27f
// (https://kubernetes.io/docs/tasks/job/automated-tasks-with-cron-jobs/; the stored version is batch/v1beta1,
// which Kubernetes 1.25 removed: the docs now say batch/v1 with the same spec and `busybox:1.28`)
describe('"hello" CronJob (Kubernetes docs)', () => {
  function write() {
    const { chart } = newChart();
    const cronJob = new ScheduledJob(chart, 'hello', {
      metadata: { name: 'hello' },
      schedule: '* * * * *',
      // busybox runs as root; `date` and `echo` need no capability and write nothing.
      securityContext: { runAsNonRoot: false },
      containers: [{
        name: 'hello',
        image: 'busybox',
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
      }],
      restartPolicy: 'OnFailure',
    });
    return { chart, cronJob };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    expect(manifestDifferences(upstreamManifests('hello-cronjob.yaml'), emittedManifests(chart))).toEqual({
      'CronJob/hello': [
        // batch/v1beta1 is gone since Kubernetes 1.25; batch/v1 has the same fields.
        { path: 'apiVersion', upstream: 'batch/v1beta1', emitted: 'batch/v1' },
        { path: 'spec.jobTemplate.spec.completions', emitted: 1 },
        { path: 'spec.jobTemplate.spec.parallelism', emitted: 1 },
        { path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', emitted: false },
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext', emitted: ROOT_IMAGE_CONTAINER_DEFAULTS },
        { path: 'spec.jobTemplate.spec.template.spec.securityContext', emitted: { runAsNonRoot: false } },
      ],
    });
  });

  test('is baseline: only the root image', () => {
    const { cronJob } = write();
    expect(cronJob.podSecurity.level).toBe('baseline');
    expect(cronJob.podSecurity.failedChecks.map((c) => c.check)).toEqual(['runAsNonRoot']);
  });
});

// kubernetes-sigs/descheduler kubernetes/cronjob/cronjob.yaml @ 0d1704a1920b83087bb52bfdf6bfb1444d1909d3
describe('descheduler CronJob', () => {
  function write() {
    const { chart } = newChart();
    const cronJob = new ScheduledJob(chart, 'descheduler', {
      metadata: { name: 'descheduler-cronjob', namespace: 'kube-system' },
      schedule: '*/2 * * * *',
      concurrencyPolicy: 'Forbid',
      priorityClassName: 'system-cluster-critical',
      // It lists nodes, namespaces, pods and priority classes, evicts or deletes pods, and records events: the rules
      // of upstream's ClusterRole (kubernetes/base/rbac.yaml), which the construct emits with the account and the
      // binding. Upstream relies on the token being mounted by default; the construct mounts it explicitly.
      apiAccess: {
        clusterWide: [
          { apiGroups: [''], resources: ['events'], verbs: ['create', 'update'] },
          { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'watch', 'list'] },
          { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'watch', 'list'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list', 'delete'] },
          { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
          { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ['get', 'watch', 'list'] },
        ],
      },
      containers: [{
        name: 'descheduler',
        image: 'k8s.gcr.io/descheduler/descheduler:v0.23.0',
        volumeMounts: [{ mountPath: '/policy-dir', name: 'policy-volume' }],
        command: ['/bin/descheduler'],
        args: ['--policy-config-file', '/policy-dir/policy.yaml', '--v', '3'],
        resources: { requests: { cpu: '500m', memory: '256Mi' } },
        livenessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 10258, scheme: 'HTTPS' }, initialDelaySeconds: 3, periodSeconds: 10 },
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
        },
      }],
      restartPolicy: 'Never',
      volumes: [{ name: 'policy-volume', configMap: { name: 'descheduler-policy-configmap' } }],
    });
    return { chart, cronJob };
  }

  test('synthesizes and keeps the upstream meaning; only the listed fields differ', () => {
    const { chart } = write();
    const upstream = [...upstreamManifests('descheduler-cronjob.yaml'), ...upstreamManifests('descheduler-rbac.yaml')];
    // The construct names the account like the workload, and the cluster-scoped objects `<namespace>:<name>` (so
    // that two namespaces' workloads of one name never share a role); upstream chose its own names.
    const name = 'kube-system:descheduler-cronjob';
    const renamed = {
      'ServiceAccount/descheduler-sa': 'descheduler-cronjob',
      'ClusterRole/descheduler-cluster-role': name,
      'ClusterRoleBinding/descheduler-cluster-role-binding': name,
    };
    expect(manifestDifferences(upstream, emittedManifests(chart), renamed)).toEqual({
      'ServiceAccount/descheduler-sa': [{ path: 'metadata.name', upstream: 'descheduler-sa', emitted: 'descheduler-cronjob' }],
      // The same rules; only the name differs.
      'ClusterRole/descheduler-cluster-role': [{ path: 'metadata.name', upstream: 'descheduler-cluster-role', emitted: name }],
      'ClusterRoleBinding/descheduler-cluster-role-binding': [
        { path: 'metadata.name', upstream: 'descheduler-cluster-role-binding', emitted: name },
        { path: 'roleRef.name', upstream: 'descheduler-cluster-role', emitted: name },
        { path: 'subjects[0].name', upstream: 'descheduler-sa', emitted: 'descheduler-cronjob' },
      ],
      'CronJob/descheduler-cronjob': [
        { path: 'spec.jobTemplate.spec.completions', emitted: 1 },
        { path: 'spec.jobTemplate.spec.parallelism', emitted: 1 },
        // A pod template's metadata.name cannot be written, and means nothing: the Job controller names its pods
        // `<job name>-<random>` whatever the template says.
        { path: 'spec.jobTemplate.spec.template.metadata', upstream: { name: 'descheduler-pod' } },
        { path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', emitted: true },
        // The one safety default that upstream leaves out.
        { path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile', emitted: { type: 'RuntimeDefault' } },
        // The account of the renamed ServiceAccount above.
        { path: 'spec.jobTemplate.spec.template.spec.serviceAccountName', upstream: 'descheduler-sa', emitted: 'descheduler-cronjob' },
      ],
    });
  });

  test('is restricted as written upstream, with the seccomp default', () => {
    const { cronJob } = write();
    expect(cronJob.podSecurity.level).toBe('restricted');
    expect(cronJob.podSecurity.failedChecks).toEqual([]);
  });
});
