/**
 * The API server's defaulting (SetDefaults_* in pkg/apis/{apps,batch,core}/v1, with the default feature gates of
 * 1.27 unless a function takes the target's `ValidationOptions`) and
 * the create strategies' changes, limited to the fields whose value the create-time rules look at. Works in place
 * on a copy of the manifest; values of the wrong JSON type are left alone (the schema check reports them).
 */
import { JsonObject, asObject, asString, childObject, objectsOf, setDefault, unset } from './json';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';

/** imagePullPolicy: Always for `:latest` or untagged images, IfNotPresent otherwise (digests count as tags). */
function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: JsonObject, hostNetwork: boolean): void {
  const image = asString(container.image);
  if (image !== undefined) setDefault(container, 'imagePullPolicy', defaultPullPolicy(image));
  setDefault(container, 'terminationMessagePolicy', 'File');
  for (const [port] of objectsOf(container.ports)) {
    setDefault(port, 'protocol', 'TCP');
    // 1.27 still copies containerPort into hostPort for host-network templates (gate DefaultHostNetworkHostPortsInPodTemplates came in 1.28).
    if (hostNetwork && (port.hostPort === undefined || port.hostPort === null || port.hostPort === 0)) port.hostPort = port.containerPort;
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const httpGet = asObject(asObject(container[probe])?.httpGet);
    if (httpGet) setDefault(httpGet, 'scheme', 'HTTP');
  }
}

/** SetDefaults_PodSpec and SetDefaults_Container for a pod template. */
export function defaultPodTemplate(template: JsonObject | undefined): void {
  const spec = template && childObject(template, 'spec');
  if (!spec) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  const hostNetwork = spec.hostNetwork === true;
  for (const [container] of [...objectsOf(spec.containers), ...objectsOf(spec.initContainers)]) defaultContainer(container, hostNetwork);
}

/** SetDefaults_DaemonSet: each rolling-update number is defaulted on its own (maxUnavailable 1, maxSurge 0). */
export function defaultDaemonSet(spec: JsonObject): void {
  defaultPodTemplate(childObject(spec, 'template'));
  const strategy = childObject(spec, 'updateStrategy');
  if (!strategy) return;
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type !== 'RollingUpdate') return;
  const rollingUpdate = childObject(strategy, 'rollingUpdate');
  if (!rollingUpdate) return;
  setDefault(rollingUpdate, 'maxUnavailable', 1);
  setDefault(rollingUpdate, 'maxSurge', 0);
}

/**
 * SetDefaults_StatefulSet, then PrepareForCreate's dropStatefulSetDisabledFields (pkg/apis/apps/v1/defaults.go,
 * pkg/registry/apps/statefulset/strategy.go). With MaxUnavailableStatefulSet on by default (1.37+,
 * `VERSIONED_RULES.statefulSetMaxUnavailable`) a RollingUpdate's `maxUnavailable` defaults to 1; while it is off
 * (1.27, 1.34) the field is dropped from any `rollingUpdate`, whatever the strategy type.
 */
export function defaultStatefulSet(spec: JsonObject, options: ValidationOptions): void {
  defaultPodTemplate(childObject(spec, 'template'));
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = childObject(spec, 'updateStrategy');
  if (strategy) {
    if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
      strategy.type = 'RollingUpdate';
      childObject(strategy, 'rollingUpdate');
    }
    const rollingUpdate = asObject(strategy.rollingUpdate);
    const maxUnavailableKept = holds(VERSIONED_RULES.statefulSetMaxUnavailable, options);
    if (strategy.type === 'RollingUpdate' && rollingUpdate) {
      setDefault(rollingUpdate, 'partition', 0);
      // Only a missing value (a nil pointer) is defaulted: an empty string stays, and is refused.
      if (maxUnavailableKept && unset(rollingUpdate.maxUnavailable)) rollingUpdate.maxUnavailable = 1;
    }
    if (rollingUpdate && !maxUnavailableKept) delete rollingUpdate.maxUnavailable;
  }
  const retention = childObject(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    setDefault(retention, 'whenDeleted', 'Retain');
    setDefault(retention, 'whenScaled', 'Retain');
  }
}

/**
 * SetDefaults_Job, without the parts that only run on a Job (not inside a CronJob's jobTemplate). Not modelled, as
 * no create-time rule can tell: `podReplacementPolicy` (JobPodReplacementPolicy on, 1.29+: Failed with a
 * podFailurePolicy, else TerminatingOrFailed; both always pass validatePodReplacementPolicy), `suspend`,
 * `manualSelector`, and `backoffLimit` MaxInt32 with `backoffLimitPerIndex` (any backoffLimit ≥ 0 passes).
 */
function defaultJobSpec(spec: JsonObject): void {
  defaultPodTemplate(childObject(spec, 'template'));
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  for (const [rule] of objectsOf(asObject(spec.podFailurePolicy)?.rules)) {
    for (const [pattern] of objectsOf(rule.onPodConditions)) setDefault(pattern, 'status', 'True');
  }
}

/** A stand-in for the uid the API server assigns: the generated labels and selector only need it to be consistent. */
export const GENERATED_UID = '00000000-0000-0000-0000-000000000000';

/** Labels the Job strategy adds to the pod template when it generates the selector. */
export function generatedJobLabels(name: string): Record<string, string> {
  return {
    'controller-uid': GENERATED_UID,
    'batch.kubernetes.io/controller-uid': GENERATED_UID,
    'job-name': name,
    'batch.kubernetes.io/job-name': name,
  };
}

/**
 * SetDefaults_Job (labels copied from the template when the Job has none, completions, parallelism, backoffLimit,
 * completionMode, podFailurePolicy statuses) and the create strategy's selector generation unless
 * `manualSelector: true`: template labels are added where missing, and the selector gains the controller-uid label.
 */
export function defaultJob(manifest: JsonObject, spec: JsonObject): void {
  const metadata = childObject(manifest, 'metadata');
  const template = childObject(spec, 'template');
  const templateMetadata = template && childObject(template, 'metadata');
  const templateLabels = asObject(templateMetadata?.labels);
  if (metadata && templateLabels && Object.keys(asObject(metadata.labels) ?? {}).length === 0) metadata.labels = { ...templateLabels };
  defaultJobSpec(spec);
  if (spec.manualSelector === true || !templateMetadata) return;
  const labels = childObject(templateMetadata, 'labels');
  const selector = childObject(spec, 'selector');
  const matchLabels = selector && childObject(selector, 'matchLabels');
  if (!labels || !matchLabels) return;
  // Present keys are kept whatever their value (validation then reports a wrong one), as generateSelector does.
  for (const [key, value] of Object.entries(generatedJobLabels(asString(metadata?.name) ?? ''))) {
    if (!(key in labels)) labels[key] = value;
  }
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = GENERATED_UID;
}

/** SetDefaults_CronJob: concurrencyPolicy; the jobTemplate gets only the pod-template defaults (not SetDefaults_Job). */
export function defaultCronJob(spec: JsonObject): void {
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  const jobSpec = childObject(childObject(spec, 'jobTemplate') ?? {}, 'spec');
  if (jobSpec) defaultPodTemplate(childObject(jobSpec, 'template'));
}
