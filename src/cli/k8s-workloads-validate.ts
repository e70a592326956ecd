#!/usr/bin/env node
/**
 * k8s-workloads-validate [OPTIONS] FILE...: checks the DaemonSets, StatefulSets, Jobs and CronJobs in YAML files
 * (any number of `---`-separated documents, `kind: List` included) against the target Kubernetes version's (default 1.27) API server's
 * create-time rules. Exit status: see USAGE.
 *
 * Input is untrusted: every way a file can fail (unreadable, not a regular file, too large, not YAML, an alias
 * bomb, nested too deep) is one line in the report and exit status 2, never a stack trace, and the other files
 * are still checked.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, Stats } from 'fs';
import { CST, Composer, Document, isScalar, Lexer, LineCounter, Parser, ScalarTag, Tags, visit } from 'yaml';
import { VALIDATED_KINDS, validateManifest, validatePods } from '../validation/validate-manifest';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, KubernetesVersion, isKubernetesVersion } from '../validation/versions';
import { formatViolation } from '../validation/violation';

const DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;

/**
 * How deeply collections may nest. Real manifests nest about 20 levels; the `yaml` package composes documents
 * recursively and runs out of stack at about 800.
 */
const MAX_DEPTH = 500;

/**
 * Lexer tokens a document may have. The `yaml` package takes about 250 bytes of memory per token of the document
 * it parses, so this bounds memory to about 250 MB; the largest real manifests (CRDs) have about 200,000.
 */
const MAX_DOCUMENT_TOKENS = 1_000_000;

/** Aliased nodes a document may expand to (the `yaml` package's guard against "billion laughs" documents). */
const MAX_ALIAS_COUNT = 100;

const USAGE = 'usage: k8s-workloads-validate [--kubernetes-version VERSION] [--strict] [--max-file-size BYTES] [--] FILE.yaml [FILE.yaml ...]\n'
  + `Checks each ${VALIDATED_KINDS.join(', ')} in the files against the Kubernetes API server's create-time rules.\n`
  + `  --kubernetes-version VERSION  the cluster's version: ${KUBERNETES_VERSIONS.join(', ')} (default ${DEFAULT_KUBERNETES_VERSION})\n`
  + '  --strict               a file with no Kubernetes objects (empty, only comments or `---`) is an error\n'
  + `  --max-file-size BYTES  refuse larger files (default ${DEFAULT_MAX_FILE_SIZE}, 32 MiB)\n`
  + '  --                     ends the options: every later argument is a file\n'
  + 'Exit status: 0 valid, 1 invalid (or, with --strict, a file with no Kubernetes objects), 2 unreadable input\n'
  + '(missing, not a regular file, too large, not YAML, too many aliases, nested deeper than '
  + `${MAX_DEPTH} levels) or a usage error; 2 wins over 1.\n`;

interface Options {
  readonly kubernetesVersion: KubernetesVersion;
  readonly strict: boolean;
  readonly maxFileSize: number;
  readonly files: readonly string[];
}

interface Tally {
  checked: number;
  invalid: number;
  /** Objects the API server accepts whose pods it refuses (validatePods). */
  podsInvalid: number;
  skipped: number;
  unreadable: number;
  /** Files with no Kubernetes objects. */
  empty: number;
}

/** The options and files, or what is wrong with the arguments. */
function parseArguments(args: readonly string[]): Options | { readonly error: string } | 'help' {
  let strict = false;
  let kubernetesVersion: KubernetesVersion = DEFAULT_KUBERNETES_VERSION;
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--strict') {
      strict = true;
    } else if (arg === '--kubernetes-version' || arg.startsWith('--kubernetes-version=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!isKubernetesVersion(value)) {
        return { error: `--kubernetes-version needs one of ${KUBERNETES_VERSIONS.join(', ')}, not ${value === undefined ? 'nothing' : `'${value}'`}` };
      }
      kubernetesVersion = value;
    } else if (arg === '--max-file-size' || arg.startsWith('--max-file-size=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (value === undefined || !/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value))) {
        return { error: `--max-file-size needs a whole number of bytes greater than 0, not ${value === undefined ? 'nothing' : `'${value}'`}` };
      }
      maxFileSize = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `unknown option '${arg}' (a file whose name starts with '-' goes after '--')` };
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return { error: 'no file given' };
  return { kubernetesVersion, strict, maxFileSize, files };
}

/** What a file that is not a regular file is, for the report. */
function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The text of a regular file of at most `maxFileSize` bytes, or why it cannot be read. Opened without blocking
 * (opening a FIFO for reading otherwise waits for a writer) and checked on the open descriptor, so the file
 * checked is the file read.
 */
