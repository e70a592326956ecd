import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { WrittenDocument, YAML_DOCUMENT_SEPARATOR, documentYaml, stringifyYamlDocuments, yamlDocumentTexts } from './yaml-writer';
import { MemoizedApiObject, isMemoized } from '../validation/chart-validation';

/*
 * cdk8s's `App.synth()` and `App.synthYaml()` with two differences: the YAML is written by `stringifyYaml`, which
 * quotes every string kubectl (go-yaml) would read as a number, boolean, null or timestamp; and the app is prepared
 * (dependencies resolved, every construct validated) once, then each object rendered once. cdk8s's `chart.toJson()`
 * resolves and validates the whole app again for each chart: O(charts × constructs).
 *
 * Everything else follows cdk8s 2.70 `App.synth` (lib/app.js): the output directory (`app.outdir`, from
 * `CDK8S_OUTDIR` under `cdk8s synth`), `outputFileExtension`, `yamlOutputType`, the file names (`<chart>.k8s.yaml`,
 * numbered `0000-<chart>` when charts depend on each other, `<Kind>.<name>` per resource, `app.k8s.yaml`), the
 * charts in dependency order, each chart's objects in dependency order, and `construct-metadata.json` when the app
 * records construct metadata. Unlike cdk8s, nothing is written (not even the directory) until every file's YAML
 * is ready, so a failure writes nothing.
 */

/** The constructs under `construct`, itself first, computed once per synth. */
class Descendants {
  private readonly cache = new Map<IConstruct, IConstruct[]>();

  public of(construct: IConstruct): IConstruct[] {
    let all = this.cache.get(construct);
    if (!all) {
      all = construct.node.findAll();
      this.cache.set(construct, all);
    }
    return all;
  }
}

/** Each construct's dependencies, as cdk8s's `buildDependencies` lists them. */
function dependencies(all: readonly IConstruct[]): Array<{ source: IConstruct; target: IConstruct }> {
  return all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
}

/**
 * cdk8s's `resolveDependencies`: a chart depends on the charts inside it and on the charts its constructs depend
 * on, and each ApiObject on the ApiObjects of what its construct depends on. Returns whether any chart depends on
 * another (the file names are then numbered).
 */
