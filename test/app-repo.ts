import * as fs from 'fs';
import * as path from 'path';

/**
 * The files of the app repo that test/app-repo.e2e.test.ts builds, which the README shows verbatim
 * (test/app-repo-docs.test.ts checks that it does).
 */

/** The constructs and their peers: the runtime dependencies of the app. */
export const APP_INSTALL = 'npm install k8s-workloads cdk8s cdk8s-plus-27 constructs';

/** The CLI and TypeScript toolchain: the development dependencies of the app. TypeScript 7 no longer runs under ts-node. */
export const APP_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  'cdk8s-cli': '^2.207.0',
  'ts-node': '^10.9.2',
  'typescript': '~6.0.3',
  '@types/node': '^20',
};

export const APP_DEV_INSTALL = `npm install --save-dev ${Object.entries(APP_DEV_DEPENDENCIES).map(([name, range]) => `${name}@${range}`).join(' ')}`;

/**
 * TypeScript 6 no longer loads every @types package by default, so `types` names node. `skipLibCheck` as
 * `tsc --init` writes it: the app's own code is checked (our literal checks included), the libraries'
 * declarations are not checked again on every synth, which halves the time `cdk8s synth` spends in ts-node.
 */
export const APP_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, types: ['node'] },
}, null, 2) + '\n';

export const APP_CDK8S_YAML = 'language: typescript\napp: npx ts-node main.ts\n';

/** test/fixtures/app-repo/main.ts without its header comment (which says what the file is for). */
export function appMainTs(): string {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'app-repo', 'main.ts'), 'utf8');
  return text.replace(/^(\/\/.*\n)+/, '');
}
