import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/**
 * The CLI as a process. `npm test` does not compile lib/, so the setup transpiles src/ once into a temp dir
 * (the same TypeScript emit as `tsc`, without type checking, which `npm test` does first); starting plain Node
 * per case is then ten times faster than ts-node.
 */
function transpileTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      transpileTree(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}

const build = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-workloads-cli-'));
transpileTree(path.join(ROOT, 'src'), build);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(build, 'cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-workloads-validate-'));
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.6.1
          ports: [{name: metrics, containerPort: 9100}]
`;
const service = `apiVersion: v1
kind: Service
metadata: {name: node-exporter}
spec:
  ports: [{port: 9100}]
`;
const brokenJob = `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  backoffLimitPerIndex: 2
  template:
    spec:
      containers: [{name: pi, image: "perl:5.34", command: [perl, -e, print 1]}]
`;

describe('k8s-workloads-validate (CLI)', () => {
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(build, { recursive: true, force: true });
  });

  test('the executable keeps its shebang', () => {
    expect(fs.readFileSync(path.join(build, 'cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('exit 0 and a line per object for valid multi-document files; other kinds are skipped', () => {
    const valid = file('valid.yaml', `${daemonSet}---\n${service}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n`);
    const result = cli(valid);
    expect(result.stdout).toBe([
      valid,
      '  document 1: DaemonSet node-exporter: valid',
      '  document 2: Service node-exporter: valid',
      '  document 3: ConfigMap settings: skipped (only DaemonSet, StatefulSet, Job, CronJob, Service are checked)',
      '',
      '2 checked, 0 invalid, 1 skipped, 0 unreadable',
      '',
    ].join('\n'));
    expect(result.status).toBe(0);
  });

  test('exit 1 and every violation, grouped by file, document and object', () => {
    const valid = file('agent.yaml', daemonSet);
    const list = `apiVersion: v1\nkind: List\nitems:\n  - ${brokenJob.trimEnd().split('\n').join('\n    ')}\n`;
    const broken = file('jobs.yaml', `${service}---\n${brokenJob}---\n${list}`);
    const result = cli(valid, broken);
    expect(result.stdout).toBe([
      valid,
      '  document 1: DaemonSet node-exporter: valid',
      broken,
      '  document 1: Service node-exporter: valid',
      '  document 2: Job pi: 2 violations',
      "    spec.backoffLimitPerIndex: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27 (kubectl's strict validation rejects it; the API server would otherwise drop it)",
      '    spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]',
      '  document 3, item 1: Job pi: 2 violations',
      "    spec.backoffLimitPerIndex: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27 (kubectl's strict validation rejects it; the API server would otherwise drop it)",
      '    spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]',
      '',
      '4 checked, 2 invalid, 0 skipped, 0 unreadable',
      '',
    ].join('\n'));
    expect(result.status).toBe(1);
  });

  test('exit 2 on a missing file or a YAML syntax error, still reporting the rest', () => {
    const missing = path.join(dir, 'missing.yaml');
    const bad = file('bad.yaml', `${daemonSet}---\nkind: Job\nmetadata: {name: [unclosed\n`);
    const result = cli(missing, bad);
    expect(result.stdout).toContain(`${missing}\n  cannot read: ENOENT`);
    expect(result.stdout).toContain(`${bad}\n  document 1: DaemonSet node-exporter: valid\n  document 2: YAML syntax error: `);
    expect(result.stdout).toContain('1 checked, 0 invalid, 0 skipped, 2 unreadable');
    expect(result.status).toBe(2);
  });

  test('YAML 1.1 as the API server reads it: `yes` is a boolean, not a label string', () => {
    const yes = file('yes.yaml', daemonSet.replace('labels: {app: node-exporter}', 'labels: {app: node-exporter, enabled: yes}'));
    const result = cli(yes);
    expect(result.stdout).toContain('    spec.template.metadata.labels[enabled]: Invalid value: true: must be a string');
    expect(result.status).toBe(1);
  });

  test('exit 1 and the pods\' findings, shown and counted apart, for a StatefulSet the API server accepts', () => {
    const store = file('store.yaml', [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  serviceName: db',
      '  selector: {matchLabels: {app: db}}',
      '  template:',
      '    metadata: {labels: {app: db}}',
      '    spec:',
      '      containers: [{name: db, image: postgres:16, livenessProbe: {periodSeconds: 5}}]',
      '',
    ].join('\n'));
    const result = cli(store);
    expect(result.stdout).toBe([
      store,
      '  document 1: StatefulSet db: accepted by the API server, but its pods would be refused: 1 violation',
      '    spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type',
      '',
      '1 checked, 0 invalid, 1 with refused pods, 0 skipped, 0 unreadable',
      '',
    ].join('\n'));
    expect(result.status).toBe(1);
  });

  test('exit 2 with usage when no file is given', () => {
    const result = cli();
    expect(result.stderr).toMatch(/^usage: k8s-workloads-validate FILE\.yaml/);
    expect(result.status).toBe(2);
  });
});
