import * as fs from 'fs';
import { App, Chart, Testing, Yaml } from 'cdk8s';

/** A fresh app (writing to a temp dir) and one chart in it. */
export function newChart(props: { namespace?: string } = {}): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', props);
  return { app, chart };
}

/** The chart's whole emitted YAML, exactly as `cdk8s synth` writes it: what snapshot tests compare. */
export function chartYaml(chart: Chart): string {
  return Yaml.stringify(...Testing.synth(chart));
}

/** The manifests of one kind in a chart. */
export function manifestsOfKind(chart: Chart, kind: string): any[] {
  return Testing.synth(chart).filter((m: any) => m.kind === kind);
}

/**
 * Synthesizes the app and returns the validation error lines (one per problem, construct path first).
 * Fails the test if synth succeeds, or if any file was written.
 */
export function synthErrors(app: App): string[] {
  let message: string | undefined;
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  if (message === undefined) throw new Error('expected synth to fail, but it succeeded');
  const written = fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : [];
  if (written.length > 0) throw new Error(`synth failed but wrote ${written.join(', ')}`);
  return message.split('\n').slice(1).map((line) => line.trim());
}
