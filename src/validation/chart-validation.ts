import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, Chart, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver, OwnerReference } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { cloneJson } from './json';
import { KubernetesTarget, targetProblems } from '../kubernetes-target';
import { VALIDATED_KINDS, checkManifest } from './validate-manifest';
import { Violation, formatViolation } from './violation';
import { hasOnlyBuiltInResolvers, renderPlainJson } from '../synth/render';

/*
 * Every finding of a synth is one line, `[<construct path>] <Kind> <name>: <field>: <Type>: <value>: <detail>`
 * (`<Kind> <name> (pods)` for a StatefulSet's pod findings): the construct path is the one of the construct that
 * emits the object (one of the library's constructs, or the ApiObject itself when no library construct owns it),
 * and the rest is the API server's line (formatViolation). A construct reports its own rules (what the manifest
 * cannot show, and rules stricter than the API server) in the same form, then the manifest findings of every
 * object it emits, all at once.
 */

/** cdk8s's own resolvers: the same input always resolves to the same value. */
const BUILT_IN_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/** The ApiObjects each library construct emits, in the order it created them. */
const emittedBy = new WeakMap<IConstruct, MemoizedApiObject[]>();

/** Apps whose whole-app check is registered, and charts that hold a library construct. */
const registeredApps = new WeakSet<App>();
const registeredCharts = new WeakSet<Chart>();

/** The `MemoizedApiObject`s (cdk8s makes `instanceof ApiObject`, and so of any subclass, true for every ApiObject). */
const memoized = new WeakSet<ApiObject>();

/** Whether `object` is one of the library's `MemoizedApiObject`s. */
export function isMemoized(object: ApiObject): object is MemoizedApiObject {
  return memoized.has(object);
}

/** Objects no library construct owns that were given a validation of their own by the whole-app check. */
const withValidation = new WeakSet<ApiObject>();

/** The generation, construct count and sort switch of each app's last whole-app check. */
const lastAppCheck = new WeakMap<App, { readonly generation: number; readonly count: number; readonly sort: string | undefined }>();

/** The duplicate-object finding of each object, from the app's last whole-app pass. */
const duplicates = new WeakMap<ApiObject, Violation>();

/**
 * Counts every change the checks depend on: a library object created, patched or its metadata changed, and each
 * whole-app check that found something new. While it is the same (and cdk8s's sort switch too), a synth's next
 * validation pass reuses what the previous one found instead of walking every object again.
 */
let generation = 0;

/** Whether `value` holds only JSON values in plain objects and arrays (no `Lazy`, token, class instance, function). */
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

/** What each app's resolvers allow (fixed when the app is created), worked out once per app. */
const appResolvers = new WeakMap<App, { readonly builtIn: boolean; readonly onePass: boolean }>();

function resolversOf(app: App): { readonly builtIn: boolean; readonly onePass: boolean } {
  let found = appResolvers.get(app);
  if (!found) {
    found = {
      builtIn: app.resolvers.every((r) => BUILT_IN_RESOLVERS.some((builtIn) => r instanceof builtIn)),
      onePass: hasOnlyBuiltInResolvers(app),
    };
    appResolvers.set(app, found);
  }
  return found;
}

/** What identifies an object to kubectl, in the render's shape. */
interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string };
}

/** The object whose metadata each `TrackedMetadata` is. */
const metadataOwners = new WeakMap<ApiObjectMetadataDefinition, MemoizedApiObject>();

/**
 * The metadata of a `MemoizedApiObject`: each `add…` call counts as a change of the object. cdk8s creates the
 * metadata in `ApiObject`'s constructor; the object then gives it this class's prototype (one shared prototype,
 * where a set of wrapped methods per object cost a fifth of the memory each workload kept).
 */
class TrackedMetadata extends ApiObjectMetadataDefinition {
  public add(key: string, value: any): void {
    metadataOwners.get(this)?.recordChange();
    super.add(key, value);
  }

  public addLabel(key: string, value: string): void {
    metadataOwners.get(this)?.recordChange();
    super.addLabel(key, value);
  }

  public addAnnotation(key: string, value: string): void {
    metadataOwners.get(this)?.recordChange();
    super.addAnnotation(key, value);
  }

