/**
 * Writes one schema module per Kubernetes release, src/validation/schemas/k8s-<version>.generated.ts (type names as
 * cdk8s imports name them, fields by JSON name), from which the validator reads the field tree (1.27 today; the
 * others are for the targets of issue 15).
 *
 * Two steps:
 * - `npx projen gen:schemas` (offline): from the committed definitions in projenrc/k8s-openapi/<tag>.json.
 * - `npx projen gen:schemas --import <dir>` (once per new release): reads `<dir>/<tag>/_definitions.json` (a copy of
 *   cdk8s-team/cdk8s `kubernetes-schemas/`, see projenrc/k8s-versions.ts) and commits only the definitions that the
 *   kinds of ROOT_DEFINITIONS reach, without descriptions, to projenrc/k8s-openapi/<tag>.json; then generates.
 *
 * Before it replaced it, the 1.27 module was checked type for type against the schema an earlier generator derived
 * from cdk8s-plus-27's imports (same names, same int32/int64 widths; only the RBAC roots there had a `status` the
 * OpenAPI definitions do not have).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { KubernetesRelease, RELEASES, ROOT_DEFINITIONS } from './k8s-versions';

const ROOT = join(__dirname, '..');
const DEFINITIONS_DIR = join(ROOT, 'projenrc', 'k8s-openapi');
const OUTPUT_DIR = join(ROOT, 'src', 'validation', 'schemas');

/** A JSON Schema node of openapi2jsonschema's output, as far as it is kept. */
interface SchemaNode {
  type?: string;
  format?: string;
  $ref?: string;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  enum?: unknown[];
  required?: string[];
  [extension: `x-kubernetes-${string}`]: unknown;
}
export type Definitions = Record<string, SchemaNode>;

const KEPT_KEYS = ['type', 'format', '$ref', 'items', 'additionalProperties', 'properties', 'oneOf', 'enum', 'required'];

/** Drops descriptions and other prose; keeps what a validator can use (types, formats, enums, list semantics). */
function prune(node: SchemaNode): SchemaNode {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT_KEYS.includes(key) && !key.startsWith('x-kubernetes-')) continue;
    if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) kept[key] = prune(value as SchemaNode);
    else if (key === 'properties') kept[key] = mapValues(value as Record<string, SchemaNode>, prune);
    else if (key === 'oneOf') kept[key] = (value as SchemaNode[]).map(prune);
    else kept[key] = value;
  }
  return kept as SchemaNode;
}

function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
}

function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}

/** The definitions reachable from the roots (not through a kind's status), by name. */
function closure(definitions: Definitions, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (node: SchemaNode | boolean | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (node.$ref) {
      const name = refName(node.$ref);
      if (seen.has(name)) return;
      if (!definitions[name]) throw new Error(`unknown definition ${name}`);
      seen.add(name);
      const { status, ...properties } = definitions[name].properties ?? {};
      // A kind's status is written by its controllers, never by a manifest: the schema types it `any`.
      visit(definitions[name]['x-kubernetes-group-version-kind'] ? { ...definitions[name], properties } : definitions[name]);
    }
    visit(node.items);
    visit(node.additionalProperties);
    Object.values(node.properties ?? {}).forEach(visit);
    node.oneOf?.forEach(visit);
  };
  roots.forEach((root) => visit({ $ref: `#/definitions/${root}` }));
  return [...seen].sort();
}

/**
 * cdk8s's struct name for a definition (codemaker's toPascalCase, i.e. the `camelcase` package): the last segment
 * with each run of capitals lowered but its first letter (`CephFSVolumeSource` → `CephFsVolumeSource`), and a kind
 * (a definition with x-kubernetes-group-version-kind) as `Kube<Kind>Props`, the props of its construct.
 */
function typeName(definitions: Definitions, name: string): string {
  const short = name.slice(name.lastIndexOf('.') + 1);
  const pascal = (short.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [])
    .map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .join('');
  return definitions[name]['x-kubernetes-group-version-kind'] ? `Kube${pascal}Props` : pascal;
}

