/**
 * A YAML writer for JSON data (what an ApiObject renders to), written for the readers our files meet: kubectl and
 * the API server (go-yaml through sigs.k8s.io/yaml: its goyaml.v2, and goyaml.v3 for kustomize), YAML 1.1 readers
 * (cdk8s's own `Yaml.load`, PyYAML) and YAML 1.2 core readers.
 *
 * Why not cdk8s's `Yaml.stringify` (the `yaml` package in 1.1 mode): it writes strings such as `0o17`, `<<` and
 * `a\u2028b` plain, and go-yaml reads the first as the number 15, the second as a merge key and the third with a
 * line break folded to a space. Why not js-yaml: it writes `1_000` and `0x_1F` plain, which go-yaml reads as
 * numbers (it drops every `_` before `strconv.ParseInt(s, 0, 64)`). And a writer that only has to handle JSON is
 * several times faster than either (docs/benchmarks.md, "The YAML writer").
 *
 * The layout is the `yaml` package's with cdk8s's options (block style, two-space indent, sequences indented under
 * their key, no line folding, `|` blocks for multi-line strings), so where cdk8s's output is read correctly ours
 * is the same bytes; where a string could be read as anything but itself, ours is quoted.
 */

/** Thrown for a value JSON cannot hold; `stringifyYaml` adds where it is. */
class NotJsonError extends Error {}

/** A string `s` in a plain scalar is read as `s` only if each of its characters is printable in every reader. */
// YAML's printable set, minus what a reader takes for a line break (NEL, LS, PS: go-yaml, like libyaml, and YAML
// 1.1 break lines there), the byte-order mark (skipped by go-yaml at the start of a line), the tab (allowed in a
// plain scalar, but trimmed at its ends) and the non-characters U+FFFE, U+FFFF. Lone surrogates cannot be written
// as UTF-8 at all: with the `u` flag they match nothing here.
const PRINTABLE = /^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;

