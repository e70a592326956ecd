import * as fc from 'fast-check';
import { GoverningService, IntOrPercent, OrderedStore, OrderedStoreProps, PodDisruptionBudget } from '../../src';
import { chartYaml, manifestsOfKind, newChart, synthErrors } from '../util';

const etcdContainer = {
  name: 'etcd',
  image: 'registry.k8s.io/etcd:3.5.9-0',
  ports: [{ name: 'client', containerPort: 2379 }, { name: 'peer', containerPort: 2380 }],
};

describe('OrderedStore companions by default', () => {
  const { chart } = newChart({ namespace: 'coordination' });
  new OrderedStore(chart, 'etcd', { metadata: { name: 'etcd', labels: { team: 'platform' } }, replicas: 3, containers: [etcdContainer] });

  test('emit no PodDisruptionBudget', () => {
    expect(manifestsOfKind(chart, 'PodDisruptionBudget')).toEqual([]);
  });

  test('emit no client Service: only the headless one', () => {
    const services = manifestsOfKind(chart, 'Service');
    expect(services.map((s) => s.spec.clusterIP)).toEqual(['None']);
  });

  test('give the headless Service the store\'s labels, no annotations, and the containers\' named ports', () => {
    const [service] = manifestsOfKind(chart, 'Service');
    expect(service.metadata).toEqual({ name: 'etcd', namespace: 'coordination', labels: { team: 'platform' } });
    expect(service.spec.ports).toEqual([{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }]);
  });
});

describe('OrderedStore companions fully configured (PDB, client Service, headless Service options)', () => {
  const { chart } = newChart({ namespace: 'coordination' });
  const store = new OrderedStore(chart, 'etcd', {
    metadata: { name: 'etcd', labels: { team: 'platform' } },
    replicas: 3,
    containers: [etcdContainer],
    service: GoverningService.headless({
      publishNotReadyAddresses: true,
      ports: [{ name: 'peer', port: 2380, targetPort: 'peer' }],
      labels: { 'team': 'platform', 'app.kubernetes.io/component': 'peers' },
      annotations: { 'service.alpha.kubernetes.io/tolerate-unready-endpoints': 'true' },
    }),
    clientService: {
      name: 'etcd-client',
      ports: [{ name: 'client', port: 2379, targetPort: 'client' }],
      annotations: { 'prometheus.io/scrape': 'true' },
    },
    podDisruptionBudget: PodDisruptionBudget.minAvailable(2),
  });
  const yaml = chartYaml(chart);
  const [headless, client] = manifestsOfKind(chart, 'Service');
  const [budget] = manifestsOfKind(chart, 'PodDisruptionBudget');

  test('emits the whole YAML as in the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('emits a policy/v1 PodDisruptionBudget named like the store, selecting its pods', () => {
    expect(budget).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'etcd', namespace: 'coordination', labels: { team: 'platform' } },
      spec: { minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'etcd' } } },
    });
    expect(store.podDisruptionBudget?.kind).toBe('PodDisruptionBudget');
  });

  test('emits a ClusterIP client Service with its own name and ports, the store\'s selector and labels', () => {
    expect(client).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'etcd-client', namespace: 'coordination', labels: { team: 'platform' }, annotations: { 'prometheus.io/scrape': 'true' } },
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'etcd' }, ports: [{ name: 'client', port: 2379, targetPort: 'client' }] },
    });
    expect(store.clientService?.name).toBe('etcd-client');
  });

  test('gives the headless Service the chosen ports, labels and annotations', () => {
    expect(headless.metadata).toEqual({
      name: 'etcd',
      namespace: 'coordination',
      labels: { 'team': 'platform', 'app.kubernetes.io/component': 'peers' },
      annotations: { 'service.alpha.kubernetes.io/tolerate-unready-endpoints': 'true' },
    });
    expect(headless.spec).toEqual({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { 'app.kubernetes.io/name': 'etcd' },
      ports: [{ name: 'peer', port: 2380, targetPort: 'peer' }],
    });
  });

  test('accepts a budget that leaves one eviction, in numbers and in percents', () => {
    for (const budgetOf of [PodDisruptionBudget.maxUnavailable(1), PodDisruptionBudget.maxUnavailable('1%'), PodDisruptionBudget.minAvailable('66%')]) {
      const { app, chart: other } = newChart({ namespace: 'coordination' });
      new OrderedStore(other, 'etcd', { replicas: 3, containers: [etcdContainer], podDisruptionBudget: budgetOf });
      expect(() => app.synth()).not.toThrow();
    }
  });

  test('lets the headless Service list no ports when given none', () => {
    const { chart: other } = newChart();
    new OrderedStore(other, 'etcd', { containers: [etcdContainer], service: GoverningService.headless({ ports: [] }) });
    expect(manifestsOfKind(other, 'Service')[0].spec).not.toHaveProperty('ports');
  });
});

