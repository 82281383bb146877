// Monitoring's public API: serving, the CLI, retraining and the simulation import from here.
export { DEFAULT_MONITORING_CONFIG, MONITORING_ENV, monitoringConfigFromEnv, checkMonitoringConfig, type MonitoringConfig } from './config.js';
export { resolveRange, windowStart, type MonitoringRange, type WindowUnit } from './time-range.js';
export { computeDrift, type DriftReport, type WindowDrift, type TagDrift, type FeatureDrift } from './drift.js';
export { computePerformance, figures, type PerformanceReport, type VersionPerformance, type Figures, type DayFigures } from './performance.js';
export { computeQuality, SCRIPTS, type QualityReport, type WindowQuality, type Script } from './quality.js';
export { evaluateAlerts, type Alert } from './alerts.js';
export { computeSummary, type MonitoringSummary } from './summary.js';
export { toApiJson } from './json-keys.js';
export { alertRules, renderAlertRules, type AlertRule } from './alert-rules.js';
export { buildReference, referenceOf, NUMERIC_FEATURES as NUMERIC_FEATURE_NAMES, type MonitoringReference, type ReferenceInput, type NumericFeature } from '../training/reference.js';
export { MonitoringQueries } from './monitoring-queries.js';
