import { ApiObject, ApiObjectProps, App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { ALL_WORKLOADS, WorkloadBuilders, team } from './workloads';
import { renderPlainJson } from '../src/synth/render';
import { synthYaml } from '../src/synth/synth';
import { stringifyYaml } from '../src/synth/yaml-writer';

/**
 * The ways of writing the same manifests: our constructs, cdk8s-plus-27, and three floors: the plain objects
 * written by cdk8s's serializer (the `yaml` package) and by the fastest serializer measured (our `stringifyYaml`:
 * see bench/serializers.ts), and the cdk8s floor, the same plain objects as bare cdk8s `ApiObject`s in a construct
 * tree, rendered in one pass and written by `stringifyYaml`, with no construct logic and no validation: the least
 * any library built on cdk8s pays.
 */
export const VARIANTS = ['ours', 'plus', 'floor', 'fastest-floor', 'cdk8s-floor'] as const;
export type Variant = typeof VARIANTS[number];

/** The long names of the variants, for tables. */
export const VARIANT_NAMES: Record<Variant, string> = {
  'ours': 'ours (validation included)',
  'plus': 'cdk8s-plus-27 + escape hatches',
  'floor': 'plain objects + yaml (floor)',
  'fastest-floor': 'plain objects + stringifyYaml (fastest floor)',
  'cdk8s-floor': 'bare ApiObjects + stringifyYaml (cdk8s floor)',
};

/** The workload kinds every variant can build: those whose construct is on this branch. */
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
  if (variant === 'floor' || variant === 'fastest-floor') {
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
    for (const kind of kinds) {
      if (variant === 'cdk8s-floor') kind.floor(i).forEach((manifest, j) => new ApiObject(scope, `${kind.dir}-${j}`, manifest as ApiObjectProps));
      else (variant === 'ours' ? kind.ours! : kind.plus)(scope, i);
    }
  }
  return { app };
}

/**
 * The cdk8s floor's YAML: every ApiObject of the app in tree order, rendered in one pass (`renderPlainJson`, what
 * ours renders with) and written by `stringifyYaml`. No dependency resolution, no validation.
 */
function cdk8sFloorYaml(app: App): string {
  const objects = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  return stringifyYaml(...objects.map((o) => renderPlainJson(o) ?? o.toJson()));
}

/**
 * The multi-document YAML of what was built, as each variant's user would write it: ours with our `synthYaml`
 * (which runs every construct's validation once, then writes with `stringifyYaml`), cdk8s-plus-27 with
 * `app.synthYaml()` (every validation, as `cdk8s synth` does, and the `yaml` package), the floors with their
 * serializer (the cdk8s floor: `cdk8sFloorYaml`).
 */
export function toYaml(variant: Variant, built: Built): string {
  if ('app' in built) {
    if (variant === 'cdk8s-floor') return cdk8sFloorYaml(built.app);
    return variant === 'ours' ? synthYaml(built.app) : built.app.synthYaml();
  }
  return variant === 'fastest-floor' ? stringifyYaml(...built.manifests) : Yaml.stringify(...built.manifests);
}

/** The manifests of what was built, as JSON (synthesis and validation included for the cdk8s variants). */
export function toManifests(built: Built): object[] {
  if ('manifests' in built) return built.manifests;
  // synthYaml validates the app; the manifests are then read back from the charts.
  built.app.synthYaml();
  return built.app.charts.flatMap((chart) => chart.toJson());
}
