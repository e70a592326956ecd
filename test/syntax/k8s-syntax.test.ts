import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  envVarNameErrors,
  ianaSvcNameErrors,
  isPercent,
  isQuantity,
  labelValueErrors,
  qualifiedNameErrors,
  quantityValue,
} from '../../src';

// Cases from apimachinery's validation tests (IsDNS1123Label, IsQualifiedName, …) and resource.ParseQuantity.
describe('k8s syntax', () => {
  test.each(['a', 'ab', 'a-b', 'a1', '0', '1-2', 'a'.repeat(63)])('DNS-1123 label %p is valid', (value) => {
    expect(dns1123LabelErrors(value)).toEqual([]);
  });
  test.each(['', 'A', 'a.b', '-a', 'a-', 'a_b', 'a b', 'a'.repeat(64)])('DNS-1123 label %p is invalid', (value) => {
    expect(dns1123LabelErrors(value).length).toBeGreaterThan(0);
  });

  test.each(['a', 'a.b', 'a-1.b-2', 'example.com', `${'a'.repeat(63)}.${'b'.repeat(63)}`])('DNS-1123 subdomain %p is valid', (value) => {
    expect(dns1123SubdomainErrors(value)).toEqual([]);
  });
  test.each(['', 'A.b', 'a..b', '.a', 'a.', 'a_b', 'a'.repeat(254)])('DNS-1123 subdomain %p is invalid', (value) => {
    expect(dns1123SubdomainErrors(value).length).toBeGreaterThan(0);
  });

  test.each(['simple', 'now-with-dashes', '1-starts-with-num', 'UPPER_case.Dots', 'example.com/name', 'a.b/c'])('qualified name %p is valid', (key) => {
    expect(qualifiedNameErrors(key)).toEqual([]);
  });
  test.each([
    ['', ['name part must be non-empty']],
    ['a/b/c', ["must be a name with an optional DNS subdomain prefix and one '/' (e.g. 'example.com/my-name')"]],
    ['/name', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty']],
    ['Example.com/name', ["prefix part must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')"]],
    ['-name', ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName' or 'my.name')"]],
  ])('qualified name %p is invalid', (key, errors) => {
    expect(qualifiedNameErrors(key)).toEqual(errors);
  });

  test.each(['', 'a', 'A_b.c-d', '1', 'a'.repeat(63)])('label value %p is valid', (value) => {
    expect(labelValueErrors(value)).toEqual([]);
  });
  test.each(['-a', 'a-', 'a b', 'a/b', 'a'.repeat(64)])('label value %p is invalid', (value) => {
    expect(labelValueErrors(value).length).toBeGreaterThan(0);
  });

  test.each(['A', 'ab', 'a.b', '_a', '-a', 'A_1'])('env var name %p is valid', (name) => {
    expect(envVarNameErrors(name)).toEqual([]);
  });
  test.each(['1a', 'a b', '.', '..', '..a', 'a=b', ''])('env var name %p is invalid', (name) => {
    expect(envVarNameErrors(name).length).toBeGreaterThan(0);
  });

  test.each(['http', 'metrics', 'a1', 'h-t-t-p'])('port name %p is valid', (name) => {
    expect(ianaSvcNameErrors(name)).toEqual([]);
  });
  test.each([
    ['1234', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-ab', ['must not begin or end with a hyphen']],
    ['Http', ['must contain only lower-case letters, digits and hyphens']],
    ['abcdefghijklmnop', ['must be no more than 15 characters']],
  ])('port name %p is invalid', (name, errors) => {
    expect(ianaSvcNameErrors(name)).toEqual(errors);
  });

  test.each(['0', '1', '500m', '1.5', '.5', '1Gi', '128Mi', '1k', '1M', '1e3', '1E-2', '+1', '-1', '100n'])('quantity %p parses', (value) => {
    expect(isQuantity(value)).toBe(true);
  });
  test.each(['', '1GB', '1gi', '2 Gi', 'abc', '1KiB', 'Gi', '1.2.3', '1mi'])('quantity %p does not parse', (value) => {
    expect(isQuantity(value)).toBe(false);
  });

  test.each([
    ['500m', 0.5],
    ['1', 1],
    ['1Gi', 1073741824],
    ['128Mi', 134217728],
    ['1k', 1000],
    ['1e3', 1000],
    ['2.5', 2.5],
  ])('quantity %p is worth %p', (value, expected) => {
    expect(quantityValue(value)).toBeCloseTo(expected);
  });
  test('quantityValue of a non-quantity is undefined', () => {
    expect(quantityValue('1GB')).toBeUndefined();
  });

  test.each([['0%', true], ['10%', true], ['100%', true], ['10', false], ['1.5%', false], ['-1%', false], ['%', false]])('percent %p: %p', (value, valid) => {
    expect(isPercent(value)).toBe(valid);
  });
});
