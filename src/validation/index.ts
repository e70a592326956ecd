export { Violation, ViolationType, formatViolation } from './violation';
export { validateManifest } from './validate-manifest';
export { validateChartOnSynth } from './chart-validation';
