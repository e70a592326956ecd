import { validatePodTemplate } from '../../src/validation/pod';
import { DEFAULT_OPTIONS, KubernetesVersion, VERSIONED_RULES, holds } from '../../src/validation/versions';
import { Violations } from '../../src/validation/violation';

function fieldsOf(template: Record<string, unknown>, version: `1.${number}`): string[] {
  const out = new Violations();
  validatePodTemplate(template, 'spec.template', out, { version: version as KubernetesVersion });
  return out.list.map((v) => `${v.field}: ${v.message}`);
}

const template = (spec: Record<string, unknown>): Record<string, unknown> => ({ spec: { containers: [{ name: 'a', image: 'a:1' }], ...spec } });

describe('version-dependent pod-spec rules', () => {
  test('the default target is 1.27', () => {
    expect(DEFAULT_OPTIONS).toEqual({ version: '1.27' });
  });

  test('holds: since is inclusive, until exclusive', () => {
    const rule = { since: '1.26', until: '1.29', source: 'test' } as const;
    expect(['1.25', '1.26', '1.28', '1.29'].map((version) => holds(rule, { version: version as `1.${number}` }))).toEqual([false, true, true, false]);
  });

  test('every versioned rule names its source', () => {
    for (const rule of Object.values(VERSIONED_RULES)) expect(rule.source).toMatch(/\w/);
  });

  test('search paths: 32 from 1.26 (ExpandedDNSConfig), 6 before', () => {
    const spec = template({ dnsConfig: { searches: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } });
    expect(fieldsOf(spec, '1.27')).toEqual([]);
    expect(fieldsOf(spec, '1.25')).toEqual(['spec.template.spec.dnsConfig.searches: must not have more than 6 search paths']);
  });

  test('schedulingGates and minDomains are dropped, not validated, before their gates are on (1.27)', () => {
    const spec = template({
      schedulingGates: [{ name: 'bad/gate/name' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }],
    });
    expect(fieldsOf(spec, '1.26')).toEqual([]);
    expect(fieldsOf(spec, '1.27')).toEqual([
      "spec.template.spec.schedulingGates[0]: must be a name with an optional DNS subdomain prefix and one '/' (e.g. 'example.com/my-name')",
      'spec.template.spec.topologySpreadConstraints[0].minDomains: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ]);
  });

  test('procMount is dropped in 1.27 and checked once ProcMountType is on', () => {
    const spec = template({ containers: [{ name: 'a', image: 'a:1', securityContext: { procMount: 'Masked' } }] });
    expect(fieldsOf(spec, '1.27')).toEqual([]);
    expect(fieldsOf(spec, '1.33')).toEqual(['spec.template.spec.containers[0].securityContext.procMount: supported values: "Default", "Unmasked"']);
  });

  // The audit of #15: each gate-dependent entry against the 1.37-cycle gate list (AIAgentSandox/kubernetes@db1f817b,
  // pkg/features/kube_features.go, defaultVersionedKubernetesFeatureGates). Written out by hand from that list, so a
  // change to since/until must be made here too, with its source: docs/kubernetes-versions.md has the table.
  test('gate-dependent rules hold from the release the 1.37-cycle gate list turns their gate on', () => {
    const bounds = (name: keyof typeof VERSIONED_RULES): [string | undefined, string | undefined] => {
      const rule: { since?: string; until?: string } = VERSIONED_RULES[name];
      return [rule.since, rule.until];
    };
    expect({
      nodeInclusionPolicy: bounds('nodeInclusionPolicy'), // {1.25 false Alpha}, {1.26 true Beta}, {1.33 GA}
      matchLabelKeys: bounds('matchLabelKeys'), // {1.25 false Alpha}, {1.27 true Beta}
      schedulingGates: bounds('schedulingGates'), // PodSchedulingReadiness {1.26 false Alpha}, {1.27 true Beta}, {1.30 GA}
      jobManagedBy: bounds('jobManagedBy'), // {1.30 false Alpha}, {1.32 true Beta}, {1.35 GA}
      statefulSetMaxUnavailable: bounds('statefulSetMaxUnavailable'), // {1.24 false Alpha}, {1.35 false Beta}, {1.37 true Beta}
      procMount: bounds('procMount'), // ProcMountType {1.12 false Alpha}, {1.31 false Beta}, {1.33 true Beta}, {1.36 GA}
      initContainerRestartPolicyAlwaysOnly: bounds('initContainerRestartPolicyAlwaysOnly'), // ContainerRestartRules {1.34 false Alpha}, {1.35 true Beta}
      restartPolicyOnlyOnInitContainers: bounds('restartPolicyOnlyOnInitContainers'),
      containerRestartRules: bounds('containerRestartRules'),
      restartAllContainers: bounds('restartAllContainers'), // RestartAllContainersOnContainerExits {1.35 false Alpha}, {1.36 true Beta}
    }).toEqual({
      nodeInclusionPolicy: ['1.26', undefined],
      matchLabelKeys: ['1.27', undefined],
      schedulingGates: ['1.27', undefined],
      jobManagedBy: ['1.32', undefined],
      statefulSetMaxUnavailable: ['1.37', undefined],
      procMount: ['1.33', undefined],
      initContainerRestartPolicyAlwaysOnly: ['1.29', '1.35'],
      restartPolicyOnlyOnInitContainers: ['1.28', '1.35'],
      containerRestartRules: ['1.35', undefined],
      restartAllContainers: ['1.36', undefined],
    });
  });

  test('rules whose gate is gone from the 1.37-cycle list (GA by 1.34) hold for every target from 1.34', () => {
    const gone = ['expandedDnsConfig', 'minDomains', 'readWriteOncePod', 'sidecarContainers', 'jobBackoffLimitPerIndex',
      'jobPodReplacementPolicy', 'jobSuccessPolicy', 'lifecycleSleepAction'] as const;
    for (const version of ['1.34', '1.35', '1.36', '1.37'] as const) {
      expect(gone.filter((name) => !holds(VERSIONED_RULES[name], { version }))).toEqual([]);
    }
  });

  test('procMount on the targets: dropped on 1.27, checked on 1.34', () => {
    const spec = template({ containers: [{ name: 'a', image: 'a:1', securityContext: { procMount: 'Bogus' } }] });
    expect(fieldsOf(spec, '1.27')).toEqual([]);
    expect(fieldsOf(spec, '1.34')).toEqual(['spec.template.spec.containers[0].securityContext.procMount: supported values: "Default", "Unmasked"']);
  });
});
