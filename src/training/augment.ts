import { createRewriter, type Rewrite } from '../adversarial/index.js';
import { ruleFeatureVector, tagText, TAG_NAMES } from '../rules/index.js';
import { createNormalizer, type NormalizerSpec } from '../text/index.js';
import { createRng } from '../data/index.js';
import type { PreparedData } from './prepared-data.js';

/**
 * The rewrite applied to training rows: words broken by inserted spaces are the one
 * obfuscation the normaliser cannot undo (homoglyphs and zero-width characters it folds away).
 */
export const DEFAULT_AUGMENTATION: Rewrite = { type: 'inserted-spaces', rate: 0.25 };

/** Share of the rows of every class that get a rewritten copy. */
export const DEFAULT_AUGMENTATION_SHARE = 0.3;

/**
 * Appends a seeded rewritten copy of the same share of rows of EVERY class (so "has broken
 * words" never becomes a class signal of its own), each in the same group as its original, so
 * a split or fold never separates the two (no leakage); the model learns the broken-word forms
 * attackers use. Rows at index ≥ `data.raw.length` before the call are the copies.
 */
export function augmentRows(data: PreparedData, normalizer: NormalizerSpec, spec: Rewrite, seed: number, share = DEFAULT_AUGMENTATION_SHARE): PreparedData {
  const rewrite = createRewriter(spec, seed);
  const norm = createNormalizer(normalizer);
  const pick = createRng(seed ^ 0x5bd1e995);
  const src: number[] = [];
  for (let i = 0; i < data.raw.length; i++) if (pick() < share) src.push(i);
  const n = data.raw.length;
  const m = src.length;
  const raw = data.raw.slice();
  const normTexts = data.norm.slice();
  const labels = data.labels.slice();
  const threat = new Uint8Array(n + m);
  threat.set(data.threat);
  const phishing = new Uint8Array(n + m);
  phishing.set(data.phishing);
  const groups = new Int32Array(n + m);
  groups.set(data.groups);
  const k = TAG_NAMES.length;
  let rules: Float32Array | null = null;
  if (data.rules) {
    rules = new Float32Array((n + m) * k);
    rules.set(data.rules);
  }
  const row = new Float32Array(k);
  src.forEach((i, j) => {
    const text = rewrite(data.raw[i]);
    raw.push(text);
    normTexts.push(norm.normalize(text).text);
    labels.push(data.labels[i]);
    threat[n + j] = data.threat[i];
    phishing[n + j] = data.phishing[i];
    groups[n + j] = data.groups[i];
    if (rules) rules.set(ruleFeatureVector(tagText(text), row), (n + j) * k);
  });
  return { ...data, raw, norm: normTexts, labels, threat, phishing, groups, rules };
}
