import type { VectorizerSpec } from './vectorizer.js';

/**
 * Word 1–2-grams with class tokens plus word-bounded character 2–5-grams ('char_wb'), both
 * sublinear TF-IDF with their own L2 norm. char_wb grams never cross words, so scoring caches
 * each word's columns (2.3× the vectorising rate of 'char' on SMS), with better UCI quality
 * (3-seed mean spam F1 0.968, R@P≥.995 0.942, PR-AUC 0.9953 vs 0.963 / 0.851 / 0.9937). minDf 2 drops one-off n-grams (half the char vocabulary on SMS data),
 * which never generalise and only cost memory.
 */
export const DEFAULT_VECTORIZER: VectorizerSpec = Object.freeze({
  type: 'union',
  parts: [
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: true },
    { type: 'tfidf', analyzer: 'char_wb', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: false },
  ],
}) as VectorizerSpec;
