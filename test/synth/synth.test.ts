import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { readWithGoYaml } from './yaml-readers';
import { buildApp } from '../../examples/app/app';
import { BatchJob, Completion, synth, synthYaml } from '../../src';
import { documentYaml } from '../../src/synth/yaml-writer';
import { MemoizedApiObject } from '../../src/validation/chart-validation';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
}

/** Every file under `dir` (relative path → text). */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else files[relative] = fs.readFileSync(path.join(dir, relative), 'utf8');
    }
  };
  walk('');
  return files;
}

/**
 * Two charts, the second depending on the first, with objects whose order in a chart is set by dependencies and a
 * migration Job: an app where names, numbering and document order all matter.
 */
function dependentApp(props: AppProps): App {
  const app = new App(props);
  const base = new Chart(app, 'base', { disableResourceNameHashes: true });
  const config = new ApiObject(base, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { mode: 'fast' } });
  const account = new ApiObject(base, 'account', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'account' } });
  config.addDependency(account);
  const jobs = new Chart(app, 'jobs', { namespace: 'shop' });
  const job = new BatchJob(jobs, 'migrate', {
    metadata: { name: 'migrate' },
    completion: Completion.oneShot(),
    containers: [{ name: 'migrate', image: 'registry.example.com/shop:1.4.0', args: ['migrate', 'up'] }],
  });
  job.node.addDependency(config);
  new ApiObject(jobs, 'quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' }, spec: { hard: { pods: '10' } } });
  return app;
}

