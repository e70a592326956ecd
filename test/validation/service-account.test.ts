import { Manifest, testCases } from './cases';

// ValidateServiceAccount (pkg/apis/core/validation/validation.go, release-1.27): metadata only.
const base: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'fluent-bit', namespace: 'logging' } };

describe('ServiceAccount (v1, Kubernetes 1.27)', () => {
  testCases(base, [
    { name: 'a dotted name (a DNS subdomain)', change: (m) => { m.metadata.name = 'fluent-bit.logging'; } },
    { name: 'token automount off, image pull secrets', change: (m) => { m.automountServiceAccountToken = false; m.imagePullSecrets = [{ name: 'registry' }]; } },
  ], [
    { name: 'zero-length name', change: (m) => { m.metadata.name = ''; }, field: 'metadata.name', type: 'Required value' },
    { name: 'upper-case name', change: (m) => { m.metadata.name = 'Fluent'; }, field: 'metadata.name', type: 'Invalid value', message: 'must be a DNS-1123 subdomain' },
    { name: 'name with a colon', change: (m) => { m.metadata.name = 'a:b'; }, field: 'metadata.name', type: 'Invalid value' },
    { name: 'bad namespace', change: (m) => { m.metadata.namespace = 'a.b'; }, field: 'metadata.namespace', type: 'Invalid value' },
    { name: 'unknown field', change: (m) => { m.rules = []; }, field: 'rules', type: 'Forbidden', message: 'unknown field' },
  ]);
});
