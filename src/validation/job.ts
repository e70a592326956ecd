import { generatedJobLabels } from './defaults';
import { JsonObject, asArray, asInteger, asObject, asString, asStringMap, objectsOf, path } from './json';
import { selectorMatches, subdomainName, validateLabelSelector, validateObjectMeta } from './metadata';
import { validatePodTemplate } from './pod';
import { ValidationOptions } from './versions';
import { Violations } from './violation';
import { dns1123LabelErrors, qualifiedNameErrors } from '../syntax/k8s-syntax';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_POD_CONDITIONS = 20;

/** Go's `%q` of a string list, as the API server writes `valid values: ["OnFailure" "Never"]`. */
function quotedList(values: readonly string[]): string {
  return `[${values.map((v) => `"${v}"`).join(' ')}]`;
}

function requiredOrSupported(value: unknown, field: string, supported: readonly string[], out: Violations): void {
  const text = asString(value) ?? '';
  if (!text) out.required(field, `valid values: ${quotedList(supported)}`);
  else if (!supported.includes(text)) out.unsupported(field, text, supported);
}

function validateOnExitCodes(onExitCodes: JsonObject, at: string, containerNames: ReadonlySet<string>, out: Violations): void {
  const operator = asString(onExitCodes.operator);
  requiredOrSupported(operator, path.child(at, 'operator'), ['In', 'NotIn'], out);
  const containerName = asString(onExitCodes.containerName);
  if (containerName !== undefined && !containerNames.has(containerName)) {
    out.invalid(path.child(at, 'containerName'), containerName, 'must be one of the container or initContainer names in the pod template');
  }
  const values = (asArray(onExitCodes.values) ?? []).filter((v): v is number => typeof v === 'number');
  const vp = path.child(at, 'values');
  if (values.length === 0) return out.invalid(vp, values, 'at least one value is required');
  if (values.length > MAX_EXIT_CODES) return out.tooMany(vp, values.length, MAX_EXIT_CODES);
  const seen = new Set<number>();
  values.forEach((value, j) => {
    if (operator === 'In' && value === 0) out.invalid(path.index(vp, j), value, 'must not be 0 for the In operator');
    if (seen.has(value)) out.duplicate(path.index(vp, j), value);
    seen.add(value);
  });
  if (values.some((value, j) => j > 0 && values[j - 1] > value)) out.invalid(vp, values, 'must be ordered');
}

function validatePodFailurePolicy(policy: JsonObject, at: string, podSpec: JsonObject, out: Violations): void {
  const rules = objectsOf(policy.rules);
  const rp = path.child(at, 'rules');
  if ((asArray(policy.rules)?.length ?? 0) > MAX_RULES) out.tooMany(rp, asArray(policy.rules)!.length, MAX_RULES);
  const containerNames = new Set(
    [...objectsOf(podSpec.containers), ...objectsOf(podSpec.initContainers)].map(([c]) => asString(c.name) ?? ''),
  );
  for (const [rule, i] of rules) {
    const rulePath = path.index(rp, i);
    // FailIndex arrived in 1.28 with backoffLimitPerIndex.
    requiredOrSupported(rule.action, path.child(rulePath, 'action'), ['Count', 'FailJob', 'Ignore'], out);
    const onExitCodes = asObject(rule.onExitCodes);
    const onPodConditions = objectsOf(rule.onPodConditions);
    if (onExitCodes) validateOnExitCodes(onExitCodes, path.child(rulePath, 'onExitCodes'), containerNames, out);
    const cp = path.child(rulePath, 'onPodConditions');
    if (onPodConditions.length > MAX_POD_CONDITIONS) out.tooMany(cp, onPodConditions.length, MAX_POD_CONDITIONS);
    for (const [pattern, j] of onPodConditions) {
      const type = asString(pattern.type) ?? '';
      out.invalidEach(path.child(path.index(cp, j), 'type'), type, qualifiedNameErrors(type));
      requiredOrSupported(pattern.status, path.child(path.index(cp, j), 'status'), ['False', 'True', 'Unknown'], out);
    }
    if (onExitCodes && onPodConditions.length > 0) out.invalid(rulePath, undefined, 'specifying both OnExitCodes and OnPodConditions is not supported');
    if (!onExitCodes && onPodConditions.length === 0) out.invalid(rulePath, undefined, 'specifying one of OnExitCodes and OnPodConditions is required');
  }
}

