import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { APP_CDK8S_YAML, APP_DEV_DEPENDENCIES, APP_TSCONFIG, appMainTs } from './app-repo';
import { packedTarball } from './tarball';

/**
 * The path a new user walks: install the tarball we publish (dist/js/k8s-workloads-<version>.tgz, packed by
 * test/global-setup.ts) into a fresh app repo with its peers, ts-node and TypeScript from the npm registry,
 * synthesize a main.ts that uses the constructs, read the YAML it wrote. A second app takes the same tarball as an
 * ES module (`"type": "module"`, `module: NodeNext`, named imports), compiled with TypeScript 7 and run with node.
 *
 * The app is run as `cdk8s synth` runs it: the `app` command of its cdk8s.yaml with `CDK8S_OUTDIR` set. The cdk8s
 * CLI itself is not installed: it brings jsii, jsii-rosetta and cdk8s-plus-33 (about 120 MB), which took most of
 * this test's time and is not our code.
 */

const root = path.join(__dirname, '..');

/** Every object test/fixtures/app-repo/main.ts emits, in the order it emits them. */
const EXPECTED_OBJECTS = [
  { kind: 'DaemonSet', name: 'log-shipper' },
  { kind: 'Service', name: 'cache' },
  { kind: 'StatefulSet', name: 'cache' },
  { kind: 'Job', name: 'migrate-1-4-0' },
  { kind: 'CronJob', name: 'nightly-report' },
];

/** The kinds the validator checks (it skips the others, such as the Service of an OrderedStore). */
const VALIDATED_KINDS = ['DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
const EXPECTED_WORKLOADS = EXPECTED_OBJECTS.filter((o) => VALIDATED_KINDS.includes(o.kind));

/** The app's package.json: the packed library, the peers in the ranges we declare, ts-node and TypeScript. */
function appPackageJson(tarball: string): object {
  const peers: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).peerDependencies;
  return {
    name: 'my-app',
    version: '0.0.0',
    private: true,
    dependencies: { 'k8s-workloads': `file:${tarball}`, ...peers },
    devDependencies: Object.fromEntries(Object.entries(APP_DEV_DEPENDENCIES).filter(([name]) => name !== 'cdk8s-cli')),
  };
}

/**
 * The ES-module app's tsconfig.json: Node's own ESM resolution, which reads the `exports` of the package and its
 * peers, and imports the CommonJS build through Node's named-export detection.
 */
const ESM_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'] },
}, null, 2) + '\n';

/** The environment without what `npm test` sets for our own package, so npm in the app sees only the app. */
function appEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...env, npm_config_update_notifier: 'false', CI: 'true' };
}

let workdir: string;
let appDir: string;

/** The command `cdk8s synth` runs: the `app` line of the app's cdk8s.yaml. */
const APP_COMMAND = /^app: (.+)$/m.exec(APP_CDK8S_YAML)![1];

/** The main.ts of each synth: the fixture, and two that must fail. */
const MAIN_TS = {
  fixture: appMainTs(),
  wrongLiteral: `
import { App, Chart } from 'cdk8s';
import { NodeAgent } from 'k8s-workloads';
const app = new App();
new NodeAgent(new Chart(app, 'workloads'), 'agent', {
  revisionHistoryLimit: -1,
  containers: [{ name: 'agent', image: 'agent:1.0' }],
});
app.synth();
`,
  emptyImage: `
import { App, Chart } from 'cdk8s';
import { NodeAgent } from 'k8s-workloads';
const app = new App();
new NodeAgent(new Chart(app, 'workloads'), 'agent', {
  containers: [{ name: 'agent', image: '' }],
});
app.synth();
`,
};

interface SynthResult {
  readonly status: number | null;
  readonly output: string;
  /** The files in dist/ afterwards. */
  readonly written: string[];
}

let synths: Record<keyof typeof MAIN_TS, SynthResult>;
let esmSynth: SynthResult;
let esmAppDir: string;

/**
 * The ES-module app is compiled with TypeScript 7 (ours, test/typescript7), which does not run under ts-node, then
 * run by node: how an app on TypeScript 7 synthesizes. The CommonJS app above covers TypeScript 6.
 */
const TSC_7 = path.join(root, 'node_modules', 'typescript7', 'node_modules', 'typescript', 'bin', 'tsc');
const ESM_APP_COMMAND = `"${process.execPath}" "${TSC_7}" -p . && node main.js`;

