import { wardenError } from '../errors.js';
import { createAnalyzer } from './analyzer.js';
import { CharWbTerms } from './linear/char-wb-terms.js';
import { PlainIndex, type GramIndex } from './linear/gram-index.js';
import { GramTerms } from './linear/gram-terms.js';
import { TermScorer, type LinearScorer, type TermSource } from './linear/linear-scorer.js';
import { TermAccumulator } from './linear/term-accumulator.js';
import { rankByIdf, WeightedTable } from './linear/weighted-table.js';
import { hashString } from './ngram-hash.js';
import { NgramTable } from './ngram-table.js';
import type { SparseBuffer } from './sparse.js';
import type { ChunkPart } from './linear/word-char-wb-terms.js';
import type { VectorizerAnalyzer, VectorizerPart, VectorizerSpec } from './vectorizer.js';

export type TfidfSpec = VectorizerSpec & { type: 'tfidf' };

/**
 * How the term hashes a part exports were made (ngram-hash.ts's two hashes over UTF-16 units).
 * A loaded model whose state names another scheme has its terms hashed again from the strings,
 * so if the hash ever changes, bump this with it.
 */
export const TERM_HASH_SCHEME = 'fnv1a+mx32/utf16';

/** A part's terms in column order, or a function producing them when first needed. */
export type TermList = readonly string[] | (() => readonly string[]);

/**
 * A fitted TF-IDF part: vocabulary (column order), idf per column, and each term's 64-bit
 * n-gram hash. Given the terms as strings (fitting, or a model saved without hashes), the part
 * hashes them; a loaded model passes the hashes it stored instead, with its terms deferred until
 * a feature name is asked for, so loading neither parses nor hashes ~80k strings.
 *
 * Transform: analyse → look each gram hash up → count per column in a sparse set
 * (`TermAccumulator`) → weight and normalise. No allocation once warm. A char_wb part finds
 * its terms through a per-word column cache instead (linear/char-wb-terms.ts), with the
 * same result. `compileLinear` builds the same pipeline with the model's weights folded in;
 * the transform's own table (hash → column) is built on first use, as scoring never needs it.
 */
export class TfidfPart implements VectorizerPart {
  readonly dimension: number;
  private readonly prefix: string;
  /** [h1, h2] of column j's term at 2j, 2j + 1. */
  private readonly hashes: Int32Array;
  /** The columns by ascending idf as a model saved them (`rankByIdf`), or null to compute. */
  private readonly idfOrder: Int32Array | null;
  private vocabulary: readonly string[] | null;
  private readonly loadVocabulary: (() => readonly string[]) | null;
  private transform: { terms: TermSource; acc: TermAccumulator } | null = null;

  /**
   * @param stored what `export()` saved beside the terms: their hashes (required when
   *   `vocabulary` is deferred, and trusted: a model's arrays are integrity-checked before they
   *   get here) and the columns' idf order for the weighted tables
   * @throws WardenError MODEL_CORRUPT when the sizes disagree or (terms given as strings) two
   *   terms hash alike
   */
  constructor(
    private readonly spec: TfidfSpec,
    vocabulary: TermList,
    private readonly idf: Float64Array,
    stored: { hashes?: Int32Array; idfOrder?: Int32Array } = {},
  ) {
    const { hashes } = stored;
    this.dimension = idf.length;
    this.prefix = spec.analyzer === 'word' ? 'w:' : 'c:';
    this.vocabulary = typeof vocabulary === 'function' ? null : vocabulary;
    this.loadVocabulary = typeof vocabulary === 'function' ? vocabulary : null;
    this.idfOrder = stored.idfOrder ?? null;
    if (this.vocabulary && this.vocabulary.length !== idf.length) {
      throw wardenError('MODEL_CORRUPT', `TF-IDF part has ${this.vocabulary.length} terms but ${idf.length} idf values.`);
    }
    if (hashes) {
      if (hashes.length !== 2 * idf.length) {
        throw wardenError('MODEL_CORRUPT', `TF-IDF part has ${idf.length} terms but ${hashes.length / 2} term hashes.`);
      }
      this.hashes = hashes;
    } else {
      if (!this.vocabulary) throw wardenError('MODEL_CORRUPT', 'TF-IDF part has neither its terms nor their hashes.');
      this.hashes = hashTerms(this.vocabulary);
      this.transformParts(); // refuses duplicated terms here, at construction, as it always has
    }
  }

