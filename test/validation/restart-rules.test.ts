import { Manifest, changed, daemonSetWith, linesAt } from './cases';

// Container restart rules (ContainerRestartRules, KEP-5307: alpha off in 1.34, beta on from 1.35) and the lifecycle
// sleep action, ported from validateContainerRestartPolicy, validateInitContainerRestartPolicy, validateContainers,
// validateHandler and validateSleepAction (pkg/apis/core/validation/validation.go: darshansreenivas/validation-gen
// @04780fad for 1.35, AIAgentSandox/kubernetes@64149d12 for 1.36+; see docs/kubernetes-versions.md). Expected lines
// are written out by hand in the server's words.
const base = daemonSetWith({ initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0' }] });

const C = 'spec.template.spec.containers[0]';
const I = 'spec.template.spec.initContainers[0]';
const container = (m: Manifest): Manifest => m.spec.template.spec.containers[0];
const init = (m: Manifest): Manifest => m.spec.template.spec.initContainers[0];
const lines = linesAt;

const rule = (operator: string, values: number[], action = 'Restart'): Manifest => ({ action, exitCodes: { operator, values } });
const withRules = (policy: string, ...rules: Manifest[]) => (m: Manifest): void => {
  container(m).restartPolicy = policy;
  container(m).restartPolicyRules = rules;
};
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const ON = ['1.35', '1.36', '1.37'] as const;
const ALL_ON = ON.map((v) => [v] as const);

describe('container restart rules (ContainerRestartRules on from 1.35)', () => {
  test.each(ALL_ON)('a regular container with restartPolicy Never and valid rules is accepted at %s', (version) => {
    const manifest = changed(base, withRules('Never', rule('In', [42]), rule('NotIn', [0, 1, 2])));
    expect(lines(manifest, version)).toEqual([]);
  });

  test.each(ALL_ON)('each container restartPolicy is accepted on a regular container at %s', (version) => {
    for (const policy of ['Always', 'Never', 'OnFailure']) {
      expect(lines(changed(base, (m) => { container(m).restartPolicy = policy; }), version)).toEqual([]);
    }
  });

  test.each(ALL_ON)('an init container may be OnFailure or Never, with rules, at %s', (version) => {
    const manifest = changed(base, (m) => {
      init(m).restartPolicy = 'OnFailure';
      init(m).restartPolicyRules = [rule('In', [3])];
      m.spec.template.spec.initContainers.push({ name: 'once', image: 'registry.example.com/once:1', restartPolicy: 'Never' });
    });
    expect(lines(manifest, version)).toEqual([]);
  });

  test('the same manifest is refused at 1.34 as before (ContainerRestartRules off)', () => {
    const manifest = changed(base, withRules('Never', rule('In', [42])));
    expect(lines(manifest, '1.34')).toEqual([`${C}.restartPolicy: Forbidden: may not be set for non-init containers`]);
    const initNever = changed(base, (m) => { init(m).restartPolicy = 'Never'; });
    expect(lines(initNever, '1.34')).toEqual([`${I}.restartPolicy: Unsupported value: "Never": supported values: "Always"`]);
  });

  test.each<[string, (m: Manifest) => void, string]>([
    ['restartPolicy Bogus on a regular container', (m) => { container(m).restartPolicy = 'Bogus'; },
      `${C}.restartPolicy: Unsupported value: "Bogus": supported values: "Always", "Never", "OnFailure"`],
    ['rules without a restartPolicy on a regular container', (m) => { container(m).restartPolicyRules = [rule('In', [42])]; },
      `${C}.restartPolicy: Required value: must specify restartPolicy when restart rules are used`],
    ['a rule without exitCodes', withRules('Never', { action: 'Restart' }),
      `${C}.restartPolicyRules[0].exitCodes: Required value: must be specified`],
    ['a rule with operator Equals', withRules('Never', rule('Equals', [1])),
      `${C}.restartPolicyRules[0].exitCodes.operator: Unsupported value: "Equals": supported values: "In", "NotIn"`],
    ['restartPolicy Bogus on an init container', (m) => { init(m).restartPolicy = 'Bogus'; },
      `${I}.restartPolicy: Unsupported value: "Bogus": supported values: "Always", "Never", "OnFailure"`],
    ['rules without a restartPolicy on an init container', (m) => { init(m).restartPolicyRules = [rule('In', [1])]; },
      `${I}.restartPolicy: Required value: must specify restartPolicy when restart rules are used`],
  ])('refuses %s at 1.35, 1.36 and 1.37', (_, change, line) => {
    for (const version of ON) expect(lines(changed(base, change), version)).toEqual([line]);
  });

  test('1.35: the action must be Restart, and a sidecar may not have rules (RestartAllContainersOnContainerExits off)', () => {
    expect(lines(changed(base, withRules('Never', rule('In', [1], 'RestartAllContainers'))), '1.35')).toEqual([
      `${C}.restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"`,
    ]);
    const sidecar = changed(base, (m) => { init(m).restartPolicy = 'Always'; init(m).restartPolicyRules = [rule('In', [1])]; });
    expect(lines(sidecar, '1.35')).toEqual([
      `${I}.restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always`,
    ]);
  });

  test.each([['1.36'], ['1.37']] as const)('%s: RestartAllContainers is an action, and a sidecar\'s rules are validated', (version) => {
    expect(lines(changed(base, withRules('Never', rule('In', [1], 'RestartAllContainers'))), version)).toEqual([]);
    expect(lines(changed(base, withRules('Never', rule('In', [1], 'Stop'))), version)).toEqual([
      `${C}.restartPolicyRules[0].action: Unsupported value: "Stop": supported values: "Restart", "RestartAllContainers"`,
    ]);
    const sidecar = changed(base, (m) => { init(m).restartPolicy = 'Always'; init(m).restartPolicyRules = [rule('In', [1])]; });
    expect(lines(sidecar, version)).toEqual([]);
    const badSidecar = changed(sidecar, (m) => { init(m).restartPolicyRules = [{ action: 'Restart' }]; });
    expect(lines(badSidecar, version)).toEqual([`${I}.restartPolicyRules[0].exitCodes: Required value: must be specified`]);
  });

  test('at most 20 rules and 255 exit codes: 1.35 reports field.TooLong (kubernetes#137135)', () => {
    const twenty = Array.from({ length: 20 }, () => rule('In', [1]));
    expect(lines(changed(base, withRules('Never', ...twenty)), '1.35')).toEqual([]);
    expect(lines(changed(base, withRules('Never', ...twenty, rule('In', [1]))), '1.35')).toEqual([
      `${C}.restartPolicyRules: Too long: may not be more than 20 bytes`,
    ]);
    expect(lines(changed(base, withRules('Never', rule('NotIn', range(255)))), '1.35')).toEqual([]);
    expect(lines(changed(base, withRules('Never', rule('NotIn', range(256)))), '1.35')).toEqual([
      `${C}.restartPolicyRules[0].exitCodes.values: Too long: may not be more than 255 bytes`,
    ]);
  });

  test.each([['1.36'], ['1.37']] as const)('at most 20 rules and 255 exit codes: %s reports field.TooMany', (version) => {
    const twentyOne = Array.from({ length: 21 }, () => rule('In', [1]));
    expect(lines(changed(base, withRules('Never', ...twentyOne)), version)).toEqual([
      `${C}.restartPolicyRules: Too many: 21: must have at most 20 items`,
    ]);
    expect(lines(changed(base, withRules('Never', rule('NotIn', range(256)))), version)).toEqual([
      `${C}.restartPolicyRules[0].exitCodes.values: Too many: 256: must have at most 255 items`,
    ]);
  });
});

describe('lifecycle sleep action (PodLifecycleSleepAction, PodLifecycleSleepActionAllowZero)', () => {
  const P = `${C}.lifecycle.preStop`;
  const sleep = (seconds: number, grace?: number) => (m: Manifest): void => {
    container(m).lifecycle = { preStop: { sleep: { seconds } } };
    if (grace !== undefined) m.spec.template.spec.terminationGracePeriodSeconds = grace;
  };
  const NEWER = ['1.34', '1.35', '1.36', '1.37'] as const;

  test.each(NEWER.map((v) => [v] as const))('seconds from 0 to the grace period (default 30) are accepted at %s', (version) => {
    expect(lines(changed(base, sleep(0)), version)).toEqual([]);
    expect(lines(changed(base, sleep(30)), version)).toEqual([]);
    expect(lines(changed(base, sleep(60, 60)), version)).toEqual([]);
  });

  test.each<[string, (m: Manifest) => void, string]>([
    ['more than the default grace period', sleep(31), `${P}.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)`],
    ['more than the pod\'s grace period', sleep(10, 5), `${P}.sleep: Invalid value: 10: must be non-negative and less than terminationGracePeriodSeconds (5)`],
    ['negative seconds', sleep(-1), `${P}.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)`],
    ['sleep with another handler', (m) => { container(m).lifecycle = { preStop: { exec: { command: ['/bin/drain'] }, sleep: { seconds: 1 } } }; },
      `${P}.sleep: Forbidden: may not specify more than 1 handler type`],
  ])('refuses %s at 1.34 to 1.37', (_, change, line) => {
    for (const version of NEWER) expect(lines(changed(base, change), version)).toEqual([line]);
  });

  test('a sidecar\'s sleep is checked too', () => {
    const manifest = changed(base, (m) => {
      init(m).restartPolicy = 'Always';
      init(m).lifecycle = { postStart: { sleep: { seconds: 45 } } };
    });
    expect(lines(manifest, '1.35')).toEqual([
      `${I}.lifecycle.postStart.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (30)`,
    ]);
  });
});