/** The committed definitions of a release. */
export function readDefinitions(release: KubernetesRelease): Definitions {
  const file = join(DEFINITIONS_DIR, `${release.tag}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { definitions: Definitions }).definitions;
}

export type Schema = Record<string, Record<string, string>>;
type Formats = Record<string, Record<string, string>>;

/**
 * Maps the definitions to the schema shape. Like cdk8s's TypeScript: Quantity and IntOrString are their own types,
 * date-time strings are strings, an object without properties is `any`, and a number is `int32` or `int64` by its OpenAPI format (no field these
 * kinds reach is a double in any committed release); the formats are also kept beside the types.
 */
export interface GeneratedSchema {
  readonly rootTypes: Record<string, string>;
  readonly schema: Schema;
  readonly formats: Formats;
}

export function toSchema(definitions: Definitions, roots: Record<string, string>): GeneratedSchema {
  const names = closure(definitions, Object.values(roots));
  const nameOf = new Map(names.map((name) => [name, typeName(definitions, name)]));
  const byShortName = new Map<string, string>();
  for (const [name, short] of nameOf) {
    const other = byShortName.get(short);
    if (other) throw new Error(`${name} and ${other} would both be named ${short}`);
    byShortName.set(short, name);
  }

  const fieldType = (node: SchemaNode | boolean | undefined): string => {
    if (!node || typeof node !== 'object') return 'any';
    if (node.$ref) {
      const name = refName(node.$ref);
      if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return 'quantity';
      if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') return 'int-or-string';
      const target = definitions[name];
      if (target.type === 'string') return 'string';
      if (!target.properties) return 'any';
      return nameOf.get(name)!;
    }
    switch (node.type) {
      case 'array': return `[]${fieldType(node.items)}`;
      case 'object': return node.additionalProperties ? `{}${fieldType(node.additionalProperties)}` : 'any';
      case 'string': return 'string';
      // The OpenAPI format: int32 unless int64.
      case 'integer': case 'number': return node.format === 'int64' ? 'int64' : 'int32';
      case 'boolean': return 'boolean';
      case undefined: return 'any';
      default: throw new Error(`unexpected type ${node.type}`);
    }
  };

  const schema: Schema = {};
  const formats: Formats = {};
  for (const name of names) {
    const definition = definitions[name];
    if (!definition.properties) continue;
    const isKind = Boolean(definition['x-kubernetes-group-version-kind']);
    const fields: Record<string, string> = {};
    const integerFormats: Record<string, string> = {};
    for (const [field, node] of Object.entries(definition.properties)) {
      // cdk8s's props of a kind leave apiVersion, kind and status out; today's generator appends them, below.
      if (isKind && ['apiVersion', 'kind', 'status'].includes(field)) continue;
      fields[field] = fieldType(node);
      const format = node.format ?? node.items?.format;
      if ((node.type === 'integer' || node.items?.type === 'integer') && format) integerFormats[field] = format;
    }
    // Every embedded object (the manifest itself, volumeClaimTemplates) may also carry its type, and its status if
    // the kind has one.
    if (isKind) {
      Object.assign(fields, { apiVersion: 'string', kind: 'string' });
      if (definition.properties.status) fields.status = 'any';
    }
    const typeNameOf = nameOf.get(name)!;
    schema[typeNameOf] = fields;
    if (Object.keys(integerFormats).length > 0) formats[typeNameOf] = integerFormats;
  }
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
  return { rootTypes: mapValues(roots, (root) => nameOf.get(root)!), schema: sorted(schema), formats: sorted(formats) };
}

/** The body of a schema module, from `ROOT_TYPES` on: the same text as today's generated 1.27 file. */
function moduleBody(rootTypes: Record<string, string>, schema: Schema, constant: string): string[] {
  return [
    '/** The top-level type of each kind (apiVersion, kind, metadata, spec). */',
    `export const ROOT_TYPES: Record<string, string> = ${JSON.stringify(rootTypes, null, 2)};`,
    '',
    '/**',
    ' * Each type\'s fields by JSON name: `string`, `int32`, `int64`, `boolean`, `quantity`, `int-or-string`, `any`, a type name,',
    ' * `[]T` (list of T) or `{}T` (map of string to T).',
    ' */',
    `export const ${constant}: Record<string, Record<string, string>> = ${JSON.stringify(schema, null, 2)};`,
    '',
  ];
}

function importDefinitions(dir: string): void {
  mkdirSync(DEFINITIONS_DIR, { recursive: true });
  for (const release of RELEASES) {
    const file = join(dir, release.tag, '_definitions.json');
    const definitions = (JSON.parse(readFileSync(file, 'utf8')) as { definitions: Definitions }).definitions;
    const names = closure(definitions, Object.values(ROOT_DEFINITIONS));
    const kept = Object.fromEntries(names.map((name) => {
      const definition = prune(definitions[name]);
      // The status definitions are not kept (see closure): the field stays, untyped.
      if (definition['x-kubernetes-group-version-kind'] && definition.properties?.status) definition.properties.status = {};
      return [name, definition];
    }));
    const out = { tag: release.tag, source: release.source, definitions: kept };
    writeFileSync(join(DEFINITIONS_DIR, `${release.tag}.json`), `${JSON.stringify(out, null, 1)}\n`);
    console.log(`imported ${names.length} definitions of ${release.tag} from ${file}`);
  }
}

function generate(): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const release of RELEASES.filter(({ target }) => target)) {
    const { rootTypes, schema, formats } = toSchema(readDefinitions(release), ROOT_DEFINITIONS);
    const suffix = release.version.replace('.', '_');
    const text = [
      `// Generated by projenrc/generate-k8s-schemas.ts from projenrc/k8s-openapi/${release.tag}.json: the OpenAPI`,
      `// definitions of Kubernetes ${release.tag} (api/openapi-spec/swagger.json), from ${release.source}.`,
      '// Do not edit: run `npx projen gen:schemas`.',
      '/* eslint-disable */',
      '',
      '/** The Kubernetes release this schema is of. */',
      `export const KUBERNETES_VERSION = '${release.version}';`,
      '',
      ...moduleBody(rootTypes, schema, `SCHEMA_${suffix}`),
      '',
      '/** The OpenAPI format (`int32`, `int64`) of each integer field (or list of integers), by type and JSON name. */',
      `export const INTEGER_FORMATS_${suffix}: Record<string, Record<string, string>> = ${JSON.stringify(formats, null, 2)};`,
      '',
    ].join('\n');
    const output = join(OUTPUT_DIR, `k8s-${release.version}.generated.ts`);
    writeFileSync(output, text);
    console.log(`wrote ${Object.keys(schema).length} types to ${output}`);
  }
  writeIndex();
}

