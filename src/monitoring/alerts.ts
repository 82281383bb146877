import type { MonitoringConfig } from './config.js';
import type { DriftReport } from './drift.js';
import type { PerformanceReport } from './performance.js';
import type { QualityReport } from './quality.js';

/** One firing alert: what, how bad, the value and the threshold it crossed. */
export interface Alert {
  kind: 'score_drift' | 'tag_drift' | 'feature_drift' | 'oov' | 'tpr_floor' | 'fpr_ceiling' | 'precision_floor' | 'data_quality';
  severity: 'watch' | 'act';
  message: string;
  value: number;
  threshold: number;
  /** The window (ISO start) or rolling-7 day the alert is about. */
  at: string;
  modelVersion?: string;
  subject?: string;
}

/**
 * Alerts on the latest window with enough traffic (drift, quality) and on each version's
 * latest rolling-7-day figures with enough labels behind them (performance). The same rules
 * as deploy/prometheus/warden-alerts.yml, evaluated in-process for the API and the CLI.
 */
export function evaluateAlerts(parts: { drift: DriftReport | null; performance: PerformanceReport | null; quality: QualityReport | null }, config: Readonly<MonitoringConfig>): Alert[] {
  const alerts: Alert[] = [];
  const latest = parts.drift?.windows.filter((w) => !w.lowCount).at(-1);
  if (latest) {
    if (latest.band !== 'stable' && latest.band !== 'no_data') {
      const act = latest.band === 'act';
      alerts.push({ kind: 'score_drift', severity: act ? 'act' : 'watch', message: `risk-score PSI ${latest.psi.toFixed(3)} (${latest.band})`, value: latest.psi, threshold: act ? config.psi.act : config.psi.watch, at: latest.start });
    }
    for (const t of latest.tags.filter((x) => x.flagged)) {
      alerts.push({ kind: 'tag_drift', severity: 'watch', subject: t.tag, message: `tag ${t.tag}: ${pct(t.liveShare)} of messages vs ${pct(t.referenceShare)} in training (adj. p ${t.adjustedP.toExponential(2)})`, value: t.liveShare, threshold: t.referenceShare, at: latest.start });
    }
    for (const f of latest.flaggedFeatures) {
      const d = latest.features[f];
      alerts.push({ kind: 'feature_drift', severity: 'watch', subject: f, message: `${f}: KS D ${d.statistic.toFixed(3)} (adj. p ${d.adjustedP.toExponential(2)})`, value: d.statistic, threshold: config.minKsStatistic, at: latest.start });
    }
    if (latest.oovFlagged && latest.oovRate !== null) {
      const ref = parts.drift!.reference.oovRate;
      alerts.push({ kind: 'oov', severity: 'watch', message: `out-of-vocabulary rate ${pct(latest.oovRate)} vs ${pct(ref)} in training`, value: latest.oovRate, threshold: ref + config.oovRateDelta, at: latest.start });
    }
  }
  for (const v of parts.performance?.versions ?? []) {
    const r = v.rolling7.at(-1);
    if (!r || r.labels < config.minLabels) continue;
    const base = { severity: 'act' as const, at: r.day, modelVersion: v.modelVersion };
    if (r.tpr !== null && r.tpr < config.floors.tpr) alerts.push({ ...base, kind: 'tpr_floor', message: `${v.modelVersion}: 7-day TPR ${pct(r.tpr)} < ${pct(config.floors.tpr)} (${r.labels} labels)`, value: r.tpr, threshold: config.floors.tpr });
    if (r.fpr !== null && r.fpr > config.floors.fpr) alerts.push({ ...base, kind: 'fpr_ceiling', message: `${v.modelVersion}: 7-day FPR ${pct(r.fpr)} > ${pct(config.floors.fpr)} (${r.labels} labels)`, value: r.fpr, threshold: config.floors.fpr });
    if (r.precision !== null && r.precision < config.floors.precision) alerts.push({ ...base, kind: 'precision_floor', message: `${v.modelVersion}: 7-day precision ${pct(r.precision)} < ${pct(config.floors.precision)} (${r.labels} labels)`, value: r.precision, threshold: config.floors.precision });
  }
  const q = parts.quality?.windows.filter((w) => w.count >= config.minWindowCount).at(-1);
  if (q && q.badShare > config.maxBadTextShare) {
    alerts.push({ kind: 'data_quality', severity: 'watch', message: `${pct(q.badShare)} of texts empty, very long or with control characters`, value: q.badShare, threshold: config.maxBadTextShare, at: q.start });
  }
  return alerts;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
