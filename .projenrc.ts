import { javascript, ReleasableCommits, release, typescript } from 'projen';
import { TypescriptConfig, TypescriptConfigExtends } from 'projen/lib/javascript';

// The commits a user of the package sees: they are released and listed in CHANGELOG.md; docs, tests, refactors and
// chores wait for the next of them. A breaking change is one of these types too (`feat!:`, or a `BREAKING CHANGE:`
// footer).
const releasableCommits = ReleasableCommits.ofType(['feat', 'fix', 'perf', 'revert']);

const project = new typescript.TypeScriptProject({
  name: 'k8s-workloads',
  description: 'Typed cdk8s constructs for Kubernetes 1.27 workloads: NodeAgent (DaemonSet), OrderedStore (StatefulSet), BatchJob (Job), ScheduledJob (CronJob).',
  license: 'Apache-2.0',
  copyrightOwner: 'k8s-workloads authors',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  // No repository URL is recorded anywhere else; this is where the package is assumed to live.
  repository: 'https://github.com/k8s-workloads/k8s-workloads.git',
  homepage: 'https://github.com/k8s-workloads/k8s-workloads#readme',
  bugsUrl: 'https://github.com/k8s-workloads/k8s-workloads/issues',
  keywords: ['cdk8s', 'kubernetes', 'k8s', 'daemonset', 'statefulset', 'job', 'cronjob', 'constructs', 'validation'],
  // npm 10.3 to 11.2 dropped the other platforms' optional packages (@unrs/resolver-binding-*) from
  // package-lock.json when it rewrote the lock over an existing node_modules (npm/cli#7961, fixed in 11.3.0), and
  // `npm ci` then refuses the lock. Such an npm stops here instead of writing the lock.
  devEngines: { packageManager: { name: 'npm', version: '>=11.3.0', onFail: 'error' } },

  // No hosted CI or dependency-upgrade machinery: CI is .ci/run. Releases are cut by hand with `npx projen release`
  // (CONTRIBUTING.md): the version comes from the Conventional Commits since the last tag, CHANGELOG.md gets the
  // entry, a commit and a tag `vX.Y.Z` are made locally and dist/js holds the tarball to publish. Nothing is pushed.
  github: false,
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({ changelogPath: 'CHANGELOG.md', gitPushCommand: '' }),
  // The first release (no tag yet) is 0.1.0 rather than the 0.0.0 in package.json.
  nextVersionCommand: 'git tag --list "v*" | grep -q . || echo 0.1.0',
  // commit-and-tag-version 13 and its conventional-changelog packages require Node 22; 12 runs on the Node 20 tested here.
  bumpPackage: 'commit-and-tag-version@^12',
  releasableCommits,
  versionrcOptions: {
    types: [
      { type: 'feat', section: 'Features' },
      { type: 'fix', section: 'Bug Fixes' },
      { type: 'perf', section: 'Performance' },
      { type: 'revert', section: 'Reverts' },
    ],
  },
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // An app repo brings its own copies of these (peer dependencies); our own tests use current releases.
  peerDeps: ['cdk8s@^2.68.12', 'cdk8s-plus-27@^2.9.5', 'constructs@^10.3.0'],
  peerDependencyOptions: { pinnedDevDependency: false },
  deps: ['yaml@^2.4.0'],
  bin: { 'k8s-workloads-validate': 'lib/cli/k8s-workloads-validate.js' },
  devDeps: [
    'cdk8s@^2.70.0', 'cdk8s-plus-27@^2.9.5', 'constructs@^10.4.0', 'fast-check@^3.23.0', 'typedoc@^0.28.20',
    // The newest TypeScript (7), beside the TypeScript 6 that projen, ts-node and ts-jest use: the type tests run
    // under both. Through a local package rather than an alias (`typescript7@npm:typescript@7`): both declare the
    // bin `tsc`, and with the alias npm linked node_modules/.bin/tsc to whichever it installed last.
    'typescript7@file:test/typescript7',
  ],

  // The package is an allowlist (`files` below), not a denylist: nothing ships by accident.
  npmignoreEnabled: false,

  tsconfig: {
    compilerOptions: {
      lib: ['es2022'],
      target: 'ES2022',
      // Our code is checked in full; the libraries' declaration files (cdk8s-plus-27's Kubernetes types alone are 0.9 MB) are not
      // checked again in every compile, as `tsc --init` sets it. Saves ~3.5 s in each of the compile and the
      // test task's type check.
      skipLibCheck: true,
    },
  },
  tsconfigDev: {
    compilerOptions: {},
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
    // The app-repo fixture imports the packed 'k8s-workloads'; it is type-checked inside the app the e2e test builds.
    exclude: ['fixtures/app-repo'],
  },

  jestOptions: {
    // A changed snapshot must fail; `npm run test:update` is the deliberate way to accept one.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      collectCoverage: false,
      // Compiles lib/ once per run: the package tests pack it, and a clean clone has none.
      globalSetup: '<rootDir>/test/global-setup.ts',
      // One worker per core. Jest's default (cores - 1) runs everything in one process on a 2-core machine, though
      // the main process only waits, and the app-repo test spends most of its time in npm and ts-node children.
      maxWorkers: '100%',
    },
  },
  // ts-jest only transpiles (test/tsconfig.jest.json, below): the first step of the test task already type-checks
  // every test with tsc, so checking again file by file in each jest worker would only cost time.
  tsJestOptions: {
    transformOptions: { tsconfig: typescript.TsJestTsconfig.fromFile('test/tsconfig.jest.json') },
  },
});