function readFile(file: string, maxFileSize: number): { readonly text: string } | { readonly error: string } {
  let fd: number;
  try {
    // Open flags are bits. (O_NONBLOCK does not exist on Windows, which has no FIFOs to wait on.)
    // eslint-disable-next-line no-bitwise
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { error: `cannot read: ${(error as Error).message}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { error: `cannot read: ${fileKind(stats)}, not a regular file` };
    const tooLarge = `cannot read: larger than the limit of ${maxFileSize} bytes (raise it with --max-file-size BYTES)`;
    if (stats.size > maxFileSize) return { error: tooLarge };
    const bytes = readFileSync(fd);
    // The file may have grown since fstat.
    if (bytes.length > maxFileSize) return { error: tooLarge };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return { error: `cannot read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * What the lexer, which does not recurse and keeps nothing, finds too large to parse: flow collections (`[[[...`)
 * or compact block sequences on one line (`- - - ...`) nested deeper than MAX_DEPTH (a lower bound of the
 * nesting), or a document of more than MAX_DOCUMENT_TOKENS tokens. The parser keeps objects per token of a
 * document, so such a file is refused before it is parsed (32 MiB of `[` would take gigabytes).
 */
function lexicalProblem(text: string): string | undefined {
  let offset = 0;
  let flowDepth = 0;
  let lineDepth = 0;
  let documentTokens = 0;
  const where = (): string => `line ${text.slice(0, offset).split('\n').length}`;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') flowDepth++;
    else if ((token === ']' || token === '}') && flowDepth > 0) flowDepth--;
    else if (token === '-' || token === '?') lineDepth++;
    else if (token === '\n' || token === '\r\n') lineDepth = 0;
    else if (token === '---' || token === '...') documentTokens = 0;
    if (flowDepth + lineDepth > MAX_DEPTH) return `${where()}: YAML nested deeper than ${MAX_DEPTH} levels; the file is not checked`;
    if (++documentTokens > MAX_DOCUMENT_TOKENS) {
      return `${where()}: a YAML document of more than ${MAX_DOCUMENT_TOKENS} tokens, the limit that bounds memory; the file is not checked (split it into documents)`;
    }
    offset += token.length;
  }
  return undefined;
}

/** How deeply collections nest in a parsed document (counted with a stack, as the nesting may be deep). */
function nestingDepth(document: CST.Document): number {
  let deepest = 0;
  const stack: [CST.Token | null | undefined, number][] = [[document.value, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const item of token.items) {
      if ('key' in item) stack.push([item.key, depth + 1]);
      stack.push([item.value, depth + 1]);
    }
  }
  return deepest;
}

/**
 * go-yaml reads a float too large for a float64 (`1e309`) as the string it is written as (its resolve falls back
 * to a string when strconv.ParseFloat fails), where the `yaml` package reads Infinity. Only `.inf` is Infinity.
 */
function overflowingFloatsAsStrings(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || 'collection' in tag || tag.tag !== 'tag:yaml.org,2002:float' || tag.test?.test('.inf')) return tag;
    const scalarTag: ScalarTag = tag;
    return {
      ...scalarTag,
      resolve: (...args: Parameters<ScalarTag['resolve']>) => {
        const value = scalarTag.resolve(...args);
        const number = isScalar(value) ? value.value : value;
        return typeof number === 'number' && !Number.isFinite(number) ? args[0] : value;
      },
    };
  });
}

/** `Job pi`, `DaemonSet <no name>`: how a report line names an object. */
function describe(manifest: unknown): string {
  const object = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, any>) : {};
  const kind = typeof object.kind === 'string' ? object.kind : '<no kind>';
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : typeof object.metadata?.generateName === 'string' ? `${object.metadata.generateName}*` : '<no name>';
  return `${kind} ${name}`;
}

function checkObject(manifest: unknown, label: string, out: string[], tally: Tally, options: Options): void {
  const kind = (manifest as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && kind !== '' && !VALIDATED_KINDS.includes(kind)) {
    tally.skipped++;
    out.push(`  ${label}: ${describe(manifest)}: skipped (only ${VALIDATED_KINDS.join(', ')} are checked)`);
    return;
  }
  tally.checked++;
  const violations = validateManifest(manifest, options);
  const pods = validatePods(manifest, options);
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

/** `<message> at line L, column C`, as the `yaml` package's own parse functions write an error. */
function located(message: string, offset: number, lines: LineCounter): string {
  const { line, col } = lines.linePos(offset);
  return `${message} at line ${line}, column ${col}`;
}

/**
 * Duplicate keys, with a set per map: the `yaml` package's own check (its `uniqueKeys` option, turned off below)
 * compares each key with every key before it, which takes minutes for a map of 100,000 keys.
 */
function duplicateKeyErrors(document: Document.Parsed, lines: LineCounter): string[] {
  const errors: string[] = [];
  visit(document, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) errors.push(located('Map keys must be unique', key.range?.[0] ?? 0, lines));
        seen.add(key.value);
      }
    },
  });
  return errors;
}

