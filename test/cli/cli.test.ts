import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');

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

/**
 * Runs the CLI with `nodeOptions` (e.g. a heap limit). The timeout is a bound on a hang (a FIFO, an exploding
 * document), not a timed assertion: a killed run has status null, which no test expects.
 */
function cliWith(nodeOptions: string[], args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...nodeOptions, path.join(build, 'cli', 'k8s-workloads-validate.js'), ...args], {
    cwd,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith([], args);
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
    expect(fs.readFileSync(path.join(build, 'cli', 'k8s-workloads-validate.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('exit 0 and a line per object for valid multi-document files; other kinds are skipped', () => {
    const valid = file('valid.yaml', `${daemonSet}---\n${service}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n`);
    const result = cli(valid);
    expect(result.stdout).toBe([
      valid,
      '  document 1: DaemonSet node-exporter: valid',
      '  document 2: Service node-exporter: valid',
      '  document 3: ConfigMap settings: skipped (only DaemonSet, StatefulSet, Job, CronJob, ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding, PodDisruptionBudget, Service are checked)',
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
      "    spec.backoffLimitPerIndex: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
      '    spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]',
      '  document 3, item 1: Job pi: 2 violations',
      "    spec.backoffLimitPerIndex: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
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

  describe('hostile input: one line and exit 2 for the file, never a stack trace, the other files still checked', () => {
    /** The report of `file`: its lines up to the next file or the summary. */
    function reportOf(stdout: string, name: string): string[] {
      const lines = stdout.split('\n');
      const start = lines.indexOf(name);
      expect(start).toBeGreaterThanOrEqual(0);
      const end = lines.findIndex((line, i) => i > start && !line.startsWith(' '));
      return lines.slice(start + 1, end);
    }

    function expectRefused(target: string, line: string | RegExp, nodeOptions: string[] = [], args: string[] = []): void {
      const valid = file('still-checked.yaml', daemonSet);
      const result = cliWith(nodeOptions, [...args, target, valid]);
      const report = reportOf(result.stdout, target);
      expect(report).toHaveLength(1);
      if (typeof line === 'string') expect(report[0]).toBe(line);
      else expect(report[0]).toMatch(line);
      expect(reportOf(result.stdout, valid)).toEqual(['  document 1: DaemonSet node-exporter: valid']);
      expect(result.stdout).toContain('1 checked, 0 invalid, 0 skipped, 1 unreadable');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(2);
    }

    test('an alias bomb ("billion laughs")', () => {
      const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 9; i++) {
        const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      }
      expectRefused(file('bomb.yaml', `${levels.join('\n')}\n`), '  document 1: YAML alias error: Excessive alias count indicates a resource exhaustion attack');
    });

    test('a FIFO, without waiting for a writer', () => {
      const fifo = path.join(dir, 'fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expectRefused(fifo, '  cannot read: a FIFO, not a regular file');
    });

    test('a character device (/dev/zero never ends)', () => {
      expectRefused('/dev/zero', '  cannot read: a character device, not a regular file');
    });

    test('a directory', () => {
      expectRefused(os.tmpdir(), '  cannot read: a directory, not a regular file');
    });

    test('a file over the size limit (32 MiB by default), refused before it is read: within a 256 MB heap', () => {
      const large = path.join(dir, 'large.yaml');
      fs.writeFileSync(large, Buffer.alloc(50 * 1024 * 1024, '# padding\n'));
      try {
        expectRefused(large, '  cannot read: larger than the limit of 33554432 bytes (raise it with --max-file-size BYTES)', ['--max-old-space-size=256']);
      } finally {
        fs.rmSync(large);
      }
    });

    test('--max-file-size sets the limit', () => {
      const small = file('small.yaml', daemonSet);
      const tiny = file('tiny.yaml', '# 10 bytes');
      const refused = cli('--max-file-size', '100', small, tiny);
      expect(refused.stdout).toBe(`${small}\n  cannot read: larger than the limit of 100 bytes (raise it with --max-file-size BYTES)\n${tiny}\n  no Kubernetes objects\n\n0 checked, 0 invalid, 0 skipped, 1 unreadable\n`);
      expect(refused.status).toBe(2);
      expect(cli('--max-file-size=100000', small).status).toBe(0);
      const result = cli('--max-file-size', '1e3', small);
      expect(result.stderr.split('\n')[0]).toBe("k8s-workloads-validate: --max-file-size needs a whole number of bytes greater than 0, not '1e3'");
      expect(result.status).toBe(2);
    });

    test('flow collections nested 10,000 deep, refused before parsing', () => {
      expectRefused(file('deep-flow.yaml', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`),
        '  line 1: YAML nested deeper than 500 levels; the file is not checked');
    });

    test('compact block sequences nested 10,000 deep on one line', () => {
      expectRefused(file('deep-seq.yaml', `${'- '.repeat(10_000)}x\n`), '  line 1: YAML nested deeper than 500 levels; the file is not checked');
    });

    test('block maps nested 501 deep by indentation: that document only; 500 levels are parsed', () => {
      const nested = (depth: number): string => `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`;
      expectRefused(file('deep-block.yaml', nested(501)), '  document 1: YAML nested 501 levels deep, deeper than the limit of 500');
      const result = cli(file('deep-ok.yaml', `${nested(500)}---\n${daemonSet}`));
      expect(result.stdout).toContain('  document 1: <no kind> <no name>: 1 violation\n    kind: Unsupported value: <nil>: supported values:');
      expect(result.stdout).toContain('  document 2: DaemonSet node-exporter: valid');
      expect(result.status).toBe(1);
    });

    test('a document of more than a million tokens (memory bounded)', () => {
      const keys = Array.from({ length: 200_000 }, (_, i) => `  k${i}: v\n`).join('');
      // The line is where the lexer's millionth token is: about 7 tokens a line.
      expectRefused(file('huge-map.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n${keys}`),
        /^ {2}line 14\d{4}: a YAML document of more than 1000000 tokens, the limit that bounds memory; the file is not checked \(split it into documents\)$/);
    });

    test('many documents are read one at a time: 4 MB of them within a 64 MB heap', () => {
      const many = file('many.yaml', `${daemonSet}---\n`.repeat(Math.ceil(4e6 / (daemonSet.length + 4))));
      const result = cliWith(['--max-old-space-size=64'], [many]);
      expect(result.stdout).toMatch(/\n\n(\d+) checked, 0 invalid, 0 skipped, 0 unreadable\n$/);
      expect(result.status).toBe(0);
    });

    test('a duplicate key is a syntax error, found without comparing every pair of keys', () => {
      expectRefused(file('duplicate.yaml', 'a: 1\nb: 2\na: 3\n'), '  document 1: YAML syntax error: Map keys must be unique at line 3, column 1');
    });
  });

  test('the issue reproducer: __proto__ keys are refused, exit 1', () => {
    const proto = file('proto.yaml', [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: a, labels: {__proto__: {x: 1}}}',
      'spec:',
      '  __proto__: {selector: {matchLabels: {app: a}}}',
      '  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: nginx}]}}',
      '',
    ].join('\n'));
    const result = cli(proto);
    expect(result.stdout).toContain([
      '  document 1: DaemonSet a: 3 violations',
      '    metadata.labels[__proto__]: Invalid value: {"x":1}: must be a string',
      "    spec.__proto__: Forbidden: unknown field: the Kubernetes 1.27 API has no such field (kubectl's strict validation rejects it)",
    ].join('\n'));
    expect(result.status).toBe(1);
  });

  test('.nan and .inf are named; 1e309, too large for a float64, is the string go-yaml reads', () => {
    const numbers = file('numbers.yaml', brokenJob.replace('backoffLimitPerIndex: 2', 'parallelism: .nan\n  completions: -.inf\n  backoffLimit: 1e309')
      .replace('metadata: {name: pi}', 'metadata: {name: pi, labels: {size: 1e309}}').replace('spec:\n      containers', 'spec:\n      restartPolicy: Never\n      containers'));
    const result = cli(numbers);
    const finite = 'must be a finite number: JSON has no NaN or Infinity, so kubectl cannot convert the document to JSON';
    expect(result.stdout).toContain([
      '  document 1: Job pi: 3 violations',
      `    spec.parallelism: Invalid value: NaN: ${finite}`,
      `    spec.completions: Invalid value: -Infinity: ${finite}`,
      '    spec.backoffLimit: Invalid value: "1e309": must be an integer',
      '',
    ].join('\n'));
    expect(result.status).toBe(1);
  });

  test('an empty file, or one of comments and `---` only, has no Kubernetes objects: exit 0, or 1 with --strict', () => {
    const empty = file('empty.yaml', '');
    const comments = file('comments.yaml', '# nothing yet\n---\n---\n');
    const result = cli(empty, comments);
    expect(result.stdout).toBe(`${empty}\n  no Kubernetes objects\n${comments}\n  no Kubernetes objects\n\n0 checked, 0 invalid, 0 skipped, 0 unreadable\n`);
    expect(result.status).toBe(0);
    const strict = cli('--strict', empty, file('agent.yaml', daemonSet));
    expect(strict.stdout).toContain(`${empty}\n  no Kubernetes objects (an error with --strict)\n`);
    expect(strict.status).toBe(1);
  });

  test('`--` ends the options; an unknown option is a usage error', () => {
    const dashed = file('--strict', daemonSet);
    const result = cliWith([], ['--', '--strict'], dir);
    expect(result.stdout).toBe('--strict\n  document 1: DaemonSet node-exporter: valid\n\n1 checked, 0 invalid, 0 skipped, 0 unreadable\n');
    expect(fs.existsSync(dashed)).toBe(true);
    const unknown = cliWith([], ['--stirct', '--strict'], dir);
    expect(unknown.stderr.split('\n')[0]).toBe("k8s-workloads-validate: unknown option '--stirct' (a file whose name starts with '-' goes after '--')");
    expect(unknown.stdout).toBe('');
    expect(unknown.status).toBe(2);
  });

  test('exit 2 with usage when no file is given', () => {
    const result = cli();
    expect(result.stderr).toMatch(/^usage: k8s-workloads-validate \[--kubernetes-version VERSION\] \[--strict\] \[--max-file-size BYTES\] \[--\] FILE\.yaml/);
    expect(result.stderr).toContain('Exit status: 0 valid, 1 invalid');
    expect(result.status).toBe(2);
  });
  describe('--kubernetes-version', () => {
    const sidecar = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      initContainers:
        - { name: proxy, image: registry.example.com/proxy:2, restartPolicy: Always }
      containers:
        - { name: agent, image: registry.example.com/agent:1 }
`;

    test('judges by 1.27 by default and by the version given', () => {
      const at = file('sidecar.yaml', sidecar);
      const old = cli(at);
      expect(old.status).toBe(1);
      expect(old.stdout).toContain('spec.template.spec.initContainers[0].restartPolicy: Forbidden: unknown field: added in Kubernetes 1.28, it does not exist in 1.27, the target version');
      expect(cli('--kubernetes-version', '1.36', at)).toMatchObject({ status: 0 });
      expect(cli('--kubernetes-version=1.36', at)).toMatchObject({ status: 0 });
    });

    test('exit 2 on an unsupported version, naming the supported ones', () => {
      const result = cli('--kubernetes-version', '1.30', file('any.yaml', sidecar));
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^k8s-workloads-validate: --kubernetes-version needs one of 1\.27, .*, not '1\.30'\n/);
    });
  });
});
