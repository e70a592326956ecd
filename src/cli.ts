#!/usr/bin/env node
/**
 * k8s-workloads-validate FILE...: checks the DaemonSets, StatefulSets, Jobs and CronJobs in YAML files (any number
 * of `---`-separated documents, `kind: List` included) against the Kubernetes 1.27 API server's create-time rules.
 * Exit status: 0 all valid, 1 something is invalid, 2 a file could not be read or parsed (or no file was given).
 */
import { readFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';
import { VALIDATED_KINDS, validateManifest, validatePods } from './validation/validate-manifest';
import { formatViolation } from './validation/violation';

const USAGE = 'usage: k8s-workloads-validate FILE.yaml [FILE.yaml ...]\n'
  + `Checks each ${VALIDATED_KINDS.join(', ')} in the files against the Kubernetes 1.27 API server's create-time rules.\n`
  + 'Exit status: 0 valid, 1 invalid, 2 unreadable input.\n';

interface Tally {
  checked: number;
  invalid: number;
  /** Objects the API server accepts whose pods it refuses (validatePods). */
  podsInvalid: number;
  skipped: number;
  unreadable: number;
}

/** `Job pi`, `DaemonSet <no name>`: how a report line names an object. */
function describe(manifest: unknown): string {
  const object = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, any>) : {};
  const kind = typeof object.kind === 'string' ? object.kind : '<no kind>';
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : typeof object.metadata?.generateName === 'string' ? `${object.metadata.generateName}*` : '<no name>';
  return `${kind} ${name}`;
}

function checkObject(manifest: unknown, label: string, out: string[], tally: Tally): void {
  const kind = (manifest as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && kind !== '' && !VALIDATED_KINDS.includes(kind)) {
    tally.skipped++;
    out.push(`  ${label}: ${describe(manifest)}: skipped (only ${VALIDATED_KINDS.join(', ')} are checked)`);
    return;
  }
  tally.checked++;
  const violations = validateManifest(manifest);
  const pods = validatePods(manifest);
  if (violations.length === 0 && pods.length === 0) {
    out.push(`  ${label}: ${describe(manifest)}: valid`);
    return;
  }
  if (violations.length > 0) {
    tally.invalid++;
    out.push(`  ${label}: ${describe(manifest)}: ${violations.length} violation${violations.length === 1 ? '' : 's'}`);
    for (const violation of violations) out.push(`    ${formatViolation(violation)}`);
  }
  if (pods.length > 0) {
    tally.podsInvalid++;
    out.push(`  ${label}: ${describe(manifest)}: accepted by the API server, but its pods would be refused: ${pods.length} violation${pods.length === 1 ? '' : 's'}`);
    for (const violation of pods) out.push(`    ${formatViolation(violation)}`);
  }
}

function checkFile(file: string, out: string[], tally: Tally): void {
  out.push(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    tally.unreadable++;
    out.push(`  cannot read: ${(error as Error).message}`);
    return;
  }
  // YAML 1.1, as the API server's decoder reads it (so `yes` and `on` are booleans there too).
  const documents = parseAllDocuments(text, { version: '1.1' });
  if (documents.length === 0) {
    out.push('  no documents');
    return;
  }
  documents.forEach((document, i) => {
    const label = `document ${i + 1}`;
    if (document.errors.length > 0) {
      tally.unreadable++;
      out.push(`  ${label}: YAML syntax error: ${document.errors.map((e) => e.message.split('\n')[0].replace(/:$/, '')).join('; ')}`);
      return;
    }
    const manifest: unknown = document.toJS({ maxAliasCount: 100 });
    if (manifest === null || manifest === undefined) return;
    const items = (manifest as { kind?: unknown; items?: unknown }).kind === 'List' ? (manifest as { items?: unknown }).items : undefined;
    if (Array.isArray(items)) items.forEach((item, j) => checkObject(item, `${label}, item ${j + 1}`, out, tally));
    else checkObject(manifest, label, out, tally);
  });
}

function main(files: readonly string[]): number {
  if (files.length === 0 || files.includes('--help') || files.includes('-h')) {
    process.stderr.write(USAGE);
    return files.length === 0 ? 2 : 0;
  }
  const tally: Tally = { checked: 0, invalid: 0, podsInvalid: 0, skipped: 0, unreadable: 0 };
  const out: string[] = [];
  for (const file of files) checkFile(file, out, tally);
  out.push('');
  const pods = tally.podsInvalid > 0 ? `, ${tally.podsInvalid} with refused pods` : '';
  out.push(`${tally.checked} checked, ${tally.invalid} invalid${pods}, ${tally.skipped} skipped, ${tally.unreadable} unreadable`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (tally.unreadable > 0) return 2;
  return tally.invalid + tally.podsInvalid > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
