import type { Label } from '../data/label.js';
import { createSparseBuffer, type SparseBuffer } from '../features/index.js';
import type { FittedVectorizer } from '../features/index.js';
import type { CalibratorSpec } from '../model/index.js';
import { createCalibrator } from '../model/index.js';
import type { LinearModel } from '../model/index.js';
import type { Normalizer } from '../text/index.js';
import { ruleFeatureVector, tagText, TAG_NAMES } from '../rules/index.js';
import type { Tag } from '../rules/index.js';
import type { ModelManifest } from '../artifact/manifest.js';

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
  threat: { model: LinearModel; calibrator: CalibratorSpec };
  phishing: { model: LinearModel; calibrator: CalibratorSpec } | null;
  threshold: number;
}

/**
 * A loaded model: normaliser → vectoriser (+ rule features) → linear scorer → calibrator.
 * `score` is the hot path: it reuses one sparse buffer and allocates nothing per token.
 */
export class Detector {
  readonly manifest: ModelManifest;
  readonly threshold: number;
  /** Files shipped with the model besides its weights (e.g. the triage policy), as text. */
  readonly extras: Readonly<Record<string, string>>;
  private readonly parts: DetectorParts;
  private readonly buf: SparseBuffer;
  private readonly ruleBuf: Float32Array;
  private readonly threatProb: (d: number) => number;
  private readonly phishProb: ((d: number) => number) | null;
  private readonly dim: number;

  constructor(manifest: ModelManifest, parts: DetectorParts, extras: Record<string, string> = {}) {
    this.manifest = manifest;
    this.extras = Object.freeze({ ...extras });
    this.parts = parts;
    this.threshold = parts.threshold;
    this.buf = createSparseBuffer(1024);
    this.ruleBuf = new Float32Array(TAG_NAMES.length);
    this.threatProb = createCalibrator(parts.threat.calibrator);
    this.phishProb = parts.phishing ? createCalibrator(parts.phishing.calibrator) : null;
    this.dim = parts.vectorizer.dimension;
  }

  get version(): string {
    return this.manifest.version ?? this.manifest.id;
  }

  /** Decision values of the threat and phishing models for one text (tags optional, computed if needed). */
  private decisions(text: string, tags?: readonly Tag[]): { threat: number; phishing: number } {
    const { normalizer, vectorizer, threat, phishing, ruleFeatures } = this.parts;
    const norm = normalizer.normalize(text).text;
    const nnz = vectorizer.transformInto(norm, this.buf);
    const idx = this.buf.indices;
    const val = this.buf.values;
    const wt = threat.model.weights;
    let dt = threat.model.bias;
    let dp = phishing ? phishing.model.bias : 0;
    const wp = phishing ? phishing.model.weights : null;
    for (let i = 0; i < nnz; i++) {
      const j = idx[i];
      dt += wt[j] * val[i];
      if (wp) dp += wp[j] * val[i];
    }
    if (ruleFeatures) {
      const rf = ruleFeatureVector(tags ?? tagText(text), this.ruleBuf);
      for (let k = 0; k < rf.length; k++) {
        if (rf[k] === 0) continue;
        dt += wt[this.dim + k] * rf[k];
        if (wp) dp += wp[this.dim + k] * rf[k];
      }
    }
    return { threat: dt, phishing: dp };
  }

  score(text: string, tags?: readonly Tag[]): Prediction {
    const d = this.decisions(text, tags);
    const risk = clamp01(this.threatProb(d.threat));
    const isThreat = risk >= this.threshold;
    const pPhish = this.phishProb ? clamp01(this.phishProb(d.phishing)) : null;
    let label: Label = 'benign';
    if (isThreat) label = pPhish !== null && pPhish >= 0.5 ? 'phishing' : 'spam';
    return { riskScore: risk, isThreat, label, phishingProbability: pPhish, threshold: this.threshold };
  }

  /** The features that pushed this text's threat score up or down most, with spans in the original text. */
  explain(text: string, k = 8, tags?: readonly Tag[]): Contribution[] {
    const { normalizer, vectorizer, threat, ruleFeatures } = this.parts;
    const norm = normalizer.normalize(text).text;
    const buf = createSparseBuffer(256);
    const nnz = vectorizer.transformInto(norm, buf);
    const found: Contribution[] = [];
    for (let i = 0; i < nnz; i++) {
      const c = threat.model.weights[buf.indices[i]] * buf.values[i];
      if (c !== 0) found.push({ feature: vectorizer.featureName(buf.indices[i]), contribution: c, spans: [] });
    }
    if (ruleFeatures) {
      const tagList = tags ?? tagText(text);
      const rf = ruleFeatureVector(tagList, new Float32Array(TAG_NAMES.length));
      for (let j = 0; j < rf.length; j++) {
        if (rf[j] === 0) continue;
        const tag = tagList.find((t) => t.tag === TAG_NAMES[j]);
        found.push({
          feature: `tag:${TAG_NAMES[j]}`,
          contribution: threat.model.weights[this.dim + j] * rf[j],
          spans: tag ? tag.spans.slice(0, 5) : [],
        });
      }
    }
    found.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    const top = found.slice(0, k);
    for (const c of top) if (c.spans.length === 0) c.spans = locateFeature(text, c.feature);
    return top;
  }
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Maps a feature name like 'w:verify' or 'c:bit.' back to where it occurs in the original text. */
export function locateFeature(text: string, feature: string): { start: number; end: number }[] {
  const colon = feature.indexOf(':');
  const needle = colon >= 0 ? feature.slice(colon + 1) : feature;
  if (needle.length === 0 || needle.startsWith('__')) return [];
  const lower = text.toLowerCase();
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
