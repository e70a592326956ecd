export { Violation, ViolationType, formatViolation } from './violation';
export { VALIDATED_KINDS, validateManifest } from './validate-manifest';
export { scheduleViolations } from './schedule';
export { validateChartOnSynth } from './chart-validation';
