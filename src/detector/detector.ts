import type { Label } from '../data/label.js';
import { createSparseBuffer, type SparseBuffer } from '../features/index.js';
import type { Contributions, FittedVectorizer, LinearScorer } from '../features/index.js';
// The calibrator's own file, not the model layer's barrel (the learners, metrics and the rest,
// which loading a model for scoring does not need).
import { createCalibrator, type CalibratorSpec } from '../model/calibrator.js';
import type { LinearModel } from '../model/index.js';
import type { Normalizer } from '../text/index.js';
import { AsciiFastSequence } from '../text/ascii-fast-sequence.js';
import { WordCharWbScorer } from '../features/linear/linear-scorer.js';
import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens, type ClassTokenBuffer } from '../text/class-tokens.js';
// Not the rules' barrel: tagging (and the link / phone libraries under it, ~0.2 s to import)
// is passed in by whoever builds a detector with rule features (`DetectorParts.tagText`).
import { ruleFeatureVector } from '../rules/rule-features.js';
import { TAG_NAMES, type Tag } from '../rules/tag.js';
import type { ModelManifest } from '../artifact/manifest.js';
import { FeatureNameCache } from './feature-name-cache.js';
import { TopK } from './top-k.js';

export interface Prediction {
  riskScore: number;
  isThreat: boolean;
  label: Label;
  /** P(phishing | threat) when the model learned the spam/phishing distinction, else null. */
  phishingProbability: number | null;
  threshold: number;
}

export interface Contribution {
  feature: string;
  contribution: number;
  spans: { start: number; end: number }[];
}

export interface DetectorParts {
  normalizer: Normalizer;
  vectorizer: FittedVectorizer;
  ruleFeatures: boolean;
  /** The tagger behind the rule features (`tagText` of `src/rules`); required when `ruleFeatures`. */
  tagText?: (text: string) => readonly Tag[];
  threat: { model: LinearModel; calibrator: CalibratorSpec };
  phishing: { model: LinearModel; calibrator: CalibratorSpec } | null;
  threshold: number;
}

/**
 * A loaded model: normaliser → vectoriser (+ rule features) → linear scorer → calibrator.
 * `score` is the hot path: the vectoriser is compiled with both models' weights into a
 * `LinearScorer`, which sums w·x without building x, and allocates nothing per token.
 */
export class Detector {
  readonly manifest: ModelManifest;
  readonly threshold: number;
  /** Files shipped with the model besides its weights (e.g. the triage policy), as text. */
  readonly extras: Readonly<Record<string, string>>;
  private readonly parts: DetectorParts;
  private readonly tagText: (text: string) => readonly Tag[];
  private readonly ruleBuf: Float32Array;
  private readonly explainBuf: SparseBuffer = createSparseBuffer(256);
  private readonly explainRuleBuf = new Float32Array(TAG_NAMES.length);
  private readonly top = new TopK();
  /** The class tokens (URLs, phones, …) of the text being explained, found when a class-token feature is named. */
  private readonly classBuf = createClassTokenBuffer();
  private readonly names: FeatureNameCache;
  /** Threat contribution per explained feature (written by the scorer, or computed here). */
  private readonly contribHolder: Contributions = { values: new Float64Array(256) };
  private readonly threatWeights: Float64Array;
  /** The text the scorer last kept the features of (they can be read back for explanations). */
  private lastText: string | null = null;
  private readonly scorer: LinearScorer;
  private readonly sums = new Float64Array(2);
  private readonly threatProb: (d: number) => number;
  private readonly phishProb: ((d: number) => number) | null;
  private readonly dim: number;
  private readonly normalizer: Normalizer;
  private readonly vectorizer: FittedVectorizer;
  /** [threat, phishing] weight per column (phishing 0 without a phishing model), rule features last. */
  private readonly pairWeights: Float64Array;
  private readonly threatBias: number;
  private readonly phishingBias: number;
  private dThreat = 0;
  private dPhishing = 0;
  /**
   * The default normaliser with the default union's fused scorer: one scan normalises a text
   * and splits it into the scorer's chunks (the scorer then needs no pass of its own); null for
   * other pipelines.
   */
  private readonly chunked: { normalizer: AsciiFastSequence; scorer: WordCharWbScorer } | null;

  constructor(manifest: ModelManifest, parts: DetectorParts, extras: Record<string, string> = {}) {
    this.manifest = manifest;
    this.extras = Object.freeze({ ...extras });
    this.parts = parts;
    if (parts.ruleFeatures && !parts.tagText) throw new Error('a detector with rule features needs parts.tagText');
    this.tagText = parts.tagText ?? noTags;
    this.threatWeights = parts.threat.model.weights;
    this.threshold = parts.threshold;
    this.ruleBuf = new Float32Array(TAG_NAMES.length);
    this.threatProb = createCalibrator(parts.threat.calibrator);
    this.phishProb = parts.phishing ? createCalibrator(parts.phishing.calibrator) : null;
    this.dim = parts.vectorizer.dimension;
    this.normalizer = parts.normalizer;
    this.vectorizer = parts.vectorizer;
    this.names = new FeatureNameCache((col) => parts.vectorizer.featureName(col));
    this.pairWeights = interleaveWeights(parts.threat.model.weights, parts.phishing ? parts.phishing.model.weights : null);
    this.scorer = parts.vectorizer.compileLinear(this.pairWeights);
    this.chunked =
      this.normalizer instanceof AsciiFastSequence && this.scorer instanceof WordCharWbScorer ? { normalizer: this.normalizer, scorer: this.scorer } : null;
    this.threatBias = parts.threat.model.bias;
    this.phishingBias = parts.phishing ? parts.phishing.model.bias : 0;
  }

