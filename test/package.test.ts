import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packedTarball } from './tarball';

// lib/ is compiled and packed into dist/js by test/global-setup.ts before any test runs.
const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The files in the tarball `npm publish dist/js/k8s-workloads-<version>.tgz` would upload. */
function packedFiles(): string[] {
  const listing = execFileSync('tar', ['-tzf', packedTarball()], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line !== '').map((entry) => entry.replace(/^package\//, '')).sort();
}

describe('the npm package', () => {
  const files = packedFiles();

  test('ships only the compiled library, its declarations, README, LICENSE and package.json', () => {
    // One .js and one .d.ts per src/ module: add the pair when a module is added. No tests, no src/, no maps
    // beside the .js (their source maps are inline, sources included).
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'lib/cli/k8s-workloads-validate.d.ts',
      'lib/cli/k8s-workloads-validate.js',
      'lib/constructs/batch-job.d.ts',
      'lib/constructs/batch-job.js',
      'lib/constructs/job-spec.d.ts',
      'lib/constructs/job-spec.js',
      'lib/constructs/node-agent.d.ts',
      'lib/constructs/node-agent.js',
      'lib/constructs/ordered-store.d.ts',
      'lib/constructs/ordered-store.js',
      'lib/constructs/scheduled-job.d.ts',
      'lib/constructs/scheduled-job.js',
      'lib/index.d.ts',
      'lib/index.js',
      'lib/kubernetes-target.d.ts',
      'lib/kubernetes-target.js',
      'lib/pod-template/pod-fields.d.ts',
      'lib/pod-template/pod-fields.js',
      'lib/pod-template/pod-template.d.ts',
      'lib/pod-template/pod-template.js',
      'lib/pod-template/volumes.d.ts',
      'lib/pod-template/volumes.js',
      'lib/security/api-access.d.ts',
      'lib/security/api-access.js',
      'lib/security/pod-security.d.ts',
      'lib/security/pod-security.js',
      'lib/security/security-context.d.ts',
      'lib/security/security-context.js',
      'lib/syntax/cron.d.ts',
      'lib/syntax/cron.js',
      'lib/syntax/k8s-syntax.d.ts',
      'lib/syntax/k8s-syntax.js',
      'lib/syntax/literal-types.d.ts',
      'lib/syntax/literal-types.js',
      'lib/synth/render.d.ts',
      'lib/synth/render.js',
      'lib/synth/synth.d.ts',
      'lib/synth/synth.js',
      'lib/synth/yaml-writer.d.ts',
      'lib/synth/yaml-writer.js',
      'lib/validation/chart-validation.d.ts',
      'lib/validation/chart-validation.js',
      'lib/validation/cron-job.d.ts',
      'lib/validation/cron-job.js',
      'lib/validation/daemon-set.d.ts',
      'lib/validation/daemon-set.js',
      'lib/validation/defaults.d.ts',
      'lib/validation/defaults.js',
      'lib/validation/index.d.ts',
      'lib/validation/index.js',
      'lib/validation/job.d.ts',
      'lib/validation/job.js',
      'lib/validation/json.d.ts',
      'lib/validation/json.js',
      'lib/validation/metadata.d.ts',
      'lib/validation/metadata.js',
      'lib/validation/pod-containers.d.ts',
      'lib/validation/pod-containers.js',
      'lib/validation/pod-disruption-budget.d.ts',
      'lib/validation/pod-disruption-budget.js',
      'lib/validation/pod-resources.d.ts',
      'lib/validation/pod-resources.js',
      'lib/validation/pod-scheduling.d.ts',
      'lib/validation/pod-scheduling.js',
      'lib/validation/pod-security-context.d.ts',
      'lib/validation/pod-security-context.js',
      'lib/validation/pod-spec.d.ts',
      'lib/validation/pod-spec.js',
      'lib/validation/pod-volumes.d.ts',
      'lib/validation/pod-volumes.js',
      'lib/validation/pod.d.ts',
      'lib/validation/pod.js',
      'lib/validation/problems.d.ts',
      'lib/validation/problems.js',
      'lib/validation/props.d.ts',
      'lib/validation/props.js',
      'lib/validation/rbac.d.ts',
      'lib/validation/rbac.js',
      'lib/validation/schedule.d.ts',
      'lib/validation/schedule.js',
      'lib/validation/schema.d.ts',
      'lib/validation/schema.js',
      'lib/validation/schemas/k8s-1.27.generated.d.ts',
      'lib/validation/schemas/k8s-1.27.generated.js',
      'lib/validation/schemas/k8s-1.34.generated.d.ts',
      'lib/validation/schemas/k8s-1.34.generated.js',
      'lib/validation/schemas/k8s-1.35.generated.d.ts',
      'lib/validation/schemas/k8s-1.35.generated.js',
      'lib/validation/schemas/k8s-1.36.generated.d.ts',
      'lib/validation/schemas/k8s-1.36.generated.js',
      'lib/validation/schemas/k8s-1.37.generated.d.ts',
      'lib/validation/schemas/k8s-1.37.generated.js',
      'lib/validation/schemas/versions.generated.d.ts',
      'lib/validation/schemas/versions.generated.js',
      'lib/validation/service-account.d.ts',
      'lib/validation/service-account.js',
      'lib/validation/service.d.ts',
      'lib/validation/service.js',
      'lib/validation/stateful-set.d.ts',
      'lib/validation/stateful-set.js',
      'lib/validation/validate-manifest.d.ts',
      'lib/validation/validate-manifest.js',
      'lib/validation/versions.d.ts',
      'lib/validation/versions.js',
      'lib/validation/violation.d.ts',
      'lib/validation/violation.js',
      'package.json',
    ]);
  });

  test('declares main, types, an exports map and the validator command, whose targets are all in the tarball', () => {
    expect(pkg.main).toBe('lib/index.js');
    expect(pkg.types).toBe('lib/index.d.ts');
    expect(pkg.exports).toEqual({
      '.': { types: './lib/index.d.ts', require: './lib/index.js', default: './lib/index.js' },
      './package.json': './package.json',
    });
    expect(pkg.bin).toEqual({ 'k8s-workloads-validate': 'lib/cli/k8s-workloads-validate.js' });
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports['.']), pkg.exports['./package.json'], pkg.bin['k8s-workloads-validate']];
    for (const target of targets) expect(files).toContain(path.posix.normalize(target as string));
  });

  test('says where it comes from and how to find it on npm', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'https://github.com/k8s-workloads/k8s-workloads.git' });
    expect(pkg.homepage).toBe('https://github.com/k8s-workloads/k8s-workloads#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/k8s-workloads/k8s-workloads/issues' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk8s', 'kubernetes']));
  });

  test('declares cdk8s, cdk8s-plus-27 and constructs as peers, so an app repo has one copy of each', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
    for (const peer of ['cdk8s', 'cdk8s-plus-27', 'constructs']) expect(pkg.dependencies).not.toHaveProperty([peer]);
  });
});
