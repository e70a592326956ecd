/**
 * Which Kubernetes version the manifest validator judges by, and the rules whose verdict depends on it.
 *
 * Upstream switches version- and feature-dependent rules with `PodValidationOptions`, passed down the validation
 * functions (pkg/apis/core/validation/validation.go). We do the same with {@link ValidationOptions}: every
 * `validate*` function of the pod spec takes it (default {@link DEFAULT_OPTIONS}, Kubernetes 1.27), and a rule that
 * holds only for some versions asks {@link holds} with its entry of {@link VERSIONED_RULES}, which says since when
 * (and until when) the rule holds with the default feature gates of that release, and where that comes from.
 * Rules that hold for every supported version are not in the table; docs/validation-rules.md lists them all.
 */

import { KubernetesVersion, SCHEMAS } from './schemas/versions.generated';

export { KubernetesVersion };

/** A Kubernetes minor version, supported as a target or not: `'1.29'`. */
export type KubernetesMinor = `1.${number}`;

/** The supported target versions, oldest first. */
export const KUBERNETES_VERSIONS = Object.keys(SCHEMAS) as readonly KubernetesVersion[];

/** The default target: Kubernetes 1.27, the version of the cdk8s-plus-27 peer dependency. */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.27';

/** Whether `value` names a supported target version. */
export function isKubernetesVersion(value: unknown): value is KubernetesVersion {
  return typeof value === 'string' && (KUBERNETES_VERSIONS as readonly string[]).includes(value);
}

/**
 * `version` when it names a supported target; otherwise throws, in the one wording every API that takes a version
 * uses: `<what>: "1.30" is not a supported Kubernetes version; supported: 1.27, 1.34, …`.
 */
