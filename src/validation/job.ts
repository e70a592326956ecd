import { generatedJobLabels } from './defaults';
import { JsonObject, asArray, asInteger, asObject, asString, asStringMap, objectsOf, path } from './json';
import { selectorMatches, subdomainName, validateLabelSelector, validateObjectMeta } from './metadata';
import { validatePodTemplate } from './pod';
import { VERSIONED_RULES, ValidationOptions, holds } from './versions';
import { Violations } from './violation';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../syntax/k8s-syntax';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_POD_CONDITIONS = 20;
// maxFailedIndexesForIndexedJob, completionsSoftLimit, parallelismLimitForHighCompletions,
// maxFailedIndexesLimitForHighCompletions, maxManagedByLength, maxJobSuccessPolicySucceededIndexesLimit,
// maxSuccessPolicyRule (pkg/apis/batch/validation/validation.go).
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const LIMIT_FOR_HIGH_COMPLETIONS = 10000;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

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

function validatePodFailurePolicy(
  policy: JsonObject, at: string, spec: JsonObject, podSpec: JsonObject, out: Violations, options: ValidationOptions,
): void {
  const failIndex = holds(VERSIONED_RULES.jobBackoffLimitPerIndex, options);
  const actions = failIndex ? ['Count', 'FailIndex', 'FailJob', 'Ignore'] : ['Count', 'FailJob', 'Ignore'];
  const rules = objectsOf(policy.rules);
  const rp = path.child(at, 'rules');
  if ((asArray(policy.rules)?.length ?? 0) > MAX_RULES) out.tooMany(rp, asArray(policy.rules)!.length, MAX_RULES);
  const containerNames = new Set(
    [...objectsOf(podSpec.containers), ...objectsOf(podSpec.initContainers)].map(([c]) => asString(c.name) ?? ''),
  );
  for (const [rule, i] of rules) {
    const rulePath = path.index(rp, i);
    // validatePodFailurePolicyRule: FailIndex arrived (1.28, on by default 1.29) with backoffLimitPerIndex.
    if (failIndex && rule.action === 'FailIndex') {
      if (asInteger(spec.backoffLimitPerIndex) === undefined) {
        out.invalid(path.child(rulePath, 'action'), 'FailIndex', 'requires the backoffLimitPerIndex to be set');
      }
    } else {
      requiredOrSupported(rule.action, path.child(rulePath, 'action'), actions, out);
    }
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

/**
 * validateJobSpec's rules for backoffLimitPerIndex and maxFailedIndexes (1.29+, JobBackoffLimitPerIndex): both ≥ 0
 * and only with Indexed completion; maxFailedIndexes needs backoffLimitPerIndex, at most completions and 100000, and
 * above 100000 completions it is required and it and parallelism are capped at 10000.
 */
function validateBackoffLimitPerIndex(spec: JsonObject, at: string, out: Violations): void {
  const perIndex = asInteger(spec.backoffLimitPerIndex);
  const maxFailed = asInteger(spec.maxFailedIndexes);
  const perIndexPath = path.child(at, 'backoffLimitPerIndex');
  const maxFailedPath = path.child(at, 'maxFailedIndexes');
  if (perIndex !== undefined && perIndex < 0) out.invalid(perIndexPath, perIndex, 'must be greater than or equal to 0');
  if (maxFailed !== undefined) {
    if (maxFailed < 0) out.invalid(maxFailedPath, maxFailed, 'must be greater than or equal to 0');
    if (perIndex === undefined) out.required(perIndexPath, 'when maxFailedIndexes is specified');
  }
  if (spec.completionMode === 'Indexed') {
    const completions = asInteger(spec.completions);
    const parallelism = asInteger(spec.parallelism);
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
      out.invalid(maxFailedPath, maxFailed, 'must be less than or equal to completions');
    }
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
      out.invalid(maxFailedPath, maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`);
    }
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && perIndex !== undefined) {
      const high = `must be less than or equal to ${LIMIT_FOR_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (maxFailed === undefined) out.required(maxFailedPath, `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`);
      if (parallelism !== undefined && parallelism > LIMIT_FOR_HIGH_COMPLETIONS) out.invalid(path.child(at, 'parallelism'), parallelism, high);
      if (maxFailed !== undefined && maxFailed > LIMIT_FOR_HIGH_COMPLETIONS) out.invalid(maxFailedPath, maxFailed, high);
    }
  } else if (spec.completionMode === undefined || spec.completionMode === 'NonIndexed') {
    if (perIndex !== undefined) out.invalid(perIndexPath, perIndex, 'requires indexed completion mode');
    if (maxFailed !== undefined) out.invalid(maxFailedPath, maxFailed, 'requires indexed completion mode');
  }
}

/** validateJobSpec's managedBy rules (1.32+, JobManagedBy): apimachinery's IsDomainPrefixedPath, at most 63 characters. */
function validateManagedBy(value: unknown, at: string, out: Violations): void {
  const managedBy = asString(value);
  if (managedBy === undefined) return;
  if (managedBy === '') {
    out.required(at);
  } else {
    const slash = managedBy.indexOf('/');
    const host = slash < 0 ? '' : managedBy.slice(0, slash);
    const rest = slash < 0 ? '' : managedBy.slice(slash + 1);
    if (host === '' || rest === '') {
      out.invalid(at, managedBy, 'must be a domain-prefixed path (such as "acme.io/foo")');
    } else {
      out.invalidEach(at, host, dns1123SubdomainErrors(host));
      if (!HTTP_PATH.test(rest)) out.invalid(at, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')");
    }
  }
  if (managedBy.length > MAX_MANAGED_BY_LENGTH) out.tooLong(at, managedBy, MAX_MANAGED_BY_LENGTH);
}

/** validatePodReplacementPolicy (1.29+, JobPodReplacementPolicy): only `Failed` with a podFailurePolicy. */
function validatePodReplacementPolicy(spec: JsonObject, at: string, out: Violations): void {
  const policy = asString(spec.podReplacementPolicy);
  if (policy === undefined) return;
  if (asObject(spec.podFailurePolicy)) {
    if (policy !== 'Failed') out.unsupported(at, policy, ['Failed']);
  } else if (policy !== 'Failed' && policy !== 'TerminatingOrFailed') {
    out.unsupported(at, policy, ['Failed', 'TerminatingOrFailed']);
  }
}

/**
 * validateIndexesFormat / parseIndexInterval: the number of indexes in `1,3-5`, or why it does not parse. Go's
 * strconv.Atoi accepts an optional sign, so `+1` is index 1 (and `-` splits first).
 */
function indexesFormat(indexes: string, completions: number): { total: number } | { error: string } {
  if (indexes === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const interval of indexes.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'` };
    const parsed: number[] = [];
    for (const limit of limits) {
      if (!/^[+]?[0-9]+$/.test(limit)) return { error: `cannot convert string to integer for index: "${limit}"` };
      const n = Number(limit);
      if (n >= completions) return { error: `too large index: "${limit}"` };
      parsed.push(n);
    }
    const [x, y = x] = parsed;
    if (parsed.length > 1 && x >= y) return { error: `non-increasing order, previous: ${x}, current: ${y}` };
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

/** validateJobSpec's successPolicy rules, validateSuccessPolicy and validateSuccessPolicyRule (1.31+, JobSuccessPolicy). */
function validateSuccessPolicyOf(spec: JsonObject, at: string, out: Violations): void {
  const policy = asObject(spec.successPolicy);
  if (!policy) return;
  const sp = path.child(at, 'successPolicy');
  if (spec.completionMode !== 'Indexed') return out.invalid(sp, policy, 'requires indexed completion mode');
  const rp = path.child(sp, 'rules');
  const count = asArray(policy.rules)?.length ?? 0;
  if (count === 0) out.required(rp, 'at least one rules must be specified when the successPolicy is specified');
  if (count > MAX_SUCCESS_POLICY_RULES) out.tooMany(rp, count, MAX_SUCCESS_POLICY_RULES);
  // With Indexed, completions is required (reported above); upstream would dereference it.
  const completions = asInteger(spec.completions);
  for (const [rule, i] of objectsOf(policy.rules)) {
    const rulePath = path.index(rp, i);
    const indexes = asString(rule.succeededIndexes);
    const succeededCount = asInteger(rule.succeededCount);
    if (indexes === undefined && succeededCount === undefined) {
      out.required(rulePath, 'at least one of succeededCount or succeededIndexes must be specified');
    }
    let totalIndexes = 0;
    if (indexes !== undefined) {
      const ip = path.child(rulePath, 'succeededIndexes');
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) out.tooLong(ip, indexes, MAX_SUCCEEDED_INDEXES_LENGTH);
      if (completions !== undefined) {
        const parsed = indexesFormat(indexes, completions);
        if ('error' in parsed) out.invalid(ip, indexes, `error parsing succeededIndexes: ${parsed.error}`);
        else totalIndexes = parsed.total;
      }
    }
    if (succeededCount !== undefined) {
      const cp = path.child(rulePath, 'succeededCount');
      if (succeededCount < 0) out.invalid(cp, succeededCount, 'must be greater than or equal to 0');
      if (completions !== undefined && succeededCount > completions) {
        out.invalid(cp, succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`);
      }
      if (indexes !== undefined && succeededCount > totalIndexes) {
        out.invalid(cp, succeededCount, `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`);
      }
    }
  }
}

/** validateJobSpec (1.27): shared by Jobs and CronJob job templates; `at` is `spec` or `spec.jobTemplate.spec`. */
export function validateJobSpecCommon(spec: JsonObject, at: string, out: Violations, options: ValidationOptions): void {
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    const value = asInteger(spec[field]);
    if (value !== undefined && value < 0) out.invalid(path.child(at, field), value, 'must be greater than or equal to 0');
  }
  if (holds(VERSIONED_RULES.jobBackoffLimitPerIndex, options)) validateBackoffLimitPerIndex(spec, at, out);
  if (holds(VERSIONED_RULES.jobManagedBy, options)) validateManagedBy(spec.managedBy, path.child(at, 'managedBy'), out);
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
  if (podFailurePolicy) validatePodFailurePolicy(podFailurePolicy, path.child(at, 'podFailurePolicy'), spec, podSpec, out, options);
  if (holds(VERSIONED_RULES.jobSuccessPolicy, options)) validateSuccessPolicyOf(spec, at, out);
  if (holds(VERSIONED_RULES.jobPodReplacementPolicy, options)) validatePodReplacementPolicy(spec, path.child(at, 'podReplacementPolicy'), out);
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
