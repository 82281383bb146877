import { wardenError } from '../errors.js';
import { createAnalyzer } from './analyzer.js';
import { CharWbTerms } from './linear/char-wb-terms.js';
import { PlainIndex, type GramIndex } from './linear/gram-index.js';
import { GramTerms } from './linear/gram-terms.js';
import { TermScorer, type LinearScorer, type TermSource } from './linear/linear-scorer.js';
import { TermAccumulator } from './linear/term-accumulator.js';
import { WeightedTable } from './linear/weighted-table.js';
import { hashString } from './ngram-hash.js';
import { NgramTable } from './ngram-table.js';
import type { SparseBuffer } from './sparse.js';
import type { ChunkPart } from './linear/word-char-wb-terms.js';
import type { VectorizerAnalyzer, VectorizerPart, VectorizerSpec } from './vectorizer.js';

export type TfidfSpec = VectorizerSpec & { type: 'tfidf' };

/**
 * A fitted TF-IDF part: vocabulary (column order), idf per column, and the hash table from
 * 64-bit n-gram hash to column, rebuilt from the vocabulary strings so that fitting and
 * loading share one path.
 *
 * Transform: analyse → look each gram hash up → count per column in a sparse set
 * (`TermAccumulator`) → weight and normalise. No allocation once warm. A char_wb part finds
 * its terms through a per-word column cache instead (linear/char-wb-terms.ts), with the
 * same result. `compileLinear` builds the same pipeline with the model's weights folded in.
 */
export class TfidfPart implements VectorizerPart {
  readonly dimension: number;
  private readonly table: NgramTable;
  private readonly prefix: string;
  private readonly terms: TermSource;
  private readonly acc: TermAccumulator;

  constructor(
    private readonly spec: TfidfSpec,
    private readonly vocabulary: readonly string[],
    private readonly idf: Float64Array,
  ) {
    if (idf.length !== vocabulary.length) {
      throw wardenError('MODEL_CORRUPT', `TF-IDF part has ${vocabulary.length} terms but ${idf.length} idf values.`);
    }
    this.dimension = vocabulary.length;
    this.prefix = spec.analyzer === 'word' ? 'w:' : 'c:';
    this.table = new NgramTable(vocabulary.length);
    const pair = new Int32Array(2);
    for (let col = 0; col < vocabulary.length; col++) {
      hashString(vocabulary[col], pair);
      if (this.table.add(pair[0], pair[1]) !== col) {
        throw wardenError('MODEL_CORRUPT', `Vocabulary term ${JSON.stringify(vocabulary[col])} is duplicated or collides.`);
      }
      // float32 idf next to the hash: relative error 6e-8, well inside sklearn parity (1e-6)
      this.table.setPayload(col, idf[col]);
    }
    const plain = new PlainIndex(this.table);
    this.terms = this.termSource(plain);
    this.acc = this.accumulator(plain);
  }

  appendInto(text: string, out: SparseBuffer, offset: number): void {
    this.terms.addTo(text, this.acc);
    this.acc.appendTo(out, offset);
  }

  compileLinear(weights: Float64Array): LinearScorer {
    if (weights.length < 2 * this.dimension) throw new Error(`expected ${2 * this.dimension} weights, got ${weights.length}`);
    const index = new WeightedTable(this.table, this.idf, weights);
    return new TermScorer(this.termSource(index), this.accumulator(index));
  }

  chunkPart(weights: Float64Array): (ChunkPart & { analyzer: VectorizerAnalyzer }) | null {
    const { analyzer, ngramRange, classTokens } = this.spec;
    if (analyzer === 'char') return null;
    if (weights.length < 2 * this.dimension) throw new Error(`expected ${2 * this.dimension} weights, got ${weights.length}`);
    const index = new WeightedTable(this.table, this.idf, weights);
    return { analyzer, index, acc: this.accumulator(index), minN: ngramRange[0], maxN: ngramRange[1], classTokens };
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
    return this.prefix + this.vocabulary[column];
  }

  export(): { state: Record<string, unknown>; arrays: Record<string, Float64Array>; vocabulary: string[] } {
    return {
      state: { type: 'tfidf', dimension: this.dimension },
      arrays: { idf: Float64Array.from(this.idf) },
      vocabulary: [...this.vocabulary],
    };
  }
}
