export { Violation, ViolationType, formatViolation } from './violation';
export { validateManifest, validatePods } from './validate-manifest';
export { validateChartOnSynth } from './chart-validation';
