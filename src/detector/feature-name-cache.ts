/**
 * Feature names by column, remembered in a small direct-mapped table. Naming a column reads a
 * random entry of a vocabulary of ~80k strings and concatenates a prefix ('w:', 'c:'): a few cache
 * misses and an allocation, for each of the 6 features an explanation names. The features that
 * explanations name are few and skewed (over the UCI texts, 2,645 distinct ones cover all 33,444
 * top-6 places, the commonest 256 three quarters of them), so a table of SIZE slots answers nearly
 * all of them with the string made the first time — the same string, so nothing an answer holds
 * changes.
 */
const SIZE = 4096;

export class FeatureNameCache {
  private readonly cols = new Int32Array(SIZE).fill(-1);
  private readonly names: string[] = new Array<string>(SIZE).fill('');
  /** The part after the name's first ':' (the whole name without one): what explanations locate. */
  private readonly needles: string[] = new Array<string>(SIZE).fill('');

  constructor(private readonly nameOf: (col: number) => string) {}

  /** The name of column `col` (a whole number ≥ 0), as `nameOf(col)` gives it. */
  name(col: number): string {
    return this.names[this.find(col)];
  }

  /** The part of column `col`'s name after its first ':' (the whole name without one). */
  needle(col: number): string {
    return this.needles[this.find(col)];
  }

  private find(col: number): number {
    const s = Math.imul(col, 0x9e3779b1) >>> 20; // Fibonacci hashing: the top 12 bits
    if (this.cols[s] !== col) {
      const name = this.nameOf(col);
      const colon = name.indexOf(':');
      this.names[s] = name;
      this.needles[s] = colon >= 0 ? name.slice(colon + 1) : name;
      this.cols[s] = col;
    }
    return s;
  }
}