/** Synthesizes the app in `dir` as `cdk8s synth` does; resolves to its exit status and output. */
function synth(dir: string, command = APP_COMMAND): Promise<SynthResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd: dir, env: { ...appEnv(), CDK8S_OUTDIR: 'dist' }, shell: true });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (status) => {
      const dist = path.join(dir, 'dist');
      resolve({ status, output, written: fs.existsSync(dist) ? fs.readdirSync(dist).sort() : [] });
    });
  });
}

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-workloads-app-repo-'));
  const tarball = packedTarball();

  // One app repo per main.ts, so the synths run side by side; the others share the first one's install.
  const dirs = Object.fromEntries(Object.keys(MAIN_TS).map((name) => [name, path.join(workdir, name === 'fixture' ? 'my-app' : `my-app-${name}`)]));
  appDir = dirs.fixture;
  for (const [name, dir] of Object.entries(dirs)) {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(appPackageJson(tarball), null, 2));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), APP_TSCONFIG);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), APP_CDK8S_YAML);
    fs.writeFileSync(path.join(dir, 'main.ts'), MAIN_TS[name as keyof typeof MAIN_TS]);
  }
  // The ES-module app: the fixture's main.ts as it is, in a package of type module.
  esmAppDir = path.join(workdir, 'my-esm-app');
  fs.mkdirSync(esmAppDir);
  fs.writeFileSync(path.join(esmAppDir, 'package.json'), JSON.stringify({ ...appPackageJson(tarball), name: 'my-esm-app', type: 'module' }, null, 2));
  fs.writeFileSync(path.join(esmAppDir, 'tsconfig.json'), ESM_TSCONFIG);
  fs.writeFileSync(path.join(esmAppDir, 'main.ts'), MAIN_TS.fixture);

  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: appDir, env: appEnv(), stdio: 'ignore' });
  for (const dir of [...Object.values(dirs), esmAppDir]) {
    if (dir !== appDir) fs.symlinkSync(path.join(appDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }
  const names = Object.keys(MAIN_TS) as (keyof typeof MAIN_TS)[];
  const [esmResult, ...results] = await Promise.all([synth(esmAppDir, ESM_APP_COMMAND), ...names.map((name) => synth(dirs[name]))]);
  synths = Object.fromEntries(names.map((name, i) => [name, results[i]])) as typeof synths;
  esmSynth = esmResult;
}, 10 * 60_000);

afterAll(() => {
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

/** What the fixture's synth wrote. */
function fixtureYaml(): string {
  const file = path.join(appDir, 'dist', 'workloads.k8s.yaml');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('an app repo using the packed library', () => {
  test('synth writes the objects of main.ts', () => {
    const { status, output, written } = synths.fixture;
    const text = fixtureYaml();
    expect(output).not.toMatch(/error/i);
    expect(status).toBe(0);
    expect(written).toEqual(['workloads.k8s.yaml']);

    const manifests = parseAllDocuments(text).map((doc) => doc.toJS());
    expect(manifests.map((m) => ({ kind: m.kind, name: m.metadata.name }))).toEqual(EXPECTED_OBJECTS);
    for (const manifest of manifests) expect(manifest.metadata.namespace).toBe('apps');
  }, 5 * 60_000);

  test('validateManifest, imported from the installed package, accepts every object written', () => {
    const text = fixtureYaml();
    // The package as the app resolves it (through its `exports`), not our src/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installed = require(require.resolve('k8s-workloads', { paths: [appDir] }));
    const workloads = parseAllDocuments(text).map((doc) => doc.toJS()).filter((m) => VALIDATED_KINDS.includes(m.kind));
    expect(workloads).toHaveLength(EXPECTED_WORKLOADS.length);
    expect(workloads.flatMap((m) => installed.validateManifest(m).map(installed.formatViolation))).toEqual([]);
  }, 5 * 60_000);

  test('the k8s-workloads-validate command of the installed package accepts the written files', () => {
    const result = spawnSync(path.join(appDir, 'node_modules', '.bin', 'k8s-workloads-validate'), ['dist/workloads.k8s.yaml'], {
      cwd: appDir, env: appEnv(), encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^dist\/workloads\.k8s\.yaml\n/);
    for (const { kind, name } of EXPECTED_WORKLOADS) expect(result.stdout).toContain(`: ${kind} ${name}: valid\n`);
  }, 5 * 60_000);

  test('a wrong literal is a TypeScript error in the app: the type checks survive packaging', () => {
    const { status, output, written } = synths.wrongLiteral;
    expect(status).not.toBe(0);
    expect(output).toMatch(/main\.ts\(6,3\): error TS2322: Type '[^']+' is not assignable to type '"must be a whole number >= 0"'/);
    expect(written).toEqual([]);
  }, 5 * 60_000);

  test('an empty image fails synth with the construct path and field, and nothing is written', () => {
    const { status, output, written } = synths.emptyImage;
    expect(status).not.toBe(0);
    expect(output).toMatch(/\[workloads\/agent\] DaemonSet workloads-agent-[0-9a-f]{8}: spec\.template\.spec\.containers\[0\]\.image: Required value: an image reference such as 'nginx:1\.25'\n/);
    expect(written).toEqual([]);
  }, 5 * 60_000);
});

describe('an ES-module app using the packed library', () => {
  test('compiles with TypeScript 7, NodeNext resolution and named imports, and synthesizes what the CommonJS app does', () => {
    const { status, output, written } = esmSynth;
    expect(output).toBe('');
    expect(status).toBe(0);
    expect(written).toEqual(['workloads.k8s.yaml']);
    const yaml = fs.readFileSync(path.join(esmAppDir, 'dist', 'workloads.k8s.yaml'), 'utf8');
    expect(parseAllDocuments(yaml).map((doc) => doc.toJS().kind)).toEqual(EXPECTED_OBJECTS.map((o) => o.kind));
    expect(yaml).toBe(fixtureYaml());
  }, 5 * 60_000);

  test('imports every export of the package by name, as CommonJS users get them', () => {
    // Node finds the CommonJS build's names by reading its source (cjs-module-lexer), through the
    // `__exportStar(require(...))` lines TypeScript writes for `export *`: each must be found, or an ESM
    // `import { X }` of it fails.
    const script = [
      "import * as m from 'k8s-workloads';",
      "import { createRequire } from 'module';",
      "const cjs = createRequire(import.meta.url)('k8s-workloads');",
      'console.log(JSON.stringify(Object.keys(cjs).filter((k) => !(k in m))));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: esmAppDir, env: appEnv(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
