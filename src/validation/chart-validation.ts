import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { VALIDATED_KINDS, validateManifest } from './validate-manifest';
import { formatViolation } from './violation';

const registered = new WeakSet<Chart>();

/**
 * The violations found in each object's JSON, by that JSON's text. cdk8s runs every validation once per chart
 * plus once more in a synth, and the JSON does not change in between: checking it once is enough.
 */
const checked = new WeakMap<ApiObject, { readonly json: string; readonly lines: readonly string[] }>();

/**
 * The API server's 1.27 create-time rules, run over the final JSON of every DaemonSet, StatefulSet, Job and
 * CronJob of the chart (escape-hatch patches included), one line per violation:
 * `<construct path> (<Kind> <name>): <field>: <Type>: <value>: <detail>`.
 *
 * An object whose owning construct reports problems with its props is skipped: those problems are the cause,
 * in the user's terms, and the manifest would only repeat them in the API server's.
 */
function chartViolations(chart: Chart): string[] {
  const lines: string[] = [];
  for (const child of chart.node.findAll()) {
    if (!ApiObject.isApiObject(child) || !VALIDATED_KINDS.includes(child.kind) || Chart.of(child) !== chart) continue;
    const owner = child.node.scope;
    if (owner && owner !== chart && owner.node.validate().length > 0) continue;
    const where = `${child.node.path} (${child.kind} ${child.name})`;
    let manifest: unknown;
    try {
      manifest = child.toJson();
    } catch (error) {
      lines.push(`${where}: cannot be rendered: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const json = JSON.stringify(manifest);
    let entry = checked.get(child);
    if (entry?.json !== json) {
      entry = { json, lines: validateManifest(manifest).map((violation) => `${where}: ${formatViolation(violation)}`) };
      checked.set(child, entry);
    }
    lines.push(...entry.lines);
  }
  return lines;
}

/**
 * Makes the chart of `construct` check, at synth and before anything is written, every DaemonSet, StatefulSet,
 * Job and CronJob in it against the Kubernetes 1.27 API server's create-time rules. Each of the library's
 * constructs calls this in its constructor; calling it again for the same chart does nothing.
 */
export function validateChartOnSynth(construct: IConstruct): void {
  const chart = Chart.of(construct);
  if (registered.has(chart)) return;
  registered.add(chart);
  chart.node.addValidation({ validate: () => chartViolations(chart) });
}