new TypescriptConfig(project, {
  fileName: 'test/tsconfig.jest.json',
  extends: TypescriptConfigExtends.fromTypescriptConfigs([project.tsconfigDev]),
  compilerOptions: { isolatedModules: true },
});

// Type tests (`test/*.types.ts`, `// @ts-expect-error` lines) are compiled here, so a guarantee that stops
// holding fails the normal test command: with TypeScript 6, then with the newest TypeScript (test/typescript7),
// so each guarantee is known to hold on both (about 1.5 s: TypeScript 7 is the native compiler).
project.testTask.prependExec('node_modules/typescript7/node_modules/.bin/tsc --noEmit -p test/tsconfig.json', { name: 'type tests, TypeScript 7' });
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json', { name: 'type tests, TypeScript 6' });

// What an app repo gets: the compiled library and its declarations (README and LICENSE always ship), found
// through `exports` by Node and by TypeScript's node16/bundler resolution, through `main`/`types` by older tools.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts']);
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', require: './lib/index.js', default: './lib/index.js' },
  './package.json': './package.json',
});

// projen's release task is made for a CI workflow that skips it when the version is already tagged. Run by hand
// with nothing releasable since the last tag, it would build, commit a second entry for that version and fail to
// tag it; this condition makes it do nothing instead.
project.tasks.tryFind('release')!.addCondition(
  `LATEST_TAG=$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null); [ -z "$LATEST_TAG" ] || [ -n "$(${releasableCommits.cmd})" ]`,
);

project.addTask('docs', {
  description: 'Generate the API reference from the TSDoc into docs/api (not committed)',
  exec: 'typedoc src/index.ts --out docs/api --disableSources --excludeInternal --readme none',
});
project.gitignore.exclude('/docs/api/');

project.addTask('readme', {
  description: 'Regenerate the README blocks between <!-- example:NAME --> and <!-- /example --> from examples/app',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/readme.ts',
});
// Compiled and linted only inside the app repo the e2e test builds (it imports the packed 'k8s-workloads').
project.eslint?.addIgnorePattern('test/fixtures/app-repo/');
// Lint without type information. The only type-aware rules projen turns on are about promises
// (no-floating-promises, return-await), and the library has none: constructs and synth are synchronous (the one
// promise in the repo is awaited by the app-repo e2e test's beforeAll). Building
// a TypeScript program for eslint cost ~8 s of every `npm test` (tsc type-checks everything in the first step).
// Turn both back on, with `parserOptions.projectService`, if asynchronous code ever arrives.
project.eslint?.file.addDeletionOverride('parserOptions.projectService');
project.eslint?.addRules({
  '@typescript-eslint/no-floating-promises': 'off',
  '@typescript-eslint/return-await': 'off',
});

project.addTask('synth:example', {
  description: 'Synthesize the example app to examples/app/dist/*.k8s.yaml',
  exec: 'ts-node --project test/tsconfig.json examples/app/main.ts',
});
project.gitignore.exclude('/examples/app/dist/');

// Compiled first (bench/tsconfig.json), so that what is timed is node running JavaScript, as in an app's CI.
project.addTask('bench', {
  description: 'Synth and type-check cost against cdk8s-plus-27 and plain objects (`npm run bench -- --quick`, `-- --json`)',
  steps: [
    { exec: 'tsc -p bench/tsconfig.json' },
    { exec: 'node bench/.build/bench/main.js', receiveArgs: true },
  ],
});
project.gitignore.exclude('/bench/.build/');
project.eslint?.addLintPattern('bench');

project.addTask('gen:schemas', {
  description: 'Regenerate src/validation/schemas/k8s-<version>.generated.ts from projenrc/k8s-openapi/ (`-- --import <dir>` to re-extract those from cdk8s kubernetes-schemas/)',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/generate-k8s-schemas.ts',
  receiveArgs: true,
});

project.addTask('docs:versions', {
  description: 'Regenerate the field table of docs/kubernetes-versions.md from the committed per-release API definitions',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/diff-k8s-schemas.ts',
});

project.synth();