/** validateJobSpec (1.27): shared by Jobs and CronJob job templates; `at` is `spec` or `spec.jobTemplate.spec`. */
export function validateJobSpecCommon(spec: JsonObject, at: string, out: Violations, options: ValidationOptions): void {
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    const value = asInteger(spec[field]);
    if (value !== undefined && value < 0) out.invalid(path.child(at, field), value, 'must be greater than or equal to 0');
  }
  const completionMode = asString(spec.completionMode);
  if (completionMode !== undefined) {
    if (completionMode !== 'NonIndexed' && completionMode !== 'Indexed') {
      out.unsupported(path.child(at, 'completionMode'), completionMode, ['NonIndexed', 'Indexed']);
    }
    if (completionMode === 'Indexed') {
      if (asInteger(spec.completions) === undefined) out.required(path.child(at, 'completions'), 'when completion mode is Indexed');
      const parallelism = asInteger(spec.parallelism);
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        out.invalid(path.child(at, 'parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`);
      }
    }
  }
  const template = asObject(spec.template) ?? {};
  const podSpec = asObject(template.spec) ?? {};
  const podFailurePolicy = asObject(spec.podFailurePolicy);
  if (podFailurePolicy) validatePodFailurePolicy(podFailurePolicy, path.child(at, 'podFailurePolicy'), podSpec, out);
  validatePodTemplate(template, path.child(at, 'template'), out, options);
  const restartPath = path.child(at, 'template.spec.restartPolicy');
  const restartPolicy = asString(podSpec.restartPolicy) ?? '';
  if (restartPolicy === 'Always' || restartPolicy === '') {
    out.required(restartPath, `valid values: ${quotedList(['OnFailure', 'Never'])}`);
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    out.unsupported(restartPath, restartPolicy, ['OnFailure', 'Never']);
  } else if (podFailurePolicy && restartPolicy !== 'Never') {
    out.invalid(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified');
  }
}

/** ValidateGeneratedSelector: the labels and selector the create strategy generated must have survived. */
function validateGeneratedSelector(name: string, spec: JsonObject, out: Violations): void {
  if (spec.manualSelector === true) return;
  const selector = asObject(spec.selector);
  if (!selector) return;
  const expected = generatedJobLabels(name);
  const labels = asStringMap(asObject(asObject(spec.template)?.metadata)?.labels) ?? {};
  for (const [key, value] of Object.entries(expected)) {
    const shown = key.includes('controller-uid') ? '<the Job uid the API server assigns>' : value;
    if (labels[key] !== value) {
      out.invalid(`spec.template.metadata.labels[${key}]`, labels[key], `must be '${shown}': the API server sets this label; leave it out`);
    }
  }
  if (!selectorMatches(selector, expected)) {
    out.invalid('spec.selector', selector, '`selector` not auto-generated: leave spec.selector out, or set spec.manualSelector: true');
  }
}

/** ValidateJob (batch/v1, 1.27), on a manifest after defaulting and selector generation. */
export function validateJob(manifest: JsonObject, out: Violations, options: ValidationOptions): void {
  const metadata = asObject(manifest.metadata);
  validateObjectMeta(metadata, subdomainName, out);
  const name = asString(metadata?.name) ?? '';
  const spec = asObject(manifest.spec) ?? {};
  const completions = asInteger(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const hostname = `${name}-${completions - 1}`;
    if (dns1123LabelErrors(hostname).length > 0) out.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`);
  }
  validateGeneratedSelector(name, spec, out);
  validateJobSpecCommon(spec, 'spec', out, options);
  const selector = asObject(spec.selector);
  if (!selector) out.required('spec.selector');
  // A missing selector selects nothing, so it also fails to match the template.
  if (!selector || validateLabelSelector(selector, 'spec.selector', out)) {
    const labels = asStringMap(asObject(asObject(spec.template)?.metadata)?.labels) ?? {};
    if (!selectorMatches(selector, labels)) out.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
  }
}
