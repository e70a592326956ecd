import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * Compiles src/ into lib/ once per jest run, as the `compile` task does: the package tests pack lib/, and a clean
 * clone has none. `tsc --build` is incremental, so an up-to-date lib/ costs about a second.
 */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--build'], { cwd: root, stdio: 'inherit' });
}
