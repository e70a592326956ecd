import { WorkloadBuilders } from '../builders';
import { manifests } from './floor';
import { build as ours } from './ours';
import { build as plus } from './plus';

/** A fluent-bit log shipper: node logs read-only, control-plane nodes too, 10% of nodes updated at a time. */
export const nodeAgent: WorkloadBuilders = { name: 'NodeAgent (DaemonSet)', dir: 'node-agent', ours, plus, floor: manifests };
