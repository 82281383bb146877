/**
 * The k entries of largest |value| offered so far, largest first; among equal |value| the one
 * offered first ranks first (a stable sort would order them the same way). Zero values are never
 * kept. Reused across calls, so explaining allocates no selection arrays.
 */
export class TopK {
  cols = new Int32Array(8);
  values = new Float64Array(8);
  private abs = new Float64Array(8);
  filled = 0;
  private k = 0;
  /** |value| of the last kept entry once k are kept: an offer must beat it to get in. */
  private floor = 0;

  reset(k: number): this {
    if (this.cols.length < k) {
      this.cols = new Int32Array(k);
      this.values = new Float64Array(k);
      this.abs = new Float64Array(k);
    }
    this.k = k;
    this.filled = 0;
    this.floor = 0;
    return this;
  }

  /**
   * Offers (cols[i], values[i]) for i < n, in order: the same as n calls of `offer`, but an entry
   * that cannot get in (|value| at or below the bar, zero included) costs one compare against a
   * local instead of reads of this object's fields. Most of a message's ~200 features are such.
   */
  offerAll(cols: Int32Array, values: Float64Array, n: number): void {
    if (this.k === 0) return;
    let bar = this.filled === this.k ? this.floor : 0;
    for (let i = 0; i < n; i++) {
      const c = values[i];
      // a NaN is not <= bar, so it goes to offer, as it would without this test
      if (Math.abs(c) <= bar) continue;
      this.offer(cols[i], c);
      if (this.filled === this.k) bar = this.floor;
    }
  }

  offer(col: number, c: number): void {
    const k = this.k;
    if (c === 0 || k === 0) return;
    const a = Math.abs(c);
    if (this.filled === k && a <= this.floor) return;
    const { cols, values, abs } = this;
    let i = this.filled < k ? this.filled++ : k - 1;
    while (i > 0 && abs[i - 1] < a) {
      values[i] = values[i - 1];
      abs[i] = abs[i - 1];
      cols[i] = cols[i - 1];
      i--;
    }
    values[i] = c;
    abs[i] = a;
    cols[i] = col;
    if (this.filled === k) this.floor = abs[k - 1];
  }
}
