/**
 * Per-text term counts keyed by column, in a small open-addressing map that stays in L1
 * cache (a dense per-column array would touch a random cache line of a large array for
 * every n-gram). Each entry also carries the column's weight factor (idf), fetched once
 * when the column is first seen. `clear()` resets only the used slots.
 */
export class ColumnCounter {
  /** column + 1 per slot; 0 marks an empty slot. */
  keys = new Int32Array(1024);
  counts = new Float64Array(1024);
  factors = new Float64Array(1024);
  /** Slots in first-seen order, `size` of them. */
  order = new Int32Array(512);
  size = 0;
  private weights = new Float64Array(512);
  private mask = 1023;
  private shift = 22;

  /** Makes room for up to `distinct` columns; call before adding a text's grams. */
  ensure(distinct: number): void {
    if (distinct * 2 <= this.keys.length) return;
    let cap = this.keys.length;
    while (cap < distinct * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.counts = new Float64Array(cap);
    this.factors = new Float64Array(cap);
    this.order = new Int32Array(cap >> 1);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
  }

  /** A float64 scratch of at least n places, for the weighting kernel. */
  scratch(n: number): Float64Array {
    if (this.weights.length < n) this.weights = new Float64Array(Math.max(n, this.weights.length * 2));
    return this.weights;
  }

  add(column: number, factor: number): void {
    const keys = this.keys;
    const mask = this.mask;
    const key = column + 1;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift; // Fibonacci hashing: the top bits
    for (;;) {
      const k = keys[i];
      if (k === key) {
        this.counts[i] += 1;
        return;
      }
      if (k === 0) {
        keys[i] = key;
        this.counts[i] = 1;
        this.factors[i] = factor;
        this.order[this.size++] = i;
        return;
      }
      i = (i + 1) & mask;
    }
  }
}