export function supportedVersion(version: unknown, what: string): KubernetesVersion {
  if (!isKubernetesVersion(version)) {
    throw new Error(`${what}: ${JSON.stringify(version)} is not a supported Kubernetes version; supported: ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  return version;
}

/** What upstream's `PodValidationOptions` carries for us: the target version, whose schema and rules apply. */
export interface ValidationOptions {
  readonly version: KubernetesVersion;
}

/** Kubernetes 1.27 with its default feature gates. */
export const DEFAULT_OPTIONS: ValidationOptions = { version: DEFAULT_KUBERNETES_VERSION };

/** A rule that holds from `since` (inclusive) until `until` (exclusive), and the source that says so. */
export interface VersionedRule {
  readonly since?: KubernetesMinor;
  readonly until?: KubernetesMinor;
  readonly source: string;
}

/** The minor number of a version: 27 for `1.27`. */
export function minor(version: KubernetesMinor): number {
  return Number(version.slice(2));
}

/** Whether `rule` holds for the version in `options`. */
export function holds(rule: VersionedRule, options: { readonly version: KubernetesMinor }): boolean {
  const v = minor(options.version);
  return (rule.since === undefined || v >= minor(rule.since)) && (rule.until === undefined || v < minor(rule.until));
}

/**
 * The pod-spec rules that differ between Kubernetes versions (default feature gates). A feature-gated field whose
 * gate is off is dropped by the server's PrepareForCreate before validation, so its rules hold only while the gate
 * is on by default.
 *
 * The `since`/`until` of every gate-dependent entry was checked (#15) against one versioned gate list, the
 * `defaultVersionedKubernetesFeatureGates` of a 1.37-cycle pkg/features/kube_features.go (AIAgentSandox/kubernetes
 * at db1f817b9c9fe0fbb3933907e3b4016f81fb48e9); a gate missing from it (ExpandedDNSConfig, MinDomainsInPodTopologySpread,
 * ReadWriteOncePod, SidecarContainers, the three Job gates, the two sleep gates) was removed after GA, which the list's
 * n-3 rule puts at 1.34 at the latest, so it is on in every target from 1.34. docs/kubernetes-versions.md has the table.
 */
export const VERSIONED_RULES = {
  /** 32 search paths / 2048 characters instead of 6 / 256 (ExpandedDNSConfig beta, on by default, in 1.26; GA 1.28). */
  expandedDnsConfig: { since: '1.26', source: 'validatePodDNSConfig, features.ExpandedDNSConfig' },
  /** topologySpreadConstraints[].labelSelector is validated (kubernetes#111802). */
  topologySpreadLabelSelector: { since: '1.26', source: 'validateTopologySpreadConstraints, kubernetes#111802' },
  /** nodeAffinityPolicy / nodeTaintsPolicy kept and validated (NodeInclusionPolicyInPodTopologySpread beta in 1.26). */
  nodeInclusionPolicy: { since: '1.26', source: 'validateNodeInclusionPolicy, features.NodeInclusionPolicyInPodTopologySpread' },
  /** minDomains kept and validated (MinDomainsInPodTopologySpread on by default from 1.27). */
  minDomains: { since: '1.27', source: 'validateMinDomains, features.MinDomainsInPodTopologySpread' },
  /** matchLabelKeys kept and validated (MatchLabelKeysInPodTopologySpread beta in 1.27; kubernetes#116535). */
  matchLabelKeys: { since: '1.27', source: 'validateMatchLabelKeys, features.MatchLabelKeysInPodTopologySpread' },
  /** schedulingGates kept and validated (PodSchedulingReadiness beta in 1.27). */
  schedulingGates: { since: '1.27', source: 'validateSchedulingGates, features.PodSchedulingReadiness' },
  /** The ReadWriteOncePod access mode is supported in PVC templates (ReadWriteOncePod beta in 1.27). */
  readWriteOncePod: { since: '1.27', source: 'ValidatePersistentVolumeClaimSpec, features.ReadWriteOncePod' },
  /**
   * Job `backoffLimitPerIndex`, `maxFailedIndexes` and the podFailurePolicy action `FailIndex` kept and validated
   * (JobBackoffLimitPerIndex beta, on by default, in 1.29; GA 1.33).
   */
  jobBackoffLimitPerIndex: { since: '1.29', source: 'validateJobSpec, validatePodFailurePolicyRule, features.JobBackoffLimitPerIndex' },
  /** Job `podReplacementPolicy` kept and validated (JobPodReplacementPolicy beta, on by default, in 1.29; GA 1.34). */
  jobPodReplacementPolicy: { since: '1.29', source: 'validatePodReplacementPolicy, features.JobPodReplacementPolicy' },
  /** Job `successPolicy` kept and validated (JobSuccessPolicy beta, on by default, in 1.31; GA 1.33). */
  jobSuccessPolicy: { since: '1.31', source: 'validateSuccessPolicy, features.JobSuccessPolicy' },
  /**
   * StatefulSet `updateStrategy.rollingUpdate.maxUnavailable` kept, defaulted to 1 and validated (MaxUnavailableStatefulSet
   * alpha, off, from 1.24; beta but still off in 1.35; on by default from 1.37, as the versioned gate list of a
   * 1.37-cycle kube_features.go records it, `{1.35, false, Beta}, {1.37, true, Beta}`; an earlier 1.35-cycle copy said
   * `{1.35, true, Beta}`: the later record is followed, see docs/kubernetes-versions.md). While the gate is off the
   * create strategy drops the field (dropStatefulSetDisabledFields), so pods are updated one at a time whatever it says.
   */
  statefulSetMaxUnavailable: {
    since: '1.37',
    source: 'validateRollingUpdateStatefulSet, SetDefaults_StatefulSet, dropStatefulSetDisabledFields, features.MaxUnavailableStatefulSet',
  },
  /** Job `managedBy` kept and validated (JobManagedBy beta, on by default, in 1.32; GA 1.35). */
  jobManagedBy: { since: '1.32', source: 'validateJobSpec (managedBy), features.JobManagedBy' },
  /**
   * securityContext.procMount kept and validated. ProcMountType is alpha (off) in 1.27, so the server drops the field
   * (dropDisabledProcMountField) and accepts any value. On by default from 1.33: the 1.37-cycle gate list
   * (AIAgentSandox/kubernetes@db1f817b, pkg/features/kube_features.go) records `{1.12, false, Alpha}, {1.31, false,
   * Beta}, {1.33, true, Beta}, {1.36, true, GA}`.
   */
  procMount: { since: '1.33', source: 'ValidateProcMountType, features.ProcMountType' },
  /**
   * Native sidecars: an init container with restartPolicy Always may have lifecycle and probes, validated as for
   * regular containers; others get "may not be set for init containers without restartPolicy=Always". The field is
   * in the schema from 1.28, where SidecarContainers is alpha (off: dropped); on by default from 1.29, GA 1.33.
   */
  sidecarContainers: { since: '1.29', source: 'validateInitContainers, features.SidecarContainers' },
  /**
   * An init container's restartPolicy may only be Always (validateInitContainerRestartPolicy with
   * `AllowContainerRestartPolicyRules` false). From 1.35 ContainerRestartRules is on and {@link VERSIONED_RULES.containerRestartRules} applies.
   */
  initContainerRestartPolicyAlwaysOnly: { since: '1.29', until: '1.35', source: 'validateInitContainerRestartPolicy, features.ContainerRestartRules' },
  /**
   * restartPolicy on a regular container: "may not be set for non-init containers" (validateContainers) while
   * ContainerRestartRules is off (alpha in 1.34). From 1.35 {@link VERSIONED_RULES.containerRestartRules} applies instead.
   */
  restartPolicyOnlyOnInitContainers: { since: '1.28', until: '1.35', source: 'validateContainers, features.ContainerRestartRules' },
  /**
   * Container restart rules (KEP-5307): `restartPolicy` (Always, Never, OnFailure) on regular containers and any init
   * container, `restartPolicyRules` (≤ 20; action Restart; exitCodes required, operator In/NotIn, ≤ 255 values), with
   * ContainerRestartRules beta and on by default from 1.35 (`{1.34, false, Alpha}, {1.35, true, Beta}`).
   */
  containerRestartRules: {
    since: '1.35',
    source: 'validateContainerRestartPolicy, validateInitContainerRestartPolicy, validateContainers (AllowContainerRestartPolicyRules), features.ContainerRestartRules',
  },
  /**
   * The restart-rule action `RestartAllContainers` is accepted, and a sidecar (init container with restartPolicy
   * Always) may have restartPolicyRules (validated as above) instead of "restartPolicyRules are not allowed for init
   * containers with restart policy Always": RestartAllContainersOnContainerExits `{1.35, false, Alpha}, {1.36, true, Beta}`.
   */
  restartAllContainers: {
    since: '1.36',
    source: 'validateContainerRestartPolicy, validateInitContainerRestartPolicy (AllowRestartAllContainers), features.RestartAllContainersOnContainerExits',
  },
  /**
   * More than 20 restartPolicyRules or 255 exitCodes values are reported with field.TooMany (`Too many: 21: must have
   * at most 20 items`); 1.35 reports them with field.TooLong (`Too long: may not be more than 20 bytes`,
   * kubernetes#137135). The fix followed that issue (February 2026); that it is in 1.36 is not confirmed.
   */
  restartRulesTooMany: { since: '1.36', source: 'validateContainerRestartPolicy, kubernetes#137135' },
  /**
   * A lifecycle handler may be `sleep` (PodLifecycleSleepAction, on from 1.30, GA 1.34), its seconds between 0 and
   * the pod's terminationGracePeriodSeconds (PodLifecycleSleepActionAllowZero, on from 1.33, GA 1.34): "must be
   * non-negative and less than terminationGracePeriodSeconds (30)". 1.30–1.32 refuse 0 with another message; they are
   * not targets, so that branch is not ported.
   */
  lifecycleSleepAction: {
    since: '1.33',
    source: 'validateHandler, validateSleepAction, features.PodLifecycleSleepAction, features.PodLifecycleSleepActionAllowZero',
  },
  /**
   * A CronJob schedule containing `TZ` is refused on create: "cannot use TZ or CRON_TZ in schedule, use timeZone field
   * instead" (1.27 accepts it with a warning). The release is from /work/shared/k8s-1.27-rules.md, not re-read at a tag.
   */
  noTZInSchedule: { since: '1.29', source: 'validateScheduleFormat (allowTZInSchedule false in ValidateCronJobCreate)' },
  /**
   * Pod-level resources (`spec.resources`) validated: supported names cpu, memory and hugepages, request ≤ limit,
   * pod requests ≥ the containers' aggregate, container limits ≤ the pod's, not on Windows, no claims
   * (PodLevelResources alpha 1.32, beta and on by default from 1.34). Read in a 1.35-cycle and a 1.37-cycle
   * validation.go (the same text); 1.34's is not confirmed.
   */
  podLevelResources: {
    since: '1.34',
    source: 'validatePodResources, validatePodResourceRequirements, validatePodResourceConsistency, features.PodLevelResources',
  },
  /**
   * `hostUsers: false` kept and validated (validateHostUsers: no hostNetwork, hostPID, hostIPC or volumeDevices;
   * ValidateSecurityContext: procMount `Unmasked` only with `hostUsers: false`; validateWindows: `hostUsers` not on a
   * windows pod). UserNamespacesSupport `{1.25, false, Alpha}, {1.30, false, Beta}, {1.33, true, Beta}, {1.36, true,
   * GA}` (1.37-cycle kube_features.go); in 1.27 the field's gate (then UserNamespacesStatelessPodsSupport) is
   * alpha, so the server drops it. The procMount rule holds with {@link VERSIONED_RULES.procMount}.
   */
  userNamespaces: { since: '1.33', source: 'validateHostUsers, ValidateSecurityContext, validateWindows, features.UserNamespacesSupport' },
  /**
   * Container `resizePolicy` kept and validated (validateResizePolicy: cpu/memory once each, NotRequired or
   * RestartContainer, NotRequired under a pod restartPolicy Never). InPlacePodVerticalScaling `{1.27, false, Alpha},
   * {1.33, true, Beta}, {1.35, true, GA}` (1.35- and 1.37-cycle kube_features.go); alpha in 1.27, so dropped there.
   */
  inPlacePodVerticalScaling: { since: '1.33', source: 'validateResizePolicy, features.InPlacePodVerticalScaling' },
  /**
   * A non-sidecar init container may not have a resizePolicy with restartPolicy RestartContainer (validateInitContainers,
   * `AllowExistingRestartContainerForNonSidecarInitContainer` false on create). In the 1.37-cycle validation.go, not
   * in the 1.35-cycle one (its PodValidationOptions lack the option); whether 1.36 has it is not confirmed.
   */
  nonSidecarInitResizeRestart: { since: '1.37', source: 'validateInitContainers (resizePolicy)' },
} satisfies Record<string, VersionedRule>;
