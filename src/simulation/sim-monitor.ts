/**
 * What the simulation reads back from the running service for one simulated day: score drift
 * from GET /v1/monitoring/drift (the served model's stored training reference), live performance
 * from analyst labels via GET /v1/monitoring/performance, and shadow disagreements from the
 * stored shadow scores. Nothing is recomputed in the driver: these are the service's own figures.
 */
import { sql } from 'kysely';
import type { SimService } from './sim-service.js';
import { simAuth } from './sim-service.js';

const DAY_MS = 86_400_000;

export interface DayDrift {
  psi: number;
  band: 'stable' | 'watch' | 'act' | 'no_data';
  /** The monitoring drift alert of the window: any act-strength signal (PSI, a tag, a feature, OOV) on enough traffic. */
  drifted: boolean;
  flaggedTags: string[];
  flaggedFeatures: string[];
  oovRate: number | null;
}

export interface DayPerformance {
  /** Labels behind the day's figures (all versions). */
  labels: number;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  /** Per model version: labels, TPR, FPR. */
  byVersion: Record<string, { labels: number; tpr: number | null; fpr: number | null; precision: number | null }>;
}

/** Day windows from `start` through the end of the day `spanDays - 1` later. */
const query = (start: Date, spanDays = 1) => `window=day&from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(start.getTime() + spanDays * DAY_MS).toISOString())}`;

async function getJson<T>(svc: SimService, url: string): Promise<T> {
  const res = await svc.app.inject({ method: 'GET', url, headers: simAuth('analyst') });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/**
 * Drift of the `spanDays` days ending with `dayStart`'s day, as the monitoring API reports it over
 * the whole range (its `overall` window): a few days pooled keep PSI's sampling noise (≈ bins / n)
 * well under the watch band at a few hundred messages a day.
 */
export async function dayDrift(svc: SimService, dayStart: Date, spanDays = 1): Promise<DayDrift> {
  type W = { psi: number; band: DayDrift['band']; drifted: boolean; flagged_tags: string[]; flagged_features: string[]; oov_rate: number | null; low_count: boolean };
  const from = new Date(dayStart.getTime() - (spanDays - 1) * DAY_MS);
  const body = await getJson<{ overall: W | null }>(svc, `/v1/monitoring/drift?${query(from, spanDays)}`);
  const w = body.overall;
  if (!w) return { psi: Number.NaN, band: 'no_data', drifted: false, flaggedTags: [], flaggedFeatures: [], oovRate: null };
  return { psi: w.psi, band: w.band, drifted: w.drifted, flaggedTags: w.flagged_tags, flaggedFeatures: w.flagged_features, oovRate: w.oov_rate };
}

/** The day's figures from analyst labels, summed over the versions that answered. */
export async function dayPerformance(svc: SimService, dayStart: Date): Promise<DayPerformance> {
  type F = { labels: number; tp: number; fp: number; tn: number; fn: number; tpr: number | null; fpr: number | null; precision: number | null };
  const body = await getJson<{ versions: { model_version: string; total: F }[] }>(svc, `/v1/monitoring/performance?${query(dayStart)}`);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const byVersion: DayPerformance['byVersion'] = {};
  for (const v of body.versions) {
    tp += v.total.tp;
    fp += v.total.fp;
    tn += v.total.tn;
    fn += v.total.fn;
    byVersion[v.model_version] = { labels: v.total.labels, tpr: v.total.tpr, fpr: v.total.fpr, precision: v.total.precision };
  }
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return { labels: tp + fp + tn + fn, tpr: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn), precision: ratio(tp, tp + fp), byVersion };
}

/**
 * Predictions of the day that the shadow scored, and how many it would have answered
 * differently (its stored score against its threshold vs the served verdict) — counted in SQL.
 */
export async function shadowDisagreements(svc: SimService, dayStart: Date, shadowVersion: string, shadowThreshold: number): Promise<{ shadowed: number; disagreements: number }> {
  await svc.deps.stores.writer.flush();
  const { rows } = await sql<{ shadowed: number; disagreements: number }>`
    select count(*)::int as shadowed,
           count(*) filter (where (shadow_score >= ${shadowThreshold}) <> is_threat)::int as disagreements
    from predictions
    where shadow_version = ${shadowVersion} and created_at >= ${dayStart} and created_at < ${new Date(dayStart.getTime() + DAY_MS)}`.execute(svc.deps.stores.database.db);
  return rows[0] ?? { shadowed: 0, disagreements: 0 };
}
