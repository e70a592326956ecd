import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

/**
 * The tarball test/global-setup.ts packs before the tests run, named as `npm pack` names it: the file
 * `npm publish dist/js/k8s-workloads-<version>.tgz` uploads.
 */
export function packedTarball(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, 'dist', 'js', `${name}-${version}.tgz`);
}
