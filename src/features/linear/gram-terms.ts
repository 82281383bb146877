import type { Analyzer } from '../analyzer.js';
import { createGramBuffer } from '../gram-buffer.js';
import type { GramIndex } from './gram-index.js';
import type { TermAccumulator } from './term-accumulator.js';

/**
 * The generic transform path of a TF-IDF part (word and char analysers): analyse, look each
 * gram's hash up in the index, add its entry (key, idf and, for a linear scorer, the two
 * model weights) to the accumulator.
 */
export class GramTerms {
  private readonly grams = createGramBuffer();
  private readonly one = new Int32Array(4);
  private readonly oneFloats = new Float32Array(this.one.buffer);

  constructor(
    private readonly analyzer: Analyzer,
    private readonly index: GramIndex,
  ) {}

  /** Resets acc and adds every in-vocabulary gram of text to it. */
  addTo(text: string, acc: TermAccumulator): void {
    acc.reset();
    const g = this.grams;
    const n = this.analyzer.analyze(text, g);
    const { index, one, oneFloats } = this;
    const weighted = index.stride === 4;
    const gh1 = g.h1;
    const gh2 = g.h2;
    for (let i = 0; i < n; i++) {
      if (index.entryInto(gh1[i], gh2[i], one, oneFloats, 0)) acc.addEntry(one, oneFloats, 0, weighted);
    }
  }
}
