import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import * as fc from 'fast-check';
import { BatchJob, Completion } from '../../src';
import { hasOnlyBuiltInResolvers, renderPlainJson } from '../../src/synth/render';

/*
 * The expected value of every case is cdk8s's own render, `ApiObject.prototype.toJson` (cdk8s resolves, then
 * sorts): the one-pass render must give exactly that, keys in the same order, or give up.
 */

/** What cdk8s's render gives, and the key order it gives it in (`toStrictEqual` does not compare order). */
function cdk8sRender(object: ApiObject): { json: unknown; text: string } {
  const json = ApiObject.prototype.toJson.call(object);
  return { json, text: JSON.stringify(json) };
}

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'B', '_', '10', '2', '0', '-1', 'é', 'a.b', 'value', 'name', ''),
  fc.string({ maxLength: 6 }),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** Plain JSON with `null`s and `undefined`s, and cdk8s `Lazy`s producing more of the same anywhere. */
const { value: plainValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    tie('value').map((v) => Lazy.any({ produce: () => v })),
  ),
}));

function objectWith(spec: unknown, labels: Record<string, string> = {}, app = new App()): ApiObject {
  const chart = new Chart(app, 'chart');
  return new ApiObject(chart, 'object', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'object', labels }, spec } as any);
}

describe('renderPlainJson gives what cdk8s renders', () => {
  test('random plain JSON with Lazys, nulls and undefineds: the same JSON, keys in the same order', () => {
    fc.assert(fc.property(plainValue, fc.dictionary(key, fc.string({ maxLength: 5 }), { maxKeys: 4 }), (spec, labels) => {
      const object = objectWith(spec, labels);
      const expected = cdk8sRender(object);
      const rendered = renderPlainJson(object);
      expect(rendered).toStrictEqual(expected.json);
      expect(JSON.stringify(rendered)).toBe(expected.text);
    }), { numRuns: 500 });
  });

  test('random metadata (labels, annotations, added fields, finalizers, owners, empty maps and lists): the same JSON', () => {
    const map = fc.dictionary(key, fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null)), { maxKeys: 3 });
    const metadata = fc.record({
      labels: map,
      annotations: map,
      added: fc.dictionary(fc.constantFrom('generateName', 'uid', 'extra', 'labels', 'name'), plainValue, { maxKeys: 2 }),
      finalizers: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
      owners: fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), name: fc.string({ maxLength: 3 }), uid: fc.string({ maxLength: 3 }) }), { maxLength: 2 }),
      namespace: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
    }, { requiredKeys: ['labels'] });
    let renderedInOneCopy = 0;
    fc.assert(fc.property(metadata, fc.boolean(), (m, sort) => {
      if (!sort) process.env.CDK8S_DISABLE_SORT = '1';
      try {
        const chart = new Chart(new App(), 'chart', { namespace: m.namespace });
        const object = new ApiObject(chart, 'object', {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: m.labels as Record<string, string>, annotations: m.annotations as Record<string, string> },
        });
        for (const [k, v] of Object.entries(m.added ?? {})) object.metadata.add(k, v);
        if (m.finalizers) object.metadata.addFinalizers(...m.finalizers);
        for (const owner of m.owners ?? []) object.metadata.addOwnerReference(owner);
        const expected = cdk8sRender(object);
        const rendered = renderPlainJson(object);
        if (rendered === undefined) return; // gave up (a value cdk8s renders its own way): cdk8s renders
        renderedInOneCopy++;
        expect(rendered).toStrictEqual(expected.json);
        expect(JSON.stringify(rendered)).toBe(expected.text);
      } finally {
        delete process.env.CDK8S_DISABLE_SORT;
      }
    }), { numRuns: 500 });
    // Most draws hold only plain values and Lazys: the one-pass render was the one compared.
    expect(renderedInOneCopy).toBeGreaterThan(250);
  });

  test('with CDK8S_DISABLE_SORT, the keys in the order given, as cdk8s keeps them', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const object = objectWith({ zeta: 1, alpha: { y: 2, b: 3 } });
      expect(Object.keys((renderPlainJson(object) as any).spec)).toEqual(['zeta', 'alpha']);
      expect(JSON.stringify(renderPlainJson(object))).toBe(cdk8sRender(object).text);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('a library construct\'s objects: the same JSON as cdk8s renders', () => {
    const app = new App();
    const chart = new Chart(app, 'jobs');
    const job = new BatchJob(chart, 'migrate', {
      completion: Completion.oneShot(),
      containers: [{ name: 'migrate', image: 'registry.example.com/shop:1.4.0', args: ['migrate', 'up'], env: { MODE: 'fast' } }],
    });
    const object = job.node.children.find((c): c is ApiObject => c instanceof ApiObject)!;
    expect(JSON.stringify(renderPlainJson(object))).toBe(cdk8sRender(object).text);
  });

  describe('gives up (undefined) where one copy would not render as cdk8s does, which then renders itself', () => {
    class Port {
      public constructor(public readonly value: number) {}
    }
    test.each<[string, unknown]>([
      ['a class instance (cdk8s\'s NumberStringUnionResolver turns it into { value })', { port: new Port(80) }],
      ['an object with a resolve() (an implicit token)', { port: { resolve: () => 80 } }],
      ['a function', { handler: () => 1 }],
      ['a key named constructor (cdk8s stops copying that object)', { labels: { constructor: 'x' } }],
      ['a key named __proto__', JSON.parse('{"__proto__": {"a": 1}}')],
      ['an object without a prototype', Object.assign(Object.create(null), { a: 1 })],
      ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
      ['a Lazy that throws', { a: Lazy.any({ produce: () => { throw new Error('no'); } }) }],
    ])('%s', (_, spec) => {
      expect(renderPlainJson(objectWith(spec))).toBeUndefined();
    });

    test('an object with JSON patches', () => {
      const object = objectWith({ a: 1 });
      object.addJsonPatch(JsonPatch.add('/spec/b', 2));
      expect(renderPlainJson(object)).toBeUndefined();
    });
  });
});

describe('hasOnlyBuiltInResolvers', () => {
  class Upper implements IResolver {
    public resolve(context: ResolutionContext): void {
      if (typeof context.value === 'string' && context.value !== context.value.toUpperCase()) context.replaceValue(context.value.toUpperCase());
    }
  }
  test('true for a default app, false with a resolver of the app\'s own', () => {
    expect(hasOnlyBuiltInResolvers(new App())).toBe(true);
    expect(hasOnlyBuiltInResolvers(new App({ resolvers: [new Upper()] }))).toBe(false);
  });

  test('a library construct in an app with its own resolver is rendered by cdk8s, the resolver applied', () => {
    const app = new App({ resolvers: [new Upper()] });
    const job = new BatchJob(new Chart(app, 'jobs'), 'migrate', {
      completion: Completion.oneShot(),
      containers: [{ name: 'migrate', image: 'registry.example.com/shop:1.4.0' }],
    });
    const object = job.node.children.find((c): c is ApiObject => c instanceof ApiObject)!;
    expect(object.toJson().kind).toBe('JOB');
  });
});