/** What the structure of a plain scalar forbids: an indicator first, `: ` or ` #` inside, a space or `:` at an end. */
// `-`, `?` and `:` may start a plain scalar when a non-space follows (`--config`); a leading `:` is quoted anyway,
// as some readers take `:x` for an empty key. `---` and `...` open and close documents.
const STRUCTURE = /^[ ,[\]{}#&*!|>'"%@`:]|^[-?](?: |$)|: | #| $|:$|^(?:---|\.\.\.)/;

/**
 * Plain scalars some reader resolves to null, a boolean, a float keyword or a merge / value key: YAML 1.1's
 * booleans (go-yaml v2 takes `y`, `on`, `NO`, …) in any letter case, null and `~`, `.inf`/`.nan` with a sign, `<<`
 * (goyaml.v2 and v3 `resolveMap`), and YAML 1.1's value key `=`.
 */
const KEYWORD = /^(?:y|yes|n|no|true|false|on|off|null|~|[-+]?\.(?:inf|nan)|<<|=)$/i;

/**
 * After dropping every `_` (go-yaml does so before parsing a number; YAML 1.1 allows `_` between digits): what a
 * reader may take for an integer or a float.
 * - `0x…`, `0o…`, `0b…` with a sign and in either letter case, `0o+5` included: Go's `strconv.ParseInt(s, 0, 64)`
 *   in goyaml.v2/v3 `resolve`, v3's `0o` branch (which parses what follows the prefix, sign included), v2's `0b`.
 * - decimal digits with a sign (every reader; YAML 1.1 reads a leading 0 as octal, go-yaml as octal or float).
 * - a decimal float with an optional dot and exponent, digits optional: YAML 1.2 core, go-yaml's `yamlStyleFloat`,
 *   and YAML 1.1's looser `[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?([eE][-+]?[0-9]+)?` (the `yaml` package reads `.`, `1.`
 *   and `e5` as floats).
 * - sexagesimal `1:20:30(.5)` (YAML 1.1 int and float).
 */
const NUMBER = /^[-+]?(?:0[xob][-+]?[0-9a-f]*|[0-9]*\.?[0-9]*(?:e[-+]?[0-9]+)?|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?)$/i;

/** A date first (`2002-12-14`, `2001-12-14t21:59:43.10-05:00`): YAML 1.1 and go-yaml timestamps. */
const TIMESTAMP = /^[0-9]{4}-[0-9]/;

/**
 * Whether `s` can be written plain, and be read back as the string `s` by go-yaml (v2 and v3), a YAML 1.1 reader and
 * a YAML 1.2 core reader. It may say no to a string some reader would take as a string (`0x`, `e_5`): that string is
 * then quoted, which every reader reads right.
 */
function canBePlain(s: string): boolean {
  if (s === '' || !PRINTABLE.test(s) || STRUCTURE.test(s) || KEYWORD.test(s) || TIMESTAMP.test(s)) return false;
  return !NUMBER.test(s.includes('_') ? s.replace(/_/g, '') : s);
}

/** Characters JSON leaves raw that a YAML double-quoted scalar must escape (see PRINTABLE). */
const ESCAPE_IN_DOUBLE_QUOTES = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

function escapeCode(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A string on one line, quoted. YAML's double-quoted escapes are JSON's plus more, so JSON's quoting is a start;
 * the `yaml` package's choice of single quotes for a string with `"` and no `'` is kept (no escape is needed there).
 */
function quoted(s: string): string {
  if (PRINTABLE.test(s)) {
    if (s.includes('"') && !s.includes("'")) return `'${s}'`;
  } else {
    const lone = /\p{Cs}/u.exec(s);
    if (lone) throw new NotJsonError(`a string with a lone surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}) cannot be written as UTF-8`);
  }
  const json = JSON.stringify(s);
  return ESCAPE_IN_DOUBLE_QUOTES.test(json) ? json.replace(ESCAPE_IN_DOUBLE_QUOTES, escapeCode) : json;
}

/**
 * A multi-line string as a literal block (`|`), as the `yaml` package writes it, when every reader reads the block
 * back exactly: printable lines (no tab, no CR), none ending in a space, the first starting with neither a space nor
 * a line break (so no indentation indicator is needed) and some text that is not a line break. Else undefined.
 */
function literalBlock(s: string, indent: string): string | undefined {
  if (s[0] === ' ' || s[0] === '\n' || / \n| $/.test(s) || !PRINTABLE.test(s.replace(/\n/g, ''))) return undefined;
  let end = s.length;
  while (s[end - 1] === '\n') end--;
  // Chomping: `-` strips the last line break, none keeps one, `+` keeps them all.
  const chomp = end === s.length ? '-' : end === s.length - 1 ? '' : '+';
  // Empty lines stay empty: the indent goes after the last line break of each run.
  const body = s.slice(0, end).replace(/\n+/g, (breaks) => breaks + indent);
  return `|${chomp}\n${indent}${body}${s.slice(end + 1)}`;
}

/** A string in a value position whose block content would be at `indent` (undefined: a document's root). */
function stringValue(s: string, indent: string | undefined): string {
  if (canBePlain(s)) return s;
  if (indent !== undefined && s.includes('\n')) return literalBlock(s, indent) ?? quoted(s);
  return quoted(s);
}

/** A scalar's text. `indent` is where a block scalar's lines would go (undefined: a document's root). */
function scalar(value: unknown, indent: string | undefined): string {
  switch (typeof value) {
    case 'string': return stringValue(value, indent);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(`${value} is not a JSON number`);
      return String(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'undefined': return 'null'; // as cdk8s's `keepUndefined` writes it
    default:
      if (value === null) return 'null';
      throw new NotJsonError(`a ${typeof value} is not a JSON value`);
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `key:` as it starts a mapping entry. A key over 1024 characters must be explicit (`? key`): implicit keys are
 * limited to 1024 characters (libyaml, hence go-yaml; the `yaml` package switches at the same length).
 */
function keyText(key: string, indent: string): string {
  const text = canBePlain(key) ? key : quoted(key);
  return text.length > 1024 ? `? ${text}\n${indent}:` : `${text}:`;
}

/** Appends to `out` what follows `key:` for `value`, the key being at `indent`. */
function afterKey(value: unknown, indent: string, out: string[]): void {
  if (typeof value !== 'object' || value === null) {
    out.push(' ', scalar(value, `${indent}  `), '\n');
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(' []\n');
    } else {
      out.push('\n');
      sequence(value, `${indent}  `, `${indent}  `, out);
    }
  } else {
    if (!isPlainObject(value)) throw new NotJsonError(`a ${value.constructor?.name ?? 'class'} instance is not a JSON value`);
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push(' {}\n');
    } else {
      out.push('\n');
      mapping(value as Record<string, unknown>, keys, `${indent}  `, `${indent}  `, out);
    }
  }
}

/** Appends a block mapping at `indent`, its first line starting with `first` (the indent, or a sequence's `- `). */
function mapping(object: Record<string, unknown>, keys: readonly string[], indent: string, first: string, out: string[]): void {
  for (let i = 0; i < keys.length; i++) {
    out.push(i === 0 ? first : indent, keyText(keys[i], indent));
    afterKey(object[keys[i]], indent, out);
  }
}

/** Appends a block sequence whose `-` are at `indent`, its first line starting with `first`. */
function sequence(items: readonly unknown[], indent: string, first: string, out: string[]): void {
  const inner = `${indent}  `;
  for (let i = 0; i < items.length; i++) {
    const dash = `${i === 0 ? first : indent}- `;
    const item = items[i];
    if (typeof item !== 'object' || item === null) {
      out.push(dash, scalar(item, inner), '\n');
    } else if (Array.isArray(item)) {
      if (item.length === 0) out.push(dash, '[]\n');
      else sequence(item, inner, dash, out);
    } else {
      if (!isPlainObject(item)) throw new NotJsonError(`a ${item.constructor?.name ?? 'class'} instance is not a JSON value`);
      const keys = Object.keys(item);
      if (keys.length === 0) out.push(dash, '{}\n');
      else mapping(item as Record<string, unknown>, keys, inner, dash, out);
    }
  }
}

/**
 * One document, ending in a line break. A string at the root is kept on one line (libyaml needs a root block
 * indented). The pieces are joined once per document: one flat string, where appending each piece to a string would
 * keep a tree of them until the end (a fifth more peak memory in the benchmark).
 */
function documentText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `${scalar(value, undefined)}\n`;
  const out: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    sequence(value, '', '', out);
  } else {
    if (!isPlainObject(value)) throw new NotJsonError(`a ${value.constructor?.name ?? 'class'} instance is not a JSON value`);
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}\n';
    mapping(value as Record<string, unknown>, keys, '', '', out);
  }
  return out.join('');
}

/** The JSON path of the first value in `value` that `documentText` refuses (only computed for the message). */
function pathOfNonJson(value: unknown, path: string): string | undefined {
  try {
    documentText(value);
    return undefined;
  } catch {
    if (typeof value !== 'object' || value === null || !(Array.isArray(value) || isPlainObject(value))) return path;
    for (const [key, child] of Object.entries(value)) {
      const found = pathOfNonJson(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return path;
  }
}

/**
 * The YAML of `documents`, `---` between them, as cdk8s's `Yaml.stringify(...documents)` lays it out (an undefined
 * document is an empty line), with every string that a reader could take for anything else quoted.
 *
 * @throws Error naming the document and the path of a value JSON cannot hold (NaN, a function, a Date, …).
 */
export function stringifyYaml(...documents: unknown[]): string {
  return stringifyYamlDocuments(documents);
}

/**
 * A document already written by `documentYaml`: `stringifyYamlDocuments` takes its text as it is. A synth writes each
 * object as soon as its validation has read it, so that its JSON need not stay in memory until the last object is
 * validated.
 */
export class WrittenDocument {
  constructor(public readonly text: string) {}
}

/**
 * The YAML of one document as `stringifyYaml` writes it, or `undefined` when it holds a value JSON cannot
 * (`stringifyYaml` then names the value's path).
 */
export function documentYaml(document: unknown): string | undefined {
  try {
    return documentText(document);
  } catch (error) {
    if (error instanceof NotJsonError) return undefined;
    throw error;
  }
}

/**
 * `stringifyYaml` for documents produced one at a time: each can be dropped once written, so a synth does not hold
 * every manifest's JSON and its YAML at once.
 */
export function stringifyYamlDocuments(documents: Iterable<unknown>): string {
  return yamlDocumentTexts(documents).join(YAML_DOCUMENT_SEPARATOR);
}

/** What `stringifyYaml` writes between two documents. */
export const YAML_DOCUMENT_SEPARATOR = '---\n';

/**
 * The text of each document as `stringifyYamlDocuments` writes it, not joined: `synth` writes them to the file one
 * after another, so that the whole YAML is never held twice (joined, then encoded).
 */
export function yamlDocumentTexts(documents: Iterable<unknown>): string[] {
  const texts: string[] = [];
  for (const document of documents) {
    if (document === undefined) {
      texts.push('\n');
      continue;
    }
    if (document instanceof WrittenDocument) {
      texts.push(document.text);
      continue;
    }
    try {
      texts.push(documentText(document));
    } catch (error) {
      if (!(error instanceof NotJsonError)) throw error;
      throw new Error(`cannot write YAML document ${texts.length + 1}: ${pathOfNonJson(document, '') || '(the document)'}: ${error.message}`);
    }
  }
  return texts;
}
