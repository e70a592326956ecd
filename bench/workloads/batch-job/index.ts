import { WorkloadBuilders } from '../builders';
import { manifests } from './floor';
import { build as ours } from './ours';
import { build as plus } from './plus';

/** A schema migration: one pod, two retries, a 10-minute deadline, a pod failure policy, the database URL from a Secret. */
export const batchJob: WorkloadBuilders = { name: 'BatchJob (Job)', dir: 'batch-job', ours, plus, floor: manifests };
