/**
 * Type tests for the OrderedStore companions: each `@ts-expect-error` line must fail to compile, so a guarantee
 * that stops holding fails `tsc --noEmit -p test/tsconfig.json`, the first step of `npm test`.
 */
import { Chart } from 'cdk8s';
import { GoverningService, IntOrPercent, OrderedStore, PodDisruptionBudget } from '../../src';

declare const chart: Chart;
const containers = [{ name: 'db', image: 'postgres:16.3', ports: [{ name: 'pg', containerPort: 5432 }] }];

// --- what must compile -------------------------------------------------------------------------------------
PodDisruptionBudget.minAvailable(2);
PodDisruptionBudget.minAvailable('50%');
PodDisruptionBudget.maxUnavailable(1);
PodDisruptionBudget.maxUnavailable('25%');
// Computed values are not literals: they compile and are checked at synth.
declare const computed: IntOrPercent;
PodDisruptionBudget.minAvailable(computed);
PodDisruptionBudget.maxUnavailable(computed);
new OrderedStore(chart, 'ok', {
  containers,
  replicas: 3,
  podDisruptionBudget: PodDisruptionBudget.maxUnavailable(1),
  clientService: { name: 'db-client', ports: [{ port: 5432, targetPort: 'pg' }] },
  service: GoverningService.headless({ ports: [{ name: 'pg', port: 5432 }], labels: { a: 'b' }, annotations: { 'example.com/x': 'y' } }),
});

// --- a budget sets exactly one of minAvailable and maxUnavailable ------------------------------------------------
// @ts-expect-error a budget is built with minAvailable() or maxUnavailable(), not written as an object
new OrderedStore(chart, 'e1', { containers, podDisruptionBudget: { spec: { minAvailable: 1 } } });

// --- budgets that allow no eviction at any replica count do not compile -----------------------------------------
// @ts-expect-error maxUnavailable 0 allows no eviction: a node drain would hang
PodDisruptionBudget.maxUnavailable(0);
// @ts-expect-error maxUnavailable '0%' allows no eviction
PodDisruptionBudget.maxUnavailable('0%');
// @ts-expect-error minAvailable 100% keeps every pod
PodDisruptionBudget.minAvailable('100%');

// --- the values are whole numbers >= 0 or percents ----------------------------------------------------------------
// @ts-expect-error negative
PodDisruptionBudget.minAvailable(-1);
// @ts-expect-error fractional
PodDisruptionBudget.maxUnavailable(1.5);
// @ts-expect-error a number in a string is not a percent
PodDisruptionBudget.minAvailable('2');
// @ts-expect-error not digits
PodDisruptionBudget.maxUnavailable('half%');

// --- the client Service has a name and at least one port; it is ClusterIP, never headless --------------------------
// @ts-expect-error the client Service needs its own name
new OrderedStore(chart, 'e2', { containers, clientService: { ports: [{ port: 5432 }] } });
// @ts-expect-error at least one port
new OrderedStore(chart, 'e3', { containers, clientService: { name: 'db-client', ports: [] } });
// @ts-expect-error no type: the client Service is always ClusterIP
new OrderedStore(chart, 'e4', { containers, clientService: { name: 'db-client', ports: [{ port: 5432 }], type: 'LoadBalancer' } });

// --- an existing governing Service takes no ports, labels or annotations ----------------------------------------
// @ts-expect-error the options belong to the Service the construct emits
GoverningService.existing('db', { ports: [] });
