import { intOrPercentValue, validateIntOrPercent } from './daemon-set';
import { JsonObject, asInteger, asObject, asString, asStringMap, path } from './json';
import { isEmptySelector, labelName, selectorMatches, validateLabelSelector, validateObjectMeta } from './metadata';
import { validateTemplateMetadata } from './pod';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';
import { Violations } from './violation';

function nonNegative(spec: JsonObject, field: string, at: string, out: Violations): void {
  const value = asInteger(spec[field]);
  if (value !== undefined && value < 0) out.invalid(at, value, 'must be greater than or equal to 0');
}

/**
 * validateRollingUpdateStatefulSet's maxUnavailable rules (1.37+: `VERSIONED_RULES.statefulSetMaxUnavailable`; the
 * field is dropped before validation while the gate is off): ValidatePositiveIntOrPercent, "cannot be 0" (a string
 * that is not a percent counts as 0, as getIntOrPercentValue reads it), IsNotMoreThan100Percent.
 */
function validateMaxUnavailable(value: unknown, at: string, out: Violations): void {
  if (value === undefined || value === null) return;
  validateIntOrPercent(value, at, out);
  if (intOrPercentValue(value) === 0) out.invalid(at, value, 'cannot be 0');
}

/** ValidateStatefulSetSpec's updateStrategy switch and validateRollingUpdateStatefulSet. */
function validateUpdateStrategy(strategy: JsonObject, out: Violations, options: ValidationOptions): void {
  const at = 'spec.updateStrategy';
  const rollingUpdate = asObject(strategy.rollingUpdate);
  switch (strategy.type) {
    case 'OnDelete':
      if (rollingUpdate) out.invalid(path.child(at, 'rollingUpdate'), rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'");
      return;
    case 'RollingUpdate':
      if (!rollingUpdate) return;
      nonNegative(rollingUpdate, 'partition', path.child(at, 'rollingUpdate.partition'), out);
      if (holds(VERSIONED_RULES.statefulSetMaxUnavailable, options)) {
        validateMaxUnavailable(rollingUpdate.maxUnavailable, path.child(at, 'rollingUpdate.maxUnavailable'), out);
      }
      return;
    default:
      out.invalid(at, strategy, "must be 'RollingUpdate' or 'OnDelete'");
  }
}

/**
 * ValidateStatefulSet (apps/v1, 1.27; the rolling update's maxUnavailable from 1.37), on a defaulted manifest. The 1.27 API server does not validate the pod spec
 * of a StatefulSet (ValidatePodTemplateSpecForStatefulSet checks labels and annotations only; kubernetes#81147),
 * nor volumeClaimTemplates, serviceName or revisionHistoryLimit: those are accepted here as they are there.
 */
export function validateStatefulSet(manifest: JsonObject, out: Violations, options: ValidationOptions): void {
  validateObjectMeta(asObject(manifest.metadata), labelName, out);
  const spec = asObject(manifest.spec) ?? {};
  const policy = asString(spec.podManagementPolicy);
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
    out.invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'");
  }
  validateUpdateStrategy(asObject(spec.updateStrategy) ?? {}, out, options);
  const retention = asObject(spec.persistentVolumeClaimRetentionPolicy);
  for (const field of ['whenDeleted', 'whenScaled']) {
    const value = asString(retention?.[field]);
    if (value !== undefined && value !== 'Retain' && value !== 'Delete') {
      out.unsupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, value, ['Retain', 'Delete']);
    }
  }
  nonNegative(spec, 'replicas', 'spec.replicas', out);
  nonNegative(spec, 'minReadySeconds', 'spec.minReadySeconds', out);
  const ordinals = asObject(spec.ordinals);
  if (ordinals) nonNegative(ordinals, 'start', 'spec.ordinals.start', out);

  const template = asObject(spec.template) ?? {};
  const selector = asObject(spec.selector);
  let usable = true;
  if (!selector) {
    out.required('spec.selector');
  } else {
    usable = validateLabelSelector(selector, 'spec.selector', out);
    if (isEmptySelector(selector)) out.invalid('spec.selector', selector, 'empty selector is invalid for statefulset');
  }
  if (!usable) {
    out.invalid('spec.selector', selector, '');
  } else if (!selector || !isEmptySelector(selector)) {
    const labels = asStringMap(asObject(template.metadata)?.labels) ?? {};
    if (!selectorMatches(selector, labels)) out.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
  }
  validateTemplateMetadata(template, 'spec.template', out);
  const podSpec = asObject(template.spec) ?? {};
  const restartPolicy = asString(podSpec.restartPolicy);
  if (restartPolicy !== undefined && restartPolicy !== 'Always') out.unsupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']);
  if (asInteger(podSpec.activeDeadlineSeconds) !== undefined) {
    out.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported');
  }
}
