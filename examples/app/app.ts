import { App } from 'cdk8s';
import { PodSecurity } from '../../src';
import { JobsChart } from './jobs';
import { LoggingChart } from './node-agent';
import { CoordinationChart } from './ordered-store';

/** The example app: one chart per concern, each written to `<outdir>/<chart>.k8s.yaml`. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  // Every workload must meet the restricted Pod Security level unless its chart says otherwise.
  PodSecurity.enforce(app, 'restricted');
  new LoggingChart(app, 'logging');
  new CoordinationChart(app, 'coordination');
  new JobsChart(app, 'jobs');
  return app;
}