  public addFinalizers(...finalizers: string[]): void {
    metadataOwners.get(this)?.recordChange();
    super.addFinalizers(...finalizers);
  }

  public addOwnerReference(owner: OwnerReference): void {
    metadataOwners.get(this)?.recordChange();
    super.addOwnerReference(owner);
  }
}

/**
 * The ApiObject each of the library's constructs emits: it renders its JSON once, and again only when what the
 * JSON is rendered from has changed.
 *
 * Why: cdk8s renders an ApiObject (resolves every value, sorts the keys, applies the JSON patches) each time its
 * JSON is asked for, and a synth asks in each of cdk8s's validation passes (one per synth plus one per chart) and
 * once more for the output.
 *
 * A render reads: the props given here, whose spec is a `Lazy` of the construct's own props (copied and frozen at
 * construction, so they do not change); the metadata, changed only through its `add…` methods; the JSON patches,
 * added only through `addJsonPatch`; the app's resolvers; and cdk8s's `CDK8S_DISABLE_SORT` switch. Each `add…`
 * call counts as a change (a counter, not a serialized key). Metadata holding a `Lazy` or a token, or an app with
 * resolvers of its own, can resolve differently each time: there the JSON is rendered each time, and the previous
 * render is kept while its text is unchanged.
 */
export class MemoizedApiObject extends ApiObject {
  private changes = 0;
  private rendered?: { readonly changes: number; readonly sort: string | undefined; readonly text?: string; readonly json: any };
  /** The YAML of a render, written by `writeAhead` (the render itself then let go). */
  private written?: { readonly changes: number; readonly sort: string | undefined; readonly yaml: string };
  /** Whether `addJsonPatch` was called: the render may then differ from the object in any field. */
  private patched = false;
  /** How many renders were kept: what the validation's findings were computed for (a counter, not the JSON). */
  private renders = 0;
  private plainMetadata?: { readonly changes: number; readonly plain: boolean };
  /** Whether the app has only cdk8s's own resolvers (an app's resolvers are fixed when it is created). */
  private readonly builtInResolvers: boolean;
  /** Whether the app's resolvers are exactly cdk8s's own, so that `renderPlainJson` renders as cdk8s does. */
  private readonly onePassRender: boolean;

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    memoized.add(this);
    generation++;
    const resolvers = resolversOf(App.of(this) as App);
    this.builtInResolvers = resolvers.builtIn;
    this.onePassRender = resolvers.onePass;
    const list = emittedBy.get(scope) ?? [];
    list.push(this);
    emittedBy.set(scope, list);
    metadataOwners.set(this.metadata, this);
    Object.setPrototypeOf(this.metadata, TrackedMetadata.prototype);
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    this.recordChange();
    super.addJsonPatch(...ops);
  }

  /**
   * Counts a change of what the JSON is rendered from (the metadata's `add…` methods, `addJsonPatch`).
   * @internal
   */
  public recordChange(): void {
    this.changes++;
    generation++;
  }

  /** Whether `kept` (a render, or its YAML) was made from what the object is now: the same changes and sort switch. */
  private isCurrent<T extends { readonly changes: number; readonly sort: string | undefined }>(kept: T | undefined): kept is T {
    return kept !== undefined && kept.changes === this.changes && kept.sort === process.env.CDK8S_DISABLE_SORT;
  }

  /** The current JSON, shared with the validation, which reads it and never changes it. */
  public sharedJson(): any {
    const sort = process.env.CDK8S_DISABLE_SORT;
    if (this.isStable()) {
      if (!this.isCurrent(this.rendered)) {
        const json = (this.onePassRender ? renderPlainJson(this) : undefined) ?? super.toJson();
        this.rendered = { changes: this.changes, sort, json };
        this.renders++;
      }
      return this.rendered.json;
    }
    const json = super.toJson();
    const text = JSON.stringify(json);
    if (this.rendered?.text !== text) {
      this.rendered = { changes: this.changes, sort, text, json };
      this.renders++;
    }
    return this.rendered.json;
  }

  /**
   * Which render `sharedJson` last gave: a new number for each new render.
   * @internal
   */
  public renderCount(): number {
    return this.renders;
  }

  /**
   * Lets go of the kept render (synth calls it once the object's YAML is written): the next `sharedJson` renders
   * again, and the validation's findings are computed again if asked for.
   * @internal
   */
  public releaseRender(): void {
    this.rendered = undefined;
    this.written = undefined;
  }

  /**
   * Writes the current render as YAML with `write`, keeps the text, and lets the render go: synth calls it once the
   * object's validation has read the render, so that renders do not pile up until the last object is validated.
   * Does nothing if the object has no current render, is not `isStable`, or `write` gives `undefined`.
   * @internal
   */
  public writeAhead(write: (json: any) => string | undefined): void {
    if (!this.isStable() || !this.isCurrent(this.rendered)) return;
    const yaml = write(this.rendered.json);
    if (yaml === undefined) return;
    this.written = { changes: this.changes, sort: this.rendered.sort, yaml };
    this.rendered = undefined;
  }

  /**
   * The YAML `writeAhead` wrote, while nothing it was rendered from has changed; `undefined` otherwise.
   * @internal
   */
  public writtenYaml(): string | undefined {
    return this.isCurrent(this.written) && this.isStable() ? this.written.yaml : undefined;
  }

  /**
   * The render's `apiVersion`, `kind`, `metadata.name` and `metadata.namespace`, in the render's shape, read without
   * rendering: for a stable object without JSON patches the render copies them from the object (`undefined` for any
   * other object).
   * @internal
   */
  public identity(): ObjectIdentity | undefined {
    if (this.patched || !this.isStable()) return undefined;
    const { name, namespace } = this.metadata;
    if (typeof this.apiVersion !== 'string' || typeof this.kind !== 'string') return undefined;
    if ((name !== undefined && typeof name !== 'string') || (namespace !== undefined && typeof namespace !== 'string')) return undefined;
    return { apiVersion: this.apiVersion, kind: this.kind, metadata: { name, namespace } };
  }

  /**
   * A copy of the current JSON, as `ApiObject.toJson` gives: its caller may change it. (The rendered JSON holds
   * only JSON values, which `cloneJson` copies as they are.)
   */
  public toJson(): any {
    return cloneJson(this.sharedJson());
  }

  /** Whether the same changes count means the same JSON: cdk8s's resolvers only, and plain metadata. */
  public isStable(): boolean {
    if (!this.builtInResolvers) return false;
    if (this.plainMetadata?.changes !== this.changes) {
      // Every field but the back-reference to the ApiObject (a construct, not JSON).
      const { apiObject, ...fields } = this.metadata as unknown as Record<string, unknown>;
      this.plainMetadata = { changes: this.changes, plain: isPlainJson(fields) };
    }
    return this.plainMetadata.plain;
  }
}

