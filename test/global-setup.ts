import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Compiles src/ into lib/ once per jest run, as the `compile` task does, and packs lib/ into
 * dist/js/k8s-workloads-<version>.tgz, as the `package` task does: the package tests read that tarball and the
 * app-repo e2e installs it, so what they check is the file `npm publish` uploads. A clean clone has neither.
 * `tsc --build` is incremental, so an up-to-date lib/ costs about a second; packing costs about another. It also
 * keeps the output of a module that was deleted from src/, which would then be packed: those files are removed.
 */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--build'], { cwd: root, stdio: 'inherit' });
  removeOrphans(path.join(root, 'lib'), path.join(root, 'src'));
  fs.mkdirSync(path.join(root, 'dist', 'js'), { recursive: true });
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', path.join('dist', 'js')], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Deletes the .js and .d.ts files of lib/ whose module is no longer in src/. */
function removeOrphans(lib: string, src: string): void {
  for (const entry of fs.readdirSync(lib, { withFileTypes: true })) {
    const output = path.join(lib, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(output, path.join(src, entry.name));
      continue;
    }
    const module = entry.name.replace(/(\.d\.ts|\.js)$/, '');
    if (module !== entry.name && !fs.existsSync(path.join(src, `${module}.ts`))) fs.rmSync(output);
  }
}
