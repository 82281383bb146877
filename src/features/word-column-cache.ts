/**
 * A bounded map from a word's 64-bit hash to what scoring needs about its char_wb n-grams:
 * the word's own contribution to the two dot products and the squared norm (as if no other
 * word shared its grams), then its distinct gram keys with their in-word counts. SMS
 * vocabulary repeats heavily, so the ~20 table lookups of a word are paid once, and a
 * message costs one probe per word plus a short sequential read (4 bytes per gram).
 *
 * Layout: 4-byte slots of [10-bit fingerprint | entry offset + 1] (0 = empty; 256 KB for 50k
 * words, so the probe mostly hits cache), and an arena of entries
 * [h1, h2, n, dotThreat, dotPhishing, sumSq (float32), n × (key << 8 | count)]; a fingerprint
 * match is confirmed against the entry's full hash.
 *
 * Memory is fixed at construction: `maxWords` keys and an arena of `arenaCapacity` ints.
 * When either fills, the whole cache is cleared (cheap, and recent words come back at once);
 * an entry larger than a quarter of the arena is never stored.
 */
export const ENTRY_HEADER = 6;

const OFFSET_BITS = 22;
const OFFSET_MASK = (1 << OFFSET_BITS) - 1;

export class WordColumnCache {
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly arena: Int32Array;
  /** `arena` viewed as float32, for the header sums. */
  readonly floats: Float32Array;
  private used = 0;
  private words = 0;
  private keyLines: Float32Array | null = null;

  constructor(
    readonly maxWords = 50_000,
    readonly arenaCapacity = 1 << 21,
  ) {
    if (arenaCapacity >= OFFSET_MASK) throw new Error(`arena capacity must stay below ${OFFSET_MASK}`);
    // load factor ≤ 0.77: a smaller slot array keeps more of it in cache than a sparse one
    let cap = 16;
    while (cap * 0.77 < maxWords) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.arena = new Int32Array(arenaCapacity);
    this.floats = new Float32Array(this.arena.buffer);
  }

  /**
   * Two float32 places per arena int, for users that keep something beside each stored key
   * (`WordCharWbTerms` keeps each key's idf and weight at 2p, 2p + 1 for the key at arena[p]).
   * Made on first use and shared by every user of this cache, as the entries are. Its pages
   * only become resident as far as they are written.
   */
  get lines(): Float32Array {
    return (this.keyLines ??= new Float32Array(2 * this.arenaCapacity));
  }

  /** Distinct words held now. */
  get size(): number {
    return this.words;
  }

  /** The arena offset of (h1, h2)'s entry, or -1 when absent. */
  find(h1: number, h2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const x = slotHash(h1, h2);
    const fp = x >>> OFFSET_BITS;
    let i = x & mask;
    for (;;) {
      const v = slots[i];
      if (v === 0) return -1;
      if (v >>> OFFSET_BITS === fp) {
        const at = (v & OFFSET_MASK) - 1;
        if (this.arena[at] === h1 && this.arena[at + 1] === h2) return at;
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether an entry of n ints (header included) may be stored at all. */
  fits(n: number): boolean {
    return n <= this.arenaCapacity >> 2;
  }

  /**
   * Reserves n arena ints for a new entry and returns its offset; the caller writes the
   * entry there (h1 and h2 first), then calls `commit`. Clears the cache first when full.
   */
  reserve(n: number): number {
    if (this.used + n > this.arenaCapacity || this.words >= this.maxWords) this.clear();
    return this.used;
  }

  /** Records the entry of n ints written at `reserve`'s offset under its (h1, h2). */
  commit(n: number): void {
    const slots = this.slots;
    const x = slotHash(this.arena[this.used], this.arena[this.used + 1]);
    let i = x & this.mask;
    while (slots[i] !== 0) i = (i + 1) & this.mask;
    slots[i] = ((x >>> OFFSET_BITS) << OFFSET_BITS) | (this.used + 1);
    this.used += n;
    this.words++;
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.words = 0;
  }
}

/** Word hashes feed the n-gram table's mixer too, so re-mix here to decorrelate. */
function slotHash(h1: number, h2: number): number {
  const x = Math.imul(h1 ^ (h2 >>> 13), 0x9e3779b1);
  return x ^ (x >>> 16);
}
