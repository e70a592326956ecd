import { WorkloadBuilders } from './builders';
import { nodeAgent } from './node-agent';
import { orderedStore } from './ordered-store';

export * from './builders';

/** Every kind of workload the benchmark builds, in table order. */
export const ALL_WORKLOADS: readonly WorkloadBuilders[] = [nodeAgent, orderedStore];
