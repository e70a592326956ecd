/**
 * Derives the field tree of the Kubernetes 1.27 API for the validated kinds (ROOTS) from
 * cdk8s-plus-27's `lib/imports/k8s.d.ts` and `k8s.js`, which cdk8s generated from the 1.27 OpenAPI schema.
 * The interfaces give each field's type; the `toJson_*` mappers give its JSON name (`hostIpc` → `hostIPC`).
 *
 * Run with `npx projen gen:schema`; the output, src/validation/k8s-1.27-schema.generated.ts, is committed so that
 * the library does not read cdk8s-plus-27's internals at run time.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const IMPORTS = join(__dirname, '..', 'node_modules', 'cdk8s-plus-27', 'lib', 'imports');
const OUTPUT = join(__dirname, '..', 'src', 'validation', 'k8s-1.27-schema.generated.ts');
const ROOTS: Record<string, string> = {
  DaemonSet: 'KubeDaemonSetProps',
  StatefulSet: 'KubeStatefulSetProps',
  Job: 'KubeJobProps',
  CronJob: 'KubeCronJobProps',
  ServiceAccount: 'KubeServiceAccountProps',
  Role: 'KubeRoleProps',
  ClusterRole: 'KubeClusterRoleProps',
  RoleBinding: 'KubeRoleBindingProps',
  ClusterRoleBinding: 'KubeClusterRoleBindingProps',
  PodDisruptionBudget: 'KubePodDisruptionBudgetProps',
  // The headless Service an OrderedStore emits.
  Service: 'KubeServiceProps',
};

const declarations = ts.createSourceFile('k8s.d.ts', readFileSync(join(IMPORTS, 'k8s.d.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
const interfaces = new Map<string, ts.InterfaceDeclaration>();
declarations.forEachChild((node) => {
  if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
});

// `'hostIPC': obj.hostIpc,` → hostIpc ↦ hostIPC, per toJson_<Interface> function.
const jsonNames = new Map<string, Map<string, string>>();
const mapperSource = readFileSync(join(IMPORTS, 'k8s.js'), 'utf8');
for (const match of mapperSource.matchAll(/function toJson_(\w+)\(obj\) \{([\s\S]*?)\n\}/g)) {
  const names = new Map<string, string>();
  for (const line of match[2].matchAll(/^\s+'([^']+)': .*?obj\.(\w+)/gm)) names.set(line[2], line[1]);
  jsonNames.set(match[1], names);
}

/**
 * The int64 fields among the types reached from the four kinds; every other number is an int32. The Go types
 * (k8s.io/api core/v1, apps/v1, batch/v1, apimachinery meta/v1 types.go) give each field's width, which the
 * OpenAPI schema carries as `format` but cdk8s's TypeScript does not. Checked against the `format` of the
 * kubernetes-models JSON schemas for every integer field listed in the generated file.
 */
const INT64_FIELDS: Record<string, readonly string[]> = {
  CronJobSpec: ['startingDeadlineSeconds'],
  JobSpec: ['activeDeadlineSeconds'],
  ObjectMeta: ['deletionGracePeriodSeconds', 'generation'],
  PodSecurityContext: ['fsGroup', 'runAsGroup', 'runAsUser', 'supplementalGroups'],
  PodSpec: ['activeDeadlineSeconds', 'terminationGracePeriodSeconds'],
  Probe: ['terminationGracePeriodSeconds'],
  SecurityContext: ['runAsGroup', 'runAsUser'],
  ServiceAccountTokenProjection: ['expirationSeconds'],
  Toleration: ['tolerationSeconds'],
};

/** `string`, `integer`, `boolean`, `quantity`, `int-or-string`, `any`, a type name, `[]T` (list) or `{}T` (map). */
function fieldType(node: ts.TypeNode, pending: string[]): string {
  if (ts.isArrayTypeNode(node)) return `[]${fieldType(node.elementType, pending)}`;
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (!index) throw new Error(`unexpected type literal ${node.getText()}`);
    return `{}${fieldType(index.type, pending)}`;
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: return 'string';
    case ts.SyntaxKind.NumberKeyword: return 'integer';
    case ts.SyntaxKind.BooleanKeyword: return 'boolean';
    case ts.SyntaxKind.AnyKeyword: return 'any';
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Quantity') return 'quantity';
    if (name === 'IntOrString') return 'int-or-string';
    // Timestamps (metadata.creationTimestamp, …) are RFC 3339 strings in JSON.
    if (name === 'Date') return 'string';
    if (!interfaces.has(name)) throw new Error(`unknown type ${name}`);
    pending.push(name);
    return name;
  }
  throw new Error(`unexpected type ${node.getText()}`);
}

const types: Record<string, Record<string, string>> = {};
const pending = Object.values(ROOTS);
while (pending.length > 0) {
  const name = pending.pop()!;
  if (types[name]) continue;
  const fields: Record<string, string> = {};
  const names = jsonNames.get(name.replace(/Props$/, '')) ?? new Map<string, string>();
  for (const member of interfaces.get(name)!.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const property = member.name.getText();
    const jsonName = names.get(property) ?? property;
    const type = fieldType(member.type, pending);
    const width = INT64_FIELDS[name]?.includes(jsonName) ? 'int64' : 'int32';
    fields[jsonName] = type.replace(/^(\[\])?integer$/, `$1${width}`);
  }
  // Every embedded object (the manifest itself, volumeClaimTemplates) may also carry its type and status.
  if (/^Kube\w+Props$/.test(name)) Object.assign(fields, { apiVersion: 'string', kind: 'string', status: 'any' });
  types[name] = fields;
}

const sorted = Object.fromEntries(Object.keys(types).sort().map((name) => [name, types[name]]));
writeFileSync(OUTPUT, [
  '// Generated by projenrc/generate-k8s-schema.ts from cdk8s-plus-27 lib/imports/k8s.d.ts (Kubernetes 1.27 OpenAPI).',
  '// Do not edit: run `npx projen gen:schema`.',
  '/* eslint-disable */',
  '',
  '/** The top-level type of each kind (apiVersion, kind, metadata, spec). */',
  `export const ROOT_TYPES: Record<string, string> = ${JSON.stringify(ROOTS, null, 2)};`,
  '',
  '/**',
  ' * Each type\'s fields by JSON name: `string`, `int32`, `int64`, `boolean`, `quantity`, `int-or-string` (an int32 or a',
  ' * string), `any`, a type name,',
  ' * `[]T` (list of T) or `{}T` (map of string to T).',
  ' */',
  `export const SCHEMA_1_27: Record<string, Record<string, string>> = ${JSON.stringify(sorted, null, 2)};`,
  '',
].join('\n'));
console.log(`wrote ${Object.keys(sorted).length} types to ${OUTPUT}`);
