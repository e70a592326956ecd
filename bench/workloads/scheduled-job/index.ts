import { WorkloadBuilders } from '../builders';
import { manifests } from './floor';
import { build as ours } from './ours';
import { build as plus } from './plus';

/** A nightly report in Tokyo time that never overlaps itself, with a scratch volume and history limits. */
export const scheduledJob: WorkloadBuilders = { name: 'ScheduledJob (CronJob)', dir: 'scheduled-job', ours, plus, floor: manifests };
