import { wardenError } from '../errors.js';
import { createAnalyzer } from './analyzer.js';
import { createGramBuffer } from './gram-buffer.js';
import { NgramTable } from './ngram-table.js';
import { TfidfPart, type TfidfSpec } from './tfidf-part.js';
import { smoothIdf } from './weighting.js';

/**
 * Learns a TF-IDF vocabulary like scikit-learn's TfidfVectorizer: count document frequency
 * of every n-gram, keep those with df ≥ minDf, then (if maxFeatures) the most frequent by
 * total count (ties by term), sort the terms (by code point, as Python does) into columns,
 * idf = ln((1 + n) / (1 + df)) + 1. An n-gram's string is built only the first time it is seen.
 *
 * @throws WardenError BAD_DATA when no n-gram survives pruning.
 */
export function fitTfidf(spec: TfidfSpec, texts: readonly string[]): TfidfPart {
  const analyzer = createAnalyzer(spec.analyzer, spec.ngramRange, spec.classTokens);
  const grams = createGramBuffer();
  const ids = new NgramTable(1024);
  const terms: string[] = [];
  const df: number[] = [];
  const total: number[] = [];
  const lastDoc: number[] = [];
  for (let d = 0; d < texts.length; d++) {
    const text = texts[d];
    const n = analyzer.analyze(text, grams);
    for (let i = 0; i < n; i++) {
      const id = ids.add(grams.h1[i], grams.h2[i]);
      if (id === terms.length) {
        terms.push(analyzer.gramString(text, grams, i));
        df.push(0);
        total.push(0);
        lastDoc.push(-1);
      }
      total[id]++;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]++;
      }
    }
  }
  let kept: number[] = [];
  for (let id = 0; id < terms.length; id++) if (df[id] >= spec.minDf) kept.push(id);
  if (spec.maxFeatures !== undefined && kept.length > spec.maxFeatures) {
    kept.sort((a, b) => total[b] - total[a] || compareCodePoints(terms[a], terms[b]));
    kept = kept.slice(0, spec.maxFeatures);
  }
  if (kept.length === 0) {
    throw wardenError('BAD_DATA', `No ${spec.analyzer} n-gram occurs in at least ${spec.minDf} of the ${texts.length} training texts.`);
  }
  kept.sort((a, b) => compareCodePoints(terms[a], terms[b]));
  const vocabulary = kept.map((id) => terms[id]);
  const idf = Float64Array.from(kept, (id) => smoothIdf(texts.length, df[id]));
  return new TfidfPart(spec, vocabulary, idf);
}

/** Orders strings by code point (Python's order), not by UTF-16 unit (JavaScript's default). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // surrogates (astral) sort after U+E000–U+FFFF in code point order
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca - cb;
  }
  return a.length - b.length;
}
