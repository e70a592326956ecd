import { validateCronJob } from './cron-job';
import { validateDaemonSet } from './daemon-set';
import { defaultCronJob, defaultDaemonSet, defaultJob, defaultStatefulSet } from './defaults';
import { validateJob } from './job';
import { JsonObject, asArray, asObject, asString, childObject, cloneJson, cloneRendered, objectsOf, own } from './json';
import { validatePodTemplate } from './pod';
import { validatePodDisruptionBudget } from './pod-disruption-budget';
import { defaultBinding, validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding } from './rbac';
import { checkSchema } from './schema';
import { SCHEMAS } from './schemas/versions.generated';
import { defaultService, validateService } from './service';
import { validateServiceAccount } from './service-account';
import { validateStatefulSet } from './stateful-set';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, ValidationOptions, supportedVersion } from './versions';
import { Violation, Violations } from './violation';

interface Kind {
  readonly apiVersion: string;
  readonly defaults: (manifest: JsonObject, spec: JsonObject, options: ValidationOptions) => void;
  readonly validate: (manifest: JsonObject, out: Violations, options: ValidationOptions) => void;
}

const KINDS: Record<string, Kind> = {
  DaemonSet: { apiVersion: 'apps/v1', defaults: (_, spec) => defaultDaemonSet(spec), validate: validateDaemonSet },
  StatefulSet: { apiVersion: 'apps/v1', defaults: (_, spec, options) => defaultStatefulSet(spec, options), validate: validateStatefulSet },
  Job: { apiVersion: 'batch/v1', defaults: defaultJob, validate: validateJob },
  CronJob: { apiVersion: 'batch/v1', defaults: (_, spec) => defaultCronJob(spec), validate: validateCronJob },
  ServiceAccount: { apiVersion: 'v1', defaults: () => undefined, validate: validateServiceAccount },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: () => undefined, validate: validateRole },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: () => undefined, validate: validateClusterRole },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: defaultBinding, validate: validateRoleBinding },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: defaultBinding, validate: validateClusterRoleBinding },
  PodDisruptionBudget: { apiVersion: 'policy/v1', defaults: () => undefined, validate: validatePodDisruptionBudget },
  Service: { apiVersion: 'v1', defaults: (_, spec) => defaultService(spec), validate: validateService },
};

/** The kinds `validateManifest` knows. */
export const VALIDATED_KINDS: readonly string[] = Object.keys(KINDS);