/** `JsonPatch.add('/a/b', 1)`: a patch as it was written. */
function describePatch(patch: JsonPatch): string {
  // `_toJson` is cdk8s's own (internal) rendering of the operation.
  const op = (patch as unknown as { _toJson(): { op: string; path: string; from?: string; value?: unknown } })._toJson();
  const args = [op.from, op.path].filter((a) => a !== undefined).map((a) => `'${a}'`);
  if ('value' in op) args.push(JSON.stringify(op.value) ?? String(op.value));
  return `JsonPatch.${op.op}(${args.join(', ')})`;
}

/** Why an object cannot be rendered: the first JSON patch that fails, by op and path, or the error itself. */
function renderFailure(object: ApiObject, error: unknown): Violation {
  const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];
  // `patches` is private and read-only in cdk8s's types; it is set back before this returns.
  const internals = object as unknown as { patches: JsonPatch[] };
  const patches = internals.patches;
  let json: unknown;
  try {
    internals.patches = [];
    json = ApiObject.prototype.toJson.call(object);
  } catch {
    return { field: '', type: 'Invalid value', message: `cannot be rendered: ${reason(error)}` };
  } finally {
    internals.patches = patches;
  }
  for (const patch of patches) {
    try {
      json = JsonPatch.apply(json, patch);
    } catch (patchError) {
      const detail = patchError instanceof TypeError ? 'a parent of its path does not exist' : reason(patchError);
      return { field: describePatch(patch), type: 'Forbidden', message: `cannot be applied to the rendered object: ${detail}` };
    }
  }
  return { field: '', type: 'Invalid value', message: `cannot be rendered: ${reason(error)}` };
}