describe('synth', () => {
  describe('writes what app.synth() writes: the same files, names, documents and order, the same bytes where cdk8s is read right', () => {
    test('the example app', () => {
      const [cdk8s, ours] = [tempDir(), tempDir()];
      buildApp(cdk8s).synth();
      const written = synth(buildApp(ours));
      expect(written).toEqual(['logging', 'coordination', 'jobs'].map((chart) => path.join(ours, `${chart}.k8s.yaml`)));
      expect(tree(ours)).toEqual(tree(cdk8s));
    });

    test.each([
      ['one file per chart, numbered as charts depend on each other', {}],
      ['one file for the app', { yamlOutputType: YamlOutputType.FILE_PER_APP }],
      ['one file per resource', { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }],
      ['a folder per chart, a file per resource', { yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }],
      ['another extension, with construct metadata', { outputFileExtension: '.yml', recordConstructMetadata: true }],
    ])('%s', (_, props: AppProps) => {
      const [cdk8s, ours] = [tempDir(), tempDir()];
      dependentApp({ ...props, outdir: cdk8s }).synth();
      synth(dependentApp({ ...props, outdir: ours }));
      expect(Object.keys(tree(ours)).length).toBeGreaterThan(0);
      expect(tree(ours)).toEqual(tree(cdk8s));
    });

    test('the numbered file names and the order of documents are those of dependencies', () => {
      const outdir = tempDir();
      expect(synth(dependentApp({ outdir })).map((f) => path.basename(f))).toEqual(['0000-base.k8s.yaml', '0001-jobs.k8s.yaml']);
      const kinds = (file: string) => [...fs.readFileSync(path.join(outdir, file), 'utf8').matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
      expect(kinds('0000-base.k8s.yaml')).toEqual(['ServiceAccount', 'ConfigMap']);
      expect(kinds('0001-jobs.k8s.yaml')).toEqual(['Job', 'ResourceQuota']);
    });

    test('a file longer than one write (1 MiB) is written whole: the bytes of synthYaml, multi-byte characters included', () => {
      const bigApp = (outdir?: string) => {
        const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_APP });
        const chart = new Chart(app, 'big', { disableResourceNameHashes: true });
        for (let i = 0; i < 40; i++) {
          // 2 bytes per character in UTF-8, and a 4-byte one: a batch boundary may not split a character.
          new ApiObject(chart, `config-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `config-${i}` }, data: { text: `${'ä'.repeat(40_000)}🚀${i}` } });
        }
        return app;
      };
      const outdir = tempDir();
      const [file] = synth(bigApp(outdir));
      const written = fs.readFileSync(file);
      expect(written.length).toBeGreaterThan(3 * 2 ** 20);
      expect(written.equals(Buffer.from(synthYaml(bigApp()), 'utf8'))).toBe(true);
      expect(written.toString('utf8').split('---\n')).toHaveLength(40);
    });

    test('a chart whose toJson() is overridden is written as it says', () => {
      class Custom extends Chart {
        public toJson(): any[] {
          return [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'custom' } }];
        }
      }
      const [cdk8s, ours] = [tempDir(), tempDir()];
      const cdk8sApp = new App({ outdir: cdk8s });
      new Custom(cdk8sApp, 'custom');
      cdk8sApp.synth();
      const oursApp = new App({ outdir: ours });
      new Custom(oursApp, 'custom');
      synth(oursApp);
      expect(tree(ours)).toEqual(tree(cdk8s));
      expect(tree(ours)['custom.k8s.yaml']).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: custom\n');
    });
  });

  test('writes to CDK8S_OUTDIR, which `cdk8s synth` sets for the app it runs', () => {
    const outdir = tempDir();
    const before = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const app = new App();
      new ApiObject(new Chart(app, 'web'), 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } });
      expect(synth(app)).toEqual([path.join(outdir, 'web.k8s.yaml')]);
    } finally {
      if (before === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = before;
    }
  });

  test('runs every validation once, however many charts (cdk8s: once per chart plus once)', () => {
    const runs = (synthesize: (app: App) => unknown) => {
      const app = new App({ outdir: tempDir() });
      let count = 0;
      for (const id of ['a', 'b', 'c']) {
        const chart = new Chart(app, id);
        new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: id } });
      }
      app.node.addValidation({ validate: () => (count++, []) });
      synthesize(app);
      return count;
    };
    expect(runs((app) => app.synth())).toBe(4);
    expect(runs(synth)).toBe(1);
    expect(runs(synthYaml)).toBe(1);
  });

  describe('fails with cdk8s\'s message, and writes nothing, not even the directory', () => {
    const failing = (outdir: string) => {
      const app = new App({ outdir });
      const chart = new Chart(app, 'jobs');
      new BatchJob(chart, 'migrate', {
        metadata: { name: 'Migrate' },
        completion: Completion.oneShot(),
        containers: [{ name: 'migrate', image: '' }],
      });
      return app;
    };

    test('when a validation fails', () => {
      const [cdk8s, ours] = [path.join(tempDir(), 'cdk8s'), path.join(tempDir(), 'ours')];
      let expected = '';
      try {
        failing(cdk8s).synth();
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected).toMatch(/^Validation failed with the following errors:\n {2}\[jobs\/migrate\] /);
      expect(() => synth(failing(ours))).toThrow(expected);
      expect(fs.existsSync(ours)).toBe(false);
    });

    test('when an object cannot be written as YAML, though every other file could', () => {
      const outdir = path.join(tempDir(), 'out');
      const app = new App({ outdir });
      new ApiObject(new Chart(app, 'first'), 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'first' } });
      new ApiObject(new Chart(app, 'second'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { ratio: NaN } });
      expect(() => synth(app)).toThrow('cannot write YAML document 1: .data.ratio: NaN is not a JSON number');
      expect(fs.existsSync(outdir)).toBe(false);
    });
  });

  describe('\'0o17\' as a label value, container name and env value comes out quoted, and go-yaml reads it back', () => {
    const build = () => {
      const app = new App({ outdir: tempDir() });
      new BatchJob(new Chart(app, 'jobs'), 'job', {
        metadata: { name: 'job', labels: { release: '0o17' } },
        completion: Completion.oneShot(),
        containers: [{ name: '0o17', image: 'busybox:1.36', env: { CODE: '0o17' } }],
      });
      return app;
    };

    test('cdk8s writes it plain, which go-yaml reads as the number 15', () => {
      const yaml = build().synthYaml();
      expect(yaml).toContain('release: 0o17\n');
      expect((readWithGoYaml(yaml, 'v2')[0] as any).metadata.labels.release).toBe(15);
    });

    test('synthYaml and synth quote it', () => {
      const app = build();
      const yaml = synthYaml(app);
      expect(yaml).toContain('release: "0o17"\n');
      expect(yaml).toContain('          name: "0o17"\n');
      expect(yaml).toMatch(/- name: CODE\n +value: "0o17"\n/);
      expect(readWithGoYaml(yaml, 'v2')).toEqual(app.charts.flatMap((c) => c.toJson()));
      const [file] = synth(build());
      expect(fs.readFileSync(file, 'utf8')).toBe(yaml);
    });
  });

  describe('writes the render the validation read, not a copy of it, and never changes it', () => {
    /** Every object and array in `value`, frozen: a write to one throws (test code is strict mode). */
    const deepFreeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        Object.values(value).forEach(deepFreeze);
      }
      return value;
    };
    afterEach(() => jest.restoreAllMocks());

    const synthesizers: Array<[string, (app: App) => unknown]> = [
      ['synthYaml', (app: App) => synthYaml(app)],
      ...(['FILE_PER_CHART', 'FILE_PER_APP', 'FILE_PER_RESOURCE', 'FOLDER_PER_CHART_FILE_PER_RESOURCE'] as const).map(
        (type): [string, (app: App) => unknown] => [`synth, ${type}`, (app: App) => {
          (app as { yamlOutputType: YamlOutputType }).yamlOutputType = YamlOutputType[type];
          synth(app);
          return tree(app.outdir);
        }],
      ),
    ];
    test.each(synthesizers)('%s', (_, synthesize) => {
      const expected = synthesize(buildApp(tempDir()));
      const sharedJson = MemoizedApiObject.prototype.sharedJson;
      const renders: unknown[] = [];
      jest.spyOn(MemoizedApiObject.prototype, 'sharedJson').mockImplementation(function (this: MemoizedApiObject) {
        const json = deepFreeze(sharedJson.call(this));
        renders.push(json);
        return json;
      });
      const toJson = jest.spyOn(MemoizedApiObject.prototype, 'toJson');
      const app = buildApp(tempDir());
      expect(synthesize(app)).toEqual(expected);
      expect(renders.length).toBeGreaterThan(0);
      expect(renders.every((json) => Object.isFrozen(json) && Object.isFrozen((json as any).metadata))).toBe(true);
      expect(toJson).not.toHaveBeenCalled();
    });
  });

  describe('writes each library object as soon as its validation has read it, and lets its render go', () => {
    const worker = { name: 'work', image: 'registry.example.com/work:1.0' };

    test('no earlier object holds its render while a later construct is validated', () => {
      const app = new App({ outdir: tempDir() });
      const chart = new Chart(app, 'jobs');
      const jobs = ['a', 'b', 'c'].map((name) => new BatchJob(chart, name, { metadata: { name }, containers: [worker] }));
      const seen: Array<{ rendered: boolean; written: boolean }> = [];
      // Validated last: the tree is walked parents first, in the order constructs were added.
      new Construct(chart, 'last').node.addValidation({
        validate: () => {
          for (const job of jobs) {
            const object = ApiObject.of(job) as MemoizedApiObject;
            const rendered = (object as unknown as { rendered?: unknown }).rendered !== undefined;
            seen.push({ rendered, written: object.writtenYaml() !== undefined });
          }
          return [];
        },
      });
      const yaml = synthYaml(app);
      expect(seen).toEqual(jobs.map(() => ({ rendered: false, written: true })));
      expect(yaml).toBe(app.synthYaml());
    });

    test('a change after a synth is in the next one: the text written ahead is not reused', () => {
      const app = new App({ outdir: tempDir() });
      const job = new BatchJob(new Chart(app, 'jobs'), 'a', { metadata: { name: 'a' }, containers: [worker] });
      const before = synthYaml(app);
      const object = ApiObject.of(job) as MemoizedApiObject;
      object.sharedJson();
      object.writeAhead(documentYaml);
      expect(object.writtenYaml()).toBe(before);
      object.metadata.addLabel('tier', '0o17');
      expect(object.writtenYaml()).toBeUndefined();
      const after = synthYaml(app);
      expect(before).not.toContain('tier');
      expect(after).toContain('tier: "0o17"');
      expect((readWithGoYaml(after, 'v2')[0] as any).metadata.labels).toEqual({ tier: '0o17' });
    });
  });

  test('synthYaml is app.synthYaml() where cdk8s is read right', () => {
    expect(synthYaml(buildApp(tempDir()))).toBe(buildApp(tempDir()).synthYaml());
  });

  test('orders documents as cdk8s does for random dependencies (groups, nested charts, cycles refused alike)', () => {
    // Objects 0..n-1 in two charts, some inside plain constructs (groups), some in a chart nested in the first; random edges.
    const shape = fc.record({
      objects: fc.array(fc.record({ group: fc.integer({ min: 0, max: 3 }), nested: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 }),
    });
    type Shape = { objects: Array<{ group: number; nested: boolean }>; edges: Array<[number, number, boolean]> };
    const build = ({ objects, edges }: Shape, withCycles: boolean): App => {
      const app = new App();
      const chart = new Chart(app, 'main', { disableResourceNameHashes: true });
      const nested = new Chart(chart, 'nested', { disableResourceNameHashes: true });
      const other = new Chart(app, 'other', { disableResourceNameHashes: true });
      const groups = [0, 1, 2, 3].map((g) => new Construct([chart, chart, nested, other][g], `group${g}`));
      const made = objects.map(({ group, nested: inNested }, i) => new ApiObject(group === 0 && inNested ? nested : groups[group], `o${i}`, {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `o${i}` },
      }));
      for (const [a, b, onGroup] of edges) {
        const [from, to] = [a % made.length, b % made.length];
        if (from === to || (!withCycles && from < to)) continue;
        const source = onGroup ? made[from].node.scope! : made[from];
        source.node.addDependency(made[to]);
      }
      return app;
    };
    const outcome = (run: () => string): string => {
      try {
        return [...run().matchAll(/^ {2}name: (\S+)$/gm)].map((m) => m[1]).join(' ');
      } catch (error) {
        return `error: ${(error as Error).message}`;
      }
    };
    fc.assert(fc.property(shape, fc.boolean(), (s, withCycles) => {
      expect(outcome(() => synthYaml(build(s, withCycles)))).toBe(outcome(() => build(s, withCycles).synthYaml()));
    }), { numRuns: 300 });
  });
});
