import { Variant, build, toManifests } from './app';
import { WorkloadBuilders } from './workloads';

/** A field that differs between two manifests: its JSON path and the two values (`undefined` when absent). */
export interface FieldDifference {
  readonly path: string;
  readonly ours: unknown;
  readonly other: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf where `a` and `b` differ, ignoring the order of object keys (not of arrays). Inside a manifest, an
 * object present on one side only counts by its leaves; a whole manifest present on one side counts as one.
 */
export function jsonDifferences(a: unknown, b: unknown, path = ''): FieldDifference[] {
  const inside = path.includes('.');
  if (inside && a === undefined && isObject(b)) return jsonDifferences({}, b, path);
  if (inside && b === undefined && isObject(a)) return jsonDifferences(a, {}, path);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => jsonDifferences(a[key], b[key], `${path}.${key}`));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => jsonDifferences(a[i], b[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, ours: a, other: b }];
}

/** The manifests of workload 0 of `kind` built as `variant`, keyed `Kind/name`. */
function manifestsByName(variant: Variant, kind: WorkloadBuilders): Map<string, object> {
  const byName = new Map<string, object>();
  for (const manifest of toManifests(build(variant, [kind], 1)) as { kind: string; metadata: { name: string } }[]) {
    byName.set(`${manifest.kind}/${manifest.metadata.name}`, manifest);
  }
  return byName;
}

/** Where `variant`'s manifests for one workload of `kind` differ from ours; a missing object is one difference. */
export function parity(kind: WorkloadBuilders, variant: Variant): FieldDifference[] {
  const ours = manifestsByName('ours', kind);
  const other = manifestsByName(variant, kind);
  const names = [...new Set([...ours.keys(), ...other.keys()])];
  return names.flatMap((name) => jsonDifferences(ours.get(name), other.get(name), name));
}

/** Why a field of cdk8s-plus-27's output differs from ours. */
export type DifferenceKind = 'spelled-out default' | 'cdk8s address label' | 'other';

/**
 * Fields cdk8s-plus-27 always writes, with the value Kubernetes uses when the field is absent (for
 * `fsGroupChangePolicy`, the behaviour when unset; for the pod-level `runAsNonRoot`, what every container sets
 * anyway). Keyed by the end of the path.
 */
const SPELLED_OUT_DEFAULTS: readonly (readonly [RegExp, unknown])[] = [
  [/\.spec\.minReadySeconds$/, 0],
  [/^CronJob\/.*\.spec\.suspend$/, false],
  [/\.httpGet\.scheme$/, 'HTTP'],
  [/\.securityContext\.privileged$/, false],
  [/\.spec\.dnsPolicy$/, 'ClusterFirst'],
  [/\.spec\.hostNetwork$/, false],
  [/\.spec\.setHostnameAsFQDN$/, false],
  [/\.spec\.terminationGracePeriodSeconds$/, 30],
  [/\.hostPath\.type$/, ''],
  [/\.spec\.securityContext\.fsGroupChangePolicy$/, 'Always'],
  [/\.template\.spec\.securityContext\.runAsNonRoot$/, true],
  [/^Service\/.*\.spec\.type$/, 'ClusterIP'],
  [/^Service\/.*\.spec\.externalIPs$/, []],
  [/^(DaemonSet|StatefulSet)\/.*\.template\.spec\.restartPolicy$/, 'Always'],
];

/** Sorts one difference between ours and cdk8s-plus-27's output into the reasons it can have. */
export function differenceKind(difference: FieldDifference): DifferenceKind {
  if (difference.path.endsWith('cdk8s.io/metadata.addr') && difference.ours === undefined) return 'cdk8s address label';
  const isDefault = SPELLED_OUT_DEFAULTS.some(([path, value]) =>
    path.test(difference.path) && difference.ours === undefined && JSON.stringify(difference.other) === JSON.stringify(value));
  return isDefault ? 'spelled-out default' : 'other';
}

/** How close `variant`'s manifests are to ours, for one workload of each kind. */
export interface ParityReport {
  readonly workload: string;
  /** Differing leaves (a whole missing object counts as one). */
  readonly differences: number;
  readonly byKind: Record<DifferenceKind, number>;
  /** The differences of kind `other`, as `path: ours → theirs`. */
  readonly others: string[];
}

/** The parity report of `variant` against ours for one workload of `kind`. */
export function parityReport(kind: WorkloadBuilders, variant: Variant): ParityReport {
  const differences = parity(kind, variant);
  const byKind: Record<DifferenceKind, number> = { 'spelled-out default': 0, 'cdk8s address label': 0, 'other': 0 };
  const others: string[] = [];
  for (const difference of differences) {
    const reason = differenceKind(difference);
    byKind[reason]++;
    if (reason === 'other') others.push(`${difference.path}: ${JSON.stringify(difference.ours)} → ${JSON.stringify(difference.other)}`);
  }
  return { workload: kind.name, differences: differences.length, byKind, others };
}
