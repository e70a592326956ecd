import { JsonObject, asInteger, asObject, asString, asStringMap, path } from './json';
import { isEmptySelector, selectorMatches, subdomainName, validateLabelSelector, validateObjectMeta } from './metadata';
import { validatePodTemplate } from './pod';
import { ValidationOptions } from './versions';
import { Violations } from './violation';
import { isPercent } from '../syntax/k8s-syntax';

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (apps validation). */
export function validateIntOrPercent(value: unknown, field: string, out: Violations): void {
  if (typeof value === 'string') {
    if (!isPercent(value)) out.invalid(field, value, PERCENT_MESSAGE);
    else if (Number(value.slice(0, -1)) > 100) out.invalid(field, value, 'must not be greater than 100%');
  } else if (typeof value === 'number' && value < 0) {
    out.invalid(field, value, 'must be greater than or equal to 0');
  }
}

/** getIntOrPercentValue: the percent, or the integer (a string that is not a percent reads as its integer, or 0). */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  if (isPercent(value)) return Number(value.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
}

function validateUpdateStrategy(strategy: JsonObject, at: string, out: Violations): void {
  switch (strategy.type) {
    case 'OnDelete':
      // rollingUpdate is neither cleared nor checked for OnDelete.
      return;
    case 'RollingUpdate': {
      const rollingUpdate = asObject(strategy.rollingUpdate);
      const rp = path.child(at, 'rollingUpdate');
      if (!rollingUpdate) return out.required(rp);
      validateIntOrPercent(rollingUpdate.maxUnavailable, path.child(rp, 'maxUnavailable'), out);
      validateIntOrPercent(rollingUpdate.maxSurge, path.child(rp, 'maxSurge'), out);
      const unavailable = intOrPercentValue(rollingUpdate.maxUnavailable) !== 0;
      const surge = intOrPercentValue(rollingUpdate.maxSurge) !== 0;
      if (unavailable && surge) out.invalid(path.child(rp, 'maxSurge'), rollingUpdate.maxSurge, 'may not be set when maxUnavailable is non-zero');
      if (!unavailable && !surge) out.required(path.child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0');
      return;
    }
    default:
      out.unsupported(at, strategy, ['RollingUpdate', 'OnDelete']);
  }
}

/** ValidateDaemonSet (apps/v1, 1.27), on a defaulted manifest. */
export function validateDaemonSet(manifest: JsonObject, out: Violations, options: ValidationOptions): void {
  validateObjectMeta(asObject(manifest.metadata), subdomainName, out);
  const spec = asObject(manifest.spec) ?? {};
  const template = asObject(spec.template) ?? {};
  const selector = asObject(spec.selector);
  const usable = selector ? validateLabelSelector(selector, 'spec.selector', out) : true;
  const templateLabels = asStringMap(asObject(template.metadata)?.labels) ?? {};
  if (usable && !selectorMatches(selector, templateLabels)) {
    out.invalid('spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`');
  }
  if (selector && isEmptySelector(selector)) out.invalid('spec.selector', selector, 'empty selector is invalid for daemonset');
  validatePodTemplate(template, 'spec.template', out, options);
  const podSpec = asObject(template.spec) ?? {};
  const restartPolicy = asString(podSpec.restartPolicy);
  if (restartPolicy !== undefined && restartPolicy !== 'Always') out.unsupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']);
  if (asInteger(podSpec.activeDeadlineSeconds) !== undefined) {
    out.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported');
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit']) {
    const value = asInteger(spec[field]);
    if (value !== undefined && value < 0) out.invalid(`spec.${field}`, value, 'must be greater than or equal to 0');
  }
  validateUpdateStrategy(asObject(spec.updateStrategy) ?? {}, 'spec.updateStrategy', out);
}
