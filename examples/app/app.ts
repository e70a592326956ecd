import { App } from 'cdk8s';
import { JobsChart } from './jobs';
import { LoggingChart } from './node-agent';
import { CoordinationChart } from './ordered-store';
import { KubernetesTarget, KubernetesVersion, PodSecurity } from '../../src';

/**
 * The example app: one chart per concern, each written to `<outdir>/<chart>.k8s.yaml`, for the cluster version
 * `kubernetesVersion` (1.27 unless given).
 */
export function buildApp(outdir?: string, kubernetesVersion?: KubernetesVersion): App {
  const app = new App({ outdir });
  // The Kubernetes version the app deploys to: the schema, rules and Pod Security policy its objects are checked by.
  if (kubernetesVersion) KubernetesTarget.set(app, kubernetesVersion);
  // Every workload must meet the restricted Pod Security level unless its chart says otherwise.
  PodSecurity.enforce(app, 'restricted');
  new LoggingChart(app, 'logging');
  new CoordinationChart(app, 'coordination');
  new JobsChart(app, 'jobs');
  return app;
}
