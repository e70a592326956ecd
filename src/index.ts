export * from './k8s-syntax';
export * from './node-agent';
export * from './ordered-store';
export * from './pod-security';
export * from './pod-template';
export * from './problems';
export * from './types';
export * from './validation';
