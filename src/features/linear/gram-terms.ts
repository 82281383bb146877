import type { Analyzer } from '../analyzer.js';
import { createGramBuffer } from '../gram-buffer.js';
import type { GramIndex } from './gram-index.js';
import type { TermAccumulator } from './term-accumulator.js';

/**
 * The generic transform path of a TF-IDF part (word and char analysers): analyse, look each
 * gram's hash up in the index, add its key to the accumulator.
 */
export class GramTerms {
  private readonly grams = createGramBuffer();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly index: GramIndex,
  ) {}

  /** Resets acc and adds every in-vocabulary gram of text to it. */
  addTo(text: string, acc: TermAccumulator): void {
    acc.reset();
    const g = this.grams;
    const n = this.analyzer.analyze(text, g);
    const index = this.index;
    const gh1 = g.h1;
    const gh2 = g.h2;
    for (let i = 0; i < n; i++) {
      const key = index.lookup(gh1[i], gh2[i]);
      if (key >= 0) acc.addGram(key);
    }
  }
}
