import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { APP_CDK8S_YAML, APP_DEV_DEPENDENCIES, APP_TSCONFIG, appMainTs } from './app-repo';

/**
 * The path a new user walks: pack the library, install the tarball into a fresh app repo with its peers, ts-node
 * and TypeScript from the npm registry, synthesize a main.ts that uses the constructs, read the YAML it wrote.
 * lib/ is compiled by test/global-setup.ts.
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

/** The environment without what `npm test` sets for our own package, so npm in the app sees only the app. */
function appEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...env, npm_config_update_notifier: 'false', CI: 'true' };
}

let workdir: string;
let appDir: string;

/** The command `cdk8s synth` runs: the `app` line of the app's cdk8s.yaml. */
const APP_COMMAND = /^app: (.+)$/m.exec(APP_CDK8S_YAML)![1];

/** Synthesizes the app with `main.ts` as given, as `cdk8s synth` does; returns its exit status and output. */
function synth(mainTs: string): { status: number | null; output: string; written: string[] } {
  fs.writeFileSync(path.join(appDir, 'main.ts'), mainTs);
  fs.rmSync(path.join(appDir, 'dist'), { recursive: true, force: true });
  const result = spawnSync(APP_COMMAND, {
    cwd: appDir, env: { ...appEnv(), CDK8S_OUTDIR: 'dist' }, encoding: 'utf8', shell: true,
  });
  const dist = path.join(appDir, 'dist');
  const written = fs.existsSync(dist) ? fs.readdirSync(dist).sort() : [];
  return { status: result.status, output: `${result.stdout}${result.stderr}`, written };
}

beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-workloads-app-repo-'));
  const packed = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workdir], {
    cwd: root, env: appEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  const tarball = path.join(workdir, JSON.parse(packed)[0].filename);

  appDir = path.join(workdir, 'my-app');
  fs.mkdirSync(appDir);
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify(appPackageJson(tarball), null, 2));
  fs.writeFileSync(path.join(appDir, 'tsconfig.json'), APP_TSCONFIG);
  fs.writeFileSync(path.join(appDir, 'cdk8s.yaml'), APP_CDK8S_YAML);
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: appDir, env: appEnv(), stdio: 'ignore' });
}, 10 * 60_000);

afterAll(() => {
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

/** The fixture main.ts synthesized once; its YAML is read right after, before another test rewrites main.ts. */
let fixtureSynth: { status: number | null; output: string; written: string[]; text: string } | undefined;
function synthFixture(): NonNullable<typeof fixtureSynth> {
  if (!fixtureSynth) {
    const result = synth(appMainTs());
    const file = path.join(appDir, 'dist', 'workloads.k8s.yaml');
    fixtureSynth = { ...result, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
  }
  return fixtureSynth;
}

describe('an app repo using the packed library', () => {
  test('synth writes the objects of main.ts', () => {
    const { status, output, written, text } = synthFixture();
    expect(output).not.toMatch(/error/i);
    expect(status).toBe(0);
    expect(written).toEqual(['workloads.k8s.yaml']);

    const manifests = parseAllDocuments(text).map((doc) => doc.toJS());
    expect(manifests.map((m) => ({ kind: m.kind, name: m.metadata.name }))).toEqual(EXPECTED_OBJECTS);
    for (const manifest of manifests) expect(manifest.metadata.namespace).toBe('apps');
  }, 5 * 60_000);

  test('validateManifest, imported from the installed package, accepts every object written', () => {
    const { text } = synthFixture();
    // The package as the app resolves it (through its `exports`), not our src/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installed = require(require.resolve('k8s-workloads', { paths: [appDir] }));
    const workloads = parseAllDocuments(text).map((doc) => doc.toJS()).filter((m) => VALIDATED_KINDS.includes(m.kind));
    expect(workloads).toHaveLength(EXPECTED_WORKLOADS.length);
    expect(workloads.flatMap((m) => installed.validateManifest(m).map(installed.formatViolation))).toEqual([]);
  }, 5 * 60_000);

  test('the k8s-workloads-validate command of the installed package accepts the written files', () => {
    synthFixture();
    const result = spawnSync(path.join(appDir, 'node_modules', '.bin', 'k8s-workloads-validate'), ['dist/workloads.k8s.yaml'], {
      cwd: appDir, env: appEnv(), encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^dist\/workloads\.k8s\.yaml\n/);
    for (const { kind, name } of EXPECTED_WORKLOADS) expect(result.stdout).toContain(`: ${kind} ${name}: valid\n`);
  }, 5 * 60_000);

  test('a wrong literal is a TypeScript error in the app: the type checks survive packaging', () => {
    const { status, output, written } = synth(`
import { App, Chart } from 'cdk8s';
import { NodeAgent } from 'k8s-workloads';
const app = new App();
new NodeAgent(new Chart(app, 'workloads'), 'agent', {
  revisionHistoryLimit: -1,
  containers: [{ name: 'agent', image: 'agent:1.0' }],
});
app.synth();
`);
    expect(status).not.toBe(0);
    expect(output).toMatch(/main\.ts\(6,3\): error TS2322: Type '[^']+' is not assignable to type '"must be a whole number >= 0"'/);
    expect(written).toEqual([]);
  }, 5 * 60_000);

  test('an empty image fails synth with the construct path and field, and nothing is written', () => {
    const { status, output, written } = synth(`
import { App, Chart } from 'cdk8s';
import { NodeAgent } from 'k8s-workloads';
const app = new App();
new NodeAgent(new Chart(app, 'workloads'), 'agent', {
  containers: [{ name: 'agent', image: '' }],
});
app.synth();
`);
    expect(status).not.toBe(0);
    expect(output).toContain("[workloads/agent] spec.template.spec.containers[0].image '' is required: an image reference such as 'nginx:1.25'");
    expect(written).toEqual([]);
  }, 5 * 60_000);
});
