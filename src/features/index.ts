export type { VectorizerSpec, FittedVectorizer, ExportedVectorizer, ImportedVectorizer } from './vectorizer.js';
export { createSparseBuffer, type SparseBuffer, type CsrMatrix } from './sparse.js';
export { fitVectorizer, loadVectorizer } from './fit-vectorizer.js';
export { DEFAULT_VECTORIZER } from './default-vectorizer.js';
export { hashString } from './ngram-hash.js';
export type { LinearScorer } from './linear/linear-scorer.js';
export type { Contributions } from './linear/term-accumulator.js';
