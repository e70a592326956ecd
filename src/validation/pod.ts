/**
 * Pod templates (pkg/apis/core/validation/validation.go, Kubernetes 1.27): ValidatePodTemplateSpec, its
 * annotation rules (ValidatePodSpecificAnnotations, validateSeccompAnnotationsAndFields) and, through
 * ./pod-spec, ValidatePodSpec. Every function takes the {@link ValidationOptions} upstream's PodValidationOptions
 * stand for (./versions), default Kubernetes 1.27.
 */
import { JsonObject, asArray, asObject, asString, asStringMap, path } from './json';
import { validateAnnotations, validateLabels } from './metadata';
import { validateTolerations } from './pod-scheduling';
import { visitContainers } from './pod-security-context';
import { validatePodSpec } from './pod-spec';
import { validateLocalDescendingPath } from './pod-volumes';
import { DEFAULT_OPTIONS, ValidationOptions } from './versions';
import { Violations } from './violation';

const MIRROR_POD = 'kubernetes.io/config.mirror';
const TOLERATIONS = 'scheduler.alpha.kubernetes.io/tolerations';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const MIN_INT32 = -2147483648;
const MAX_INT32 = 2147483647;

/** GetDeletionCostFromPodAnnotations: strconv.ParseInt(value, 10, 32) of a value not starting with `+` or `0` (but `0`). */
function isDeletionCost(value: string): boolean {
  if (!/^(0|[1-9][0-9]*|-[0-9]+)$/.test(value)) return false;
  const cost = Number(value);
  return cost >= MIN_INT32 && cost <= MAX_INT32;
}

/** ValidateSeccompProfile: an annotation's profile is runtime/default, docker/default, unconfined or localhost/<path>. */
function validateSeccompAnnotation(profile: string, at: string, out: Violations): void {
  if (profile === 'runtime/default' || profile === 'docker/default' || profile === 'unconfined') return;
  if (profile.startsWith('localhost/')) return validateLocalDescendingPath(profile.slice('localhost/'.length), at, out);
  out.invalid(at, profile, 'must be a valid seccomp profile');
}

/** apparmor.ValidateProfileFormat (1.27). */
function isAppArmorProfile(profile: string): boolean {
  return profile === '' || profile === 'runtime/default' || profile === 'unconfined' || profile.startsWith('localhost/');
}

function hasContainer(spec: JsonObject, name: string): boolean {
  let found = false;
  visitContainers(spec, '', (container) => {
    if (container.name === name) found = true;
  });
  return found;
}

/**
 * ValidatePodSpecificAnnotations: the mirror-pod annotation needs a nodeName; the tolerations annotation holds valid
 * tolerations; the deletion cost is an int32; seccomp and AppArmor annotations name valid profiles (and containers).
 */
function validatePodSpecificAnnotations(annotations: Record<string, string>, spec: JsonObject, at: string, out: Violations): void {
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    if (key === MIRROR_POD) {
      if (!asString(spec.nodeName)) out.invalid(path.key(at, key), value, 'must set spec.nodeName if mirror pod annotation is set');
    } else if (key === TOLERATIONS && value !== '') {
      let tolerations: unknown;
      try {
        tolerations = JSON.parse(value);
      } catch (error) {
        tolerations = error;
      }
      if (Array.isArray(tolerations)) validateTolerations(tolerations, path.child(at, key), out);
      else if (tolerations !== null) out.invalid(at, key, 'must be a JSON list of tolerations');
    } else if (key === DELETION_COST) {
      if (!isDeletionCost(value)) out.invalid(path.key(at, key), value, 'must be a 32bit integer');
    } else if (key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER_PREFIX)) {
      // The server reports these as children, not keys: `annotations.seccomp.security.alpha.kubernetes.io/pod`.
      validateSeccompAnnotation(value, path.child(at, key), out);
    } else if (key.startsWith(APPARMOR_CONTAINER_PREFIX)) {
      const container = key.slice(APPARMOR_CONTAINER_PREFIX.length);
      if (!hasContainer(spec, container)) out.invalid(path.key(at, key), container, 'container not found');
      if (!isAppArmorProfile(value)) out.invalid(path.key(at, key), value, `invalid AppArmor profile name: ${JSON.stringify(value)}`);
    }
  }
}

/** validateSeccompAnnotationsAndFieldsMatch: the type (and the localhost profile) of a field and its annotation agree. */
function validateSeccompMatch(annotation: string, profile: JsonObject, at: string, out: Violations): void {
  const mismatch = (): void => out.forbidden(path.child(at, 'type'), 'seccomp type in annotation and field must match');
  switch (profile.type) {
    case 'Unconfined':
      if (annotation !== 'unconfined') mismatch();
      break;
    case 'RuntimeDefault':
      if (annotation !== 'runtime/default' && annotation !== 'docker/default') mismatch();
      break;
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) {mismatch();} else if (asString(profile.localhostProfile) !== annotation.slice('localhost/'.length)) {
        out.forbidden(path.child(at, 'localhostProfile'), 'seccomp profile in annotation and field must match');
      }
      break;
  }
}

/** validateSeccompAnnotationsAndFields: where both a seccomp annotation and its field are set, they must match. */
function validateSeccompAnnotationsAndFields(annotations: Record<string, string>, spec: JsonObject, at: string, out: Violations): void {
  const podProfile = asObject(asObject(spec.securityContext)?.seccompProfile);
  const podAnnotation = annotations[SECCOMP_POD];
  if (podProfile && podAnnotation !== undefined) validateSeccompMatch(podAnnotation, podProfile, path.child(path.child(at, 'securityContext'), 'seccompProfile'), out);
  visitContainers(spec, at, (container, containerPath) => {
    const profile = asObject(asObject(container.securityContext)?.seccompProfile);
    const annotation = profile && annotations[`${SECCOMP_CONTAINER_PREFIX}${asString(container.name) ?? ''}`];
    if (profile && annotation !== undefined) validateSeccompMatch(annotation, profile, path.child(path.child(containerPath(), 'securityContext'), 'seccompProfile'), out);
  });
}

/**
 * The labels and annotations of a pod template, with the pod-specific annotation rules (reported at
 * `<template>.labels` and `<template>.annotations`, as the API server does). This much the 1.27 server also checks
 * for a StatefulSet (ValidatePodTemplateSpecForStatefulSet).
 */
export function validateTemplateMetadata(template: JsonObject, at: string, out: Violations): void {
  const metadata = asObject(template.metadata);
  if (!metadata) return;
  validateLabels(metadata.labels, path.child(at, 'labels'), out);
  validateAnnotations(metadata.annotations, path.child(at, 'annotations'), out);
  const annotations = asStringMap(metadata.annotations);
  if (annotations) validatePodSpecificAnnotations(annotations, asObject(template.spec) ?? {}, path.child(at, 'annotations'), out);
}

/** ValidatePodTemplateSpec: template labels and annotations, the pod spec, seccomp consistency, no ephemeral containers. */
export function validatePodTemplate(template: JsonObject, at: string, out: Violations, options: ValidationOptions = DEFAULT_OPTIONS): void {
  validateTemplateMetadata(template, at, out);
  const spec = asObject(template.spec) ?? {};
  const sp = path.child(at, 'spec');
  validatePodSpec(spec, sp, options, out);
  const annotations = asStringMap(asObject(template.metadata)?.annotations);
  if (annotations) validateSeccompAnnotationsAndFields(annotations, spec, sp, out);
  if ((asArray(spec.ephemeralContainers)?.length ?? 0) > 0) out.forbidden(path.child(sp, 'ephemeralContainers'), 'ephemeral containers not allowed in pod template');
}