/** Whether a violation is about a value the decoder already refused, or something inside it. */
function within(field: string, paths: readonly string[]): boolean {
  return paths.some((p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`));
}

/** A copy of the manifest that the rules may change, its kind, and violations that end the check early. */
function prepare(manifest: unknown, rendered: boolean): { object: JsonObject; kind: Kind } | Violation[] {
  let copy: unknown;
  try {
    copy = rendered ? cloneRendered(manifest) : cloneJson(manifest);
  } catch (error) {
    // A getter or proxy that throws while being read.
    return [{ field: '', type: 'Invalid value', message: `cannot be read as JSON: ${String(error)}` }];
  }
  const object = asObject(copy);
  if (!object) {
    return [{ field: '', type: 'Invalid value', value: copy, message: 'must be a Kubernetes object: a map with apiVersion, kind, metadata and spec' }];
  }
  const kind = typeof object.kind === 'string' ? own(KINDS, object.kind) : undefined;
  if (!kind) {
    return [{ field: 'kind', type: 'Unsupported value', value: object.kind, message: `supported values: ${VALIDATED_KINDS.map((k) => `"${k}"`).join(', ')}` }];
  }
  return { object, kind };
}

/**
 * Every rule of the target version's API server (Kubernetes 1.27 unless `options` says otherwise) that a DaemonSet, StatefulSet, Job, CronJob or Service manifest
 * breaks on create (kubectl's default strict field validation included), judged after the server's defaulting,
 * as it judges them: the server's verdict on the object itself. Accepts anything (parsed YAML, `null`, a string)
 * and never throws: what is not a manifest of one of these kinds gives violations. What the server accepts on the
 * object but refuses on the pods created from it is `validatePods`'s.
 */
export function validateManifest(manifest: unknown, options: ManifestValidationOptions = {}): Violation[] {
  return checkManifest(manifest, false, validationOptions(options)).object;
}

/** Options of `validateManifest` and `validatePods`. */
export interface ManifestValidationOptions {
  /**
   * The Kubernetes version whose API server judges the manifest: its schema (which fields exist), its defaulting and
   * its create-time rules with the release's default feature gates.
   * @see https://kubernetes.io/releases/version-skew-policy/
   * @default '1.27'
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** The internal options of the public ones; an unsupported version (from JavaScript or parsed input) throws. */
function validationOptions(options: ManifestValidationOptions): ValidationOptions {
  return { version: supportedVersion(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, 'kubernetesVersion') };
}

/**
 * The problems the API server does not report on a manifest it accepts, but on every pod its controller then
 * creates from it, so that no pod starts; each has `scope: 'pods'`. Today: a StatefulSet's pod template, which
 * the 1.27 API server does not validate (ValidatePodTemplateSpecForStatefulSet checks its labels and annotations
 * only, kubernetes#81147), judged with the pod rules the other kinds get in `validateManifest`, after the
 * defaulting, and with each volume claim template as the pod volume the controller adds (its findings reported at
 * the claim template). `[]` for the other kinds (their pod templates are part of `validateManifest`) and for what
 * `validateManifest` refuses to read. What `validateManifest` reports at the same field with the same type is not
 * repeated.
 */
export function validatePods(manifest: unknown, options: ManifestValidationOptions = {}): Violation[] {
  return checkManifest(manifest, true, validationOptions(options)).pods;
}

/**
 * `validateManifest` and, when `pods`, `validatePods` in one pass: one copy, one schema walk, one defaulting.
 * `rendered`: the manifest is an ApiObject's render, a tree without cycles (`cloneRendered`).
 * @internal the chart validation's, which needs both for every object
 */
export function checkManifest(
  manifest: unknown,
  pods: boolean,
  options: ValidationOptions,
  rendered = false,
): { readonly object: Violation[]; readonly pods: Violation[] } {
  const prepared = prepare(manifest, rendered);
  if (Array.isArray(prepared)) return { object: prepared, pods: [] };
  const { object, kind } = prepared;
  const out = new Violations();
  if (object.apiVersion !== kind.apiVersion) {
    out.unsupported('apiVersion', object.apiVersion, [kind.apiVersion]);
  }
  const undecodable = checkSchema(object, SCHEMAS[options.version].rootTypes[object.kind as string], '', out, options);
  const spec = childObject(object, 'spec');
  if (spec) kind.defaults(object, spec, options);
  const rules = new Violations();
  kind.validate(object, rules, options);
  const unknownParents = unknownFieldParents(out.list);
  out.list.push(...rules.list.filter((v) => !within(v.field, undecodable) && !(v.type === 'Required value' && unknownParents.has(v.field))));
  if (!pods || object.kind !== 'StatefulSet' || !spec) return { object: out.list, pods: [] };
  return { object: out.list, pods: statefulSetPods(spec, undecodable, out.list, options) };
}

/**
 * The objects that hold a field the target's API does not have (`…preStop` for `…preStop.sleep`). A rule finding
 * `Required value` at one of them is left out: what it misses is what was given in the unknown field, which
 * kubectl's strict validation already refuses (one line for the one problem, not a second for its consequence).
 */
function unknownFieldParents(schemaFindings: readonly Violation[]): Set<string> {
  const parents = new Set<string>();
  for (const v of schemaFindings) {
    if (v.type !== 'Forbidden' || !v.message.startsWith('unknown field')) continue;
    const dot = v.field.lastIndexOf('.');
    if (dot > 0) parents.add(v.field.slice(0, dot));
  }
  return parents;
}

/** validatePods of a StatefulSet, on its copy after the object's rules (which do not change it). */
function statefulSetPods(
  spec: JsonObject,
  undecodable: readonly string[],
  reportedOnObject: readonly Violation[],
  options: ValidationOptions,
): Violation[] {
  const template = asObject(spec.template) ?? {};
  const podSpec = childObject(template, 'spec');
  const claimVolumes = podSpec ? addClaimVolumes(podSpec, spec.volumeClaimTemplates) : new Map<string, string>();
  const pods = new Violations();
  validatePodTemplate(template, 'spec.template', pods, options);
  const reported = new Set(reportedOnObject.map((v) => `${v.type} ${v.field}`));
  return pods.list
    // The template's labels and annotations are the object's (ValidatePodTemplateSpecForStatefulSet).
    .filter((v) => !within(v.field, ['spec.template.labels', 'spec.template.annotations', ...undecodable]))
    .filter((v) => !reported.has(`${v.type} ${v.field}`))
    .map((v) => ({ ...v, field: claimField(v.field, claimVolumes), scope: 'pods' as const }));
}

/** A finding about a volume added for a claim template, at the claim template: `spec.volumeClaimTemplates[0].metadata.name`. */
function claimField(field: string, claimVolumes: ReadonlyMap<string, string>): string {
  const match = /^spec\.template\.spec\.volumes\[\d+\](\.name)?/.exec(field);
  const claim = match && claimVolumes.get(match[0].replace(/\.name$/, ''));
  if (!match || !claim) return field;
  return `${claim}${match[1] ? '.metadata.name' : ''}${field.slice(match[0].length)}`;
}

/**
 * The StatefulSet controller's updateStorage: each claim template becomes the pod volume of its name (replacing
 * a volume of that name). Returns the field of each added volume mapped to the field of its claim template.
 */
function addClaimVolumes(podSpec: JsonObject, claims: unknown): Map<string, string> {
  const named = objectsOf(claims)
    .map(([claim, i]) => ({ name: asString(asObject(claim.metadata)?.name), i }))
    .filter((c): c is { name: string; i: number } => !!c.name);
  const fields = new Map<string, string>();
  if (named.length === 0) return fields;
  const names = named.map((c) => c.name);
  const volumes = (asArray(podSpec.volumes) ?? []).filter((v) => !names.includes(asString(asObject(v)?.name) ?? ''));
  named.forEach((c, j) => fields.set(`spec.template.spec.volumes[${volumes.length + j}]`, `spec.volumeClaimTemplates[${c.i}]`));
  podSpec.volumes = [...volumes, ...named.map(({ name }) => ({ name, persistentVolumeClaim: { claimName: name } }))];
  return fields;
}
