import { ensureSparseCapacity, type SparseBuffer } from '../sparse.js';
import { SUBLINEAR_TABLE } from '../weighting.js';
import type { GramIndex } from './gram-index.js';

/**
 * One text's terms of one TF-IDF part, accumulated straight into two dot products
 * (threat, phishing) and the squared norm, so scoring never builds a sparse vector.
 *
 * Most terms of a message occur once, so the common path is one byte test: `marks[key]` holds
 * the current text's mark when the key was seen in it (58k columns → 58 KB, the frequent grams'
 * low keys in a few hot lines). A new text takes a new mark instead of clearing anything; every
 * 255 texts the marks are zeroed (a bitmap cleared key by key cost ~15% more instructions per
 * message). A first occurrence is appended to the first-seen list. Only repeats (~15% on SMS)
 * read the key's idf and weights, and their counts go to a dense array valid under the same
 * mark.
 *
 * Terms arrive two ways: `addGram` (one occurrence, nothing precomputed), or a cached word's
 * precomputed sums (`addSums`) followed by its keys with their in-word counts
 * (`addWordKey`), where a key only costs anything when an earlier word had it too: the sums
 * then get tf(c + a) − tf(c) − tf(a), for earlier count c and in-word count a.
 */
/** Per-feature threat contributions written beside a sparse buffer (grown as needed). */
export interface Contributions {
  values: Float64Array;
}

/**
 * appendTop keeps every feature when the k-th ranking value is below this: then float32 weights
 * that might compete could be subnormal, where rounding is not relative. Above it, a weight
 * that ranks near the bar is ≥ 2^-100 / (tf·idf) ≫ 2^-126, and a subnormal one would need a
 * tf·idf over 2^26 to reach it.
 */
const TINY_RANK = 2 ** -100;

export class TermAccumulator {
  /** Sum over terms of idf·tf·w_threat, idf·tf·w_phishing and (idf·tf)². */
  dotThreat = 0;
  dotPhishing = 0;
  sumSq = 0;
  /** Distinct keys of the current text in first-seen order; `size` of them (while `listKeys`). */
  keys: Int32Array;
  size = 0;
  /** Beside each listed key: its idf and its float32 threat weight (0 unweighted), for `appendTop`. */
  private keyIdf: Float32Array;
  private keyWeight: Float32Array;
  /** appendTop's k largest ranking values, largest first. */
  private best = new Float64Array(8);
  /**
   * Whether texts list their keys, which `appendTo` reads back (explanations). Scoring alone
   * does not need them: without the list, a key seen once costs a byte test and a byte store.
   */
  listKeys = true;
  /** `marks[key] === mark` when key was seen in the current text (a new mark per text, no clearing). */
  private readonly marks: Uint8Array;
  private mark = 1;
  private readonly data: Float32Array;
  private readonly stride: number;
  private readonly idfAt: number;
  private readonly weighted: boolean;
  private readonly inLine: GramIndex['inLine'];
  /** appendTo's tf·idf per key, kept between its two passes. */
  private weights = new Float64Array(256);
  /** Counts other than 1: `counts[key]` is valid while `countMarks[key] === mark`. */
  private readonly counts: Int32Array;
  private readonly countMarks: Uint8Array;

  constructor(
    index: GramIndex,
    readonly sublinearTf: boolean,
    readonly l2: boolean,
  ) {
    this.marks = new Uint8Array(index.size);
    this.countMarks = new Uint8Array(index.size);
    this.counts = new Int32Array(index.size);
    this.data = index.data;
    this.stride = index.stride;
    this.idfAt = index.idfAt;
    this.weighted = index.weighted;
    this.inLine = index.inLine;
    this.keys = new Int32Array(256);
    this.keyIdf = new Float32Array(256);
    this.keyWeight = new Float32Array(256);
  }

  reset(): void {
    // a new mark makes every key unseen; once the 255 marks are used, clear and start over
    if (++this.mark === 256) {
      this.marks.fill(0);
      this.countMarks.fill(0);
      this.mark = 1;
    }
    this.size = 0;
    this.dotThreat = 0;
    this.dotPhishing = 0;
    this.sumSq = 0;
  }

  /** tf of a count: the count, or 1 + ln(count) when sublinear. */
  tf(count: number): number {
    if (!this.sublinearTf) return count;
    return count < 64 ? SUBLINEAR_TABLE[count] : 1 + Math.log(count);
  }

  /** One occurrence of a gram with this key. */
  addGram(key: number): void {
    if (this.markNew(key)) {
      const p = key * this.stride + this.idfAt;
      const idf = this.data[p];
      this.sumSq += idf * idf;
      if (this.weighted) {
        this.dotThreat += idf * this.data[p + 1];
        this.dotPhishing += idf * this.data[p + 2];
      }
      return;
    }
    this.addRepeat(key, 1, false);
  }

