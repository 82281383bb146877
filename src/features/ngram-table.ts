import { mixPair } from './ngram-hash.js';

/**
 * Open-addressing index from a 64-bit n-gram hash (h1, h2) to a dense id 0, 1, 2, … in
 * insertion order (a vocabulary column, or a term id while fitting).
 *
 * Slots are 8 bytes (h1, id + 1; 0 = empty) so the table of an 80k-term vocabulary fits
 * in about 1 MB of cache. Per id, h2 (compared only when h1 matches) sits next to a float32
 * payload (the idf), so a hit reads both from one cache line. Linear probing, load factor
 * ≤ 0.7, doubling growth.
 */
export class NgramTable {
  private slots: Int32Array;
  private mask: number;
  /** [h2, payload bits] per id; `payloads` views the same memory as float32. */
  private meta: Int32Array;
  private payloads: Float32Array;
  private count = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap * 0.7 < expected) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.meta = new Int32Array(2 * Math.max(16, expected));
    this.payloads = new Float32Array(this.meta.buffer);
  }

  get size(): number {
    return this.count;
  }

  /** The id of (h1, h2), or -1. */
  get(h1: number, h2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = mixPair(h1, h2) & mask;
    for (;;) {
      const p = i << 1;
      const stored = slots[p + 1];
      if (stored === 0) return -1;
      if (slots[p] === h1 && this.meta[(stored - 1) << 1] === h2) return stored - 1;
      i = (i + 1) & mask;
    }
  }

  /** The id of (h1, h2), adding it with the next id if absent. */
  add(h1: number, h2: number): number {
    const found = this.get(h1, h2);
    if (found >= 0) return found;
    if ((this.count + 1) > (this.mask + 1) * 0.7) this.grow();
    const id = this.count++;
    if (2 * id === this.meta.length) {
      const next = new Int32Array(id * 4);
      next.set(this.meta);
      this.meta = next;
      this.payloads = new Float32Array(next.buffer);
    }
    this.meta[id << 1] = h2;
    this.place(h1, h2, id);
    return id;
  }

  /** [h2 bits, payload] per id as float32 (payload of id at 2·id + 1); replaced when the table grows. */
  payloadView(): Float32Array {
    return this.payloads;
  }

  /** The float32 payload of id (0 until set). */
  payload(id: number): number {
    return this.payloads[(id << 1) + 1];
  }

  setPayload(id: number, value: number): void {
    this.payloads[(id << 1) + 1] = value;
  }

  /** Calls fn for every (h1, h2, id) held, in slot order. */
  forEach(fn: (h1: number, h2: number, id: number) => void): void {
    const slots = this.slots;
    for (let p = 0; p < slots.length; p += 2) {
      const stored = slots[p + 1];
      if (stored !== 0) fn(slots[p], this.meta[(stored - 1) << 1], stored - 1);
    }
  }

  private place(h1: number, h2: number, id: number): void {
    const slots = this.slots;
    let i = mixPair(h1, h2) & this.mask;
    while (slots[(i << 1) + 1] !== 0) i = (i + 1) & this.mask;
    slots[i << 1] = h1;
    slots[(i << 1) + 1] = id + 1;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    for (let p = 0; p < old.length; p += 2) {
      const stored = old[p + 1];
      if (stored !== 0) this.place(old[p], this.meta[(stored - 1) << 1], stored - 1);
    }
  }
}
