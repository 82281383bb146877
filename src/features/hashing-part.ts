import { createAnalyzer, type Analyzer } from './analyzer.js';
import { ColumnCounter } from './column-counter.js';
import { createGramBuffer, type GramBuffer } from './gram-buffer.js';
import { hashColumn } from './ngram-hash.js';
import { SparseScorer, type LinearScorer } from './linear/linear-scorer.js';
import type { SparseBuffer } from './sparse.js';
import type { VectorizerPart, VectorizerSpec } from './vectorizer.js';
import { appendWeighted, smoothIdf } from './weighting.js';

export type HashingSpec = VectorizerSpec & { type: 'hashing' };

/**
 * The vocabulary-free variant: column = multiply-shift of mix(h1, h2) into [0, dimension), unsigned (counts stay
 * non-negative so sublinear tf and idf keep their meaning; collisions add up). With `idf`,
 * a smooth idf per column is learnt at fit time. Feature names are 'h:<column>'.
 */
export class HashingPart implements VectorizerPart {
  readonly dimension: number;
  private readonly analyzer: Analyzer;
  private readonly grams: GramBuffer = createGramBuffer();
  private readonly counter = new ColumnCounter();

  constructor(
    private readonly spec: HashingSpec,
    private readonly idf: Float64Array | null,
  ) {
    this.dimension = spec.dimension;
    this.analyzer = createAnalyzer(spec.analyzer, spec.ngramRange, spec.classTokens);
  }

  /** Learns the per-column idf (if the spec asks for it) from the training texts. */
  static fit(spec: HashingSpec, texts: readonly string[]): HashingPart {
    if (!spec.idf) return new HashingPart(spec, null);
    const probe = new HashingPart(spec, null);
    const df = new Float64Array(spec.dimension);
    const lastDoc = new Int32Array(spec.dimension).fill(-1);
    for (let d = 0; d < texts.length; d++) {
      const n = probe.analyzer.analyze(texts[d], probe.grams);
      for (let i = 0; i < n; i++) {
        const col = hashColumn(probe.grams.h1[i], probe.grams.h2[i], spec.dimension);
        if (lastDoc[col] !== d) {
          lastDoc[col] = d;
          df[col]++;
        }
      }
    }
    const idf = df.map((v) => smoothIdf(texts.length, v));
    return new HashingPart(spec, idf);
  }

  compileLinear(weights: Float64Array): LinearScorer {
    return new SparseScorer(this, weights);
  }

  appendInto(text: string, out: SparseBuffer, offset: number): void {
    const g = this.grams;
    const n = this.analyzer.analyze(text, g);
    const { counter, dimension, idf } = this;
    counter.ensure(n);
    for (let i = 0; i < n; i++) {
      const col = hashColumn(g.h1[i], g.h2[i], dimension);
      counter.add(col, idf === null ? 1 : idf[col]);
    }
    appendWeighted(counter, this.spec.sublinearTf, this.spec.norm === 'l2', out, offset);
  }

  featureName(column: number): string {
    return `h:${column}`;
  }

  export(): { state: Record<string, unknown>; arrays: Record<string, Float64Array>; vocabulary: string[] } {
    return {
      state: { type: 'hashing', dimension: this.dimension, idf: this.idf !== null },
      arrays: this.idf ? { idf: Float64Array.from(this.idf) } : {},
      vocabulary: [],
    };
  }
}
