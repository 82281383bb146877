import { wardenError } from '../errors.js';
import { tagText, TAG_NAMES } from '../rules/index.js';

/**
 * What live traffic is compared with to see drift: the training-time distributions of the
 * risk score, of each tag, of a few numeric message features, and the word vocabulary.
 * Stored in manifest.json as `reference`; JSON-safe (plain numbers and arrays).
 *
 * Histograms keep counts, not shares, so the tests know the reference sample size. Every
 * histogram uses inner `edges` (k edges → k + 1 bins, bin i holds edges[i−1] ≤ x < edges[i]),
 * the same convention as PostgreSQL's `width_bucket(x, edges)`, so live counts can be made by
 * a GROUP BY in SQL and compared bin for bin.
 */
export interface MonitoringReference {
  version: 1;
  rows: number;
  /** Decile edges of the calibrated risk on held-out or out-of-fold rows (duplicates removed). */
  score: Histogram;
  /** Rows carrying each tag (TAG_NAMES order is not assumed: keyed by name). */
  tags: { rows: number; counts: Record<string, number> };
  numeric: Record<NumericFeature, Histogram>;
  /** Sorted FNV-1a hashes of the words seen at least twice, and the reference out-of-vocabulary rate. */
  vocabulary: { hashes: number[]; tokens: number; oovRate: number };
}

export interface Histogram {
  edges: number[];
  counts: number[];
}

export type NumericFeature = 'length' | 'digit_share' | 'caps_share' | 'url_count';

const SHARE_EDGES = Array.from({ length: 49 }, (_, i) => (i + 1) / 50);

/**
 * Fixed bins of the numeric features: fine enough for a KS test on binned counts (the live
 * side is binned over the same edges: length by SQL, the rest from sampled texts), the same
 * for every model so any two can be compared.
 */
export const NUMERIC_EDGES: Readonly<Record<NumericFeature, readonly number[]>> = Object.freeze({
  length: [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 180, 200, 250, 300, 400, 500, 750, 1000, 2000, 5000, 10000],
  digit_share: SHARE_EDGES,
  caps_share: SHARE_EDGES,
  url_count: [1, 2, 3, 4, 5, 6, 8, 10, 20],
});

export const NUMERIC_FEATURES: readonly NumericFeature[] = Object.freeze(['length', 'digit_share', 'caps_share', 'url_count'] as const);

/** Share of UTF-16 code units that are ASCII digits (0 for an empty text). */
export function digitShare(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 /* '0' */ && c <= 57 /* '9' */) digits++;
  }
  return text.length === 0 ? 0 : digits / text.length;
}

/** Share of ASCII letters that are capitals (0 when there are none). */
export function capsShare(text: string): number {
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 /* 'A' */ && c <= 90 /* 'Z' */) {
      upper++;
      letters++;
    } else if (c >= 97 /* 'a' */ && c <= 122 /* 'z' */) letters++;
  }
  return letters === 0 ? 0 : upper / letters;
}

const URL_START = /https?:\/\/|www\./gi;

/** Occurrences of `http://`, `https://` or `www.` (case-insensitive, non-overlapping). */
export function urlCount(text: string): number {
  let n = 0;
  URL_START.lastIndex = 0;
  while (URL_START.exec(text) !== null) n++;
  return n;
}

/** The numeric features of one text, by name. */
export function numericFeatures(text: string): Record<NumericFeature, number> {
  return { length: text.length, digit_share: digitShare(text), caps_share: capsShare(text), url_count: urlCount(text) };
}

/**
 * Calls `visit` with the 32-bit FNV-1a hash of each word of `text`: maximal runs of ASCII
 * letters/digits or non-ASCII letters, lower-cased. No string is made per word.
 */
export function forEachWordHash(text: string, visit: (hash: number) => void): void {
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) c += 32; // ASCII lower-case
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0xd800 && c <= 0xdfff));
    if (word) {
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
      inWord = true;
    } else if (inWord) {
      visit(h);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
}

/** Share of word tokens of `texts` whose hash is not in the sorted `hashes`; NaN when there are no words. */
export function oovRate(texts: Iterable<string>, hashes: Uint32Array | readonly number[]): number {
  let tokens = 0;
  let unknown = 0;
  for (const t of texts) {
    forEachWordHash(t, (h) => {
      tokens++;
      if (!sortedHas(hashes, h)) unknown++;
    });
  }
  return tokens === 0 ? Number.NaN : unknown / tokens;
}