  appendInto(text: string, out: SparseBuffer, offset: number): void {
    const { terms, acc } = this.transform ?? this.transformParts();
    terms.addTo(text, acc);
    acc.appendTo(out, offset);
  }

  compileLinear(weights: Float64Array): LinearScorer {
    if (weights.length < 2 * this.dimension) throw new Error(`expected ${2 * this.dimension} weights, got ${weights.length}`);
    const index = this.weightedTable(weights);
    return new TermScorer(this.termSource(index), this.accumulator(index));
  }

  chunkPart(weights: Float64Array): (ChunkPart & { analyzer: VectorizerAnalyzer }) | null {
    const { analyzer, ngramRange, classTokens } = this.spec;
    if (analyzer === 'char') return null;
    if (weights.length < 2 * this.dimension) throw new Error(`expected ${2 * this.dimension} weights, got ${weights.length}`);
    const index = this.weightedTable(weights);
    return { analyzer, index, acc: this.accumulator(index), minN: ngramRange[0], maxN: ngramRange[1], classTokens };
  }

  /** The transform path's hash → column table, term source and accumulator, built on first use. */
  private transformParts(): { terms: TermSource; acc: TermAccumulator } {
    if (this.transform) return this.transform;
    const table = new NgramTable(this.dimension);
    const h = this.hashes;
    for (let col = 0; col < this.dimension; col++) {
      if (table.add(h[2 * col], h[2 * col + 1]) !== col) {
        throw wardenError('MODEL_CORRUPT', `Vocabulary term ${JSON.stringify(this.terms()[col])} is duplicated or collides.`);
      }
      // float32 idf next to the hash: relative error 6e-8, well inside sklearn parity (1e-6)
      table.setPayload(col, this.idf[col]);
    }
    const plain = new PlainIndex(table);
    this.transform = { terms: this.termSource(plain), acc: this.accumulator(plain) };
    return this.transform;
  }

  private weightedTable(weights: Float64Array): WeightedTable {
    try {
      return new WeightedTable(this.hashes, this.idf, weights, this.idfOrder ?? undefined);
    } catch (cause) {
      throw wardenError('MODEL_CORRUPT', `TF-IDF part cannot be indexed: ${(cause as Error).message}.`, { cause });
    }
  }

  /** The terms in column order, read (once) when first needed. */
  private terms(): readonly string[] {
    if (this.vocabulary) return this.vocabulary;
    const terms = this.loadVocabulary!();
    if (terms.length !== this.dimension) {
      throw wardenError('MODEL_CORRUPT', `TF-IDF part has ${this.dimension} idf values but ${terms.length} terms.`);
    }
    this.vocabulary = terms;
    return terms;
  }

  private termSource(index: GramIndex): TermSource {
    const { analyzer, ngramRange, classTokens } = this.spec;
    if (analyzer === 'char_wb' && CharWbTerms.supports(index.size)) return new CharWbTerms(index, ngramRange[0], ngramRange[1], classTokens);
    return new GramTerms(createAnalyzer(analyzer, ngramRange, classTokens), index);
  }

  private accumulator(index: GramIndex): TermAccumulator {
    return new TermAccumulator(index, this.spec.sublinearTf, this.spec.norm === 'l2');
  }

  featureName(column: number): string {
    return this.prefix + this.terms()[column];
  }

  /**
   * The terms with their hashes (`termHashes`, under TERM_HASH_SCHEME) and the columns by
   * ascending idf (`idfOrder`), so loading need neither hash the terms nor sort the idf again.
   */
  export(): { state: Record<string, unknown>; arrays: Record<string, Float64Array | Int32Array>; vocabulary: string[] } {
    return {
      state: { type: 'tfidf', dimension: this.dimension, termHashes: TERM_HASH_SCHEME },
      arrays: { idf: Float64Array.from(this.idf), termHashes: Int32Array.from(this.hashes), idfOrder: this.idfOrder ? Int32Array.from(this.idfOrder) : rankByIdf(this.idf) },
      vocabulary: [...this.terms()],
    };
  }
}

/** [h1, h2] of each term, at 2j, 2j + 1. */
function hashTerms(terms: readonly string[]): Int32Array {
  const out = new Int32Array(2 * terms.length);
  const pair = new Int32Array(2);
  for (let j = 0; j < terms.length; j++) {
    hashString(terms[j], pair);
    out[2 * j] = pair[0];
    out[2 * j + 1] = pair[1];
  }
  return out;
}