describe('OrderedStore companion synth-time errors', () => {
  function errorsOf(props: Partial<OrderedStoreProps>): string[] {
    const { app, chart } = newChart({ namespace: 'coordination' });
    new OrderedStore(chart, 'store', { metadata: { name: 'etcd' }, containers: [etcdContainer], ...props });
    return synthErrors(app);
  }
  // Values computed at run time: the types cannot see them.
  const runtime = (value: IntOrPercent): IntOrPercent => value;

  test('fails if minAvailable keeps every replica, as a drain would hang (stricter than the API server)', () => {
    expect(errorsOf({ replicas: 3, podDisruptionBudget: PodDisruptionBudget.minAvailable(runtime(3)) })).toEqual([
      '[test/store] StatefulSet etcd: podDisruptionBudget.minAvailable: Invalid value: 3: allows no eviction: at least 3 must stay available and the store has 3 replicas, so a node drain would hang; the API server accepts it, but this check is stricter: use at most 2, or maxUnavailable',
    ]);
  });

  test('fails if a minAvailable percent rounds up to every replica', () => {
    expect(errorsOf({ replicas: 3, podDisruptionBudget: PodDisruptionBudget.minAvailable('90%') })).toEqual([
      '[test/store] StatefulSet etcd: podDisruptionBudget.minAvailable: Invalid value: "90%": allows no eviction: 90% of 3 replicas rounds up to 3, all of them, so a node drain would hang; the API server accepts it, but this check is stricter: use at most 2, or maxUnavailable',
    ]);
  });

  test('fails if a single replica must stay available', () => {
    expect(errorsOf({ podDisruptionBudget: PodDisruptionBudget.minAvailable(1) })).toEqual([
      '[test/store] StatefulSet etcd: podDisruptionBudget.minAvailable: Invalid value: 1: allows no eviction: at least 1 must stay available and the store has 1 replica, so a node drain would hang; the API server accepts it, but this check is stricter: one replica cannot stay available through a drain: add replicas, or leave podDisruptionBudget out',
    ]);
  });

  test('fails if maxUnavailable is 0 or 0%', () => {
    expect(errorsOf({ replicas: 3, podDisruptionBudget: PodDisruptionBudget.maxUnavailable(runtime('0%')) })).toEqual([
      '[test/store] StatefulSet etcd: podDisruptionBudget.maxUnavailable: Invalid value: "0%": allows no eviction: none of the 3 replicas may be unavailable, so a node drain would hang; the API server accepts it, but this check is stricter: use at least 1',
    ]);
  });

  test('accepts any budget when the store has no replicas: there is nothing to evict', () => {
    const { app, chart } = newChart();
    new OrderedStore(chart, 'store', { replicas: 0, containers: [etcdContainer], podDisruptionBudget: PodDisruptionBudget.minAvailable(1) });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails through the manifest validator if a budget value is one the API server refuses', () => {
    expect(errorsOf({ replicas: 3, podDisruptionBudget: PodDisruptionBudget.maxUnavailable(runtime('150%')) })).toEqual([
      '[test/store] PodDisruptionBudget etcd: spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
  });

  test('fails if a target port names no container port', () => {
    expect(errorsOf({
      service: GoverningService.headless({ ports: [{ port: 2380, targetPort: 'peers' }] }),
      clientService: { name: 'etcd-client', ports: [{ port: 2379, targetPort: 'clinet' }] },
    })).toEqual([
      "[test/store] StatefulSet etcd: service.ports[0].targetPort: Invalid value: \"peers\": names no port of the store's containers (named ports: 'client', 'peer'), so the Service would send traffic nowhere; the API server accepts it, but this check is stricter",
      "[test/store] StatefulSet etcd: clientService.ports[0].targetPort: Invalid value: \"clinet\": names no port of the store's containers (named ports: 'client', 'peer'), so the Service would send traffic nowhere; the API server accepts it, but this check is stricter",
    ]);
  });

  test('fails if the client Service is named like the headless Service', () => {
    expect(errorsOf({ clientService: { name: 'etcd', ports: [{ port: 2379 }] } })).toEqual([
      '[test/store] StatefulSet etcd: clientService.name: Invalid value: "etcd": is also the name of the headless Service (spec.serviceName); give the client Service a name of its own',
      '[test/store] Service etcd: metadata.name: Duplicate value: "etcd": test/store emits the same Service in namespace "coordination"; kubectl apply would keep only one of them',
    ]);
  });
});

describe('OrderedStore budget check against the disruption controller', () => {
  /**
   * How many of `replicas` healthy pods the disruption controller lets be evicted (pkg/controller/disruption:
   * getExpectedPodCount, then disruptionsAllowed = currentHealthy - desiredHealthy), with percents scaled as Go's
   * intstr.GetScaledValueFromIntOrPercent(roundUp: true) does, in integer arithmetic.
   */
  function allowedEvictions(replicas: number, budget: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent }): number {
    const scaled = (value: IntOrPercent): number => (typeof value === 'number' ? value : Math.floor((replicas * Number(value.slice(0, -1)) + 99) / 100));
    const desiredHealthy = budget.minAvailable !== undefined ? scaled(budget.minAvailable) : Math.max(0, replicas - scaled(budget.maxUnavailable!));
    return Math.max(0, replicas - desiredHealthy);
  }

  const value = fc.oneof(fc.nat(12), fc.nat(100).map((p): IntOrPercent => `${p}%`));

  test('for any replicas and budget, synth fails exactly when no eviction would be allowed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.boolean(), value, (replicas, isMin, budgetValue) => {
      const { app, chart } = newChart();
      const budget = isMin ? PodDisruptionBudget.minAvailable(budgetValue) : PodDisruptionBudget.maxUnavailable(budgetValue);
      new OrderedStore(chart, 'store', { replicas, containers: [etcdContainer], podDisruptionBudget: budget });
      const blocked = allowedEvictions(replicas, isMin ? { minAvailable: budgetValue } : { maxUnavailable: budgetValue }) === 0;
      if (blocked) expect(synthErrors(app)).toEqual([expect.stringContaining('allows no eviction')]);
      else expect(() => app.synth()).not.toThrow();
    }), { numRuns: 200 });
  });
});
