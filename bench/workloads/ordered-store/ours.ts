import { Construct } from 'constructs';
import { OrderedStore } from '../../../src';
import { team } from '../builders';
import { NAME, PGDATA, image } from './shared';

/** With our construct. */
export function build(scope: Construct, i: number): void {
  new OrderedStore(scope, NAME, {
    metadata: { name: NAME, namespace: team(i), labels: { 'app.kubernetes.io/part-of': team(i) } },
    replicas: 3,
    securityContext: { fsGroup: 999 },
    containers: [{
      name: 'postgres',
      image: image(i),
      imagePullPolicy: 'IfNotPresent',
      env: {
        PGDATA: `${PGDATA}/pgdata`,
        POSTGRES_PASSWORD: { secretKeyRef: { name: 'db-credentials', key: 'password' } },
      },
      ports: [{ name: 'postgres', containerPort: 5432 }],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '768Mi' } },
      readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, failureThreshold: 3, periodSeconds: 10 },
      livenessProbe: { tcpSocket: { port: 5432 }, failureThreshold: 3, initialDelaySeconds: 30 },
      volumeMounts: [{ name: 'run', mountPath: '/var/run/postgresql' }],
      securityContext: { runAsUser: 999, runAsGroup: 999 },
    }],
    volumes: [{ name: 'run', emptyDir: {} }],
    volumeClaimTemplates: [{ name: 'data', storage: '10Gi', mountPath: PGDATA }],
  });
}
