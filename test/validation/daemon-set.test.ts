import { InvalidCase, Manifest, ValidCase, testCases } from './cases';

// From TestValidateDaemonSet, TestValidateDaemonSetUpdateStrategy and TestValidateRollingUpdateDaemonSet
// (pkg/apis/apps/validation/validation_test.go), rebased onto one valid apps/v1 manifest.
const base: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'abc', namespace: 'default' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'abc', image: 'image:1', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] },
    },
  },
};

const rollingUpdate = (m: Manifest, value: Record<string, unknown>): void => {
  m.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: value };
};

const valid: ValidCase[] = [
  { name: 'surge with maxUnavailable 0', change: (m) => rollingUpdate(m, { maxUnavailable: 0, maxSurge: 1 }) },
  { name: 'maxUnavailable 100%', change: (m) => rollingUpdate(m, { maxUnavailable: '100%' }) },
  { name: 'percent surge with maxUnavailable 0%', change: (m) => rollingUpdate(m, { maxUnavailable: '0%', maxSurge: '20%' }) },
  { name: 'OnDelete ignores rollingUpdate (not validated by 1.27)', change: (m) => { m.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: '500%' } }; } },
  { name: 'selector with matchExpressions', change: (m) => { m.spec.selector = { matchExpressions: [{ key: 'a', operator: 'In', values: ['b', 'c'] }] }; } },
  { name: 'template labels beyond the selector', change: (m) => { m.spec.template.metadata.labels.extra = 'x'; } },
  { name: 'revisionHistoryLimit 0', change: (m) => { m.spec.revisionHistoryLimit = 0; } },
  { name: 'generateName instead of name', change: (m) => { m.metadata = { generateName: 'abc-' }; } },
  { name: 'no namespace (filled in from the request)', change: (m) => { delete m.metadata.namespace; } },
  { name: 'restartPolicy left out (defaulted to Always)', change: (m) => { delete m.spec.template.spec.restartPolicy; } },
];

