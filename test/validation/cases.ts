import { KubernetesVersion, ManifestValidationOptions, Violation, ViolationType, formatViolation, validateManifest } from '../../src';

/** A manifest as parsed JSON; the tests build them by hand, like YAML a user wrote. */
export type Manifest = Record<string, any>;

/**
 * One invalid case: a single change to a valid manifest that breaks one rule, and where the API server reports it.
 * Taken from the Kubernetes 1.27 validation tests (`errorCases` tables) unless `source` says otherwise.
 */
export interface InvalidCase {
  readonly name: string;
  readonly change: (manifest: Manifest) => void;
  readonly field: string;
  readonly type: ViolationType;
  /** A fragment of the message, as the API server words it. */
  readonly message?: string;
  /** Further fields the API server reports for the same single change (e.g. a missing selector also mismatches). */
  readonly alsoAt?: readonly string[];
}

/** One valid variation the API server accepts on create. */
export interface ValidCase {
  readonly name: string;
  readonly change: (manifest: Manifest) => void;
}

export function changed(base: Manifest, change: (manifest: Manifest) => void): Manifest {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/**
 * A valid DaemonSet of one container, `agent`, whose pod spec also holds `podSpec`: the base manifest of the
 * per-target rule tests.
 */
export function daemonSetWith(podSpec: Manifest = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0' }], ...podSpec },
      },
    },
  };
}

/** What `validateManifest` finds in `manifest` at a target, one line per violation as the API server prints it. */
export function linesAt(manifest: Manifest, kubernetesVersion: KubernetesVersion): string[] {
  return validateManifest(manifest, { kubernetesVersion }).map(formatViolation);
}

export function describeViolations(violations: readonly Violation[]): string {
  return violations.map(formatViolation).join('\n');
}

/** Registers one jest test per case. */
export function testCases(
  base: Manifest, valid: readonly ValidCase[], invalid: readonly InvalidCase[], options: ManifestValidationOptions = {},
): void {
  test('the base manifest is valid', () => {
    expect(describeViolations(validateManifest(base, options))).toBe('');
  });

  test.each(valid.map((c) => [c.name, c] as const))('accepts: %s', (_, c) => {
    expect(describeViolations(validateManifest(changed(base, c.change), options))).toBe('');
  });

  test.each(invalid.map((c) => [c.name, c] as const))('rejects: %s', (_, c) => {
    const violations = validateManifest(changed(base, c.change), options);
    const match = violations.find((v) => v.field === c.field && v.type === c.type && (c.message === undefined || v.message.includes(c.message)));
    expect({ found: match !== undefined, all: describeViolations(violations) }).toEqual({ found: true, all: expect.any(String) });
    const allowed = new Set([c.field, ...(c.alsoAt ?? [])]);
    expect(violations.filter((v) => !allowed.has(v.field)).map(formatViolation)).toEqual([]);
  });
}
