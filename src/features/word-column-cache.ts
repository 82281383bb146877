/**
 * A bounded map from a word's 64-bit hash to the vocabulary columns of its char_wb n-grams
 * (with repeats, in gram order), their idf and, when built for a linear scorer, the model's
 * two weights of each column. SMS vocabulary repeats heavily, so the ~20 table lookups of a
 * word are paid once, and a message costs one probe per word plus a sequential read of its
 * entry (no random reads of the weight vector).
 *
 * Memory is fixed at construction: `maxWords` keys and an arena of `arenaCapacity` columns.
 * When either fills, the whole cache is cleared (cheap, and recent words come back at once);
 * a word whose grams alone exceed a quarter of the arena is never stored.
 */
export class WordColumnCache {
  /** Per slot: h1, h2, arena start, length + 1 (0 = empty slot). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * The arena: entry k at k × stride holds a gram's accumulator key, then its idf and (stride 4)
   * threat and phishing weights as float32 (`floats` views the same memory): see GramIndex.
   */
  readonly arena: Int32Array;
  readonly floats: Float32Array;
  private used = 0;
  private words = 0;

  constructor(
    readonly maxWords = 50_000,
    readonly arenaCapacity = 1 << 20,
    readonly stride: 2 | 4 = 2,
  ) {
    // load factor ≤ 0.77: a smaller slot array keeps more of it in cache than a sparse one
    let cap = 16;
    while (cap * 0.77 < maxWords) cap *= 2;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
    this.arena = new Int32Array(arenaCapacity * stride);
    this.floats = new Float32Array(this.arena.buffer);
  }

  /** Distinct words held now. */
  get size(): number {
    return this.words;
  }

  /**
   * The slot index of (h1, h2), or -1 when absent; read the entry with `start(slot)` and
   * `length(slot)`.
   */
  find(h1: number, h2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = slotOf(h1, h2) & mask;
    for (;;) {
      const p = i << 2;
      if (slots[p + 3] === 0) return -1;
      if (slots[p] === h1 && slots[p + 1] === h2) return p;
      i = (i + 1) & mask;
    }
  }

  start(slot: number): number {
    return this.slots[slot + 2];
  }

  length(slot: number): number {
    return this.slots[slot + 3] - 1;
  }

  /** Whether an entry of n columns may be stored at all. */
  fits(n: number): boolean {
    return n <= this.arenaCapacity >> 2;
  }

  /**
   * Reserves n arena places for a new word and returns where they start; the caller fills
   * entries there (`arena` from `stride` × start), then calls `commit`. Clears the cache first when full.
   */
  reserve(n: number): number {
    if (this.used + n > this.arenaCapacity || this.words >= this.maxWords) this.clear();
    return this.used;
  }

  /** Records (h1, h2) → the n columns written at `reserve`'s position. */
  commit(h1: number, h2: number, n: number): void {
    const slots = this.slots;
    let i = slotOf(h1, h2) & this.mask;
    while (slots[(i << 2) + 3] !== 0) i = (i + 1) & this.mask;
    const p = i << 2;
    slots[p] = h1;
    slots[p + 1] = h2;
    slots[p + 2] = this.used;
    slots[p + 3] = n + 1;
    this.used += n;
    this.words++;
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.words = 0;
  }
}

/** Word hashes feed the n-gram table's mixer too, so re-mix h2 here to decorrelate. */
function slotOf(h1: number, h2: number): number {
  const x = Math.imul(h1 ^ (h2 >>> 13), 0x9e3779b1);
  return x ^ (x >>> 16);
}
