import { Gauge, type Registry } from 'prom-client';
import { NUMERIC_FEATURE_NAMES, resolveRange, SCRIPTS, type MonitoringSummary } from '../monitoring/index.js';
import type { AppDeps } from './app-deps.js';
import { monitoringConfigOf, servedReference } from './routes/monitoring.js';

/** Names of every monitoring gauge (the alert rules may only use these; a test checks it). */
export const MONITORING_GAUGES = {
  psi: 'warden_monitoring_score_psi',
  psiBand: 'warden_monitoring_score_drift_band',
  tagDrift: 'warden_monitoring_tag_drift',
  tagsFlagged: 'warden_monitoring_tags_flagged',
  featureKs: 'warden_monitoring_feature_ks',
  featureDrift: 'warden_monitoring_feature_drift',
  oovRate: 'warden_monitoring_oov_rate',
  oovReference: 'warden_monitoring_oov_reference',
  tpr: 'warden_monitoring_tpr',
  fpr: 'warden_monitoring_fpr',
  precision: 'warden_monitoring_precision',
  f1: 'warden_monitoring_f1',
  labels: 'warden_monitoring_labels',
  quality: 'warden_monitoring_quality_share',
  script: 'warden_monitoring_script_share',
  refreshed: 'warden_monitoring_last_refresh_timestamp_seconds',
  alerts: 'warden_monitoring_alerts',
} as const;

type GaugeKey = keyof typeof MONITORING_GAUGES;

const HELP: Record<GaugeKey, [string, string[]]> = {
  psi: ['PSI of the risk-score distribution of the latest window vs the training reference', ['window']],
  psiBand: ['PSI band of the latest window: 0 stable, 1 watch, 2 act', ['window']],
  tagDrift: ['1 when the share of messages with this tag drifted from the reference (corrected test and effect floor)', ['tag']],
  tagsFlagged: ['Tags whose share drifted in the latest day window', []],
  featureKs: ['KS statistic D of a numeric message feature, latest day window vs reference', ['feature']],
  featureDrift: ['1 when a numeric message feature drifted (corrected KS test and effect floor)', ['feature']],
  oovRate: ['Out-of-vocabulary word rate of sampled texts, latest day window', []],
  oovReference: ['Out-of-vocabulary word rate of the training reference', []],
  tpr: ['True-positive rate from analyst labels, rolling 7 days', ['model_version']],
  fpr: ['False-positive rate from analyst labels, rolling 7 days', ['model_version']],
  precision: ['Precision from analyst labels, rolling 7 days', ['model_version']],
  f1: ['F1 from analyst labels, rolling 7 days', ['model_version']],
  labels: ['Analyst labels behind the rolling 7-day figures', ['model_version']],
  quality: ['Share of texts in the latest day window that are empty, very long, have control characters, or are stored as a hash only', ['kind']],
  script: ['Share of texts in the latest day window by script (language-mix heuristic)', ['script']],
  refreshed: ['Unix time of the last successful monitoring refresh', []],
  alerts: ['Monitoring alerts firing, by kind', ['kind']],
};

function gauges(registry: Registry): Record<GaugeKey, Gauge> {
  const out = {} as Record<GaugeKey, Gauge>;
  for (const key of Object.keys(MONITORING_GAUGES) as GaugeKey[]) {
    const name = MONITORING_GAUGES[key];
    // Reuse on a second start against the same registry (a registry refuses a name twice). Every
    // cluster worker computes the same figures from the one database: merged by max, not summed.
    out[key] = (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help: HELP[key][0], labelNames: HELP[key][1], aggregator: 'max', registers: [registry] });
  }
  return out;
}

/**
 * Recomputes the monitoring figures every `intervalMs` (day windows over the last 8 days for
 * drift, performance and quality; hour windows over the last 2 hours for the hourly PSI) and
 * sets the gauges on the app's registry. Failures are counted in warden_db_errors_total and
 * the gauges keep their last values. Returns a stop function.
 */
export function startMonitoringGauges(deps: AppDeps, intervalMs: number, onError: (err: unknown) => void = () => {}): () => void {
  const g = gauges(deps.metrics.registry);
  let running = false;
  const tick = async () => {
    if (running || !deps.models.loaded) return;
    running = true;
    try {
      await refreshMonitoringGauges(deps, g);
    } catch (err) {
      deps.metrics.dbErrors.inc();
      onError(err);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** One refresh (exported for tests and for the CLI); returns the day summary it published. */
export async function refreshMonitoringGauges(deps: AppDeps, g: Record<GaugeKey, Gauge> = gauges(deps.metrics.registry), now = new Date()): Promise<MonitoringSummary> {
  const config = monitoringConfigOf(deps);
  const reference = servedReference(deps);
  await deps.stores.writer.flush().catch(() => undefined);
  const summary = await deps.stores.monitoring.summary(reference, resolveRange({ window: 'day', from: new Date(now.getTime() - 8 * 86_400_000), to: now }), config);
  const hourly = reference ? await deps.stores.monitoring.drift(reference, resolveRange({ window: 'hour', from: new Date(now.getTime() - 2 * 3_600_000), to: now }), config) : null;
  for (const key of Object.keys(g) as GaugeKey[]) if (key !== 'refreshed' && key !== 'oovReference') g[key].reset();

  const bandValue = { stable: 0, watch: 1, act: 2, no_data: Number.NaN } as const;
  const day = summary.drift?.windows.filter((w) => !w.lowCount).at(-1);
  const hour = hourly?.windows.filter((w) => !w.lowCount).at(-1);
  for (const [window, w] of [['day', day], ['hour', hour]] as const) {
    if (!w) continue;
    g.psi.set({ window }, w.psi);
    g.psiBand.set({ window }, bandValue[w.band]);
  }
  if (reference) g.oovReference.set(reference.vocabulary.oovRate);
  if (day) {
    for (const t of day.tags) g.tagDrift.set({ tag: t.tag }, t.flagged ? 1 : 0);
    g.tagsFlagged.set(day.flaggedTags.length);
    for (const f of NUMERIC_FEATURE_NAMES) {
      g.featureKs.set({ feature: f }, day.features[f].statistic);
      g.featureDrift.set({ feature: f }, day.features[f].flagged ? 1 : 0);
    }
    if (day.oovRate !== null) g.oovRate.set(day.oovRate);
  }
  for (const v of summary.performance.versions) {
    const r = v.rolling7.at(-1);
    if (!r) continue;
    const labels = { model_version: v.modelVersion };
    g.labels.set(labels, r.labels);
    if (r.tpr !== null) g.tpr.set(labels, r.tpr);
    if (r.fpr !== null) g.fpr.set(labels, r.fpr);
    if (r.precision !== null) g.precision.set(labels, r.precision);
    if (r.f1 !== null) g.f1.set(labels, r.f1);
  }
  const q = summary.quality.windows.at(-1);
  if (q && q.count > 0) {
    g.quality.set({ kind: 'empty' }, q.empty / q.count);
    g.quality.set({ kind: 'very_long' }, q.veryLong / q.count);
    g.quality.set({ kind: 'control_chars' }, q.controlChars / q.count);
    g.quality.set({ kind: 'hash_only' }, q.hashOnly / q.count);
    for (const s of SCRIPTS) g.script.set({ script: s }, q.scripts[s] / q.count);
  }
  for (const a of summary.alerts) g.alerts.inc({ kind: a.kind });
  g.refreshed.set(Date.now() / 1000);
  return summary;
}
