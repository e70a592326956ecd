import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { KubernetesTarget, NodeAgent, validateManifest } from '../src';
import { synthErrors } from './util';
import { daemonSetWith } from './validation/cases';

const container = { name: 'agent', image: 'registry.example.com/agent:1.4.2' };
/** A native sidecar (initContainers[].restartPolicy: Always): Container.restartPolicy is in the OpenAPI from 1.28. */
const sidecarPatch = JsonPatch.add('/spec/template/spec/initContainers', [{ name: 'proxy', image: 'registry.example.com/proxy:2', restartPolicy: 'Always' }]);

function agentIn(chart: Chart, name = 'agent'): NodeAgent {
  const agent = new NodeAgent(chart, 'agent', { metadata: { name }, containers: [container] });
  ApiObject.of(agent).addJsonPatch(sidecarPatch);
  return agent;
}

describe('KubernetesTarget', () => {
  test('defaults to 1.27, where a field added later is unknown, naming the release that added it', () => {
    const app = Testing.app();
    agentIn(new Chart(app, 'test'));
    expect(KubernetesTarget.of(app)).toBe('1.27');
    expect(synthErrors(app)).toEqual([
      '[test/agent] DaemonSet agent: spec.template.spec.initContainers[0].restartPolicy: Forbidden: unknown field: added in Kubernetes 1.28, '
        + "it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
    ]);
  });

  test('set on the app, applies to every chart; a chart can override it', () => {
    const app = Testing.app();
    KubernetesTarget.set(app, '1.36');
    const current = new Chart(app, 'current');
    const legacy = new Chart(app, 'legacy');
    KubernetesTarget.set(legacy, '1.27');
    agentIn(current);
    agentIn(legacy, 'legacy-agent');
    expect(KubernetesTarget.of(current)).toBe('1.36');
    expect(KubernetesTarget.of(legacy)).toBe('1.27');
    expect(synthErrors(app)).toEqual([
      '[legacy/agent] DaemonSet legacy-agent: spec.template.spec.initContainers[0].restartPolicy: Forbidden: unknown field: added in Kubernetes 1.28, '
        + "it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
    ]);
  });

  test('a typed sidecar (initContainers restartPolicy Always, with a probe) synthesizes at 1.36 and fails at 1.27 naming 1.28', () => {
    const sidecar = {
      name: 'proxy', image: 'registry.example.com/proxy:2', restartPolicy: 'Always' as const, readinessProbe: { tcpSocket: { port: 15001 } },
    };
    const current = Testing.app();
    KubernetesTarget.set(current, '1.36');
    const chart = new Chart(current, 'current');
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [container], initContainers: [sidecar] });
    const rendered = Testing.synth(chart).find((m) => m.kind === 'DaemonSet');
    expect(rendered.spec.template.spec.initContainers).toEqual([{
      name: 'proxy',
      image: 'registry.example.com/proxy:2',
      restartPolicy: 'Always',
      readinessProbe: { tcpSocket: { port: 15001 } },
      securityContext: expect.any(Object),
    }]);

    const legacy = Testing.app();
    new NodeAgent(new Chart(legacy, 'legacy'), 'agent', { metadata: { name: 'legacy-agent' }, containers: [container], initContainers: [sidecar] });
    expect(synthErrors(legacy)).toEqual([
      '[legacy/agent] DaemonSet legacy-agent: spec.template.spec.initContainers[0].restartPolicy: Forbidden: unknown field: added in Kubernetes 1.28, '
        + "it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
      // Without the field, 1.27 sees a probe on a regular init container.
      '[legacy/agent] DaemonSet legacy-agent: spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers',
    ]);
  });

  test('a preStop sleep (typed) synthesizes at 1.36, fails at 1.27 naming 1.29, and longer than the grace period fails at 1.36', () => {
    const sleeper = { ...container, lifecycle: { preStop: { sleep: { seconds: 5 } } } };
    const current = Testing.app();
    KubernetesTarget.set(current, '1.36');
    const chart = new Chart(current, 'current');
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [sleeper] });
    const rendered = Testing.synth(chart).find((m) => m.kind === 'DaemonSet');
    expect(rendered.spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });

    const legacy = Testing.app();
    new NodeAgent(new Chart(legacy, 'legacy'), 'agent', { metadata: { name: 'legacy-agent' }, containers: [sleeper] });
    expect(synthErrors(legacy)).toEqual([
      '[legacy/agent] DaemonSet legacy-agent: spec.template.spec.containers[0].lifecycle.preStop.sleep: Forbidden: unknown field: added in Kubernetes 1.29, '
        + "it does not exist in 1.27, the target version (kubectl's strict validation rejects it; the API server would otherwise drop it)",
    ]);

    const tooLong = Testing.app();
    KubernetesTarget.set(tooLong, '1.36');
    new NodeAgent(new Chart(tooLong, 'slow'), 'agent', {
      metadata: { name: 'slow-agent' },
      containers: [{ ...container, lifecycle: { preStop: { sleep: { seconds: 60 } } } }],
    });
    expect(synthErrors(tooLong)).toEqual([
      '[slow/agent] DaemonSet slow-agent: spec.template.spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
    ]);
  });

  test('the same sidecar in a 1.37 app synthesizes, and a probe on a plain init container there is refused', () => {
    const sidecar = { name: 'proxy', image: 'registry.example.com/proxy:2', restartPolicy: 'Always' as const, readinessProbe: { tcpSocket: { port: 15001 } } };
    const app = Testing.app();
    KubernetesTarget.set(app, '1.37');
    const chart = new Chart(app, 'current');
    new NodeAgent(chart, 'agent', { metadata: { name: 'agent' }, containers: [container], initContainers: [sidecar] });
    expect(Testing.synth(chart).find((m) => m.kind === 'DaemonSet').spec.template.spec.initContainers[0].restartPolicy).toBe('Always');
    expect(() => app.synth()).not.toThrow();
    const plain = Testing.app();
    KubernetesTarget.set(plain, '1.37');
    const { restartPolicy: _, ...initContainer } = sidecar;
    new NodeAgent(new Chart(plain, 'current'), 'agent', { metadata: { name: 'agent' }, containers: [container], initContainers: [initContainer] });
    expect(synthErrors(plain)).toEqual([
      '[current/agent] DaemonSet agent: spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  test('lists the supported targets, 1.27 first', () => {
    expect(KubernetesTarget.VERSIONS[0]).toBe('1.27');
    expect(KubernetesTarget.DEFAULT).toBe('1.27');
    expect(KubernetesTarget.VERSIONS).toContain('1.36');
  });

  test('fails on an unsupported version from JavaScript, naming the supported ones', () => {
    const app = Testing.app();
    expect(() => KubernetesTarget.set(app, '1.30' as any)).toThrow(/^KubernetesTarget\.set: "1\.30" is not a supported Kubernetes version; supported: 1\.27, /);
  });

  test('reports an unsupported version set as raw context at synth, one line', () => {
    const app = Testing.app();
    app.node.setContext(KubernetesTarget.CONTEXT_KEY, '1.30');
    new NodeAgent(new Chart(app, 'test'), 'agent', { metadata: { name: 'agent' }, containers: [container] });
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[\S*\] k8s-workloads:kubernetes-version: Unsupported value: "1\.30": supported values: "1\.27", /);
  });
});

