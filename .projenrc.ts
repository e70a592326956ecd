import { javascript, typescript } from 'projen';

const project = new typescript.TypeScriptProject({
  name: 'k8s-workloads',
  description: 'Typed cdk8s constructs for Kubernetes 1.27 workloads: NodeAgent (DaemonSet), OrderedStore (StatefulSet), BatchJob (Job), ScheduledJob (CronJob).',
  license: 'Apache-2.0',
  copyrightOwner: 'k8s-workloads authors',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // No hosted CI, release or dependency-upgrade machinery: CI is .ci/run.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // An app repo brings its own copies of these (peer dependencies); our own tests use current releases.
  peerDeps: ['cdk8s@^2.68.12', 'cdk8s-plus-27@^2.9.5', 'constructs@^10.3.0'],
  peerDependencyOptions: { pinnedDevDependency: false },
  deps: ['yaml@^2.4.0'],
  bin: { 'k8s-workloads-validate': 'lib/cli.js' },
  devDeps: ['cdk8s@^2.70.0', 'cdk8s-plus-27@^2.9.5', 'constructs@^10.4.0', 'fast-check@^3.23.0'],

  tsconfig: {
    compilerOptions: {
      lib: ['es2022'],
      target: 'ES2022',
    },
  },
  tsconfigDev: {
    compilerOptions: {},
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
  },

  jestOptions: {
    // A changed snapshot must fail; `npm run test:update` is the deliberate way to accept one.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      collectCoverage: false,
    },
  },
});

// Type tests (`test/*.types.ts`, `// @ts-expect-error` lines) are compiled here, so a guarantee that stops
// holding fails the normal test command.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');

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

project.addTask('gen:schema', {
  description: 'Regenerate src/validation/k8s-1.27-schema.generated.ts from cdk8s-plus-27 (the Kubernetes 1.27 API schema)',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/generate-k8s-schema.ts',
});

project.synth();
