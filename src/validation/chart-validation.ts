import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, Chart, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { cloneJson } from './json';
import { VALIDATED_KINDS, validateManifest } from './validate-manifest';
import { formatViolation } from './violation';

const registered = new WeakSet<Chart>();

/** cdk8s's own resolvers: the same input always resolves to the same value. */
const BUILT_IN_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/** The `MemoizedApiObject`s (cdk8s makes `instanceof ApiObject`, and so of any subclass, true for every ApiObject). */
const memoized = new WeakSet<ApiObject>();

/**
 * Whether `value` holds only JSON values in plain objects and arrays: what cdk8s's own resolvers leave as it is
 * (no `Lazy`, no token, no class instance, no function).
 */
function isPlainJson(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * What the metadata part of a render depends on, cheaply. Its fields as they are when they hold only plain JSON:
 * the same fields then render the same metadata, and reading them costs a fraction of rendering them. Else (a
 * `Lazy` label, a token), the rendered metadata.
 */
function metadataKey(metadata: ApiObjectMetadataDefinition): unknown {
  // Every field but the back-reference to the ApiObject (a construct, not JSON).
  const { apiObject, ...fields } = metadata as unknown as Record<string, unknown>;
  return isPlainJson(fields) ? ['fields', fields] : ['rendered', metadata.toJson()];
}

/**
 * The ApiObject that each of the library's constructs emits: it renders its JSON once, and again only when what
 * the JSON is rendered from has changed.
 *
 * Why: cdk8s renders an ApiObject (resolves every value, sorts the keys, applies the JSON patches) each time its
 * JSON is asked for, and a synth asks in each of cdk8s's validation passes (one per synth plus one per chart: the
 * chart-wide manifest validation below reads every workload's JSON in each) and once more for the output. Those
 * renders were a quarter of a synth (npm run bench, N = 1000 and 2500).
 *
 * A render reads: the props given here, whose spec is a `Lazy` of the construct's own props (which do not change
 * after construction; the constructs' props checks run once for the same reason); the metadata, which can change
 * (`addLabel`, …) and hold `Lazy` values; the JSON patches, added at any time; the app's resolvers; and cdk8s's
 * `CDK8S_DISABLE_SORT` switch. The metadata (see `metadataKey`), the patches and the switch are the key the render
 * is kept under. With resolvers of its own, an app can resolve the same value differently each time: there, the
 * key is the whole JSON, rendered each time (the render is still shared while its JSON is unchanged).
 */
export class MemoizedApiObject extends ApiObject {
  private rendered?: { readonly key: string; readonly json: any };

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    memoized.add(this);
  }

  /** The current JSON, shared with the chart validation, which reads it and never changes it. */
  public sharedJson(): any {
    let key: string;
    let json: any;
    if (App.of(this).resolvers.every((r) => BUILT_IN_RESOLVERS.some((builtIn) => r instanceof builtIn))) {
      // `patches` is private in cdk8s's types: read as `this['patches']`, which TypeScript allows.
      // eslint-disable-next-line dot-notation
      key = JSON.stringify([metadataKey(this.metadata), this['patches'], process.env.CDK8S_DISABLE_SORT]);
    } else {
      json = super.toJson();
      key = JSON.stringify(json);
    }
    if (this.rendered?.key !== key) this.rendered = { key, json: json ?? super.toJson() };
    return this.rendered.json;
  }

  /**
   * A copy of the current JSON, as `ApiObject.toJson` gives: its caller may change it. (The rendered JSON holds
   * only JSON values, which `cloneJson` copies as they are.)
   */
  public toJson(): any {
    return cloneJson(this.sharedJson());
  }
}

/**
 * The violations found in each object's JSON. cdk8s runs every validation once per chart plus once more in a
 * synth, and the JSON seldom changes in between: it is checked again only when it did. For a `MemoizedApiObject`,
 * the same rendered JSON object means the same JSON; for other objects, the same JSON text.
 */
const checked = new WeakMap<ApiObject, { readonly json: unknown; readonly lines: readonly string[] }>();

/**
 * The API server's 1.27 create-time rules, run over the final JSON of every DaemonSet, StatefulSet, Job and
 * CronJob of the chart (escape-hatch patches included), one line per violation:
 * `<construct path> (<Kind> <name>): <field>: <Type>: <value>: <detail>`.
 *
 * An object whose owning construct reports problems with its props is skipped: those problems are the cause,
 * in the user's terms, and the manifest would only repeat them in the API server's.
 */
function chartViolations(chart: Chart): string[] {
  const lines: string[] = [];
  for (const child of chart.node.findAll()) {
    if (!ApiObject.isApiObject(child) || !VALIDATED_KINDS.includes(child.kind) || Chart.of(child) !== chart) continue;
    const owner = child.node.scope;
    if (owner && owner !== chart && owner.node.validate().length > 0) continue;
    // Built only when needed: a construct path is computed from the scopes each time it is read.
    const where = (): string => `${child.node.path} (${child.kind} ${child.name})`;
    let manifest: unknown;
    let json: unknown;
    try {
      if (memoized.has(child)) {
        manifest = json = (child as MemoizedApiObject).sharedJson();
      } else {
        manifest = child.toJson();
        json = JSON.stringify(manifest);
      }
    } catch (error) {
      lines.push(`${where()}: cannot be rendered: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    let entry = checked.get(child);
    if (!entry || entry.json !== json) {
      entry = { json, lines: validateManifest(manifest).map((violation) => `${where()}: ${formatViolation(violation)}`) };
      checked.set(child, entry);
    }
    lines.push(...entry.lines);
  }
  return lines;
}

/**
 * Makes the chart of `construct` check, at synth and before anything is written, every DaemonSet, StatefulSet,
 * Job and CronJob in it against the Kubernetes 1.27 API server's create-time rules. Each of the library's
 * constructs calls this in its constructor; calling it again for the same chart does nothing.
 */
export function validateChartOnSynth(construct: IConstruct): void {
  const chart = Chart.of(construct);
  if (registered.has(chart)) return;
  registered.add(chart);
  chart.node.addValidation({ validate: () => chartViolations(chart) });
}
