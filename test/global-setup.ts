import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Compiles src/ into lib/ once per jest run, as the `compile` task does, and packs lib/ into
 * dist/js/k8s-workloads-<version>.tgz, as the `package` task does: the package tests read that tarball and the
 * app-repo e2e installs it, so what they check is the file `npm publish` uploads. A clean clone has neither.
 * `tsc --build` is incremental, so an up-to-date lib/ costs about a second; packing costs about another.
 */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--build'], { cwd: root, stdio: 'inherit' });
  fs.mkdirSync(path.join(root, 'dist', 'js'), { recursive: true });
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', path.join('dist', 'js')], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  });
}