  get version(): string {
    return this.manifest.version ?? this.manifest.id;
  }

  /**
   * Decision values of the threat and phishing models for one text (tags optional, computed
   * if needed), left in `dThreat` / `dPhishing` so the hot path allocates no result object.
   */
  private decide(text: string, tags: readonly Tag[] | undefined, keep: boolean): void {
    const sums = this.sums;
    sums[0] = this.threatBias;
    sums[1] = this.phishingBias;
    this.lastText = null; // nothing to read back if accumulating throws
    this.accumulate(text, sums, keep);
    this.lastText = keep ? text : null;
    let dt = sums[0];
    let dp = sums[1];
    if (this.parts.ruleFeatures) {
      const w = this.pairWeights;
      const rf = ruleFeatureVector(tags ?? this.tagText(text), this.ruleBuf);
      for (let k = 0; k < rf.length; k++) {
        if (rf[k] === 0) continue;
        const j = (this.dim + k) << 1;
        dt += w[j] * rf[k];
        dp += w[j + 1] * rf[k];
      }
    }
    this.dThreat = dt;
    this.dPhishing = dp;
  }

  /**
   * The prediction for one text. `forExplain` keeps its features so that a following
   * `explain` of the same text reads them back instead of vectorising again (triage, and
   * scoring with explanations); plain scoring leaves it off and skips that bookkeeping.
   */
  /**
   * Normalises text and adds the scorer's sums: in one scan with the fused pair (`chunked`),
   * for texts of message size (the chunk buffer is sized for the most chunks a text could have,
   * so one huge text leaves no huge buffer behind), else normaliser then scorer.
   */
  private accumulate(text: string, sums: Float64Array, keep: boolean): void {
    const chunked = this.chunked;
    if (chunked !== null && text.length <= FUSED_MAX_LENGTH) {
      const chunks = chunked.scorer.chunkBuffer(text.length);
      const norm = chunked.normalizer.normalizeChunked(text, chunks);
      if (norm !== null) return chunked.scorer.accumulateChunked(norm, chunks.count, sums, keep);
    }
    this.scorer.accumulate(this.normalizer.normalize(text).text, sums, keep);
  }

  score(text: string, tags?: readonly Tag[], forExplain = false): Prediction {
    this.decide(text, tags, forExplain);
    const risk = clamp01(this.threatProb(this.dThreat));
    const isThreat = risk >= this.threshold;
    const pPhish = this.phishProb ? clamp01(this.phishProb(this.dPhishing)) : null;
    let label: Label = 'benign';
    if (isThreat) label = pPhish !== null && pPhish >= 0.5 ? 'phishing' : 'spam';
    return { riskScore: risk, isThreat, label, phishingProbability: pPhish, threshold: this.threshold };
  }

