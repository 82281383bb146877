import type { SparseBuffer } from '../sparse.js';
import { createSparseBuffer, ensureSparseCapacity } from '../sparse.js';
import type { VectorizerPart } from '../vectorizer.js';
import type { Contributions, TermAccumulator } from './term-accumulator.js';
import type { Chunks } from '../hashed-spans.js';
import type { WordCharWbTerms } from './word-char-wb-terms.js';

/**
 * A vectoriser fused with a pair of linear models (threat, phishing) over its columns: the
 * scoring hot path. It adds w·x of a text to running sums without materialising x, and can
 * hand back the x of the text it scored last (for explanations) on request.
 */
export interface LinearScorer {
  /**
   * Adds (w_threat·x, w_phishing·x) of one normalised text to sums[0], sums[1]. `keep` (default
   * true) keeps x for `appendLast`; scoring alone passes false and skips that bookkeeping.
   */
  accumulate(text: string, sums: Float64Array, keep?: boolean): void;
  /**
   * Appends the features of the text last accumulated to out, columns shifted by offset.
   * With `contrib`, also writes each feature's threat contribution at the same positions
   * where the scorer can (see `TermAccumulator.appendTo`); true when it did for every one.
   * With `top` = k, a scorer may append only the features that can be among the k of largest
   * |threat contribution|: a superset of them, in the same order (`TermAccumulator.appendTop`).
   */
  appendLast(out: SparseBuffer, offset: number, contrib?: Contributions | null, top?: number): boolean;
}

/** Where a TF-IDF part's terms come from (a word cache, or analysis and lookup). */
export interface TermSource {
  addTo(text: string, acc: TermAccumulator): void;
}

/** A TF-IDF part's scorer: its terms accumulated straight into the two dot products and the norm. */
export class TermScorer implements LinearScorer {
  constructor(
    private readonly source: TermSource,
    private readonly acc: TermAccumulator,
  ) {}

  accumulate(text: string, sums: Float64Array, keep = true): void {
    const acc = this.acc;
    acc.listKeys = keep;
    this.source.addTo(text, acc);
    const s = acc.scale();
    sums[0] += acc.dotThreat * s;
    sums[1] += acc.dotPhishing * s;
  }

  appendLast(out: SparseBuffer, offset: number, contrib: Contributions | null = null, top?: number): boolean {
    return this.acc.appendTop(top ?? 0, out, offset, contrib);
  }
}

/** Any part (e.g. hashing): transform into a buffer, then a plain sparse dot product. */
export class SparseScorer implements LinearScorer {
  private readonly buf = createSparseBuffer(256);

  constructor(
    private readonly part: VectorizerPart,
    /** Interleaved [threat, phishing] weight per column of this part. */
    private readonly weights: Float64Array,
  ) {}

  accumulate(text: string, sums: Float64Array): void {
    const buf = this.buf;
    buf.nnz = 0;
    this.part.appendInto(text, buf, 0);
    const { indices, values } = buf;
    const w = this.weights;
    let dt = 0;
    let dp = 0;
    for (let i = 0; i < buf.nnz; i++) {
      const j = indices[i] << 1;
      dt += w[j] * values[i];
      dp += w[j + 1] * values[i];
    }
    sums[0] += dt;
    sums[1] += dp;
  }

  appendLast(out: SparseBuffer, offset: number): boolean {
    const n = this.buf.nnz;
    ensureSparseCapacity(out, out.nnz + n);
    for (let i = 0; i < n; i++) {
      out.indices[out.nnz + i] = this.buf.indices[i] + offset;
      out.values[out.nnz + i] = this.buf.values[i];
    }
    out.nnz += n;
    return false;
  }
}

/** Parts laid side by side (a union), each scoring into the same sums. */
export class CompositeScorer implements LinearScorer {
  constructor(
    private readonly scorers: readonly LinearScorer[],
    private readonly offsets: Int32Array,
  ) {}

  accumulate(text: string, sums: Float64Array, keep = true): void {
    for (let k = 0; k < this.scorers.length; k++) this.scorers[k].accumulate(text, sums, keep);
  }

  appendLast(out: SparseBuffer, offset: number, contrib: Contributions | null = null, top?: number): boolean {
    let all = true;
    for (let k = 0; k < this.scorers.length; k++) all = this.scorers[k].appendLast(out, offset + this.offsets[k], contrib, top) && all;
    return all;
  }
}

/**
 * A word part and a char_wb part scored together through one chunk cache
 * (`WordCharWbTerms`); each part keeps its own accumulator, norm and columns.
 */
export class WordCharWbScorer implements LinearScorer {
  constructor(
    private readonly terms: WordCharWbTerms,
    /** The two parts in column order: their accumulators and column offsets. */
    private readonly first: { acc: TermAccumulator; offset: number },
    private readonly second: { acc: TermAccumulator; offset: number },
  ) {}

  accumulate(text: string, sums: Float64Array, keep = true): void {
    this.accumulateChunked(text, this.terms.split(text), sums, keep);
  }

  /** The chunk buffer for a text of n units, to fill while normalising it (see `accumulateChunked`). */
  chunkBuffer(n: number): Chunks {
    return this.terms.chunkBuffer(n);
  }

  /** `accumulate` for a normalised text whose m chunks are already in the chunk buffer. */
  accumulateChunked(text: string, m: number, sums: Float64Array, keep = true): void {
    const a = this.first.acc;
    const b = this.second.acc;
    a.listKeys = keep;
    b.listKeys = keep;
    this.terms.addChunks(text, m);
    const sa = a.scale();
    const sb = b.scale();
    sums[0] += a.dotThreat * sa + b.dotThreat * sb;
    sums[1] += a.dotPhishing * sa + b.dotPhishing * sb;
  }

  appendLast(out: SparseBuffer, offset: number, contrib: Contributions | null = null, top?: number): boolean {
    const withFirst = this.first.acc.appendTop(top ?? 0, out, offset + this.first.offset, contrib);
    return this.second.acc.appendTop(top ?? 0, out, offset + this.second.offset, contrib) && withFirst;
  }
}
