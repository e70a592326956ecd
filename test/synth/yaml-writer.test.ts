import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { READERS } from './yaml-readers';
import { stringifyYaml } from '../../src/synth/yaml-writer';

/** The strings, and more of the same families: each must come back as the same string from every reader. */
const ADVERSARIAL = [
  '0o17', '0O17', '-0o17', '0o+5', '0b101', '-0b101', '0b+1', '0x1F', '+0x1F', '0x_1F', '0X1f', '1_000', '1__0', '_1', '1_',
  '1e3', '1E3', '-1.5e-3', '1.', '.5', '.5_0', '.', '+.', '+', '08', '012', '0', '-0', '+12', '12345678901234567890123',
  'e5', 'E5', '1:20', '190:20:30.15', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '~', 'null', 'Null', 'NULL',
  '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43,10Z', '2001-12-14 21:59:43.10', '2002-12-14', '2002-2-29', '2002-13-01',
  '=', '<<', 'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', ' lead', 'trail ', ' ', '  ', '#', ' #', 'a #b', 'a#b', '# c', ': ', 'a: b', 'a:', ':a',
  '- ', '-', '--', '--config=/x', '---', '--- x', '...', '? ', '?', '?a', '|', '>', '|-', '%', '%TAG', '@', '`', '!', '!!str',
  '&a', '*a', "'", '"', "it's", 'say "hi"', '\'"', '\t', 'a\tb', '\n', 'a\nb', 'a\n', 'a\n\n', '\na', ' a\nb', 'a \nb', 'a\r\nb', '\r',
  'é', '日本', '😀', 'a\u{1F600}b', '\ufeff', '\ufeffa', 'a\u0085b', '\u0085', 'a\u2028b', 'a\u2029b', '\u0000', '\u0007',
  '\u001b', '\u007f', '\u0080', '\u009f', '\u00a0', 'a\u00a0', '\ufffe', '\uffff', '', '[a]', '{a: 1}', 'a,b', ',a', '{', '}',
  '\\', '\\n', 'C:\\dir', '"quoted"', "'single'", 'x'.repeat(5000), `${'y'.repeat(1100)}: z`, 'true\n', 'null\nnull',
];

const adversarialString = fc.oneof(
  fc.constantFrom(...ADVERSARIAL),
  // The adversarial strings with a space, tab or line break around them.
  fc.tuple(fc.constantFrom('', ' ', '\t', '\n', '  '), fc.constantFrom(...ADVERSARIAL), fc.constantFrom('', ' ', '\t', '\n', '\n\n'))
    .map(([before, s, after]) => `${before}${s}${after}`),
  // Random text from characters that mean something to a reader, and any Unicode.
  fc.stringOf(fc.oneof(
    fc.constantFrom('\t', '\n', '\r', ' ', '#', ':', '-', '?', '|', '>', '%', '@', '`', '!', '&', '*', "'", '"', '\\', '[', ']',
      '{', '}', ',', '=', '<', '.', '_', '0', '1', 'e', 'x', 'o', 'b', 'y', 'n', '~', '\u0085', '\u2028', '\u2029', '\ufeff', '\u0000',
      '\u001f', '\u007f', '\u009f', '\u00a0', '😀'),
    fc.fullUnicode(),
  ), { maxLength: 20 }),
  fc.fullUnicodeString({ maxLength: 30 }),
  fc.string({ minLength: 1000, maxLength: 3000 }),
);

const jsonNumber = fc.oneof(
  fc.integer(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, -1e21, 1.5e300, 5e-324, 12345678901234567890, Number.MAX_VALUE, -Number.MIN_VALUE, 0.1, 15),
);

// `__proto__` is left out of the keys: as a key of a JS object literal it would set the prototype, not a key.
const key = adversarialString.filter((k) => k !== '__proto__');

const { document: jsonDocument } = fc.letrec((tie) => ({
  document: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('array'), tie('object')),
  scalar: fc.oneof(adversarialString, jsonNumber, fc.boolean(), fc.constant(null)),
  array: fc.array(tie('document'), { maxLength: 5 }),
  object: fc.array(fc.tuple(key, tie('document')), { maxLength: 6 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [k, v] of entries) object[k] = v;
    return object;
  }),
}));

