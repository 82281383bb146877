import type { VectorizerSpec } from './vectorizer.js';

/**
 * Word 1–2-grams with class tokens plus character 2–5-grams, both sublinear TF-IDF with
 * their own L2 norm. minDf 2 drops one-off n-grams (half the char vocabulary on SMS data),
 * which never generalise and only cost memory.
 */
export const DEFAULT_VECTORIZER: VectorizerSpec = Object.freeze({
  type: 'union',
  parts: [
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: true },
    { type: 'tfidf', analyzer: 'char', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: false },
  ],
}) as VectorizerSpec;
