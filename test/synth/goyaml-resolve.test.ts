import { goYamlResolve } from './goyaml-resolve';

// The test resolver itself, against what goyaml.v2/v3 `resolve` give (resolve.go, with Go's strconv and time).
describe('goYamlResolve', () => {
  test.each([
    ['0o17', 'int', 15n, 'int', 15n], // strconv.ParseInt(s, 0, 64) takes 0o
    ['0x_1F', 'int', 31n, 'int', 31n], // every _ is dropped first
    ['1_000', 'int', 1000n, 'int', 1000n],
    ['-0b101', 'int', -5n, 'int', -5n],
    ['0b+1', 'int', 1n, 'int', 1n], // the 0b branch: ParseInt("+1", 2, 64)
    ['0o+5', 'str', '0o+5', 'int', 5n], // v3's 0o branch: ParseInt("+5", 8, 64)
    ['18446744073709551615', 'int', 18446744073709551615n, 'int', 18446744073709551615n], // ParseUint
    ['99999999999999999999', 'float', 1e20, 'float', 1e20], // ParseUint's ErrRange, then yamlStyleFloat
    ['0x1FFFFFFFFFFFFFFFFF', 'int', 0x1FFFFFFFFFFFFFFFFFn, 'int', 0x1FFFFFFFFFFFFFFFFFn], // big.Int after ErrRange
    ['08', 'float', 8, 'float', 8], // not octal, but yamlStyleFloat
    ['1.', 'float', 1, 'float', 1],
    ['.5_0', 'float', 0.5, 'float', 0.5], // the '.' hint: ParseFloat(in), underscores between digits allowed
    ['._5', 'str', '._5', 'str', '._5'],
    ['1e400', 'str', '1e400', 'str', '1e400'], // ParseFloat: ErrRange
    ['y', 'bool', true, 'str', 'y'], // v2 keeps YAML 1.1's booleans
    ['Off', 'bool', false, 'str', 'Off'],
    ['yEs', 'str', 'yEs', 'str', 'yEs'],
    ['~', 'null', null, 'null', null],
    ['', 'null', null, 'null', null],
    ['-.Inf', 'float', -Infinity, 'float', -Infinity],
    ['<<', 'merge', '<<', 'merge', '<<'],
    ['2002-12-14', 'timestamp', '2002-12-14', 'timestamp', '2002-12-14'],
    ['2001-12-14t21:59:43.10-05:00', 'timestamp', '2001-12-14t21:59:43.10-05:00', 'timestamp', '2001-12-14t21:59:43.10-05:00'],
    ['2001-12-14  21:59:43', 'timestamp', '2001-12-14  21:59:43', 'timestamp', '2001-12-14  21:59:43'], // time's skip: spaces
    ['2002-02-30', 'str', '2002-02-30', 'str', '2002-02-30'], // day out of range
    ['2002-12-14z', 'str', '2002-12-14z', 'str', '2002-12-14z'],
    ['1:20', 'str', '1:20', 'str', '1:20'], // no sexagesimal in go-yaml
    ['=', 'str', '=', 'str', '='],
    ['0x', 'str', '0x', 'str', '0x'],
  ])('%j: v2 %s %p, v3 %s %p', (s, v2Tag, v2Value, v3Tag, v3Value) => {
    expect(goYamlResolve(s, 'v2')).toEqual({ tag: v2Tag, value: v2Value });
    expect(goYamlResolve(s, 'v3')).toEqual({ tag: v3Tag, value: v3Value });
  });
});