  /**
   * The features that pushed this text's threat score up or down most, with spans in the original
   * text. `lower` is `text.toLowerCase()` when the caller already has it (triage does for an ASCII
   * text: its rule context's folded text); otherwise it is made here, once.
   */
  explain(text: string, k = 8, tags?: readonly Tag[], lower?: string): Contribution[] {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`explain needs a whole number k >= 0, got ${k}`);
    const { normalizer, vectorizer, ruleFeatures } = this.parts;
    // Explaining the text just scored (triage does) reads its features back from the scorer
    // instead of vectorising again.
    const buf = this.explainBuf;
    const held = this.contribHolder;
    let nnz: number;
    let contributed = false;
    if (text === this.lastText) {
      // the scorer can hand each feature's contribution over too, read from the line that
      // holds its idf (the same product as below, bit for bit), and skip the features that
      // cannot be among the k largest
      buf.nnz = 0;
      contributed = this.scorer.appendLast(buf, 0, held, k);
      nnz = buf.nnz;
    } else {
      nnz = vectorizer.transformInto(normalizer.normalize(text).text, buf);
    }
    const top = this.top.reset(k);
    const w = this.threatWeights;
    const { indices, values } = buf;
    if (!contributed) {
      // Two passes: the weight reads are cache misses (a random column of a ~650 KB array
      // each), and in a tight loop of independent loads the CPU can overlap them; the
      // selection then runs over a scratch array in L1.
      if (held.values.length < nnz) held.values = new Float64Array(Math.max(nnz, 2 * held.values.length));
      const c = held.values;
      for (let i = 0; i < nnz; i++) c[i] = w[indices[i]] * values[i];
    }
    const contrib = held.values;
    top.offerAll(indices, contrib, nnz);
    let tagList: readonly Tag[] = [];
    if (ruleFeatures) {
      tagList = tags ?? this.tagText(text);
      const rf = ruleFeatureVector(tagList, this.explainRuleBuf);
      for (let j = 0; j < rf.length; j++) if (rf[j] !== 0) top.offer(this.dim + j, w[this.dim + j] * rf[j]);
    }
    const out: Contribution[] = [];
    let nClass = -1; // class tokens of the text, found once when first needed
    for (let i = 0; i < top.filled; i++) {
      const col = top.cols[i];
      if (col >= this.dim) {
        const name = TAG_NAMES[col - this.dim];
        const tag = tagList.find((t) => t.tag === name);
        out.push({ feature: `tag:${name}`, contribution: top.values[i], spans: tag ? tag.spans.slice(0, 5) : [] });
      } else {
        const feature = this.names.name(col);
        lower ??= text.toLowerCase(); // made once for all the features located in it
        const needle = this.names.needle(col);
        const kind = classTokenKind(needle);
        let spans: { start: number; end: number }[];
        if (kind < 0) spans = locateNeedle(text, lower, needle);
        else {
          // a class token ('w:__url__') stands for every URL, phone, … of the text: point at those
          if (nClass < 0) nClass = detectClassTokens(spacedForClassTokens(text), this.classBuf);
          spans = classTokenSpans(this.classBuf, nClass, kind);
        }
        out.push({ feature, contribution: top.values[i], spans });
      }
    }
    return out;
  }

  /** A scratch array for n contributions, grown as needed. */
}

/** Threat and phishing weights interleaved per column; the phishing half is 0 when absent. */
function interleaveWeights(threat: ArrayLike<number>, phishing: ArrayLike<number> | null): Float64Array {
  const out = new Float64Array(2 * threat.length);
  for (let j = 0; j < threat.length; j++) {
    out[2 * j] = threat[j];
    if (phishing) out[2 * j + 1] = phishing[j];
  }
  return out;
}

/** Longest text (UTF-16 units) normalised and split in one scan; longer ones take the two passes. */
const FUSED_MAX_LENGTH = 8192;

function noTags(): readonly Tag[] {
  return [];
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Maps a feature name like 'w:verify' or 'c:bit.' back to where it occurs in the original text. */
export function locateFeature(text: string, feature: string): { start: number; end: number }[] {
  return locateIn(text, text.toLowerCase(), feature);
}

/** `locateFeature` with the text's lower-case form made by the caller (once for several features). */
function locateIn(text: string, lower: string, feature: string): { start: number; end: number }[] {
  const colon = feature.indexOf(':');
  const needle = colon >= 0 ? feature.slice(colon + 1) : feature;
  const kind = classTokenKind(needle);
  if (kind < 0) return locateNeedle(text, lower, needle);
  const buf = createClassTokenBuffer();
  return classTokenSpans(buf, detectClassTokens(spacedForClassTokens(text), buf), kind);
}

/** The class-token kind a feature's needle names ('__url__' → KIND_URL), or -1 for any other gram. */
function classTokenKind(needle: string): number {
  return needle.startsWith('__') ? CLASS_TOKEN_STRINGS.indexOf(needle) : -1;
}

/** Line breaks, tabs and the other spaces the normaliser turns into ' ' (one for one, so offsets hold). */
const OTHER_SPACES = /[\t\n\v\f\r\u00a0\u2028\u2029\u3000]/g;

/**
 * The original text as the class-token detector should see it to find what the model found: the
 * spaces the normaliser makes ' ' made ' ' here too ("07781\n482378" is one phone number to the
 * model), character for character, so the offsets are the original's. The detector ignores ASCII
 * case. What the normaliser changes beyond that (a re-fanged 'hxxp://…', full-width digits,
 * runs of spaces) is not undone: spans are best-effort, as for any feature.
 */
function spacedForClassTokens(text: string): string {
  OTHER_SPACES.lastIndex = 0;
  return OTHER_SPACES.test(text) ? text.replace(OTHER_SPACES, ' ') : text;
}

/** The spans of the class tokens of one kind among the n found, up to 5. */
function classTokenSpans(buf: ClassTokenBuffer, n: number, kind: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let k = 0; k < n && spans.length < 5; k++) if (buf.kinds[k] === kind) spans.push({ start: buf.starts[k], end: buf.ends[k] });
  return spans;
}

/** Where `needle` (a feature's name after its 'prefix:') occurs in `lower`, up to 5 places. */
function locateNeedle(text: string, lower: string, needle: string): { start: number; end: number }[] {
  if (needle.length === 0 || needle.startsWith('__')) return [];
  if (lower.length !== text.length) return [];
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  while (spans.length < 5) {
    const at = lower.indexOf(needle, from);
    if (at < 0) break;
    spans.push({ start: at, end: at + needle.length });
    from = at + needle.length;
  }
  return spans;
}
