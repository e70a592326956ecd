import * as fc from 'fast-check';
import { cloneJson, cloneRendered } from '../../src/validation/json';

/** A value's shape as plain data, keys in order (`toStrictEqual` would compare own `constructor` keys as types). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return ['[]', value.map(shape)];
  if (typeof value === 'object' && value !== null) return ['{}', Object.keys(value).map((k) => [k, shape((value as any)[k])]), Object.getPrototypeOf(value) === Object.prototype];
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return [typeof value, value];
}

describe('cloneRendered, the copy of a render (no cycle possible)', () => {
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'a', '0', 'toString'), fc.string({ maxLength: 5 }));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' },
      fc.string({ maxLength: 5 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(() => 1),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  }));

  test('copies as cloneJson copies: JSON values only, every key an own entry, nothing shared', () => {
    fc.assert(fc.property(value, (v) => {
      const copy = cloneRendered(v);
      expect(shape(copy)).toEqual(shape(cloneJson(v)));
      if (typeof v === 'object' && v !== null) expect(copy).not.toBe(v);
    }), { numRuns: 500 });
  });

  test('a __proto__ key stays an ordinary key and changes no prototype', () => {
    const copy = cloneRendered(JSON.parse('{"labels": {"__proto__": {"polluted": "yes"}}}')) as any;
    expect(Object.keys(copy.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.labels)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
  });
});