/** What a JSON document is: its JSON text (so -0 is 0). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('stringifyYaml', () => {
  describe('every reader gets back exactly the JSON that was written', () => {
    test.each(READERS)('%s', (_, read) => {
      fc.assert(fc.property(fc.array(jsonDocument, { minLength: 1, maxLength: 3 }), (documents) => {
        expect(read(stringifyYaml(...documents))).toEqual(documents.map(asJson));
      }), { numRuns: 400 });
    });

    test.each(READERS)('%s: each adversarial string as a key, a value, a list item and a document', (_, read) => {
      for (const s of ADVERSARIAL) {
        const documents = [{ [s]: s, list: [s, { [s]: [s] }] }, s, [s]];
        expect({ s, read: read(stringifyYaml(...documents)) }).toEqual({ s, read: documents });
      }
    });
  });

  test('the output has only characters every reader takes as themselves, and no line break but LF', () => {
    // go-yaml (like libyaml) also breaks lines at NEL, LS and PS and skips a BOM at a line's start; they and every
    // control character must be escaped.
    const printable = /^[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
    fc.assert(fc.property(jsonDocument, (document) => {
      expect(printable.test(stringifyYaml(document))).toBe(true);
    }), { numRuns: 300 });
  });

  describe('where cdk8s is read right, the bytes are cdk8s Yaml.stringify\'s', () => {
    // Lower-case words, numbers, booleans, null, and multi-line text of such words: what manifests mostly hold.
    const word = fc.stringMatching(/^[a-z][a-z0-9.\/-]{0,12}$/);
    const text = fc.tuple(fc.array(word, { minLength: 2, maxLength: 4 }), fc.constantFrom('', '\n', '\n\n'))
      .map(([lines, end]) => `${lines.join('\n')}${end}`);
    const { tame } = fc.letrec((tie) => ({
      tame: fc.oneof({ depthSize: 'small' }, word, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(),
        fc.constant(null), fc.array(tie('tame'), { maxLength: 4 }), fc.dictionary(word, tie('tame'), { maxKeys: 5 })),
    }));
    // Objects at the root, as manifests are: cdk8s writes a multi-line string at the root as a block whose lines
    // start in column 0, which libyaml (hence go-yaml) cannot read; ours is quoted there.
    test('random documents', () => {
      fc.assert(fc.property(fc.array(fc.dictionary(word, tame, { maxKeys: 5 }), { maxLength: 3 }), (documents) => {
        expect(stringifyYaml(...documents)).toBe(Yaml.stringify(...documents));
      }), { numRuns: 300 });
    });

    test('a manifest: nested maps and lists, an empty map and list, a literal block, quoted numbers and booleans', () => {
      const manifest = {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', labels: { 'app.kubernetes.io/name': 'agent', 'version': '1.2', 'enabled': 'true' } },
        spec: {
          template: {
            metadata: { annotations: {} },
            spec: {
              containers: [{ name: 'agent', args: ['--port=8080', 'sh -c "echo hi"'], command: ['sh', '-c', 'set -e\necho one\n\necho two\n'], env: [] }],
              tolerations: [{ operator: 'Exists' }],
            },
          },
          revisionHistoryLimit: 5,
          minReadySeconds: 0.5,
        },
      };
      expect(stringifyYaml(manifest, manifest)).toBe(Yaml.stringify(manifest, manifest));
      expect(stringifyYaml(manifest)).toContain([
        '          command:',
        '            - sh',
        '            - -c',
        '            - |',
        '              set -e',
        '              echo one',
        '',
        '              echo two',
        '          env: []',
      ].join('\n'));
    });
  });

  describe('what cdk8s writes plain and go-yaml misreads is quoted', () => {
    test.each([
      ['0o17', '"0o17"'], // go-yaml: strconv.ParseInt("0o17", 0, 64) = 15
      ['0o+5', '"0o+5"'], // goyaml.v3: ParseInt("+5", 8, 64) = 5
      ['=', '"="'], // YAML 1.1 value key
      ['<<', '"<<"'], // go-yaml merge key
      ['a\u2028b', '"a\\u2028b"'], // go-yaml breaks the line at LS
      ['a\u0085b', '"a\\x85b"'], // and at NEL, even inside double quotes
      ['\ufeffa', '"\\ufeffa"'],
    ])('%j is written %s', (value, written) => {
      expect(Yaml.stringify({ value })).not.toBe(`value: ${written}\n`);
      expect(stringifyYaml({ value })).toBe(`value: ${written}\n`);
    });

    test('a key over 1024 characters is an explicit key, which go-yaml and the yaml package both read', () => {
      const long = 'k'.repeat(1100);
      expect(stringifyYaml({ [long]: 1 })).toBe(`? ${long}\n: 1\n`);
      expect(stringifyYaml([{ [long]: { a: 1 } }])).toBe(`- ? ${long}\n  :\n    a: 1\n`);
    });
  });

  describe('fails, naming the document and the field, on what JSON cannot hold', () => {
    test.each([
      [{ spec: { replicas: NaN } }, 'cannot write YAML document 1: .spec.replicas: NaN is not a JSON number'],
      [{ a: [1, Infinity] }, 'cannot write YAML document 1: .a[1]: Infinity is not a JSON number'],
      [{ at: new Date(0) }, 'cannot write YAML document 1: .at: a Date instance is not a JSON value'],
      [{ f: () => 1 }, 'cannot write YAML document 1: .f: a function is not a JSON value'],
      [{ big: 1n }, 'cannot write YAML document 1: .big: a bigint is not a JSON value'],
      [{ s: 'a\ud800b' }, 'cannot write YAML document 1: .s: a string with a lone surrogate (U+D800) cannot be written as UTF-8'],
    ])('%p', (document, message) => {
      expect(() => stringifyYaml(document)).toThrow(message);
    });

    test('in the second document', () => {
      expect(() => stringifyYaml({}, NaN)).toThrow('cannot write YAML document 2: (the document): NaN is not a JSON number');
    });
  });
});
