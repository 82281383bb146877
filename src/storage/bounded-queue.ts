/**
 * A FIFO ring buffer with a fixed capacity: push and shift are O(1) and never reallocate.
 * Pushing into a full queue evicts the oldest item and returns it, so the caller can count it.
 */
export class BoundedQueue<T> {
  readonly capacity: number;
  readonly #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`BoundedQueue capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#items = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends at the tail; when full, evicts and returns the head (the oldest) first. */
  push(item: T): { evicted: boolean; item?: T } {
    let evicted: { evicted: boolean; item?: T } = NOT_EVICTED;
    if (this.#size === this.capacity) evicted = { evicted: true, item: this.shift() };
    this.#items[(this.#head + this.#size) % this.capacity] = item;
    this.#size++;
    return evicted;
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined; // let the row be collected
    this.#head = (this.#head + 1) % this.capacity;
    this.#size--;
    return item;
  }

  /** Removes up to `n` oldest items, in order. */
  take(n: number): T[] {
    const count = Math.min(n, this.#size);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = this.shift() as T;
    return out;
  }

  /**
   * Puts items back at the head (they are older than everything queued), keeping order.
   * Returns how many did not fit; those are the oldest of `items` and are discarded.
   */
  unshiftAll(items: readonly T[]): number {
    const room = this.capacity - this.#size;
    const discarded = Math.max(0, items.length - room);
    for (let i = items.length - 1; i >= discarded; i--) {
      this.#head = (this.#head - 1 + this.capacity) % this.capacity;
      this.#items[this.#head] = items[i];
      this.#size++;
    }
    return discarded;
  }
}

const NOT_EVICTED = Object.freeze({ evicted: false });
