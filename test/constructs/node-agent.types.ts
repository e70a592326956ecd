/**
 * Type tests for NodeAgent: each `@ts-expect-error` line must fail to compile, so a guarantee that stops
 * holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { DaemonSetUpdateStrategy, IntOrPercent, NodeAgent } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'agent', image: 'agent:1.0' }];

// --- what must compile -------------------------------------------------------------------------------------
new NodeAgent(chart, 'ok', { containers, revisionHistoryLimit: 0 });
new NodeAgent(chart, 'ok2', { containers, revisionHistoryLimit: 10 });
DaemonSetUpdateStrategy.rollingUpdate();
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 2 });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%' });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 1 });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: '25%' });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1, maxSurge: 0 });
DaemonSetUpdateStrategy.onDelete();
// Computed values are not literals: they compile and are checked at synth.
declare const computedNumber: number;
declare const computedPercent: `${number}%`;
new NodeAgent(chart, 'computed', { containers, revisionHistoryLimit: computedNumber });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: computedPercent });
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: computedNumber, maxSurge: computedNumber });
declare const computedEither: IntOrPercent;
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: computedEither, maxSurge: computedEither });

// --- there is no replicas setting ------------------------------------------------------------------------------
// @ts-expect-error a DaemonSet runs one pod per eligible node
new NodeAgent(chart, 'replicas', { containers, replicas: 3 });

// --- OnDelete accepts no rolling-update fields; DaemonSets have no partition ------------------------------------
// @ts-expect-error onDelete takes no options
DaemonSetUpdateStrategy.onDelete({ maxUnavailable: 1 });
// @ts-expect-error partition is a StatefulSet field
DaemonSetUpdateStrategy.rollingUpdate({ partition: 1 });

// --- maxUnavailable / maxSurge: a whole number >= 0 or '<digits>%' ---------------------------------------------
// @ts-expect-error a string must end in %
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10' });
// @ts-expect-error digits only before %
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 'ten%' });
// @ts-expect-error no fractions in a percent
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '2.5%' });
// @ts-expect-error negative
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: -1 });
// @ts-expect-error fractional
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1.5 });
// @ts-expect-error negative surge
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: -1 });
// @ts-expect-error surge must also be digits and %
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: '-5%' });

// --- both zero does not compile (the API server rejects it) ------------------------------------------------------
// @ts-expect-error both literal zero
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 0 });
// @ts-expect-error '0%' is zero too
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '0%', maxSurge: 0 });
// @ts-expect-error maxSurge omitted is 0, so maxUnavailable: 0 alone is both zero
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0 });

// --- both non-zero does not compile where both are literals --------------------------------------------------------
// @ts-expect-error maxUnavailable omitted is 1: surging needs maxUnavailable: 0
DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: 1 });
// @ts-expect-error both non-zero
DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: '10%', maxSurge: '10%' });

// --- revisionHistoryLimit rejects negative and fractional literals -------------------------------------------------
// @ts-expect-error negative
new NodeAgent(chart, 'neg', { containers, revisionHistoryLimit: -1 });
// @ts-expect-error fractional
new NodeAgent(chart, 'frac', { containers, revisionHistoryLimit: 2.5 });

// --- label values are strings ------------------------------------------------------------------------------------
// @ts-expect-error write 'true', not true
new NodeAgent(chart, 'ssd', { containers, nodeSelector: { ssd: true } });
// @ts-expect-error pod labels too
new NodeAgent(chart, 'podlabel', { containers, podMetadata: { labels: { tier: 1 } } });
// @ts-expect-error selector labels too
new NodeAgent(chart, 'sel', { containers, selector: { tier: false } });

// --- the shared pod template -----------------------------------------------------------------------------------------
// @ts-expect-error a probe has exactly one handler
new NodeAgent(chart, 'probe', { containers: [{ name: 'a', image: 'a:1', livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 1 } } }] });
// @ts-expect-error a volume has exactly one source
new NodeAgent(chart, 'vol', { containers, volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/var/log' } }] });
// @ts-expect-error only the three protocols
new NodeAgent(chart, 'proto', { containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] });
// @ts-expect-error the Downward API exposes only known pod fields
new NodeAgent(chart, 'field', { containers: [{ name: 'a', image: 'a:1', env: { X: { fieldRef: { fieldPath: 'spec.nodename' } } } }] });
// @ts-expect-error typos in a container are caught
new NodeAgent(chart, 'typo', { containers: [{ name: 'a', image: 'a:1', imagePullPolcy: 'Always' }] });