/** The rendered JSON of an object, or the reason it cannot be rendered. */
function render(object: ApiObject): { json: any } | { failure: Violation } {
  try {
    return { json: isMemoized(object) ? object.sharedJson() : object.toJson() };
  } catch (error) {
    return { failure: renderFailure(object, error) };
  }
}

/**
 * The manifest findings of each object's JSON, kept while the JSON is the same: the same render (a
 * `MemoizedApiObject`'s `renderCount`) or the same JSON text (another object).
 */
const checked = new WeakMap<ApiObject, { readonly key: number | string; readonly violations: readonly Violation[] }>();

function manifestFindings(object: ApiObject, json: any): readonly Violation[] {
  if (!VALIDATED_KINDS.includes(object.kind)) return [];
  const key = isMemoized(object) ? object.renderCount() : JSON.stringify(json);
  let entry = checked.get(object);
  if (!entry || entry.key !== key) {
    const found = checkManifest(json, true, { version: KubernetesTarget.of(object) }, isMemoized(object));
    entry = { key, violations: [...found.object, ...found.pods] };
    checked.set(object, entry);
  }
  return entry.violations;
}

/** The line of a finding about `object`, after cdk8s's `[<construct path>] `. */
export function findingLine(object: ApiObject, violation: Violation): string {
  return `${object.kind} ${object.name}${violation.scope === 'pods' ? ' (pods)' : ''}: ${formatViolation(violation)}`;
}

/** Everything found in a rendered object: its render failure or manifest findings (unless `rules` is false), its duplicate. */
function objectLines(object: ApiObject, rules = true): string[] {
  const rendered = rules ? render(object) : undefined;
  const violations = !rendered ? [] : 'failure' in rendered ? [rendered.failure] : [...manifestFindings(object, rendered.json)];
  const duplicate = duplicates.get(object);
  if (duplicate) violations.push(duplicate);
  return violations.map((v) => findingLine(object, v));
}

/** The rendered JSON of an object a construct emitted, for rules that read it (`undefined` if it cannot render). */
export function renderedJson(object: ApiObject): any {
  const rendered = render(object);
  return 'json' in rendered ? rendered.json : undefined;
}

/** A construct rule's finding: a Violation, about the construct's main object unless `object` names another. */
export type ConstructFinding = Violation & { readonly object?: ApiObject };

/**
 * Registers a library construct's validation: its own rules (`rules`, computed once: the props they read are
 * frozen at construction), then rules over its rendered objects (`renderedRules`, each time), then the manifest
 * findings of every object it emits, all in the one line format, at the construct's path.
 */
export function validateConstructOnSynth(
  construct: Construct,
  main: ApiObject,
  rules: () => readonly ConstructFinding[],
  renderedRules: () => readonly ConstructFinding[] = () => [],
): void {
  let own: string[] | undefined;
  let last: { readonly generation: number; readonly sort: string | undefined; readonly lines: string[] } | undefined;
  const line = (finding: ConstructFinding): string => {
    const { object, ...violation } = finding;
    return findingLine(object ?? main, violation);
  };
  construct.node.addValidation({
    validate: () => {
      const sort = process.env.CDK8S_DISABLE_SORT;
      if (last && last.generation === generation && last.sort === sort) return last.lines;
      own ??= rules().map(line);
      const objects = emittedBy.get(construct) ?? [];
      const lines = [...own, ...renderedRules().map(line), ...objects.flatMap((object) => objectLines(object))];
      last = objects.every((object) => object.isStable()) ? { generation, sort, lines } : undefined;
      return lines;
    },
  });
  validateChartOnSynth(construct);
}

/** The construct that emits an object: the library construct that owns it, or the object itself. */
function emitter(object: ApiObject): IConstruct {
  return isMemoized(object) && object.node.scope ? object.node.scope : object;
}

/**
 * `apps/DaemonSet`, `batch/Job`, `Service`: an object's API group and kind (the version does not matter), the core
 * group (`v1`) unnamed, as kubectl names resources (`kubectl get jobs.batch`, `kubectl get services`).
 */
function groupKind(json: any, object: ApiObject): string {
  const apiVersion = typeof json?.apiVersion === 'string' ? json.apiVersion : object.apiVersion;
  const kind = typeof json?.kind === 'string' ? json.kind : object.kind;
  return apiVersion.includes('/') ? `${apiVersion.slice(0, apiVersion.indexOf('/'))}/${kind}` : kind;
}

