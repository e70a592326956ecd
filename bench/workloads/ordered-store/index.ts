import { WorkloadBuilders } from '../builders';
import { manifests } from './floor';
import { build as ours } from './ours';
import { build as plus } from './plus';

/** A 3-replica PostgreSQL: a 10Gi claim per replica, its password from a Secret, exec and TCP probes. */
export const orderedStore: WorkloadBuilders = { name: 'OrderedStore (StatefulSet)', dir: 'ordered-store', ours, plus, floor: manifests };
