import { App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { ALL_WORKLOADS, WorkloadBuilders, team } from './workloads';

/** The three ways of writing the same manifests. */
export const VARIANTS = ['ours', 'plus', 'floor'] as const;
export type Variant = typeof VARIANTS[number];

/** The long names of the variants, for tables. */
export const VARIANT_NAMES: Record<Variant, string> = {
  ours: 'ours (validation included)',
  plus: 'cdk8s-plus-27 + escape hatches',
  floor: 'plain objects + yaml (floor)',
};

/** The workload kinds all three variants can build: those whose construct is on this branch. */
export function comparableWorkloads(): WorkloadBuilders[] {
  return ALL_WORKLOADS.filter((w) => w.ours !== undefined);
}

/** What is built before serializing: a cdk8s app, or (the floor) the manifests themselves. */
export type Built = { readonly app: App } | { readonly manifests: object[] };

/**
 * How the workloads are spread over charts. `single`: one chart, a scope per team. `per-team`: one chart per team,
 * as a platform repo might have them; cdk8s's `App.synth()` and `synthYaml()` re-run the whole app's dependency
 * resolution and validation once per chart, so this layout costs O(charts × constructs) in any cdk8s variant.
 */
export type Layout = 'single' | 'per-team';

/**
 * `n` teams, each with one workload of every kind in `kinds`, in the namespace `team-<i>`: n × kinds workloads.
 */
export function build(variant: Variant, kinds: readonly WorkloadBuilders[], n: number, layout: Layout = 'single'): Built {
  if (variant === 'floor') {
    const manifests: object[] = [];
    for (let i = 0; i < n; i++) {
      for (const kind of kinds) manifests.push(...kind.floor(i));
    }
    return { manifests };
  }
  const app = new App();
  const single = layout === 'single' ? new Chart(app, 'platform', { disableResourceNameHashes: true }) : undefined;
  for (let i = 0; i < n; i++) {
    const scope = single ? new Construct(single, team(i)) : new Chart(app, team(i), { disableResourceNameHashes: true });
    for (const kind of kinds) (variant === 'ours' ? kind.ours! : kind.plus)(scope, i);
  }
  return { app };
}

/**
 * The multi-document YAML of what was built. All variants go through the same serializer: cdk8s's
 * `Yaml.stringify`, i.e. the `yaml` package with cdk8s's options. `app.synthYaml()` also runs every
 * construct's validation, as `cdk8s synth` does.
 */
export function toYaml(built: Built): string {
  return 'app' in built ? built.app.synthYaml() : Yaml.stringify(...built.manifests);
}

/** The manifests of what was built, as JSON (synthesis and validation included for the cdk8s variants). */
export function toManifests(built: Built): object[] {
  if ('manifests' in built) return built.manifests;
  // synthYaml validates the app; the manifests are then read back from the charts.
  built.app.synthYaml();
  return built.app.charts.flatMap((chart) => chart.toJson());
}
