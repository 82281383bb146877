import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';
import { adjustPValues, binIndex, ksFromHistograms, psiBand, psiFromCounts, twoProportionTest, type PsiBand } from '../statistics/index.js';
import { NUMERIC_FEATURES, numericFeatures, oovRate, type MonitoringReference, type NumericFeature } from '../training/reference.js';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from './config.js';
import { driftCells, sampleTexts } from './drift-sql.js';
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
  /** Live rows behind the test: every row for length, the sampled stored texts for the others. */
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

// Windows whose texts are sampled (the newest); older windows have no OOV rate or text features.
const SAMPLED_WINDOWS = 90;
// Features computed from sampled texts in JS: per-row regexes over a million rows cost ~30 s in
// SQL, while a KS test on 1,000 sampled texts per window already detects D ≈ 0.06.
const TEXT_FEATURES: readonly NumericFeature[] = ['digit_share', 'caps_share', 'url_count'];

/**
 * Drift of live traffic against a model's training reference, per window and over the whole
 * range: PSI of the risk score on the reference bins, per-tag share tests (two-proportion,
 * corrected for multiple testing, with an effect-size floor so a huge sample does not flag a
 * trivial change), KS tests of the numeric features on fixed bins (length over every row;
 * digit share, caps share and URL count over the sampled texts), and the OOV rate of the
 * sampled texts. Aggregates in SQL: one scan of the range, plus one indexed sample query
 * (`oovSampleSize` newest texts) per window.
 *
 * @example
 * ```ts
 * const report = await computeDrift(db, reference, resolveRange({ window: 'day' }));
 * report.windows.filter((w) => w.band === 'act').map((w) => w.start);
 * ```
 */
export async function computeDrift(db: Kysely<Schema>, reference: MonitoringReference, range: MonitoringRange, config: Readonly<MonitoringConfig> = DEFAULT_MONITORING_CONFIG): Promise<DriftReport> {
  const tagNames = Object.keys(reference.tags.counts);
  const cells = await driftCells(db, range, reference.score.edges, reference.numeric.length.edges, tagNames);
  const byWindow = new Map<number, WindowCounts>();
  const total = emptyCounts(reference, tagNames.length);
  for (const c of cells) {
    const key = c.windowStart.getTime();
    let w = byWindow.get(key);
    if (!w) byWindow.set(key, (w = emptyCounts(reference, tagNames.length)));
    for (const into of [w, total]) {
      into.count += c.count;
      into.score[c.scoreBin] += c.count;
      into.numeric.length[c.lengthBin] += c.count;
      for (let k = 0; k < tagNames.length; k++) into.tags[k] += c.tagCounts[k];
    }
  }
  const starts = [...byWindow.keys()].sort((a, b) => a - b);
  const step = range.window === 'day' ? 86_400_000 : 3_600_000;
  const sampled = new Set(starts.slice(-SAMPLED_WINDOWS));
  const allTexts: string[] = [];
  const windows: WindowDrift[] = [];
  for (const s of starts) {
    const w = byWindow.get(s)!;
    if (sampled.has(s)) {
      w.texts = await sampleTexts(db, range, new Date(s), new Date(s + step), config.oovSampleSize);
      addTextFeatures(w, reference);
      addTextFeatures(total, reference, w.texts);
      if (allTexts.length < config.oovSampleSize) allTexts.push(...w.texts.slice(0, config.oovSampleSize - allTexts.length));
    }
    windows.push(windowDrift(new Date(s).toISOString(), w, tagNames, reference, config));
  }
  total.texts = allTexts;
  const overall = starts.length === 0 ? null : windowDrift(range.from.toISOString(), total, tagNames, reference, config);
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
  count: number;
  score: Float64Array;
  numeric: Record<NumericFeature, Float64Array>;
  tags: Float64Array;
  /** The sampled texts (null: window not sampled). */
  texts: string[] | null;
}

function emptyCounts(ref: MonitoringReference, tags: number): WindowCounts {
  const numeric = {} as Record<NumericFeature, Float64Array>;
  for (const f of NUMERIC_FEATURES) numeric[f] = new Float64Array(ref.numeric[f].edges.length + 1);
  return { count: 0, score: new Float64Array(ref.score.edges.length + 1), numeric, tags: new Float64Array(tags), texts: null };
}

/** Bins the text features of the sampled texts (length comes from SQL over every row). */
function addTextFeatures(w: WindowCounts, ref: MonitoringReference, texts = w.texts ?? []): void {
  for (const text of texts) {
    const v = numericFeatures(text);
    for (const f of TEXT_FEATURES) w.numeric[f][binIndex(ref.numeric[f].edges, v[f])]++;
  }
}

function windowDrift(start: string, w: WindowCounts, tagNames: string[], ref: MonitoringReference, config: Readonly<MonitoringConfig>): WindowDrift {
  const count = w.count;
  const texts = w.texts;
  const psi = psiFromCounts(ref.score.counts, w.score);
  const band = psiBand(psi, config.psi);
  const lowCount = count < config.minWindowCount;

  const raw = tagNames.map((t, i) => twoProportionTest(ref.tags.counts[t], ref.tags.rows, w.tags[i], count));
  const adjusted = adjustPValues(raw.map((r) => r.pValue), config.correction);
  const tags: TagDrift[] = tagNames.map((tag, i) => {
    const liveShare = count > 0 ? w.tags[i] / count : Number.NaN;
    const referenceShare = ref.tags.counts[tag] / ref.tags.rows;
    const flagged = !lowCount && adjusted[i] < config.alpha && Math.abs(liveShare - referenceShare) >= config.minTagShareDelta;
    return { tag, referenceShare, liveShare, liveCount: w.tags[i], pValue: raw[i].pValue, adjustedP: adjusted[i], flagged };
  });

  const ks = NUMERIC_FEATURES.map((f) => ksFromHistograms(ref.numeric[f].counts, w.numeric[f]));
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
    scoreCounts: Array.from(w.score),
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
