/** A 3-replica PostgreSQL: a 10Gi claim per replica, its password from a Secret, exec and TCP probes. */
export const NAME = 'db';
export const image = (i: number): string => `postgres:15.${i % 5}`;
export const PGDATA = '/var/lib/postgresql/data';