  /** A cached word's own contribution, computed as if no other word shared its grams. */
  addSums(dotThreat: number, dotPhishing: number, sumSq: number): void {
    this.dotThreat += dotThreat;
    this.dotPhishing += dotPhishing;
    this.sumSq += sumSq;
  }

  /**
   * The keys of a cached word, packed as key << 8 | in-word count in arena[p, end), whose
   * tf(count) terms are already in the word's sums (`addSums`). The hot loop of scoring:
   * a key costs a byte test unless an earlier word had it too (or it occurs more than once in
   * this word). Noting those keys and handling them after the loop, so that it makes no call,
   * was tried: V8 re-checks the arrays on every key either way, and the instructions stayed
   * the same.
   * `lines`, when given, holds each key's idf and float32 weight at 2p and 2p + 1 (for listing).
   */
  addWordKeys(arena: Int32Array, p: number, end: number, lines: Float32Array | null = null): void {
    if (this.listKeys) {
      this.listWordKeys(arena, p, end, lines);
      return;
    }
    const marks = this.marks;
    const mark = this.mark;
    for (; p < end; p++) {
      const packed = arena[p];
      const key = packed >>> 8;
      if (marks[key] !== mark) {
        marks[key] = mark;
        if ((packed & 255) !== 1) this.setCount(key, packed & 255);
      } else {
        this.addRepeat(key, packed & 255, true);
      }
    }
  }

  /**
   * `addWordKeys` while listing keys: new keys also go to the list, with their idf and weight
   * from `lines` when given, else from the index.
   */
  private listWordKeys(arena: Int32Array, p: number, end: number, lines: Float32Array | null): void {
    const marks = this.marks;
    const mark = this.mark;
    let n = this.size;
    if (n + (end - p) > this.keys.length) this.grow(n + (end - p));
    const { keys, keyIdf, keyWeight } = this;
    for (; p < end; p++) {
      const packed = arena[p];
      const key = packed >>> 8;
      if (marks[key] !== mark) {
        marks[key] = mark;
        if (lines !== null) {
          keyIdf[n] = lines[2 * p];
          keyWeight[n] = lines[2 * p + 1];
        } else {
          this.lineOf(key, n);
        }
        keys[n++] = key;
        if ((packed & 255) !== 1) this.setCount(key, packed & 255);
      } else {
        this.addRepeat(key, packed & 255, true);
      }
    }
    this.size = n;
  }

  /** Copies key's idf and float32 threat weight from its line to listed place n. */
  private lineOf(key: number, n: number): void {
    const q = key * this.stride + this.idfAt;
    this.keyIdf[n] = this.data[q];
    this.keyWeight[n] = this.weighted ? this.data[q + 1] : 0;
  }

  /** Marks key seen and lists it when it is new to this text; false when it was seen before. */
  private markNew(key: number): boolean {
    if (this.marks[key] === this.mark) return false;
    this.marks[key] = this.mark;
    if (!this.listKeys) return true;
    const n = this.size;
    const keys = n === this.keys.length ? this.grow(n + 1) : this.keys;
    keys[n] = key;
    this.lineOf(key, n);
    this.size = n + 1;
    return true;
  }

  /**
   * `count` more occurrences of a key seen before; `inSums` when tf(count) is already in the
   * sums for them (a cached word's keys).
   */
  private addRepeat(key: number, count: number, inSums: boolean): void {
    const counted = inSums ? this.tf(count) : 0;
    const before = this.count(key);
    this.setCount(key, before + count);
    const t0 = this.tf(before);
    const t1 = this.tf(before + count);
    const p = key * this.stride + this.idfAt;
    const idf = this.data[p];
    // the sums hold tf(before) + counted for this key; they should hold tf(before + count)
    this.sumSq += idf * idf * (t1 * t1 - t0 * t0 - counted * counted);
    if (this.weighted) {
      const d = (t1 - t0 - counted) * idf;
      this.dotThreat += d * this.data[p + 1];
      this.dotPhishing += d * this.data[p + 2];
    }
  }

  /** The part's L2 scale (1 without a norm, or for a text with no terms). */
  scale(): number {
    return this.l2 && this.sumSq > 0 ? 1 / Math.sqrt(this.sumSq) : 1;
  }

  /** Count of a key seen in the current text (1 unless it repeated). */
  count(key: number): number {
    return this.countMarks[key] === this.mark ? this.counts[key] : 1;
  }

  /** The idf of a key. */
  idf(key: number): number {
    return this.data[key * this.stride + this.idfAt];
  }

