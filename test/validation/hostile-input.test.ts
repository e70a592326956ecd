import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { KubernetesTarget, NodeAgent, formatViolation, validateManifest, validatePods } from '../../src';

jest.setTimeout(60_000);

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** What Object.prototype looks like, to compare before and after. */
function prototypeState(): string {
  return JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) + String(Object.getPrototypeOf({}) === Object.prototype);
}

/** A valid DaemonSet as JSON text, so that `JSON.parse` gives own `__proto__` keys, as YAML and JSON parsers do. */
function daemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', labels: { app: 'a' }, annotations: { note: 'x' } },
    spec: {
      selector: { matchLabels: { app: 'a' } },
      template: {
        metadata: { labels: { app: 'a' } },
        spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'a', image: 'nginx:1.25', resources: { limits: { cpu: '1' } } }] },
      },
    },
  };
}

/** `JSON.parse` of the manifest with `key: value` added as an own entry of the object at `at`. */
function withEntry(at: readonly string[], key: string, value: unknown): any {
  const manifest = daemonSet();
  let target = manifest;
  for (const step of at) target = target[step];
  target[`@@${key}`] = value;
  return JSON.parse(JSON.stringify(manifest).replace(JSON.stringify(`@@${key}`), () => JSON.stringify(key)));
}

const messages = (manifest: unknown): string[] => validateManifest(manifest).map(formatViolation);

