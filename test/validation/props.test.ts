import { frozenCopy, prototypeKeyProblems } from '../../src/validation/props';

describe('prototypeKeyProblems', () => {
  test('names the field holding each __proto__ key, in the API server\'s path notation, the outer one first', () => {
    const props = { metadata: { labels: { app: 'a' } }, volumes: [{ name: 'v' }, { name: 'w', items: JSON.parse('{"__proto__": {"__proto__": 1}}') }] };
    expect(prototypeKeyProblems(props).map((p) => [p.field, p.value])).toEqual([
      ['volumes[1].items', '__proto__'],
      ['volumes[1].items.__proto__', '__proto__'],
    ]);
    expect(prototypeKeyProblems(JSON.parse('{"__proto__": "x"}')).map((p) => p.field)).toEqual(['']);
    expect(prototypeKeyProblems([JSON.parse('{"__proto__": "x"}')], 'containers').map((p) => p.field)).toEqual(['containers[0]']);
  });

  test('finds nothing where there is no __proto__ key', () => {
    expect(prototypeKeyProblems({ constructor: 'x', prototype: { a: [1, { b: 2 }] } })).toEqual([]);
  });
});

describe('frozenCopy', () => {
  test('copies plain objects and arrays, frozen, and keeps a __proto__ key as an ordinary own key', () => {
    const props = JSON.parse('{"labels": {"__proto__": "x", "app": "a"}, "args": ["a"]}');
    const copy = frozenCopy(props);
    expect(copy).not.toBe(props);
    expect(copy.labels).not.toBe(props.labels);
    expect(Object.isFrozen(copy) && Object.isFrozen(copy.labels) && Object.isFrozen(copy.args)).toBe(true);
    expect(Object.keys(copy.labels)).toEqual(['__proto__', 'app']);
    expect(Object.getPrototypeOf(copy.labels)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy.labels, '__proto__')).toEqual({ value: 'x', enumerable: true, writable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(copy.labels, 'app')).toEqual({ value: 'a', enumerable: true, writable: false, configurable: false });
  });
});
