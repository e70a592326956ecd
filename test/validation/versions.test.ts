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
});
