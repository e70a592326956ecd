import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

/**
 * A field where the emitted manifest differs from the upstream one: `upstream` is the upstream value (undefined
 * when the upstream does not set the field), `emitted` ours (undefined when we do not emit it).
 */
export interface Difference {
  readonly path: string;
  readonly upstream?: unknown;
  readonly emitted?: unknown;
}

/** The documents of an upstream manifest committed under fixtures/, read with YAML 1.1 rules as kubectl reads them. */
export function upstreamManifests(file: string): any[] {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8');
  return parseAllDocuments(text, { version: '1.1' }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  }).filter((m) => m !== null);
}

/**
 * The manifests a chart synthesizes, after the validation `cdk8s synth` runs (`Testing.synth` alone skips it):
 * throws with every problem's line, as synth would. They are read back from the YAML text synth writes, with
 * YAML 1.1 rules as kubectl's go-yaml reads them, so a value the YAML would turn into another type differs.
 */
export function emittedManifests(chart: Chart): any[] {
  const problems = chart.node.findAll().flatMap((c) => c.node.validate());
  if (problems.length > 0) throw new Error(`synth would fail:\n${problems.join('\n')}`);
  return parseAllDocuments(Yaml.stringify(...Testing.synth(chart)), { version: '1.1' }).map((doc) => doc.toJS());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf where `emitted` differs from `upstream`, as a path in the manifest's terms
 * (`spec.template.spec.containers[0].image`). A field present on one side only is reported once, at that field,
 * with the whole value. Arrays are compared element by element, in order (order means something in a manifest).
 */
export function differences(upstream: unknown, emitted: unknown, at = ''): Difference[] {
  if (isObject(upstream) && isObject(emitted)) {
    const keys = [...new Set([...Object.keys(upstream), ...Object.keys(emitted)])].sort();
    return keys.flatMap((key) => {
      const field = at ? `${at}.${key}` : key;
      if (!(key in emitted)) return [{ path: field, upstream: upstream[key] }];
      if (!(key in upstream)) return [{ path: field, emitted: emitted[key] }];
      return differences(upstream[key], emitted[key], field);
    });
  }
  if (Array.isArray(upstream) && Array.isArray(emitted)) {
    const length = Math.max(upstream.length, emitted.length);
    return Array.from({ length }, (_, i) => {
      const field = `${at}[${i}]`;
      if (i >= emitted.length) return [{ path: field, upstream: upstream[i] }];
      if (i >= upstream.length) return [{ path: field, emitted: emitted[i] }];
      return differences(upstream[i], emitted[i], field);
    }).flat();
  }
  return Object.is(upstream, emitted) ? [] : [{ path: at, upstream, emitted }];
}

/**
 * Pairs each upstream document with the emitted one of the same kind and name, and returns the differences of
 * each, keyed `Kind/name` (the upstream's). An upstream object we did not emit, or one we emitted that upstream
 * does not have, is a difference of the whole object (`path: ''`).
 *
 * `renamed` pairs an upstream object with an emitted one of another name (`{ 'ServiceAccount/descheduler-sa':
 * 'descheduler-cronjob' }`), where the construct chooses the name: the objects are then compared field by field,
 * and the name shows as the difference at `metadata.name`, with every reference to it.
 */
export function manifestDifferences(
  upstream: readonly any[],
  emitted: readonly any[],
  renamed: Readonly<Record<string, string>> = {},
): Record<string, Difference[]> {
  const key = (m: any): string => `${m.kind}/${m.metadata?.name}`;
  const emittedByKey = new Map(emitted.map((m) => [key(m), m]));
  const result: Record<string, Difference[]> = {};
  for (const m of upstream) {
    const emittedKey = renamed[key(m)] === undefined ? key(m) : `${m.kind}/${renamed[key(m)]}`;
    const ours = emittedByKey.get(emittedKey);
    result[key(m)] = ours ? differences(m, ours) : [{ path: '', upstream: m }];
    emittedByKey.delete(emittedKey);
  }
  for (const [k, m] of emittedByKey) result[k] = [{ path: '', emitted: m }];
  return result;
}

/** The safety defaults the library writes on every unprivileged container (README: "Safe by default"). */
export const CONTAINER_SAFETY_DEFAULTS = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;
