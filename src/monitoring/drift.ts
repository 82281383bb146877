import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';
import { adjustPValues, ksFromHistograms, psiBand, psiFromCounts, twoProportionTest, type PsiBand } from '../statistics/index.js';
import { NUMERIC_FEATURES, oovRate, type MonitoringReference, type NumericFeature } from '../training/reference.js';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from './config.js';
import { histogramCells, sampleTexts, tagCells, type DriftEdges } from './drift-sql.js';
import type { MonitoringRange } from './time-range.js';

export interface TagDrift {
  tag: string;
  referenceShare: number;
  liveShare: number;
  liveCount: number;
  pValue: number;
  adjustedP: number;
  flagged: boolean;
}

export interface FeatureDrift {
  /** KS D over the fixed bins, and its p-values (raw and corrected across the features). */
  statistic: number;
  pValue: number;
  adjustedP: number;
  /** Live rows with this feature (rows without stored text have only a length). */
  n: number;
  flagged: boolean;
}

export interface WindowDrift {
  /** ISO start of the window ('overall' reports use the range start). */
  start: string;
  count: number;
  psi: number;
  band: PsiBand;
  scoreCounts: number[];
  tags: TagDrift[];
  flaggedTags: string[];
  features: Record<NumericFeature, FeatureDrift>;
  flaggedFeatures: NumericFeature[];
  /** Out-of-vocabulary rate of a sample of stored texts (null when none is stored or sampled). */
  oovRate: number | null;
  oovSampled: number;
  oovFlagged: boolean;
  /** Too few predictions to alert on (count < minWindowCount). */
  lowCount: boolean;
  /** Any drift signal at 'act' strength: PSI band act, a flagged tag/feature, or OOV. */
  drifted: boolean;
}

export interface DriftReport {
  window: MonitoringRange['window'];
  from: string;
  to: string;
  modelVersion: string | null;
  reference: { rows: number; scoreEdges: number[]; oovRate: number };
  windows: WindowDrift[];
  /** The whole range as one window. */
  overall: WindowDrift | null;
}

// Windows sampled for the OOV rate (newest first); older windows report null.
const OOV_WINDOWS = 90;

/**
 * Drift of live traffic against a model's training reference, per window and over the whole
 * range: PSI of the risk score on the reference bins, per-tag share tests (two-proportion,
 * corrected for multiple testing, with an effect-size floor so a huge sample does not flag a
 * trivial change), KS tests of the numeric features on fixed bins, and the OOV rate of sampled
 * texts. Aggregates in SQL: two scans of the range plus one small sample query per window.
 *
 * @example
 * ```ts
 * const report = await computeDrift(db, reference, resolveRange({ window: 'day' }));
 * report.windows.filter((w) => w.band === 'act').map((w) => w.start);
 * ```
 */
export async function computeDrift(db: Kysely<Schema>, reference: MonitoringReference, range: MonitoringRange, config: Readonly<MonitoringConfig> = DEFAULT_MONITORING_CONFIG): Promise<DriftReport> {
  const edges: DriftEdges = {
    score: reference.score.edges,
    length: reference.numeric.length.edges,
    digit_share: reference.numeric.digit_share.edges,
    caps_share: reference.numeric.caps_share.edges,
    url_count: reference.numeric.url_count.edges,
  };
  const [cells, tags] = await Promise.all([histogramCells(db, range, edges), tagCells(db, range)]);
  const byWindow = new Map<number, WindowCounts>();
  const total = emptyCounts(edges);
  const get = (d: Date) => {
    let w = byWindow.get(d.getTime());
    if (!w) byWindow.set(d.getTime(), (w = emptyCounts(edges)));
    return w;
  };
  for (const c of cells) {
    get(c.windowStart).hist[c.histogram][c.bucket] += c.count;
    total.hist[c.histogram][c.bucket] += c.count;
  }
  for (const t of tags) {
    const w = get(t.windowStart);
    w.tags.set(t.tag, (w.tags.get(t.tag) ?? 0) + t.count);
    total.tags.set(t.tag, (total.tags.get(t.tag) ?? 0) + t.count);
  }
  const starts = [...byWindow.keys()].sort((a, b) => a - b);
  const step = range.window === 'day' ? 86_400_000 : 3_600_000;
  const windows: WindowDrift[] = [];
  const sampled = new Set(starts.slice(-OOV_WINDOWS));
  let oovTexts: string[] = [];
  for (const s of starts) {
    const texts = sampled.has(s) ? await sampleTexts(db, range, new Date(s), new Date(s + step), config.oovSampleSize) : null;
    if (texts) oovTexts = oovTexts.length < config.oovSampleSize ? oovTexts.concat(texts.slice(0, config.oovSampleSize - oovTexts.length)) : oovTexts;
    windows.push(windowDrift(new Date(s).toISOString(), byWindow.get(s)!, texts, reference, config));
  }
  const overall = starts.length === 0 ? null : windowDrift(range.from.toISOString(), total, oovTexts, reference, config);
  return {
    window: range.window,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    modelVersion: range.modelVersion,
    reference: { rows: reference.rows, scoreEdges: [...reference.score.edges], oovRate: reference.vocabulary.oovRate },
    windows,
    overall,
  };
}

