/** A schema migration: one pod, two retries, a 10-minute deadline, a pod failure policy, the database URL from a Secret. */
export const NAME = 'migrate';
export const image = (i: number): string => `registry.example.com/shop/backend:4.${i % 10}.0`;
