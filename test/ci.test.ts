import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

describe('.ci/run', () => {
  test('runs the README\'s test command, the one a contributor runs on a fresh clone', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /Set up and run the whole test suite[^`]*```sh\n(.+)\n```/.exec(readme);
    expect(block?.[1]).toBe('npm ci && npm test');
    const script = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8').split('\n');
    expect(script).toContain(block![1]);
  });
});