describe('validateManifest with kubernetesVersion', () => {
  const manifest = daemonSetWith({ containers: [container], initContainers: [{ name: 'proxy', image: 'registry.example.com/proxy:2', restartPolicy: 'Always' }] });

  test('judges by the version asked for', () => {
    expect(validateManifest(manifest).map((v) => v.field)).toEqual(['spec.template.spec.initContainers[0].restartPolicy']);
    expect(validateManifest(manifest, { kubernetesVersion: '1.36' })).toEqual([]);
  });

  test('a field the target lacks is one line, not a second for what it leaves missing; a hook missing its handler still is one', () => {
    const withPreStop = (preStop: unknown) => ({
      ...manifest,
      spec: { ...manifest.spec, template: { ...manifest.spec.template, spec: { containers: [{ ...container, lifecycle: { preStop } }] } } },
    });
    const at = 'spec.template.spec.containers[0].lifecycle.preStop';
    // 1.27 has no sleep handler: the hook would have none once the field is dropped, which is the same problem.
    expect(validateManifest(withPreStop({ sleep: { seconds: 5 } })).map((v) => `${v.field}: ${v.type}`)).toEqual([`${at}.sleep: Forbidden`]);
    expect(validateManifest(withPreStop({ sleep: { seconds: 5 } }), { kubernetesVersion: '1.36' })).toEqual([]);
    expect(validateManifest(withPreStop({})).map((v) => `${v.field}: ${v.type}: ${v.message}`)).toEqual([`${at}: Required value: must specify a handler type`]);
  });

  test('throws on an unsupported version', () => {
    expect(() => validateManifest(manifest, { kubernetesVersion: '1.99' as any })).toThrow('kubernetesVersion: "1.99" is not a supported Kubernetes version; supported: 1.27, ');
  });
});
