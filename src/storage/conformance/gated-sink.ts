import type { NewPrediction } from '../prediction-record.js';
import type { PredictionSink } from '../prediction-writer.js';

/**
 * A real sink behind a gate: while closed, inserts wait (a database that answers, slowly);
 * `open()` lets them through. Counts the rows it has passed on.
 */
export class GatedSink implements PredictionSink {
  #open = false;
  #waiting: (() => void)[] = [];
  passed = 0;

  constructor(private readonly inner: PredictionSink) {}

  async insertMany(rows: readonly NewPrediction[]): Promise<unknown> {
    while (!this.#open) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    const n = await this.inner.insertMany(rows);
    this.passed += rows.length;
    return n;
  }

  open(): void {
    this.#open = true;
    const w = this.#waiting;
    this.#waiting = [];
    for (const resolve of w) resolve();
  }

  close(): void {
    this.#open = false;
  }
}

/** True if the promise has settled after the event loop has turned a few times. */
export async function settledSoon(p: Promise<unknown>, ms = 30): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return settled;
}