  /**
   * Appends the current text's features to out, columns shifted by offset: exactly what
   * `appendWeighted` gives for the same counts (same order, same float64 passes, one
   * float32 rounding), so explanations see the vector the model was trained on.
   *
   * With `contrib`, and an index that keeps each key's column and float64 threat weight in
   * its line, it also writes each feature's threat contribution (weight × the float32 value,
   * as `w[col] * values[i]` gives) at the same positions, growing `contrib.values`, and
   * returns true: one line read per feature instead of three scattered ones.
   */
  appendTo(out: SparseBuffer, offset: number, contrib: Contributions | null = null): boolean {
    return this.appendTop(0, out, offset, contrib);
  }

  /**
   * `appendTo` for explanations that want the k features of largest |threat contribution|
   * (k ≥ 1; with k = 0 it appends them all, which is `appendTo`): appends only the features
   * that can be among them, a superset (every one that is, ties included), with exactly
   * `appendTo`'s values, columns and contributions, in the same order, so a top-k selection
   * over them picks what it would pick over all. Without it explaining
   * reads every feature's line of the index (~200 scattered reads a message, most of an
   * explanation's time); here the listed keys' own idf and float32 weight rank them, and only
   * the few that may make it read their line.
   *
   * Ranking by |float32 weight × tf·idf| (the norm's scale is common to all) is within a
   * relative 2^-23 of the exact |contribution| (float64 weight × float32 value) for normal
   * float32 numbers, so every feature whose exact value is among the k largest ranks at least
   * (1 − 2^-22) times the k-th largest ranking value; the bar below leaves a far wider margin
   * (1e-5). Weights are finite float32 numbers (`WeightedTable` refuses others); near-subnormal
   * ranks keep every feature (`TINY_RANK`).
   */
  appendTop(k: number, out: SparseBuffer, offset: number, contrib: Contributions | null = null): boolean {
    if (!this.listKeys) throw new Error('the last text was scored without listing its keys (listKeys) and cannot be read back');
    const n = this.size;
    const { keys, keyIdf, keyWeight, inLine, stride } = this;
    if (this.weights.length < n) this.weights = new Float64Array(Math.max(n, 2 * this.weights.length));
    const w = this.weights;
    // every feature's tf·idf and the norm, as appendTo computes them (same order, same values),
    // and the k largest ranking values |float32 weight × tf·idf|, largest first
    if (this.best.length < k) this.best = new Float64Array(k);
    const best = this.best;
    let filled = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const v = this.tf(this.count(keys[i])) * keyIdf[i];
      w[i] = v;
      sumSq += v * v;
      const a = Math.abs(keyWeight[i]) * v;
      if (k < 1 || (filled === k && a <= best[k - 1])) continue;
      let j = filled < k ? filled++ : k - 1;
      while (j > 0 && best[j - 1] < a) {
        best[j] = best[j - 1];
        j--;
      }
      best[j] = a;
    }
    const scale = this.l2 && sumSq > 0 ? 1 / Math.sqrt(sumSq) : 1;
    // every key when there are k or fewer, no k at all, or a k-th value so small that float32
    // weights near it could be subnormal (the relative bound holds for normal float32 only)
    const bar = k >= 1 && filled === k && best[k - 1] >= TINY_RANK ? best[k - 1] * (1 - 1e-5) : 0;
    const base = out.nnz;
    ensureSparseCapacity(out, base + n);
    const { indices, values } = out;
    const withContrib = contrib !== null && inLine !== null;
    if (withContrib && contrib.values.length < base + n) {
      const grown = new Float64Array(Math.max(base + n, 2 * contrib.values.length));
      grown.set(contrib.values.subarray(0, base));
      contrib.values = grown;
    }
    let m = base;
    for (let i = 0; i < n; i++) {
      if (Math.abs(keyWeight[i]) * w[i] < bar) continue;
      const key = keys[i];
      indices[m] = (inLine === null ? key : inLine.ints[key * stride + inLine.colAt]) + offset;
      values[m] = w[i] * scale;
      if (withContrib) contrib.values[m] = inLine.threat64[key * (stride >> 1) + inLine.threat64At] * values[m];
      m++;
    }
    out.nnz = m;
    return withContrib;
  }

  /** Records key's count (other than 1) in this text. */
  private setCount(key: number, count: number): void {
    this.countMarks[key] = this.mark;
    this.counts[key] = count;
  }

  /** Grows the key list and its two companions to hold `needed` keys. */
  private grow(needed: number): Int32Array {
    let cap = this.keys.length * 2;
    while (cap < needed) cap *= 2;
    this.keys = grown(new Int32Array(cap), this.keys);
    this.keyIdf = grown(new Float32Array(cap), this.keyIdf);
    this.keyWeight = grown(new Float32Array(cap), this.keyWeight);
    return this.keys;
  }
}

/** `to`, holding `from`'s values at the start. */
function grown<A extends Int32Array | Float32Array>(to: A, from: A): A {
  to.set(from);
  return to;
}
