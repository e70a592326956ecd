import * as fs from 'fs';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { NodeAgent, validateChartOnSynth } from '../../src';
import { newChart, synthErrors } from '../util';

const agentContainer = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };

describe('validation at synth (validateChartOnSynth)', () => {
  test('fails on an escape-hatch patch that breaks a 1.27 rule, naming the construct path, and writes nothing', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Never'));
    expect(synthErrors(app)).toEqual([
      '[test] test/agent/Resource (DaemonSet agent): spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('lists every violation at once', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(
      JsonPatch.add('/spec/template/spec/activeDeadlineSeconds', 60),
      JsonPatch.add('/spec/updateStrategy/rollingUpdate/maxSurge', 1),
      JsonPatch.add('/spec/template/spec/containers/0/resources', { requests: { memory: '1GB' } }),
    );
    expect(synthErrors(app)).toEqual([
      '[test] test/agent/Resource (DaemonSet agent): spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "1GB": '
        + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      '[test] test/agent/Resource (DaemonSet agent): spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      '[test] test/agent/Resource (DaemonSet agent): spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]);
  });

  test('catches a patch that conflicts with the library\'s security defaults', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^\[test\] test\/agent\/Resource \(DaemonSet agent\): spec\.template\.spec\.containers\[0\]\.securityContext: Invalid value: .*cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/),
    ]);
  });

  test('reports a 1.28 field added by a patch as unknown in 1.27', () => {
    const { app, chart } = newChart();
    const agent = new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/restartPolicy', 'Always'));
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^\[test\] test\/agent\/Resource \(DaemonSet agent\): spec\.template\.spec\.containers\[0\]\.restartPolicy: Forbidden: unknown field: added in Kubernetes 1\.28/),
    ]);
  });

  test('does not repeat in API-server terms what the construct already reported about its props', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [{ name: 'Agent', image: 'a:1' }] });
    const errors = synthErrors(app);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((line) => line.startsWith('[test/agent] '))).toBe(true);
  });

  test('registers one validation per chart, however many constructs call it', () => {
    const { app, chart } = newChart();
    const first = new NodeAgent(chart, 'first', { metadata: { name: 'first' }, containers: [agentContainer] });
    new NodeAgent(chart, 'second', { metadata: { name: 'second' }, containers: [agentContainer] });
    validateChartOnSynth(first);
    ApiObject.of(first).addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Never'));
    expect(synthErrors(app)).toHaveLength(1);
  });

  test('also checks workloads the chart holds that our constructs did not emit', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    new ApiObject(chart, 'raw-job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'raw' },
      spec: { template: { spec: { containers: [{ name: 'raw', image: 'raw:1' }] } } },
    });
    expect(synthErrors(app)).toEqual([
      '[test] test/raw-job (Job raw): spec.template.spec.restartPolicy: Required value: valid values: ["OnFailure" "Never"]',
    ]);
  });

  test('leaves charts without our constructs alone', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plain');
    new ApiObject(chart, 'raw-job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'raw' }, spec: {} });
    expect(() => app.synth()).not.toThrow();
  });

  test('a valid chart synthesizes', () => {
    const { app, chart } = newChart();
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [agentContainer] });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['test.k8s.yaml']);
  });
});
