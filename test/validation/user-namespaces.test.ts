import { Manifest, changed, daemonSetWith, linesAt } from './cases';

// User namespaces (`hostUsers: false`; UserNamespacesSupport on by default from 1.33, GA 1.36), ported from
// validateHostUsers, ValidateSecurityContext (procMount) and validateWindows (pkg/apis/core/validation/validation.go,
// AIAgentSandox/kubernetes@64149d12, a 1.37-cycle copy; validateHostUsers also read in the 1.35-cycle copy
// darshansreenivas/validation-gen@04780fad). Expected lines are written out by hand from those functions.
const base = daemonSetWith();

const P = 'spec.template.spec';
const pod = (m: Manifest): Manifest => m.spec.template.spec;
const container = (m: Manifest): Manifest => pod(m).containers[0];
const lines = linesAt;
const userNamespace = (change: (m: Manifest) => void) => (m: Manifest): void => { pod(m).hostUsers = false; change(m); };
const blockDevice = (m: Manifest): void => {
  pod(m).volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
  container(m).volumeDevices = [{ name: 'data', devicePath: '/dev/xvda' }];
};
const unmasked = (m: Manifest): void => { container(m).securityContext = { procMount: 'Unmasked' }; };
const NEWER = ['1.34', '1.35', '1.36', '1.37'] as const;

describe('hostUsers: false (validateHostUsers)', () => {
  test.each(NEWER.map((v) => [v] as const))('a user-namespace pod with an Unmasked procMount and a block device elsewhere is accepted at %s', (version) => {
    expect(lines(changed(base, userNamespace(unmasked)), version)).toEqual([]);
    expect(lines(changed(base, blockDevice), version)).toEqual([]);
    expect(lines(changed(base, (m) => { pod(m).hostUsers = true; pod(m).hostPID = true; }), version)).toEqual([]);
  });

  test.each<[string, (m: Manifest) => void, string]>([
    ['with hostNetwork', userNamespace((m) => { pod(m).hostNetwork = true; }), `${P}.hostNetwork: Forbidden: when \`hostUsers\` is false`],
    ['with hostPID', userNamespace((m) => { pod(m).hostPID = true; }), `${P}.HostPID: Forbidden: when \`hostUsers\` is false`],
    ['with hostIPC', userNamespace((m) => { pod(m).hostIPC = true; }), `${P}.HostIPC: Forbidden: when \`hostUsers\` is false`],
    ['with volumeDevices', userNamespace(blockDevice), `${P}.containers[0].volumeDevices: Forbidden: when \`hostUsers\` is false`],
    ['an Unmasked procMount without it', unmasked,
      `${P}.containers[0].securityContext.procMount: Invalid value: "Unmasked": \`hostUsers\` must be false to use \`Unmasked\``],
    ['hostUsers on a windows pod', (m) => { pod(m).os = { name: 'windows' }; pod(m).hostUsers = true; },
      `${P}.hostUsers: Forbidden: cannot be set for a windows pod`],
  ])('refuses %s at 1.34 to 1.37', (_, change, line) => {
    for (const version of NEWER) expect(lines(changed(base, change), version)).toEqual([line]);
  });

  test('1.27 drops hostUsers (gate off), so none of this is checked', () => {
    const manifest = changed(base, userNamespace((m) => { pod(m).hostPID = true; pod(m).hostNetwork = true; blockDevice(m); }));
    expect(lines(manifest, '1.27')).toEqual([]);
    expect(lines(changed(base, (m) => { pod(m).os = { name: 'windows' }; pod(m).hostUsers = false; }), '1.27')).toEqual([]);
  });
});
