/**
 * Type tests for native sidecars: each `@ts-expect-error` line must fail to compile (`tsc --noEmit -p test/tsconfig.json`).
 */
import { Chart } from 'cdk8s';
import { NodeAgent } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'agent', image: 'agent:1.0' }];

// --- what must compile -------------------------------------------------------------------------------------
new NodeAgent(chart, 'ok', { containers, initContainers: [{ name: 'proxy', image: 'proxy:2', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 1 } } }] });
new NodeAgent(chart, 'ok2', { containers, initContainers: [{ name: 'setup', image: 'setup:1' }] });

// --- what must not -----------------------------------------------------------------------------------------
// @ts-expect-error only Always is a container restartPolicy of an init container
new NodeAgent(chart, 'never', { containers, initContainers: [{ name: 'setup', image: 'setup:1', restartPolicy: 'Never' }] });
// @ts-expect-error regular containers have no restartPolicy
new NodeAgent(chart, 'regular', { containers: [{ name: 'agent', image: 'agent:1.0', restartPolicy: 'Always' }] });
