/** A nightly report in Tokyo time that never overlaps itself, with a scratch volume and history limits. */
export const NAME = 'sales-report';
export const image = (i: number): string => `registry.example.com/shop/backend:4.${i % 10}.0`;