/**
 * What the duplicate check reads of an object's render (`apiVersion`, `kind`, `metadata.name` and `.namespace`),
 * read from the object itself where the render copies them (`identity`), so that checking the app does not render
 * every object before the objects' own validations; `undefined` if it cannot be rendered or is not rendered here.
 */
function identifyingJson(object: ApiObject): any {
  const identity = isMemoized(object) ? object.identity() : undefined;
  if (identity) return identity;
  const rendered = isMemoized(object) || VALIDATED_KINDS.includes(object.kind) ? render(object) : undefined;
  return rendered && 'json' in rendered ? rendered.json : undefined;
}

/**
 * The whole-app check, run first in each of cdk8s's validation passes (the App is validated before its charts):
 * one walk over every object of the app finds objects of the same API group, kind, namespace and name (kubectl
 * apply would keep only the last), and gives the objects no library construct owns, in charts that hold one, a
 * validation of their own. An object's identity is read without rendering it where that gives the same (`identifyingJson`).
 */
function checkApp(app: App): string[] {
  const all = app.node.findAll();
  const sort = process.env.CDK8S_DISABLE_SORT;
  const last = lastAppCheck.get(app);
  if (last && last.generation === generation && last.count === all.length && last.sort === sort) return targetLines(app, all);
  // Something may have changed: what the constructs found before is stale too.
  generation++;
  const seen = new Map<string, ApiObject>();
  let stable = true;
  for (const child of all) {
    if (!ApiObject.isApiObject(child)) continue;
    if (!isMemoized(child) || !child.isStable()) stable = false;
    duplicates.delete(child);
    const json = identifyingJson(child);
    const name = typeof json?.metadata?.name === 'string' ? json.metadata.name : child.name;
    const namespace = typeof json?.metadata?.namespace === 'string' ? json.metadata.namespace : json ? undefined : child.metadata.namespace;
    const key = `${groupKind(json, child)} ${namespace ?? ''} ${name}`;
    const first = seen.get(key);
    if (first) {
      duplicates.set(child, {
        field: 'metadata.name',
        type: 'Duplicate value',
        value: name,
        message: `${emitter(first).node.path} emits the same ${groupKind(json, child)} ${namespace ? `in namespace "${namespace}"` : 'without a namespace'}; kubectl apply would keep only one of them`,
      });
    } else {
      seen.set(key, child);
    }
    const owned = isMemoized(child);
    const validated = VALIDATED_KINDS.includes(child.kind) && registeredCharts.has(Chart.of(child));
    if (!owned && !withValidation.has(child) && (duplicates.has(child) || validated)) {
      withValidation.add(child);
      child.node.addValidation({ validate: () => objectLines(child, registeredCharts.has(Chart.of(child))) });
    }
  }
  // Objects no library construct owns, or that render differently each time, are checked again in every pass.
  if (stable) lastAppCheck.set(app, { generation, count: all.length, sort });
  else lastAppCheck.delete(app);
  return targetLines(app, all);
}

/** The app's and its charts' unsupported target versions, one line each (at the app: cdk8s prefixes its path). */
function targetLines(app: App, all: readonly IConstruct[]): string[] {
  const lines: string[] = [];
  const appLine = targetProblems(app);
  if (appLine) lines.push(appLine);
  for (const chart of all) {
    if (!Chart.isChart(chart)) continue;
    const line = targetProblems(chart);
    if (line && line !== appLine) lines.push(`(chart ${chart.node.path}) ${line}`);
  }
  return lines;
}

/**
 * Makes the app of `construct` check, at synth and before anything is written: every object of the app for
 * duplicates, and every DaemonSet, StatefulSet, Job, CronJob and Service of the chart of `construct` that no
 * library construct owns against the Kubernetes 1.27 API server's create-time rules (the library's constructs
 * check their own objects). Each of the library's constructs calls this; calling it again does nothing.
 */
export function validateChartOnSynth(construct: IConstruct): void {
  registeredCharts.add(Chart.of(construct));
  const app = App.of(construct) as App;
  if (registeredApps.has(app)) return;
  registeredApps.add(app);
  app.node.addValidation({ validate: () => checkApp(app) });
}
