import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');

/**
 * `npm ci` (the README's first command, and .ci/run's) refuses a package-lock.json that does not match
 * package.json, and so does `npm ci --dry-run`, without installing anything. It is run on a copy of the two files
 * (and the local packages they name), offline: a lock that matches needs nothing from the registry; one that does
 * not fails here, with npm's own list of what is missing, instead of on the next fresh clone.
 */
describe('package-lock.json', () => {
  test('is what `npm ci` installs from: in sync with package.json, every platform\'s optional packages included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-workloads-lock-'));
    try {
      for (const file of ['package.json', 'package-lock.json', path.join('test', 'typescript7', 'package.json')]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(root, file), path.join(dir, file));
      }
      // Only npm's own defaults: `npm test` sets npm_config_* for our package, which must not leak into this npm.
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
      const result = spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir, env: { ...env, npm_config_update_notifier: 'false' }, encoding: 'utf8',
      });
      const missing = result.stderr.split('\n').filter((line) => /Missing:|Invalid:|ENOTCACHED|EUSAGE/.test(line));
      expect(missing).toEqual([]);
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
