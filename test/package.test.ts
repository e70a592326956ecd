import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// lib/ is compiled by test/global-setup.ts before any test runs.
const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface PackResult {
  readonly files: readonly { readonly path: string }[];
}

/** What `npm pack` would put in the tarball, as npm itself decides it. */
function packedFiles(): string[] {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [result] = JSON.parse(json) as PackResult[];
  return result.files.map((f) => f.path).sort();
}

describe('the npm package', () => {
  const files = packedFiles();

  test('ships only the compiled library, its declarations, README, LICENSE and package.json', () => {
    // One .js and one .d.ts per src/ module: add the pair when a module is added.
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'lib/index.d.ts',
      'lib/index.js',
      'lib/k8s-syntax.d.ts',
      'lib/k8s-syntax.js',
      'lib/node-agent.d.ts',
      'lib/node-agent.js',
      'lib/ordered-store.d.ts',
      'lib/ordered-store.js',
      'lib/pod-template.d.ts',
      'lib/pod-template.js',
      'lib/problems.d.ts',
      'lib/problems.js',
      'lib/types.d.ts',
      'lib/types.js',
      'package.json',
    ]);
  });

  test('declares main, types and an exports map whose targets are all in the tarball', () => {
    expect(pkg.main).toBe('lib/index.js');
    expect(pkg.types).toBe('lib/index.d.ts');
    expect(pkg.exports).toEqual({
      '.': { types: './lib/index.d.ts', require: './lib/index.js', default: './lib/index.js' },
      './package.json': './package.json',
    });
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports['.']), pkg.exports['./package.json']];
    for (const target of targets) expect(files).toContain(path.posix.normalize(target as string));
  });

  test('declares cdk8s, cdk8s-plus-27 and constructs as peers, so an app repo has one copy of each', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
    for (const peer of ['cdk8s', 'cdk8s-plus-27', 'constructs']) expect(pkg.dependencies).not.toHaveProperty([peer]);
  });
});
