import { wardenError } from '../errors.js';
import type { Correction } from '../statistics/index.js';

/** Thresholds and sample sizes of monitoring; validated once, frozen, passed down. */
export interface MonitoringConfig {
  /** PSI bands: below `watch` stable, up to `act` watch, above `act` act. */
  psi: { watch: number; act: number };
  /** Significance level of the tag and numeric-feature drift tests, after correction. */
  alpha: number;
  /** Multiple-testing correction across the tags (and across the numeric features) of a window. */
  correction: Correction;
  /** A tag is only flagged when its share moved by at least this much (absolute), whatever the p-value. */
  minTagShareDelta: number;
  /** A numeric feature is only flagged when its KS D is at least this large. */
  minKsStatistic: number;
  /** Out-of-vocabulary rate above the reference by more than this flags a window. */
  oovRateDelta: number;
  /** Stored texts sampled per window (newest first) for the OOV rate and the text features. */
  oovSampleSize: number;
  /** Windows with fewer predictions are reported but never alert. */
  minWindowCount: number;
  /** Performance floors (alert below TPR/precision, above FPR) over the rolling 7 days. */
  floors: { tpr: number; fpr: number; precision: number };
  /** A performance figure needs at least this many labels behind it to alert. */
  minLabels: number;
  /** Texts longer than this (UTF-16 units) count as very long in data quality. */
  longTextChars: number;
  /** Quality alert when the share of empty/very long/control-character texts exceeds this. */
  maxBadTextShare: number;
  /** How often the Prometheus gauges are recomputed. */
  refreshMs: number;
}

export const DEFAULT_MONITORING_CONFIG: Readonly<MonitoringConfig> = deepFreeze({
  psi: { watch: 0.1, act: 0.25 },
  alpha: 0.01,
  correction: 'holm',
  minTagShareDelta: 0.02,
  minKsStatistic: 0.05,
  oovRateDelta: 0.05,
  oovSampleSize: 1000,
  minWindowCount: 50,
  floors: { tpr: 0.9, fpr: 0.05, precision: 0.75 },
  minLabels: 30,
  longTextChars: 2000,
  maxBadTextShare: 0.05,
  refreshMs: 60_000,
});

/** Environment variable of each setting (read once by the service's config loader). */
export const MONITORING_ENV = {
  WARDEN_MONITOR_PSI_WATCH: 'psi.watch',
  WARDEN_MONITOR_PSI_ACT: 'psi.act',
  WARDEN_MONITOR_ALPHA: 'alpha',
  WARDEN_MONITOR_CORRECTION: 'correction',
  WARDEN_MONITOR_MIN_TAG_DELTA: 'minTagShareDelta',
  WARDEN_MONITOR_MIN_KS: 'minKsStatistic',
  WARDEN_MONITOR_OOV_DELTA: 'oovRateDelta',
  WARDEN_MONITOR_OOV_SAMPLE: 'oovSampleSize',
  WARDEN_MONITOR_MIN_WINDOW: 'minWindowCount',
  WARDEN_MONITOR_TPR_FLOOR: 'floors.tpr',
  WARDEN_MONITOR_FPR_CEILING: 'floors.fpr',
  WARDEN_MONITOR_PRECISION_FLOOR: 'floors.precision',
  WARDEN_MONITOR_MIN_LABELS: 'minLabels',
  WARDEN_MONITOR_LONG_TEXT: 'longTextChars',
  WARDEN_MONITOR_MAX_BAD_SHARE: 'maxBadTextShare',
  WARDEN_MONITOR_REFRESH_MS: 'refreshMs',
} as const;

/**
 * Monitoring settings from environment variables over the defaults; throws CONFIG_INVALID on
 * a bad value (one message naming the variable).
 *
 * @example
 * ```ts
 * monitoringConfigFromEnv({ WARDEN_MONITOR_TPR_FLOOR: '0.85' }).floors.tpr; // 0.85
 * ```
 */
export function monitoringConfigFromEnv(env: NodeJS.ProcessEnv): Readonly<MonitoringConfig> {
  const c = structuredClone(DEFAULT_MONITORING_CONFIG) as MonitoringConfig;
  for (const [name, path] of Object.entries(MONITORING_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (path === 'correction') {
      if (raw !== 'holm' && raw !== 'bh' && raw !== 'none') throw wardenError('CONFIG_INVALID', `${name} must be holm, bh or none, got '${raw}'`);
      c.correction = raw;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw wardenError('CONFIG_INVALID', `${name} must be a non-negative number, got '${raw}'`);
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail) (c as any)[head][tail] = v;
    else (c as any)[head] = v;
  }
  return checkMonitoringConfig(c);
}

/** Validates cross-field rules and freezes. */
export function checkMonitoringConfig(c: MonitoringConfig): Readonly<MonitoringConfig> {
  const bad = (msg: string) => wardenError('CONFIG_INVALID', `monitoring: ${msg}`);
  if (!(c.psi.watch > 0 && c.psi.act > c.psi.watch)) throw bad(`PSI bands need 0 < watch < act (got ${c.psi.watch}, ${c.psi.act})`);
  if (!(c.alpha > 0 && c.alpha < 1)) throw bad(`alpha must be in (0, 1), got ${c.alpha}`);
  for (const k of ['tpr', 'fpr', 'precision'] as const) if (!(c.floors[k] >= 0 && c.floors[k] <= 1)) throw bad(`${k} floor must be in [0, 1], got ${c.floors[k]}`);
  if (!(c.oovSampleSize >= 1 && Number.isInteger(c.oovSampleSize))) throw bad('oovSampleSize must be a positive integer');
  if (!(c.refreshMs >= 1000)) throw bad('refreshMs must be at least 1000');
  return deepFreeze(c);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