/** The JS value of a document, or why there is none (a syntax error, an alias bomb, nesting too deep). */
function documentValue(document: Document.Parsed, depth: number, lines: LineCounter): { readonly value: unknown } | { readonly error: string } {
  if (depth > MAX_DEPTH) return { error: `YAML nested ${depth} levels deep, deeper than the limit of ${MAX_DEPTH}` };
  const errors = document.errors.map((e) => located(e.message, e.pos[0], lines));
  if (errors.length === 0) errors.push(...duplicateKeyErrors(document, lines));
  if (errors.length > 0) return { error: `YAML syntax error: ${errors.join('; ')}` };
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // Aliases nest what they point to: the expanded value can be deeper than the text.
    if (error instanceof RangeError) return { error: `YAML nested too deeply once its aliases are expanded (more than ${MAX_DEPTH} levels)` };
    // The `yaml` package throws a ReferenceError for an alias bomb and for an alias to no anchor.
    return { error: `YAML alias error: ${(error as Error).message}` };
  }
}

/** Reports the objects of one file into `out`. Returns the number of objects and unreadable documents found. */
function checkText(text: string, out: string[], tally: Tally, options: Options): number {
  const tooLarge = lexicalProblem(text);
  if (tooLarge) {
    tally.unreadable++;
    out.push(`  ${tooLarge}`);
    return 1;
  }
  // YAML 1.1, as the API server's decoder reads it (so `yes` and `on` are booleans there too). One document at a
  // time, so that memory holds one document's syntax tree, not the file's.
  const depths: number[] = [];
  function* measured(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    for (const token of tokens) {
      if (token.type === 'document') depths.push(nestingDepth(token));
      yield token;
    }
  }
  const lines = new LineCounter();
  const composer = new Composer({ version: '1.1', customTags: overflowingFloatsAsStrings, uniqueKeys: false });
  let found = 0;
  let index = 0;
  for (const document of composer.compose(measured(new Parser(lines.addNewLine).parse(text)))) {
    const label = `document ${index + 1}`;
    const parsed = documentValue(document, depths[index++], lines);
    if ('error' in parsed) {
      tally.unreadable++;
      found++;
      out.push(`  ${label}: ${parsed.error}`);
      continue;
    }
    const manifest = parsed.value;
    if (manifest === null || manifest === undefined) continue;
    const items = (manifest as { kind?: unknown; items?: unknown }).kind === 'List' ? (manifest as { items?: unknown }).items : undefined;
    if (Array.isArray(items)) {
      items.forEach((item, j) => checkObject(item, `${label}, item ${j + 1}`, out, tally, options));
      found += items.length;
    } else {
      checkObject(manifest, label, out, tally, options);
      found++;
    }
  }
  return found;
}

function checkFile(file: string, options: Options, out: string[], tally: Tally): void {
  out.push(file);
  const read = readFile(file, options.maxFileSize);
  if ('error' in read) {
    tally.unreadable++;
    out.push(`  ${read.error}`);
    return;
  }
  if (checkText(read.text, out, tally, options) === 0) {
    tally.empty++;
    out.push(`  no Kubernetes objects${options.strict ? ' (an error with --strict)' : ''}`);
  }
}

function main(args: readonly string[]): number {
  const options = parseArguments(args);
  if (options === 'help' || args.length === 0) {
    process.stderr.write(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  if ('error' in options) {
    process.stderr.write(`k8s-workloads-validate: ${options.error}\n${USAGE}`);
    return 2;
  }
  const tally: Tally = { checked: 0, invalid: 0, podsInvalid: 0, skipped: 0, unreadable: 0, empty: 0 };
  // Written file by file, so that a long run shows its progress and memory holds one file's report.
  for (const file of options.files) {
    const out: string[] = [];
    try {
      checkFile(file, options, out, tally);
    } catch (error) {
      // A bug, not the input's fault: still one line, and the other files are checked.
      tally.unreadable++;
      out.push(`  cannot be checked: ${error instanceof Error ? error.message : String(error)} (a bug in k8s-workloads-validate)`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
  const pods = tally.podsInvalid > 0 ? `, ${tally.podsInvalid} with refused pods` : '';
  process.stdout.write(`\n${tally.checked} checked, ${tally.invalid} invalid${pods}, ${tally.skipped} skipped, ${tally.unreadable} unreadable\n`);
  if (tally.unreadable > 0) return 2;
  return tally.invalid + tally.podsInvalid > 0 || (options.strict && tally.empty > 0) ? 1 : 0;
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: stop quietly rather than with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2));
  process.exitCode = main(process.argv.slice(2));
}
