import { Document, Node, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { GoYamlVersion, goYamlResolve } from './goyaml-resolve';

/** The documents of `text` as the `yaml` package reads them in YAML 1.1 or 1.2 (core schema); any error fails. */
export function readWithYamlPackage(text: string, version: '1.1' | '1.2'): unknown[] {
  // logLevel 'error': toJS would warn (on stderr) of a timestamp key; a misread key fails the comparison anyway.
  return parseAllDocuments(text, { version, logLevel: 'error' }).map((doc) => {
    if ((doc as Document).errors.length > 0 || (doc as Document).warnings.length > 0) {
      throw new Error(`yaml ${version} could not read:\n${text}\n${[...doc.errors, ...doc.warnings].join('\n')}`);
    }
    return (doc as Document).toJS();
  });
}

/**
 * The documents of `text` as go-yaml reads them: the structure parsed by the `yaml` package (failsafe schema: every
 * scalar a string, with its style), each plain scalar resolved by `goYamlResolve`. A key that resolves to anything
 * but a string, or a value that resolves to a timestamp or merge key, throws.
 */
export function readWithGoYaml(text: string, version: GoYamlVersion): unknown[] {
  const toJs = (node: Node | null, isKey: boolean): unknown => {
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = toJs(pair.key as Node, true);
        if (typeof key !== 'string') throw new Error(`go-yaml ${version} reads the key ${JSON.stringify(key)} as a ${typeof key}`);
        Object.defineProperty(object, key, { value: toJs(pair.value as Node, false), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    if (isSeq(node)) return node.items.map((item) => toJs(item as Node, false));
    if (!isScalar(node)) throw new Error(`unexpected node ${String(node)}`);
    const source = node.value as string;
    if (node.type !== 'PLAIN') return source;
    const resolved = goYamlResolve(source, version);
    if (isKey && resolved.tag !== 'str') throw new Error(`go-yaml ${version} reads the plain key '${source}' as !!${resolved.tag}`);
    switch (resolved.tag) {
      case 'int': return Number(resolved.value);
      case 'timestamp':
      case 'merge': throw new Error(`go-yaml ${version} reads the plain scalar '${source}' as !!${resolved.tag}`);
      default: return resolved.value;
    }
  };
  return parseAllDocuments(text, { version: '1.2', schema: 'failsafe' }).map((doc) => {
    if ((doc as Document).errors.length > 0) throw new Error(`could not parse:\n${text}\n${doc.errors.join('\n')}`);
    return toJs((doc as Document).contents, false);
  });
}

/** Every reader the writer is for. */
export const READERS: Array<[string, (text: string) => unknown[]]> = [
  ['yaml 1.1', (text) => readWithYamlPackage(text, '1.1')],
  ['yaml 1.2 core', (text) => readWithYamlPackage(text, '1.2')],
  ['go-yaml v2', (text) => readWithGoYaml(text, 'v2')],
  ['go-yaml v3', (text) => readWithGoYaml(text, 'v3')],
];