interface WindowCounts {
  hist: Record<keyof DriftEdges, Float64Array>;
  tags: Map<string, number>;
}

function emptyCounts(edges: DriftEdges): WindowCounts {
  const hist = {} as Record<keyof DriftEdges, Float64Array>;
  for (const k of Object.keys(edges) as (keyof DriftEdges)[]) hist[k] = new Float64Array(edges[k].length + 1);
  return { hist, tags: new Map() };
}

function windowDrift(start: string, w: WindowCounts, texts: string[] | null, ref: MonitoringReference, config: Readonly<MonitoringConfig>): WindowDrift {
  let count = 0;
  for (const v of w.hist.score) count += v;
  const psi = psiFromCounts(ref.score.counts, w.hist.score);
  const band = psiBand(psi, config.psi);
  const lowCount = count < config.minWindowCount;

  const tagNames = Object.keys(ref.tags.counts);
  const raw = tagNames.map((t) => twoProportionTest(ref.tags.counts[t], ref.tags.rows, w.tags.get(t) ?? 0, count));
  const adjusted = adjustPValues(raw.map((r) => r.pValue), config.correction);
  const tags: TagDrift[] = tagNames.map((tag, i) => {
    const liveShare = count > 0 ? (w.tags.get(tag) ?? 0) / count : Number.NaN;
    const referenceShare = ref.tags.counts[tag] / ref.tags.rows;
    const flagged = !lowCount && adjusted[i] < config.alpha && Math.abs(liveShare - referenceShare) >= config.minTagShareDelta;
    return { tag, referenceShare, liveShare, liveCount: w.tags.get(tag) ?? 0, pValue: raw[i].pValue, adjustedP: adjusted[i], flagged };
  });

  const ks = NUMERIC_FEATURES.map((f) => ksFromHistograms(ref.numeric[f].counts, w.hist[f]));
  const ksAdjusted = adjustPValues(ks.map((r) => r.pValue), config.correction);
  const features = {} as Record<NumericFeature, FeatureDrift>;
  NUMERIC_FEATURES.forEach((f, i) => {
    const flagged = !lowCount && ksAdjusted[i] < config.alpha && ks[i].statistic >= config.minKsStatistic;
    features[f] = { statistic: ks[i].statistic, pValue: ks[i].pValue, adjustedP: ksAdjusted[i], n: ks[i].m, flagged };
  });

  const hashes = ref.vocabulary.hashes;
  const oov = texts && texts.length > 0 ? oovRate(texts, hashes) : Number.NaN;
  const oovFlagged = !lowCount && Number.isFinite(oov) && oov - ref.vocabulary.oovRate > config.oovRateDelta;
  const flaggedTags = tags.filter((t) => t.flagged).map((t) => t.tag);
  const flaggedFeatures = NUMERIC_FEATURES.filter((f) => features[f].flagged);
  return {
    start,
    count,
    psi,
    band,
    scoreCounts: Array.from(w.hist.score),
    tags,
    flaggedTags,
    features,
    flaggedFeatures,
    oovRate: Number.isFinite(oov) ? oov : null,
    oovSampled: texts?.length ?? 0,
    oovFlagged,
    lowCount,
    drifted: !lowCount && (band === 'act' || flaggedTags.length > 0 || flaggedFeatures.length > 0 || oovFlagged),
  };
}