function resolveDependencies(app: App, descendants: Descendants): boolean {
  let hasDependantCharts = false;
  const all = descendants.of(app);
  for (const parent of all) {
    if (!(parent instanceof Chart)) continue;
    for (const child of parent.node.children) {
      if (!(child instanceof Chart)) continue;
      parent.node.addDependency(child);
      hasDependantCharts = true;
    }
  }
  for (const { source, target } of dependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  // Listed again: the chart dependencies just added count too, as in cdk8s.
  for (const { source, target } of dependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targets = descendants.of(target).filter((c) => c instanceof ApiObject && Chart.of(c) === targetChart);
    const sources = descendants.of(source).filter((c) => c instanceof ApiObject && Chart.of(c) === sourceChart);
    for (const t of targets) {
      for (const s of sources) {
        if (t !== s) s.node.addDependency(t);
      }
    }
  }
  return hasDependantCharts;
}

/**
 * cdk8s's `validate`: every construct's validations, all errors in one message, in cdk8s's words. With `writeAhead`,
 * each library object is written as YAML as soon as the validations before it have run (its parent's, which read
 * its render: the tree is walked parents first) and its render let go, so that renders do not pile up until the
 * last object is validated.
 */
function validate(all: readonly IConstruct[], writeAhead: boolean): void {
  const errors: string[] = [];
  for (const construct of all) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
    if (writeAhead && construct instanceof ApiObject && isLibraryObject(construct)) construct.writeAhead(documentYaml);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * The constructs under `root` (itself included) in dependency order, as `new DependencyGraph(root.node).topology()`
 * orders them (cdk8s 2.70 lib/dependency.js): every construct that nothing under `root` depends on, in tree order,
 * each after what it depends on (depth first, each once). Computed here without the graph's two sets per
 * construct; a cycle is left to cdk8s, which refuses it with its own error.
 */
function topology(root: IConstruct, descendants: Descendants): IConstruct[] {
  const all = descendants.of(root);
  const inScope = new Set(all);
  const dependenciesOf = new Map<IConstruct, IConstruct[]>();
  const dependedOn = new Set<IConstruct>();
  for (const source of all) {
    for (const target of source.node.dependencies) {
      // As cdk8s: a dependency outside `root` is not an edge.
      if (!inScope.has(target)) continue;
      const targets = dependenciesOf.get(source) ?? [];
      if (!targets.includes(target)) targets.push(target);
      dependenciesOf.set(source, targets);
      dependedOn.add(target);
    }
  }
  if (dependenciesOf.size === 0) return all;
  const order: IConstruct[] = [];
  const done = new Set<IConstruct>();
  const visiting = new Set<IConstruct>();
  const visit = (construct: IConstruct): boolean => {
    if (done.has(construct)) return true;
    if (visiting.has(construct)) return false;
    visiting.add(construct);
    for (const target of dependenciesOf.get(construct) ?? []) {
      if (!visit(target)) return false;
    }
    visiting.delete(construct);
    done.add(construct);
    order.push(construct);
    return true;
  };
  for (const construct of all) {
    if (!dependedOn.has(construct) && !visit(construct)) return new DependencyGraph(root.node).topology();
  }
  // Constructs on a cycle that nothing outside it leads to are never visited; cdk8s refuses the cycle.
  if (order.length !== all.length) return new DependencyGraph(root.node).topology();
  return order;
}

/** cdk8s's `app.charts`: the app's charts in dependency order. */
function chartsOf(app: App, descendants: Descendants): Chart[] {
  return topology(app, descendants).filter((c): c is Chart => c instanceof Chart);
}

/** cdk8s's `chartToKube`: the chart's own ApiObjects (not those of charts inside it), in dependency order. */
function apiObjectsOf(chart: Chart, descendants: Descendants): ApiObject[] {
  return topology(chart, descendants).filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/** Whether `apiObject` is a library object whose `toJson` is the library's (not overridden). */
function isLibraryObject(apiObject: ApiObject): apiObject is MemoizedApiObject {
  return isMemoized(apiObject) && apiObject.toJson === MemoizedApiObject.prototype.toJson;
}

/**
 * An object's JSON for the writer. A library object gives its shared render, the one the validation read, without
 * `toJson()`'s defensive copy: the writer only reads it (test/synth/synth.test.ts freezes it to prove so).
 */
function manifestOf(apiObject: ApiObject): any {
  return isLibraryObject(apiObject) ? apiObject.sharedJson() : apiObject.toJson();
}

/** An object's document for the writer: the YAML written during the validation (`writeAhead`), or else its JSON. */
function documentOf(apiObject: ApiObject): any {
  const written = isLibraryObject(apiObject) ? apiObject.writtenYaml() : undefined;
  return written !== undefined ? new WrittenDocument(written) : manifestOf(apiObject);
}

/**
 * The charts' documents for the writer (their manifests as `chart.toJson()` gives them, or their YAML already
 * written when `of` is `documentOf`), without validating the app again (unless a chart overrides `toJson`), one at a
 * time: each is rendered when its YAML is written, and can be dropped after.
 */
function* manifestsOf(charts: readonly Chart[], descendants: Descendants, of: (apiObject: ApiObject) => any = documentOf): Generator<any> {
  for (const chart of charts) {
    if (chart.toJson !== Chart.prototype.toJson) {
      yield* Object.values(chart.toJson());
      continue;
    }
    for (const apiObject of apiObjectsOf(chart, descendants)) {
      yield of(apiObject);
      // Written: its render need not stay in memory until the last document is.
      if (isMemoized(apiObject)) apiObject.releaseRender();
    }
  }
}

/** cdk8s's `SimpleChartNamer`, numbered (`IndexedChartNamer`) when charts depend on each other. */
function chartNamer(numbered: boolean): (chart: Chart) => string {
  let index = 0;
  return (chart) => (numbered ? `${String(index++).padStart(4, '0')}-` : '') + Names.toDnsLabel(chart);
}

/** A file name from a manifest's kind and name, as cdk8s makes it for one file per resource. */
function resourceFileName(kind: string, name: string | undefined): string {
  return `${kind}.${name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** A file to write: its path and its text, in parts written one after another (a YAML file: `---` between two). */
interface OutputFile {
  readonly path: string;
  readonly parts: readonly string[];
  readonly separator: string;
}

/** Text up to this many characters is written in one call; a longer file is written in several. */
const WRITE_BATCH_CHARS = 2 ** 20;

/**
 * Writes `file` part by part, in batches of about `WRITE_BATCH_CHARS`: the same bytes as `parts.join(separator)`,
 * without holding the joined text and its UTF-8 encoding besides the parts.
 */
function writeOutputFile(file: OutputFile): void {
  const fd = fs.openSync(file.path, 'w');
  try {
    let batch: string[] = [];
    let chars = 0;
    file.parts.forEach((part, i) => {
      if (i > 0) batch.push(file.separator);
      batch.push(part);
      chars += part.length;
      if (chars >= WRITE_BATCH_CHARS) {
        fs.writeFileSync(fd, batch.join(''), { encoding: 'utf8' });
        batch = [];
        chars = 0;
      }
    });
    if (batch.length > 0) fs.writeFileSync(fd, batch.join(''), { encoding: 'utf8' });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Resolves dependencies and runs every validation (writing the library's objects ahead unless the files are named
 * from each manifest's JSON); throws cdk8s's `Validation failed …` error.
 */
function prepare(app: App, writeAhead: boolean): { charts: Chart[]; hasDependantCharts: boolean; descendants: Descendants } {
  const descendants = new Descendants();
  const hasDependantCharts = resolveDependencies(app, descendants);
  validate(descendants.of(app), writeAhead);
  return { charts: chartsOf(app, descendants), hasDependantCharts, descendants };
}

function outputFiles(app: App): { files: OutputFile[]; directories: string[] } {
  const { charts, hasDependantCharts, descendants } = prepare(app, app.yamlOutputType !== YamlOutputType.FILE_PER_RESOURCE);
  const ext = app.outputFileExtension;
  const files: OutputFile[] = [];
  const directories = [app.outdir];
  const yamlFile = (file: string, documents: Iterable<unknown>) => {
    files.push({ path: file, parts: yamlDocumentTexts(documents), separator: YAML_DOCUMENT_SEPARATOR });
  };
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP:
      if (charts.length > 0) yamlFile(path.join(app.outdir, `app${ext}`), manifestsOf(charts, descendants));
      break;
    case YamlOutputType.FILE_PER_CHART: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts) yamlFile(path.join(app.outdir, name(chart) + ext), manifestsOf([chart], descendants));
      break;
    }
    case YamlOutputType.FILE_PER_RESOURCE:
      for (const manifest of manifestsOf(charts, descendants, manifestOf)) {
        if (manifest !== undefined) yamlFile(path.join(app.outdir, resourceFileName(manifest.kind, manifest.metadata?.name) + ext), [manifest]);
      }
      break;
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts) {
        const folder = path.join(app.outdir, name(chart));
        directories.push(folder);
        for (const apiObject of apiObjectsOf(chart, descendants)) {
          yamlFile(path.join(folder, resourceFileName(apiObject.kind, apiObject.metadata.name) + ext), [documentOf(apiObject)]);
        }
      }
      break;
    }
  }
  // `recordConstructMetadata` is private in cdk8s's types: read as `app['recordConstructMetadata']`.
  // eslint-disable-next-line dot-notation
  if (app['recordConstructMetadata']) {
    const resources: Record<string, { path: string }> = {};
    for (const apiObject of charts.flatMap((chart) => apiObjectsOf(chart, descendants))) {
      resources[apiObject.name] = { path: apiObject.node.path };
    }
    files.push({ path: path.join(app.outdir, 'construct-metadata.json'), parts: [JSON.stringify({ version: '1.0.0', resources })], separator: '' });
  }
  return { files, directories };
}

/**
 * Synthesizes `app` to its `*.k8s.yaml` files, as `app.synth()` does (same directory, files, names and order of
 * documents), with YAML that kubectl reads back exactly: every string go-yaml, a YAML 1.1 or a YAML 1.2 reader
 * would take for a number, boolean, null or timestamp (`0o17`, `1_000`, `on`, `2002-12-14`) is quoted. Every
 * construct's validation runs first, once; if one fails, or an object cannot be rendered, nothing is written.
 *
 * Use it in place of `app.synth()` as the last line of the app's `main.ts`; `cdk8s synth` runs that file, with
 * `CDK8S_OUTDIR` set to the output directory.
 *
 * @returns the paths written, in the order written
 * @throws Error `Validation failed with the following errors: …`, one line per problem, as cdk8s words it
 */
export function synth(app: App): string[] {
  const { files, directories } = outputFiles(app);
  for (const directory of directories) fs.mkdirSync(directory, { recursive: true });
  for (const file of files) writeOutputFile(file);
  return [...new Set(files.map((f) => f.path))];
}

/**
 * Every manifest of `app` as one YAML string, as `app.synthYaml()` gives it, written as `synth` writes files.
 * @throws Error `Validation failed with the following errors: …`
 */
export function synthYaml(app: App): string {
  const { charts, descendants } = prepare(app, true);
  return stringifyYamlDocuments(manifestsOf(charts, descendants));
}

export { stringifyYaml } from './yaml-writer';