function sortedHas(a: Uint32Array | readonly number[], x: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface ReferenceInput {
  rawTexts: readonly string[];
  /** Calibrated risk of each row on held-out or out-of-fold data (never in-sample). */
  scores: Float64Array;
  /** Rule features, row-major TAG_NAMES.length per row (> 0 = tag present); null: tag the texts here. */
  rules: Float32Array | null;
  /** Most words kept in the vocabulary (most frequent first); default 20,000. */
  maxVocabulary?: number;
}

/**
 * Builds the monitoring reference of a model from its training rows.
 *
 * @example
 * ```ts
 * const ref = buildReference({ rawTexts: ['hi', 'WIN £100 now www.x.co'], scores: new Float64Array([0.1, 0.9]), rules: null });
 * ref.numeric.url_count.counts[1]; // 1 (one text with one link)
 * ```
 */
export function buildReference(input: ReferenceInput): MonitoringReference {
  const { rawTexts, scores, rules } = input;
  const n = rawTexts.length;
  if (n === 0) throw wardenError('INVALID_INPUT', 'A monitoring reference needs at least one row');
  if (scores.length !== n) throw wardenError('INVALID_INPUT', `A monitoring reference needs one score per text (${scores.length} scores, ${n} texts)`);
  if (rules !== null && rules.length !== n * TAG_NAMES.length) {
    throw wardenError('INVALID_INPUT', `Rule features must have ${TAG_NAMES.length} columns per row (${rules.length} values for ${n} rows)`);
  }
  for (let i = 0; i < n; i++) {
    if (!(scores[i] >= 0 && scores[i] <= 1)) throw wardenError('INVALID_INPUT', `Risk score ${scores[i]} of row ${i} is not in [0, 1]`);
  }
  const scoreEdges = decileEdges(scores);
  const numeric = {} as Record<NumericFeature, Histogram>;
  for (const f of NUMERIC_FEATURES) numeric[f] = { edges: [...NUMERIC_EDGES[f]], counts: new Array<number>(NUMERIC_EDGES[f].length + 1).fill(0) };
  const tagCounts: Record<string, number> = Object.fromEntries(TAG_NAMES.map((t) => [t, 0]));
  const wordCounts = new Map<number, number>();
  let tokens = 0;
  for (let i = 0; i < n; i++) {
    const text = rawTexts[i];
    const values = numericFeatures(text);
    for (const f of NUMERIC_FEATURES) numeric[f].counts[bin(numeric[f].edges, values[f])]++;
    if (rules) {
      for (let k = 0; k < TAG_NAMES.length; k++) if (rules[i * TAG_NAMES.length + k] > 0) tagCounts[TAG_NAMES[k]]++;
    } else {
      for (const tag of tagText(text)) tagCounts[tag.tag]++;
    }
    forEachWordHash(text, (h) => {
      tokens++;
      wordCounts.set(h, (wordCounts.get(h) ?? 0) + 1);
    });
  }
  // Words seen once are the training data's own "unknown" words: leaving them out makes the
  // reference OOV rate an honest estimate of how often a new message brings an unseen word.
  const kept = [...wordCounts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, input.maxVocabulary ?? 20_000);
  const hashes = kept.map(([h]) => h).sort((a, b) => a - b);
  let known = 0;
  for (const [, c] of kept) known += c;
  const scoreCounts = new Array<number>(scoreEdges.length + 1).fill(0);
  for (let i = 0; i < n; i++) scoreCounts[bin(scoreEdges, scores[i])]++;
  return {
    version: 1,
    rows: n,
    score: { edges: scoreEdges, counts: scoreCounts },
    tags: { rows: n, counts: tagCounts },
    numeric,
    vocabulary: { hashes, tokens, oovRate: tokens === 0 ? 0 : 1 - known / tokens },
  };
}

/** Inner decile edges of the scores (numpy's 'linear' quantiles), without duplicates or edges at 0. */
function decileEdges(scores: Float64Array): number[] {
  const sorted = Float64Array.from(scores).sort();
  const edges: number[] = [];
  for (let q = 1; q < 10; q++) {
    const pos = (q / 10) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const v = sorted[lo] + (pos - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
    if (v > 0 && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  return edges;
}

function bin(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The reference stored in a manifest, checked for shape; null when the model has none (trained before monitoring). */
export function referenceOf(manifest: unknown): MonitoringReference | null {
  const ref = (manifest as { reference?: unknown } | null)?.reference;
  if (ref === undefined || ref === null) return null;
  const r = ref as Partial<MonitoringReference>;
  const ok =
    r.version === 1 &&
    typeof r.rows === 'number' &&
    Array.isArray(r.score?.edges) &&
    Array.isArray(r.score?.counts) &&
    r.score.counts.length === r.score.edges.length + 1 &&
    typeof r.tags?.counts === 'object' &&
    NUMERIC_FEATURES.every((f) => Array.isArray(r.numeric?.[f]?.counts) && r.numeric[f].counts.length === r.numeric[f].edges.length + 1) &&
    Array.isArray(r.vocabulary?.hashes);
  if (!ok) throw wardenError('MODEL_CORRUPT', 'The model manifest has a malformed monitoring reference');
  return r as MonitoringReference;
}
