/**
 * Type-check cost: the same workloads written with our constructs and with cdk8s-plus-27, each in its own
 * generated app in a temp directory, checked by `tsc --noEmit --extendedDiagnostics`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './stats';

/** The repository root (this file runs from bench/.build/bench/). */
const REPO = resolve(__dirname, '..', '..', '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'lib', 'tsc.js');

/** What `tsc --extendedDiagnostics` reported for one app. */
export interface TypeCheckResult {
  /** Workloads in the app. */
  readonly workloads: number;
  /** Median `Check time` in milliseconds. */
  readonly checkMs: number;
  /** `Instantiations`: generic type instantiations; deterministic. */
  readonly instantiations: number;
  /** `Types` created. */
  readonly types: number;
  /** `Memory used`, in MiB. */
  readonly memoryMb: number;
}

/** How much of the program tsc checks. */
export type CheckMode = 'app code (skipLibCheck)' | 'app + declarations';

/** The type-check cost of both apps, in one mode. */
export interface TypeBenchMode {
  readonly mode: CheckMode;
  readonly ours: TypeCheckResult;
  readonly plus: TypeCheckResult;
}

/**
 * What one more workload of a kind costs the type checker: the instantiations of an app with `copiesPerKind`
 * copies of that kind alone, minus those of an app with one copy, divided by the extra copies (skipLibCheck; the
 * first copy also pays for the declarations it pulls in, which the per-kind numbers leave out).
 */
export interface ExtraWorkloadCost {
  /** The kind's folder under `bench/workloads/`. */
  readonly dir: string;
  readonly ours: number;
  readonly plus: number;
}

/** The type-check cost of both apps, in both modes. */
export interface TypeBench {
  readonly modes: readonly TypeBenchMode[];
  /** The folders of the workload kinds in the apps, and how many copies of each. */
  readonly kinds: readonly string[];
  readonly copiesPerKind: number;
  /** Instantiations per extra workload, kind by kind. */
  readonly perExtraWorkload: readonly ExtraWorkloadCost[];
}

// The compiler options of the repository's tsconfig.json that shape type checking.
const COMPILER_OPTIONS = {
  strict: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  esModuleInterop: true,
  lib: ['es2022'],
  target: 'ES2022',
  module: 'CommonJS',
  types: [],
  noEmit: true,
};

function writeApp(dir: string, files: Record<string, string>, skipLibCheck: boolean): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, skipLibCheck }, include: ['**/*.ts'] }, undefined, 2));
}

function number(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)([sK]?)`, 'm').exec(output);
  if (!match) throw new Error(`tsc --extendedDiagnostics printed no '${label}':\n${output}`);
  const value = Number(match[1]);
  return match[2] === 's' ? value * 1000 : match[2] === 'K' ? value / 1024 : value;
}

function check(dir: string, workloads: number, runs: number): TypeCheckResult {
  const outputs = Array.from({ length: runs }, () =>
    execFileSync(process.execPath, [TSC, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' }));
  return {
    workloads,
    checkMs: median(outputs.map((o) => number(o, 'Check time'))),
    instantiations: number(outputs[0], 'Instantiations'),
    types: number(outputs[0], 'Types'),
    memoryMb: number(outputs[0], 'Memory used'),
  };
}

/**
 * Generates the apps and checks each `runs` times, with and without `skipLibCheck` (with it, the time is the
 * app's own code; without it, the TypeScript default, the libraries' declarations are checked too). Each workload is its own module, a copy of
 * `bench/workloads/<kind>/ours.ts` (or `plus.ts`) as a user would have written it, importing our library through
 * its emitted declarations, as an app would from the npm package.
 */
export function typeBench(kindDirs: readonly string[], totalWorkloads: number, runs: number): TypeBench {
  const copiesPerApp = Math.ceil(totalWorkloads / kindDirs.length);
  const root = mkdtempSync(join(tmpdir(), 'k8s-workloads-types-'));
  try {
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
    execFileSync(process.execPath, [TSC, '-p', join(REPO, 'tsconfig.json'), '--emitDeclarationOnly', '--outDir', join(root, 'lib')]);
    const source = (path: string) => readFileSync(join(REPO, 'bench', 'workloads', path), 'utf8');

    const files = (variant: 'ours' | 'plus', kinds = kindDirs, copiesPerKind = copiesPerApp) => {
      const result: Record<string, string> = { 'builders.ts': source('builders.ts') };
      for (const kind of kinds) {
        result[`${kind}/shared.ts`] = source(`${kind}/shared.ts`);
        const workload = source(`${kind}/${variant}.ts`).replace(/'\.\.\/\.\.\/\.\.\/src'/g, "'../../lib'");
        for (let copy = 0; copy < copiesPerKind; copy++) result[`${kind}/w${copy}.ts`] = workload;
      }
      return result;
    };
    const workloads = copiesPerApp * kindDirs.length;
    const modes = ([['app code (skipLibCheck)', true], ['app + declarations', false]] as const).map(([mode, skipLibCheck]): TypeBenchMode => {
      const [ours, plus] = (['ours', 'plus'] as const).map((variant) => {
        const dir = join(root, `${variant}-${skipLibCheck ? 'skip' : 'full'}`);
        writeApp(dir, files(variant), skipLibCheck);
        return check(dir, workloads, runs);
      });
      return { mode, ours, plus };
    });
    const copiesAlone = Math.max(copiesPerApp, 2);
    const perExtraWorkload = kindDirs.map((kind): ExtraWorkloadCost => {
      const [ours, plus] = (['ours', 'plus'] as const).map((variant) => {
        const [one, many] = [1, copiesAlone].map((copies) => {
          const dir = join(root, `${variant}-${kind}-${copies}`);
          writeApp(dir, files(variant, [kind], copies), true);
          return check(dir, copies, 1).instantiations;
        });
        return (many - one) / (copiesAlone - 1);
      });
      return { dir: kind, ours, plus };
    });
    return { modes, kinds: kindDirs, copiesPerKind: copiesPerApp, perExtraWorkload };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
