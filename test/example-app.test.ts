import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../examples/app/app';
import { KubernetesTarget } from '../src';

describe('example app', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-app-'));
  buildApp(outdir).synth();

  test('synthesizes one YAML file per chart', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(['coordination.k8s.yaml', 'jobs.k8s.yaml', 'logging.k8s.yaml']);
  });

  test('has the fluentd log shipper', () => {
    const yaml = fs.readFileSync(path.join(outdir, 'logging.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: DaemonSet');
    expect(yaml).toContain('name: fluentd-elasticsearch');
    expect(yaml).toContain('key: node-role.kubernetes.io/control-plane');
  });

  test('lets the log shipper read pods and namespaces through the API, and nothing else', () => {
    const manifests = parseAllDocuments(fs.readFileSync(path.join(outdir, 'logging.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const ofKind = (kind: string): any => manifests.find((m) => m.kind === kind);
    expect(ofKind('ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(ofKind('ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'fluentd-elasticsearch', namespace: 'logging' }]);
    expect(ofKind('ServiceAccount').metadata).toMatchObject({ name: 'fluentd-elasticsearch', namespace: 'logging' });
    expect(ofKind('DaemonSet').spec.template.spec).toMatchObject({ serviceAccountName: 'fluentd-elasticsearch', automountServiceAccountToken: true });
    expect(manifests.filter((m) => m.kind === 'Role' || m.kind === 'RoleBinding')).toEqual([]);
  });

  test('has the migration Job and the nightly CronJob', () => {
    const yaml = fs.readFileSync(path.join(outdir, 'jobs.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: Job');
    expect(yaml).toContain('kind: CronJob');
    expect(yaml).toContain('timeZone: Asia/Tokyo');
  });

  test('has the etcd store with its headless Service', () => {
    const yaml = fs.readFileSync(path.join(outdir, 'coordination.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: StatefulSet');
    expect(yaml).toContain('clusterIP: None');
  });

  test('has the etcd client Service and a budget that keeps the quorum through a node drain', () => {
    const manifests = parseAllDocuments(fs.readFileSync(path.join(outdir, 'coordination.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const client = manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'etcd-client');
    expect(client.spec).toEqual({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'etcd' }, ports: [{ name: 'client', port: 2379, targetPort: 'client' }] });
    const budget = manifests.find((m) => m.kind === 'PodDisruptionBudget');
    expect(budget.spec).toEqual({ minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'etcd' } } });
  });
});

describe('example app for each supported target', () => {
  const files = (dir: string): Record<string, string> => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const defaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-app-default-'));
  buildApp(defaultDir).synth();

  test.each(KubernetesTarget.VERSIONS.map((v) => [v]))('synthesizes for Kubernetes %s, the same objects as for 1.27 but the Pod Security policy version', (version) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-app-${version}-`));
    const app = buildApp(outdir, version);
    expect(KubernetesTarget.of(app.charts[0])).toBe(version);
    expect(() => app.synth()).not.toThrow();
    // Nothing else the example uses differs between the targets: the YAML is the same but the namespace's
    // `enforce-version`, the target's (the levels are the same, none of the example's settings changed after 1.27).
    const label = 'pod-security.kubernetes.io/enforce-version: ';
    const expected = files(defaultDir);
    expect(Object.values(expected).join('').split(`${label}v1.27\n`)).toHaveLength(2);
    expect(files(outdir)).toEqual(Object.fromEntries(Object.entries(expected).map(([f, text]) => [f, text.replace(`${label}v1.27\n`, `${label}v${version}\n`)])));
  });
});
