import { wardenError } from '../errors.js';
import { createAnalyzer, type Analyzer } from './analyzer.js';
import { CharWbCounts } from './char-wb-counts.js';
import { ColumnCounter } from './column-counter.js';
import { createGramBuffer, type GramBuffer } from './gram-buffer.js';
import { hashString } from './ngram-hash.js';
import { NgramTable } from './ngram-table.js';
import type { SparseBuffer } from './sparse.js';
import type { VectorizerPart, VectorizerSpec } from './vectorizer.js';
import { appendWeighted } from './weighting.js';

export type TfidfSpec = VectorizerSpec & { type: 'tfidf' };

/**
 * A fitted TF-IDF part: vocabulary (column order), idf per column, and the hash table from
 * 64-bit n-gram hash to column, rebuilt from the vocabulary strings so that fitting and
 * loading share one path.
 *
 * Transform: analyse → look each gram hash up → count per column in a small cache-resident
 * map → weight and normalise. No allocation once warm. A char_wb part counts through a
 * per-word column cache instead (char-wb-counts.ts), with the same result.
 */
export class TfidfPart implements VectorizerPart {
  readonly dimension: number;
  private readonly table: NgramTable;
  private readonly analyzer: Analyzer;
  private readonly grams: GramBuffer = createGramBuffer();
  private readonly counter = new ColumnCounter();
  private readonly prefix: string;
  /** The cached char_wb path, or null for the other analysers. */
  private readonly wordCounts: CharWbCounts | null;

  constructor(
    private readonly spec: TfidfSpec,
    private readonly vocabulary: readonly string[],
    private readonly idf: Float64Array,
  ) {
    if (idf.length !== vocabulary.length) {
      throw wardenError('MODEL_CORRUPT', `TF-IDF part has ${vocabulary.length} terms but ${idf.length} idf values.`);
    }
    this.dimension = vocabulary.length;
    this.analyzer = createAnalyzer(spec.analyzer, spec.ngramRange, spec.classTokens);
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
    const [minN, maxN] = spec.ngramRange;
    this.wordCounts = spec.analyzer === 'char_wb' ? new CharWbCounts(this.table, minN, maxN, spec.classTokens) : null;
  }

  appendInto(text: string, out: SparseBuffer, offset: number): void {
    if (this.wordCounts !== null) {
      this.wordCounts.countInto(text, this.counter);
      appendWeighted(this.counter, this.spec.sublinearTf, this.spec.norm === 'l2', out, offset);
      return;
    }
    const g = this.grams;
    const n = this.analyzer.analyze(text, g);
    const { counter, table } = this;
    counter.ensure(n);
    const gh1 = g.h1;
    const gh2 = g.h2;
    for (let i = 0; i < n; i++) {
      const col = table.get(gh1[i], gh2[i]);
      if (col >= 0) counter.add(col, table.payload(col));
    }
    appendWeighted(counter, this.spec.sublinearTf, this.spec.norm === 'l2', out, offset);
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
