import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../examples/app/app';

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
});
