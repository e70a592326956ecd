export { Violation, ViolationType, formatViolation } from './violation';
export { ManifestValidationOptions, validateManifest, validatePods } from './validate-manifest';
export { KubernetesVersion } from './versions';
export { validateChartOnSynth } from './chart-validation';
