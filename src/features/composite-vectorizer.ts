import { wardenError } from '../errors.js';
import { createSparseBuffer, sortRowByIndex, type CsrMatrix, type SparseBuffer } from './sparse.js';
import { CompositeScorer, WordCharWbScorer, type LinearScorer } from './linear/linear-scorer.js';
import { WordCharWbTerms } from './linear/word-char-wb-terms.js';
import type { ExportedVectorizer, FittedVectorizer, VectorizerPart, VectorizerSpec } from './vectorizer.js';

/** Export format version, bumped when the state layout changes. */
export const VECTORIZER_STATE_VERSION = 1;

/**
 * A fitted vectoriser as a list of parts laid side by side: part k owns columns
 * [offsets[k], offsets[k] + parts[k].dimension). A plain tfidf/hashing spec is one part.
 */
export class CompositeVectorizer implements FittedVectorizer {
  readonly dimension: number;
  private readonly offsets: Int32Array;

  constructor(
    readonly spec: VectorizerSpec,
    private readonly parts: readonly VectorizerPart[],
  ) {
    this.offsets = new Int32Array(parts.length);
    let total = 0;
    parts.forEach((p, k) => {
      this.offsets[k] = total;
      total += p.dimension;
    });
    this.dimension = total;
  }

  transformInto(text: string, out: SparseBuffer): number {
    out.nnz = 0;
    for (let k = 0; k < this.parts.length; k++) this.parts[k].appendInto(text, out, this.offsets[k]);
    return out.nnz;
  }

  transformMany(texts: readonly string[]): CsrMatrix {
    const buf = createSparseBuffer();
    const indptr = new Int32Array(texts.length + 1);
    let indices = new Int32Array(Math.max(16, texts.length * 32));
    let values = new Float32Array(indices.length);
    let nnz = 0;
    for (let r = 0; r < texts.length; r++) {
      const n = this.transformInto(texts[r], buf);
      if (nnz + n > indices.length) {
        const cap = Math.max(indices.length * 2, nnz + n);
        const i2 = new Int32Array(cap);
        i2.set(indices.subarray(0, nnz));
        const v2 = new Float32Array(cap);
        v2.set(values.subarray(0, nnz));
        indices = i2;
        values = v2;
      }
      indices.set(buf.indices.subarray(0, n), nnz);
      values.set(buf.values.subarray(0, n), nnz);
      sortRowByIndex(indices, values, nnz, nnz + n);
      nnz += n;
      indptr[r + 1] = nnz;
    }
    return { nRows: texts.length, nCols: this.dimension, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
  }

  compileLinear(pairWeights: Float64Array): LinearScorer {
    if (pairWeights.length < 2 * this.dimension) throw new Error(`expected ${2 * this.dimension} weights, got ${pairWeights.length}`);
    const fused = this.compileFused(pairWeights);
    if (fused) return fused;
    const scorers = this.parts.map((p, k) => p.compileLinear(this.weightsOf(pairWeights, k)));
    return new CompositeScorer(scorers, this.offsets);
  }

  /**
   * A word part (n ≤ 2) beside a char_wb part — the default model — scored through one
   * chunk cache (`WordCharWbTerms`): both parts' grams inside a whitespace chunk come from
   * one probe. Null for any other shape.
   */
  private compileFused(pairWeights: Float64Array): LinearScorer | null {
    const specs = this.spec.type === 'union' ? this.spec.parts : [];
    if (this.parts.length !== 2 || specs.length !== 2 || specs.some((s) => s.type !== 'tfidf')) return null;
    const kinds = specs.map((s) => (s.type === 'union' ? null : s.analyzer));
    const w = kinds.indexOf('word');
    const c = kinds.indexOf('char_wb');
    if (w < 0 || c < 0) return null;
    const plans = this.parts.map((p, k) => p.chunkPart?.(this.weightsOf(pairWeights, k)) ?? null);
    const word = plans[w];
    const char = plans[c];
    if (!word || !char || !WordCharWbTerms.supports(word, char)) return null;
    const terms = new WordCharWbTerms(word, char);
    const side = (k: number) => ({ acc: plans[k]!.acc, offset: this.offsets[k] });
    return new WordCharWbScorer(terms, side(0), side(1));
  }

  private weightsOf(pairWeights: Float64Array, k: number): Float64Array {
    return pairWeights.subarray(2 * this.offsets[k], 2 * (this.offsets[k] + this.parts[k].dimension));
  }

  featureName(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.dimension) {
      throw wardenError('INVALID_INPUT', `Feature index ${index} is outside [0, ${this.dimension}).`);
    }
    let k = this.parts.length - 1;
    while (this.offsets[k] > index) k--;
    return this.parts[k].featureName(index - this.offsets[k]);
  }

  export(): ExportedVectorizer {
    const parts: Array<Record<string, unknown>> = [];
    const arrays: ExportedVectorizer['arrays'] = {};
    const vocabulary: string[] = [];
    this.parts.forEach((part, k) => {
      const e = part.export();
      parts.push({ ...e.state, vocabularySize: e.vocabulary.length });
      for (const [name, arr] of Object.entries(e.arrays)) arrays[`p${k}.${name}`] = arr;
      for (const term of e.vocabulary) vocabulary.push(term);
    });
    return { state: { version: VECTORIZER_STATE_VERSION, parts }, arrays, vocabulary };
  }
}