const invalid: InvalidCase[] = [
  { name: 'zero-length name', change: (m) => { m.metadata.name = ''; }, field: 'metadata.name', type: 'Required value', message: 'name or generateName is required' },
  { name: 'name not a DNS subdomain', change: (m) => { m.metadata.name = 'Abc'; }, field: 'metadata.name', type: 'Invalid value', message: 'DNS-1123 subdomain' },
  { name: 'name longer than 253', change: (m) => { m.metadata.name = 'a'.repeat(254); }, field: 'metadata.name', type: 'Invalid value', message: 'must be no more than 253 characters' },
  { name: 'invalid namespace', change: (m) => { m.metadata.namespace = 'Default_NS'; }, field: 'metadata.namespace', type: 'Invalid value' },
  { name: 'nil selector', change: (m) => { delete m.spec.selector; }, field: 'spec.template.metadata.labels', type: 'Invalid value', message: '`selector` does not match template `labels`' },
  { name: 'empty selector', change: (m) => { m.spec.selector = {}; }, field: 'spec.selector', type: 'Invalid value', message: 'empty selector is invalid for daemonset' },
  { name: 'selector_doesnt_match', change: (m) => { m.spec.selector.matchLabels = { a: 'c' }; }, field: 'spec.template.metadata.labels', type: 'Invalid value', message: 'does not match' },
  { name: 'invalid selector operator', change: (m) => { m.spec.selector.matchExpressions = [{ key: 'a', operator: 'Equals', values: ['b'] }]; }, field: 'spec.selector.matchExpressions[0].operator', type: 'Invalid value', message: 'not a valid selector operator' },
  { name: 'In without values', change: (m) => { m.spec.selector.matchExpressions = [{ key: 'a', operator: 'In', values: [] }]; }, field: 'spec.selector.matchExpressions[0].values', type: 'Required value', message: "'In' or 'NotIn'" },
  { name: 'Exists with values', change: (m) => { m.spec.selector.matchExpressions = [{ key: 'a', operator: 'Exists', values: ['b'] }]; }, field: 'spec.selector.matchExpressions[0].values', type: 'Forbidden', message: "'Exists' or 'DoesNotExist'" },
  { name: 'invalid selector label value', change: (m) => { m.spec.selector.matchLabels = { a: 'b', c: '-x-' }; m.spec.template.metadata.labels.c = 'x'; }, field: 'spec.selector.matchLabels', type: 'Invalid value' },
  { name: 'invalid_label (key)', change: (m) => { m.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }; }, field: 'metadata.labels', type: 'Invalid value', message: 'name part must consist of' },
  { name: 'invalid_label 2 (value too long)', change: (m) => { m.metadata.labels = { a: 'x'.repeat(64) }; }, field: 'metadata.labels', type: 'Invalid value', message: 'must be no more than 63 characters' },
  { name: 'invalid label prefix', change: (m) => { m.metadata.labels = { 'Example.com/a': 'b' }; }, field: 'metadata.labels', type: 'Invalid value', message: 'prefix part' },
  { name: 'label key with two slashes', change: (m) => { m.metadata.labels = { 'a/b/c': 'd' }; }, field: 'metadata.labels', type: 'Invalid value' },
  { name: 'invalid template label', change: (m) => { m.spec.template.metadata.labels['NoUppercaseOrSpecialCharsLike=Equals'] = 'b'; }, field: 'spec.template.labels', type: 'Invalid value' },
  { name: 'invalid_annotation', change: (m) => { m.metadata.annotations = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }; }, field: 'metadata.annotations', type: 'Invalid value' },
  { name: 'annotations over 256 KiB', change: (m) => { m.metadata.annotations = { a: 'x'.repeat(256 * 1024) }; }, field: 'metadata.annotations', type: 'Too long', message: 'must have at most 262144 bytes' },
  { name: 'invalid restart policy 1 (OnFailure)', change: (m) => { m.spec.template.spec.restartPolicy = 'OnFailure'; }, field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', message: 'supported values: "Always"' },
  { name: 'invalid restart policy 2 (Never)', change: (m) => { m.spec.template.spec.restartPolicy = 'Never'; }, field: 'spec.template.spec.restartPolicy', type: 'Unsupported value', message: 'supported values: "Always"' },
  { name: 'activeDeadlineSeconds in the pod template', change: (m) => { m.spec.template.spec.activeDeadlineSeconds = 5; }, field: 'spec.template.spec.activeDeadlineSeconds', type: 'Forbidden', message: 'activeDeadlineSeconds in DaemonSet is not Supported' },
  { name: 'template may not contain ephemeral containers', change: (m) => { m.spec.template.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }]; }, field: 'spec.template.spec.ephemeralContainers', type: 'Forbidden', message: 'ephemeral containers not allowed in pod template' },
  { name: 'invalid update strategy type', change: (m) => { m.spec.updateStrategy = { type: 'Nonsense' }; }, field: 'spec.updateStrategy', type: 'Unsupported value', message: '"RollingUpdate", "OnDelete"' },
  { name: 'negative maxUnavailable', change: (m) => rollingUpdate(m, { maxUnavailable: -1 }), field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'maxUnavailable over 100%', change: (m) => rollingUpdate(m, { maxUnavailable: '150%' }), field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Invalid value', message: 'must not be greater than 100%' },
  { name: 'maxUnavailable not a percent string', change: (m) => rollingUpdate(m, { maxUnavailable: '10 percent' }), field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Invalid value', message: 'a valid percent string' },
  { name: 'both 0', change: (m) => rollingUpdate(m, { maxUnavailable: 0, maxSurge: 0 }), field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Required value', message: 'cannot be 0 when maxSurge is 0' },
  { name: 'both 0 (0% counts as 0)', change: (m) => rollingUpdate(m, { maxUnavailable: '0%' }), field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'Required value', message: 'cannot be 0 when maxSurge is 0' },
  { name: 'maxSurge with maxUnavailable defaulted to 1', change: (m) => rollingUpdate(m, { maxSurge: 1 }), field: 'spec.updateStrategy.rollingUpdate.maxSurge', type: 'Invalid value', message: 'may not be set when maxUnavailable is non-zero' },
  { name: 'maxSurge over 100%', change: (m) => rollingUpdate(m, { maxUnavailable: 0, maxSurge: '101%' }), field: 'spec.updateStrategy.rollingUpdate.maxSurge', type: 'Invalid value', message: 'must not be greater than 100%' },
  { name: 'negative minReadySeconds', change: (m) => { m.spec.minReadySeconds = -1; }, field: 'spec.minReadySeconds', type: 'Invalid value', message: 'must be greater than or equal to 0' },
  { name: 'negative revisionHistoryLimit', change: (m) => { m.spec.revisionHistoryLimit = -1; }, field: 'spec.revisionHistoryLimit', type: 'Invalid value', message: 'must be greater than or equal to 0' },
];

describe('DaemonSet (apps/v1, Kubernetes 1.27)', () => {
  testCases(base, valid, invalid);
});