/** For each type and field that the oldest release lacks, the first release that has it. */
function fieldSince(): Record<string, Record<string, string>> {
  const since: Record<string, Record<string, string>> = {};
  const schemas = RELEASES.map((release) => ({ version: release.version, schema: toSchema(readDefinitions(release), ROOT_DEFINITIONS).schema }));
  const [oldest, ...newer] = schemas;
  const seen = new Set(Object.entries(oldest.schema).flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}.${field}`)));
  for (const { version, schema } of newer) {
    for (const [type, fields] of Object.entries(schema)) {
      for (const field of Object.keys(fields)) {
        if (seen.has(`${type}.${field}`)) continue;
        seen.add(`${type}.${field}`);
        (since[type] ??= {})[field] = version;
      }
    }
  }
  return since;
}

/** src/validation/schemas/versions.generated.ts: every release's schema by version, for the validator to pick from. */
function writeIndex(): void {
  const modules = RELEASES.filter(({ target }) => target).map((release) => ({ version: release.version, id: `k8s_${release.version.replace('.', '_')}` }));
  const text = [
    '// Generated by projenrc/generate-k8s-schemas.ts from the releases of projenrc/k8s-versions.ts.',
    '// Do not edit: run `npx projen gen:schemas`.',
    '/* eslint-disable */',
    ...modules.map(({ version, id }) => `import * as ${id} from './k8s-${version}.generated';`),
    '',
    '/** A Kubernetes release whose API schema is committed. */',
    `export type KubernetesVersion = ${modules.map(({ version }) => `'${version}'`).join(' | ')};`,
    '',
    'export interface VersionSchema {',
    '  /** The top-level type of each kind. */',
    '  readonly rootTypes: Record<string, string>;',
    '  /** Each type\'s fields by JSON name (see the modules). */',
    '  readonly types: Record<string, Record<string, string>>;',
    '  /** The OpenAPI format of each integer field, by type and JSON name. */',
    '  readonly integerFormats: Record<string, Record<string, string>>;',
    '}',
    '',
    '/**',
    ' * The first release (of those in projenrc/k8s-openapi/, targets or not) whose OpenAPI has each field that the',
    ` * oldest one (${RELEASES[0].version}) lacks, by type and JSON name: what a message says about a field the target does not have.`,
    ' */',
    `export const FIELD_SINCE: Record<string, Record<string, string>> = ${JSON.stringify(fieldSince(), null, 2)};`,
    '',
    '/** The schema of each committed release, oldest first. */',
    'export const SCHEMAS: Record<KubernetesVersion, VersionSchema> = {',
    ...modules.map(({ version, id }) => {
      const suffix = version.replace('.', '_');
      return `  '${version}': { rootTypes: ${id}.ROOT_TYPES, types: ${id}.SCHEMA_${suffix}, integerFormats: ${id}.INTEGER_FORMATS_${suffix} },`;
    }),
    '};',
    '',
  ].join('\n');
  writeFileSync(join(OUTPUT_DIR, 'versions.generated.ts'), text);
}

if (require.main === module) {
  const importAt = process.argv.indexOf('--import');
  if (importAt >= 0) {
    const dir = process.argv[importAt + 1];
    if (!dir || !existsSync(dir)) throw new Error('--import needs a directory holding <tag>/_definitions.json');
    importDefinitions(dir);
  }
  generate();
}
