import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../examples/app/app';

describe('example app', () => {
  test('synthesizes one YAML file per chart with the fluentd log shipper', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-app-'));
    buildApp(outdir).synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['logging.k8s.yaml']);
    const yaml = fs.readFileSync(path.join(outdir, 'logging.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: DaemonSet');
    expect(yaml).toContain('name: fluentd-elasticsearch');
    expect(yaml).toContain('key: node-role.kubernetes.io/control-plane');
  });
});
