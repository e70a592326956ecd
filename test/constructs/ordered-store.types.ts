/**
 * Type tests for OrderedStore: each `@ts-expect-error` line must fail to compile, so a guarantee that stops
 * holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { GoverningService, IntOrPercent, OrderedStore, StatefulSetUpdateStrategy } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'db', image: 'postgres:16.3' }];

// --- what must compile -------------------------------------------------------------------------------------
new OrderedStore(chart, 'ok', { containers });
new OrderedStore(chart, 'ok2', { containers, replicas: 0, revisionHistoryLimit: 0 });
new OrderedStore(chart, 'ok3', { containers, replicas: 3, revisionHistoryLimit: 10, ordinals: { start: 1 } });
new OrderedStore(chart, 'ok4', {
  containers,
  volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/var/lib/postgresql/data' }],
  persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
  podManagementPolicy: 'Parallel',
  service: GoverningService.headless({ publishNotReadyAddresses: true }),
});
new OrderedStore(chart, 'ok5', { containers, service: GoverningService.existing('postgres') });
StatefulSetUpdateStrategy.rollingUpdate();
StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 });
StatefulSetUpdateStrategy.rollingUpdate({ partition: 2 });
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: 2 });
StatefulSetUpdateStrategy.rollingUpdate({ partition: 1, maxUnavailableAlpha: '50%' });
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: 2 });
StatefulSetUpdateStrategy.rollingUpdate({ partition: 1, maxUnavailable: '50%' });
StatefulSetUpdateStrategy.onDelete();
// Computed values are not literals: they compile and are checked at synth.
declare const computedNumber: number;
declare const computedEither: IntOrPercent;
new OrderedStore(chart, 'computed', { containers, replicas: computedNumber, revisionHistoryLimit: computedNumber });
StatefulSetUpdateStrategy.rollingUpdate({ partition: computedNumber, maxUnavailableAlpha: computedEither });
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: computedEither });

// --- OnDelete takes no partition and no other rolling-update field; StatefulSets have no maxSurge ----------------
// @ts-expect-error onDelete takes no options
StatefulSetUpdateStrategy.onDelete({ partition: 1 });
// @ts-expect-error onDelete takes no options at all
StatefulSetUpdateStrategy.onDelete({});
// @ts-expect-error a StatefulSet never surges
StatefulSetUpdateStrategy.rollingUpdate({ maxSurge: 1 });

// --- partition, replicas, revisionHistoryLimit reject negative and fractional literals ---------------------------
// @ts-expect-error negative partition
StatefulSetUpdateStrategy.rollingUpdate({ partition: -1 });
// @ts-expect-error fractional partition
StatefulSetUpdateStrategy.rollingUpdate({ partition: 1.5 });
// @ts-expect-error negative replicas
new OrderedStore(chart, 'negReplicas', { containers, replicas: -1 });
// @ts-expect-error fractional replicas
new OrderedStore(chart, 'fracReplicas', { containers, replicas: 2.5 });
// @ts-expect-error negative revisionHistoryLimit
new OrderedStore(chart, 'negHistory', { containers, revisionHistoryLimit: -3 });
// @ts-expect-error fractional revisionHistoryLimit
new OrderedStore(chart, 'fracHistory', { containers, revisionHistoryLimit: 0.5 });

// --- maxUnavailable (and its alpha alias): a whole number > 0 or '<digits>%' ----------------------------------------
// @ts-expect-error zero is rejected by the API server
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0 });
// @ts-expect-error '0%' is zero too
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: '0%' });
// @ts-expect-error a string must end in %
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: '2' });
// @ts-expect-error negative
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: -1 });
// @ts-expect-error zero is rejected by the API server
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: 0 });
// @ts-expect-error '0%' is zero too
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: '0%' });
// @ts-expect-error a string must end in %
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: '2' });
// @ts-expect-error negative
StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailableAlpha: -1 });

// --- no restartPolicy other than Always can be expressed: there is no restartPolicy prop at all ------------------
// @ts-expect-error restartPolicy is not a prop
new OrderedStore(chart, 'restart', { containers, restartPolicy: 'OnFailure' });
// @ts-expect-error not even 'Always': the pods always restart
new OrderedStore(chart, 'restartAlways', { containers, restartPolicy: 'Always' });
// @ts-expect-error activeDeadlineSeconds is forbidden in StatefulSet templates
new OrderedStore(chart, 'deadline', { containers, activeDeadlineSeconds: 60 });

// --- fixed vocabularies --------------------------------------------------------------------------------------------
// @ts-expect-error only OrderedReady and Parallel
new OrderedStore(chart, 'policy', { containers, podManagementPolicy: 'Sequential' });
// @ts-expect-error only Retain and Delete
new OrderedStore(chart, 'retain', { containers, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } });
// @ts-expect-error only the four access modes
new OrderedStore(chart, 'mode', { containers, volumeClaimTemplates: [{ name: 'data', storage: '1Gi', mountPath: '/data', accessModes: ['ReadWriteAll'] }] });
// @ts-expect-error a claim template needs a size
new OrderedStore(chart, 'nosize', { containers, volumeClaimTemplates: [{ name: 'data', mountPath: '/data' }] });

// --- an existing Service is only named: nothing to publish ---------------------------------------------------------
// @ts-expect-error existing takes a name, not options
GoverningService.existing({ name: 'db', publishNotReadyAddresses: true });
// @ts-expect-error the ordinal start is an object, as in the manifest
new OrderedStore(chart, 'ordinals', { containers, ordinals: 1 });
