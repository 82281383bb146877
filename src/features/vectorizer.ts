import type { LinearScorer } from './linear/linear-scorer.js';
import type { ChunkPart } from './linear/word-char-wb-terms.js';
import type { SparseBuffer, CsrMatrix } from './sparse.js';

/**
 * 'word': scikit-learn's word n-grams; 'char': its char n-grams across word boundaries;
 * 'char_wb': its char n-grams inside ' ' + word + ' ' (cacheable per word, the fast one).
 */
export type VectorizerAnalyzer = 'word' | 'char' | 'char_wb';

/** Serialisable vectoriser config, stored inside each model artifact. */
export type VectorizerSpec =
  | {
      type: 'tfidf';
      analyzer: VectorizerAnalyzer;
      ngramRange: [number, number];
      sublinearTf: boolean;
      norm: 'l2' | 'none';
      /** Absolute document count an n-gram needs to enter the vocabulary. */
      minDf: number;
      /** Keep only the most frequent n-grams (by total count) after minDf. */
      maxFeatures?: number;
      classTokens: boolean;
    }
  | {
      type: 'hashing';
      analyzer: VectorizerAnalyzer;
      ngramRange: [number, number];
      /** Number of columns; n-grams map to a multiply-shift of the mixed hash into [0, dimension), unsigned (no sign trick). */
      dimension: number;
      sublinearTf: boolean;
      norm: 'l2' | 'none';
      classTokens: boolean;
      /** Learn smooth idf per hashed column at fit time. */
      idf: boolean;
    }
  /** Columns concatenated; each part normalised on its own (like scikit-learn's FeatureUnion). */
  | { type: 'union'; parts: VectorizerSpec[] };

/** What export() returns and loadVectorizer() takes back. */
export interface ExportedVectorizer {
  state: unknown;
  arrays: Record<string, Float32Array | Float64Array | Int32Array | Uint32Array>;
  vocabulary: string[];
}

/** Same as ExportedVectorizer, but accepting any numeric array (e.g. decoded from JSON). */
export interface ImportedVectorizer {
  state: unknown;
  arrays: Record<string, ArrayLike<number> & { length: number }>;
  vocabulary: string[];
}

export interface FittedVectorizer {
  readonly spec: VectorizerSpec;
  readonly dimension: number;
  /**
   * Features of one already-normalised text into a reused buffer; returns nnz. Indices are
   * unique, grouped by part and not sorted. No per-token allocation.
   */
  transformInto(text: string, out: SparseBuffer): number;
  /** Rows in CSR form, indices sorted within each row. */
  transformMany(texts: readonly string[]): CsrMatrix;
  /** Human-readable name of feature i, e.g. 'w:verify', 'w:click here', 'c:bit.', 'w:__url__', 'h:12345'. */
  featureName(index: number): string;
  /** For artifacts: JSON-safe state + named typed arrays + vocabulary strings. */
  export(): ExportedVectorizer;
  /**
   * This vectoriser fused with two linear models: `pairWeights` holds the [threat, phishing]
   * weight of column j at 2j, 2j + 1 (entries past 2·dimension are ignored). The scorer owns
   * its scratch (and caches), so build one per consumer.
   */
  compileLinear(pairWeights: Float64Array): LinearScorer;
}

/** One leaf of a (possibly nested) union; parts write their own columns starting at an offset. */
export interface VectorizerPart {
  readonly dimension: number;
  /** Appends this part's entries for text to out, columns shifted by offset. */
  appendInto(text: string, out: SparseBuffer, offset: number): void;
  featureName(column: number): string;
  /** See FittedVectorizer.compileLinear; `weights` covers exactly this part's columns. */
  compileLinear(weights: Float64Array): LinearScorer;
  /**
   * This part with `weights` folded in, as a whitespace-chunk source for a fused scorer, or
   * null when its grams are not chunk-local (see linear/word-char-wb-terms.ts).
   */
  chunkPart?(weights: Float64Array): (ChunkPart & { analyzer: VectorizerAnalyzer }) | null;
  export(): { state: Record<string, unknown>; arrays: Record<string, Float64Array | Int32Array>; vocabulary: string[] };
}
