import { batchJob } from './batch-job';
import { WorkloadBuilders } from './builders';
import { nodeAgent } from './node-agent';
import { orderedStore } from './ordered-store';
import { scheduledJob } from './scheduled-job';

export * from './builders';

/** Every kind of workload the benchmark builds, in table order. */
export const ALL_WORKLOADS: readonly WorkloadBuilders[] = [nodeAgent, orderedStore, batchJob, scheduledJob];