describe('input is data: __proto__, constructor and prototype are ordinary keys', () => {
  const before = prototypeState();
  afterEach(() => expect(prototypeState()).toBe(before));

  test('the issue reproducer: a label map and a spec field named __proto__ are refused, not merged into the prototype', () => {
    const manifest = JSON.parse(`{"apiVersion": "apps/v1", "kind": "DaemonSet",
      "metadata": {"name": "a", "labels": {"__proto__": {"x": 1}}},
      "spec": {"__proto__": {"selector": {"matchLabels": {"app": "a"}}},
        "template": {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "a", "image": "nginx"}]}}}}`);
    expect(messages(manifest)).toEqual([
      'metadata.labels[__proto__]: Invalid value: {"x":1}: must be a string',
      "spec.__proto__: Forbidden: unknown field: the Kubernetes 1.27 API has no such field (kubectl's strict validation rejects it)",
      'spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`',
    ]);
    expect(({} as any).x).toBeUndefined();
    expect(({} as any).selector).toBeUndefined();
  });

  const fieldPositions: [string[], string][] = [
    [[], ''],
    [['metadata'], 'metadata.'],
    [['spec'], 'spec.'],
    [['spec', 'selector'], 'spec.selector.'],
    [['spec', 'template'], 'spec.template.'],
    [['spec', 'template', 'spec'], 'spec.template.spec.'],
  ];
  test.each(PROTOTYPE_KEYS.flatMap((key) => fieldPositions.map(([at, prefix]) => [key, prefix, at] as const)))(
    'fails if %s is a field of %s (an unknown field)', (key, prefix, at) => {
      expect(messages(withEntry(at, key, { selector: { matchLabels: { app: 'a' } } }))).toContain(
        `${prefix}${key}: Forbidden: unknown field: the Kubernetes 1.27 API has no such field (kubectl's strict validation rejects it)`);
    });

  test('fails if __proto__ is a field of a container', () => {
    expect(messages(withEntry(['spec', 'template', 'spec', 'containers', '0'], '__proto__', 'x'))).toEqual([
      "spec.template.spec.containers[0].__proto__: Forbidden: unknown field: the Kubernetes 1.27 API has no such field (kubectl's strict validation rejects it)",
    ]);
  });

  const QUALIFIED_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName' or 'my.name')";
  test.each([
    [['metadata', 'labels'], 'metadata.labels'],
    [['metadata', 'annotations'], 'metadata.annotations'],
    // ValidatePodTemplateSpec reports the template's labels at spec.template.labels.
    [['spec', 'template', 'metadata', 'labels'], 'spec.template.labels'],
    [['spec', 'template', 'spec', 'nodeSelector'], 'spec.template.spec.nodeSelector'],
  ])('fails if a key of %j is __proto__ (not a qualified name), which is kept, not dropped', (at, field) => {
    expect(messages(withEntry(at, '__proto__', 'x'))).toContain(`${field}: Invalid value: "__proto__": ${QUALIFIED_NAME}`);
  });

  test('a resource named __proto__ or constructor is refused as a resource name, not read from the prototype', () => {
    const manifest = withEntry(['spec', 'template', 'spec', 'containers', '0', 'resources', 'limits'], '__proto__', '2');
    manifest.spec.template.spec.containers[0].resources.requests = JSON.parse('{"constructor": "1"}');
    expect(messages(manifest)).toEqual([
      `spec.template.spec.containers[0].resources.limits[__proto__]: Invalid value: "__proto__": ${QUALIFIED_NAME}`,
      'spec.template.spec.containers[0].resources.limits[__proto__]: Invalid value: "__proto__": must be a standard resource for containers',
      'spec.template.spec.containers[0].resources.requests[constructor]: Invalid value: "constructor": must be a standard resource for containers',
    ]);
  });

  test('labels named constructor and prototype are valid (they are qualified names), and selectors match them', () => {
    const manifest = daemonSet();
    manifest.metadata.labels = { constructor: 'x', prototype: 'y' };
    manifest.spec.selector.matchLabels = { constructor: 'x' };
    manifest.spec.template.metadata.labels = { constructor: 'x', prototype: 'y' };
    expect(messages(manifest)).toEqual([]);
  });

  test('a selector label constructor that the template lacks does not match (it is not read from the prototype)', () => {
    const manifest = daemonSet();
    manifest.spec.selector.matchLabels = { constructor: 'x' };
    expect(messages(manifest)).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`']);
  });

  // cdk8s's sanitizeValue copies maps with `newObj[key] = value`, which drops a `__proto__` entry before the
  // chart's manifest check sees it: the construct's own checks must name it.
  test.each([
    ['metadata.labels', { metadata: { name: 'agent', labels: JSON.parse('{"__proto__": "x"}') } }],
    ['metadata.annotations', { metadata: { name: 'agent', annotations: JSON.parse('{"__proto__": "x"}') } }],
    ['nodeSelector', { metadata: { name: 'agent' }, nodeSelector: JSON.parse('{"__proto__": "x", "disk": "ssd"}') }],
  ])('fails at synth if a NodeAgent\'s %s has a __proto__ key, which is named, not dropped', (_, props) => {
    const chart = new Chart(Testing.app(), 'chart');
    new NodeAgent(chart, 'agent', { ...props, containers: [{ name: 'a', image: 'nginx:1.25' }] });
    expect(() => Testing.synth(chart)).toThrow(/cdk8s drops when it renders.*'__proto__' name part must consist of alphanumeric characters/);
  });

  /** A JSON text whose objects mix prototype keys with other keys: `JSON.parse` makes them own keys. */
  const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 3 },
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)).map((v) => JSON.stringify(v)),
      fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string()), tie('value')), { maxLength: 4 })
        .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  })).value;

  test('random JSON with prototype keys, anywhere in a manifest, for any target, never changes a prototype and never throws', () => {
    const positions = [[], ['metadata'], ['metadata', 'labels'], ['spec'], ['spec', 'template', 'spec'], ['spec', 'template', 'spec', 'containers', '0']];
    const versions = fc.constantFrom(...KubernetesTarget.VERSIONS);
    fc.assert(fc.property(jsonText, fc.constantFrom(...positions), fc.string(), versions, (text, at, key, kubernetesVersion) => {
      const value = JSON.parse(text);
      expect(() => validateManifest(value, { kubernetesVersion })).not.toThrow();
      expect(() => validateManifest(withEntry(at, key, value), { kubernetesVersion })).not.toThrow();
      expect(() => validatePods(withEntry(at, key, value), { kubernetesVersion })).not.toThrow();
      expect(prototypeState()).toBe(before);
    }), { numRuns: 300 });
  });

  test('a prototype key where the server refuses it always gives a finding that names it', () => {
    const positions = fieldPositions.map(([at, prefix]) => [at, prefix] as const);
    fc.assert(fc.property(fc.constantFrom(...PROTOTYPE_KEYS), jsonText, fc.constantFrom(...positions), (key, text, [at, prefix]) => {
      const found = validateManifest(withEntry(at, key, JSON.parse(text)));
      expect(found).toContainEqual(expect.objectContaining({ field: `${prefix}${key}`, type: 'Forbidden' }));
      expect(prototypeState()).toBe(before);
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.string(), fc.constantFrom(['metadata', 'labels'], ['spec', 'template', 'spec', 'nodeSelector']), (value, at) => {
      const found = validateManifest(withEntry(at, '__proto__', value)).map(formatViolation);
      expect(found.some((line) => line.includes('"__proto__"'))).toBe(true);
    }), { numRuns: 100 });
  });
});

describe('numbers JSON has no text for are named, and never taken as integers', () => {
  const FINITE = 'must be a finite number: JSON has no NaN or Infinity, so kubectl cannot convert the document to JSON';
  const job = (spec: Record<string, unknown>, labels: Record<string, unknown> = {}): unknown => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', labels },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
  });

  test('fails if an integer field is NaN, Infinity or -Infinity, each named as such', () => {
    expect(messages(job({ parallelism: NaN, completions: Infinity, backoffLimit: -Infinity }))).toEqual([
      `spec.parallelism: Invalid value: NaN: ${FINITE}`,
      `spec.completions: Invalid value: Infinity: ${FINITE}`,
      `spec.backoffLimit: Invalid value: -Infinity: ${FINITE}`,
    ]);
  });

  test('fails if a string or quantity field holds NaN or Infinity (a quantity number is otherwise accepted)', () => {
    const manifest = job({}, { tier: NaN }) as any;
    manifest.spec.template.spec.containers[0].resources = { limits: { cpu: Infinity, memory: 1024 } };
    expect(messages(manifest)).toEqual([
      `metadata.labels[tier]: Invalid value: NaN: ${FINITE}`,
      `spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: Infinity: ${FINITE}`,
    ]);
  });

  test('-0 is the integer 0 (as Go decodes it), and named -0 where a message shows it', () => {
    expect(messages(job({ ttlSecondsAfterFinished: -0 }))).toEqual([]);
    expect(messages(job({}, { tier: -0 }))).toEqual(['metadata.labels[tier]: Invalid value: -0: must be a string']);
  });

  test('values holding such numbers show them inside lists and maps too', () => {
    const manifest = job({}) as any;
    manifest.spec.template.spec.containers[0].command = [NaN, 'x', -0];
    expect(messages(manifest)).toEqual([
      `spec.template.spec.containers[0].command[0]: Invalid value: NaN: ${FINITE}`,
      'spec.template.spec.containers[0].command[2]: Invalid value: -0: must be a string',
    ]);
    expect(messages({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: [Infinity, { a: -Infinity }] })).toContain(
      'spec: Invalid value: [Infinity,{"a":-Infinity}]: must be an object');
  });

  test('a finding names NaN, Infinity and -0 (not JSON\'s null and 0)', () => {
    expect(formatViolation({ field: 'spec.parallelism', type: 'Invalid value', value: NaN, message: 'must be a whole number greater than or equal to 0' }))
      .toBe('spec.parallelism: Invalid value: NaN: must be a whole number greater than or equal to 0');
    expect(formatViolation({ field: 'spec.backoffLimit', type: 'Invalid value', value: -Infinity, message: 'x' })).toBe('spec.backoffLimit: Invalid value: -Infinity: x');
    expect(formatViolation({ field: 'spec.completions', type: 'Invalid value', value: [Infinity, -0], message: 'x' })).toBe('spec.completions: Invalid value: [Infinity,-0]: x');
  });
});
