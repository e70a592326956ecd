import { validateCronJob } from './cron-job';
import { validateDaemonSet } from './daemon-set';
import { defaultCronJob, defaultDaemonSet, defaultJob, defaultStatefulSet } from './defaults';
import { validateJob } from './job';
import { JsonObject, asObject, childObject, cloneJson, own } from './json';
import { ROOT_TYPES } from './k8s-1.27-schema.generated';
import { validatePodDisruptionBudget } from './pod-disruption-budget';
import { defaultBinding, validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding } from './rbac';
import { checkSchema } from './schema';
import { validateServiceAccount } from './service-account';
import { validateStatefulSet } from './stateful-set';
import { Violation, Violations } from './violation';

interface Kind {
  readonly apiVersion: string;
  readonly defaults: (manifest: JsonObject, spec: JsonObject) => void;
  readonly validate: (manifest: JsonObject, out: Violations) => void;
}

const KINDS: Record<string, Kind> = {
  DaemonSet: { apiVersion: 'apps/v1', defaults: (_, spec) => defaultDaemonSet(spec), validate: validateDaemonSet },
  StatefulSet: { apiVersion: 'apps/v1', defaults: (_, spec) => defaultStatefulSet(spec), validate: validateStatefulSet },
  Job: { apiVersion: 'batch/v1', defaults: defaultJob, validate: validateJob },
  CronJob: { apiVersion: 'batch/v1', defaults: (_, spec) => defaultCronJob(spec), validate: validateCronJob },
  ServiceAccount: { apiVersion: 'v1', defaults: () => undefined, validate: validateServiceAccount },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: () => undefined, validate: validateRole },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: () => undefined, validate: validateClusterRole },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: defaultBinding, validate: validateRoleBinding },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', defaults: defaultBinding, validate: validateClusterRoleBinding },
  PodDisruptionBudget: { apiVersion: 'policy/v1', defaults: () => undefined, validate: validatePodDisruptionBudget },
};

/** The kinds `validateManifest` knows. */
export const VALIDATED_KINDS: readonly string[] = Object.keys(KINDS);

/** Whether a violation is about a value the decoder already refused, or something inside it. */
function within(field: string, paths: readonly string[]): boolean {
  return paths.some((p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`));
}

/**
 * Every rule of the Kubernetes 1.27 API server that a DaemonSet, StatefulSet, Job or CronJob manifest breaks on
 * create (kubectl's default strict field validation included), judged after the server's defaulting, as it
 * judges them. Accepts anything (parsed YAML, `null`, a string) and never throws: what is not a manifest of one of
 * these kinds gives violations.
 */
export function validateManifest(manifest: unknown): Violation[] {
  let copy: unknown;
  try {
    copy = cloneJson(manifest);
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
  const out = new Violations();
  if (object.apiVersion !== kind.apiVersion) {
    out.unsupported('apiVersion', object.apiVersion, [kind.apiVersion]);
  }
  const undecodable = checkSchema(object, ROOT_TYPES[object.kind as string], '', out);
  const spec = childObject(object, 'spec');
  if (spec) kind.defaults(object, spec);
  const rules = new Violations();
  kind.validate(object, rules);
  out.list.push(...rules.list.filter((v) => !within(v.field, undecodable)));
  return out.list;
}
