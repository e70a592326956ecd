/** A fluent-bit log shipper: node logs read-only, control-plane nodes too, 10% of nodes updated at a time. */
export const NAME = 'log-shipper';
export const image = (i: number): string => `cr.fluentbit.io/fluent/fluent-bit:2.1.${i % 10}`;
