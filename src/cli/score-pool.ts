import { Worker } from 'node:worker_threads';
import type { ModelLocation } from './model-location.js';
import type { ScoredCounts } from './score-rows.js';

/** A batch for a worker: texts, and their ids when the output has an id column. */
export interface ScoreBatchRequest {
  seq: number;
  texts: string[];
  ids: (string | undefined)[] | null;
}

/** A worker's answer: the batch's CSV lines as UTF-8 bytes, and its counts. */
export interface ScoreBatchReply extends ScoredCounts {
  seq: number;
  bytes: Uint8Array;
}

interface Waiter {
  resolve: (reply: ScoreBatchReply) => void;
  reject: (err: Error) => void;
}

/** One worker thread and the batches it has not answered yet. */
class PoolWorker {
  readonly waiting = new Map<number, Waiter>();
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (msg: ScoreBatchReply | { ready: true }) => {
      if (!('seq' in msg)) return;
      const w = this.waiting.get(msg.seq);
      this.waiting.delete(msg.seq);
      w?.resolve(msg);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`a scoring thread exited (code ${code})`)));
  }

  get healthy(): boolean {
    return this.failure === null;
  }

  submit(req: ScoreBatchRequest): Promise<ScoreBatchReply> {
    return new Promise((resolve, reject) => {
      this.waiting.set(req.seq, { resolve, reject });
      this.worker.postMessage(req);
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}

/**
 * Worker threads that score batches of texts into CSV bytes for `warden score`, each with at
 * most `depth` batches in flight. The caller offers each batch with `trySubmit` and scores it
 * itself when every worker is busy (or still loading its model), so the threads share the
 * work by how fast each one is, and output order stays the caller's.
 */
export class ScorePool {
  private next = 0;
  private closed = false;

  private constructor(
    private readonly workers: PoolWorker[],
    private readonly depth: number,
  ) {}

  /** Starts n threads, each loading the model at `at`. */
  static start(n: number, at: ModelLocation, depth = 2): ScorePool {
    const script = new URL('./score-worker.js', import.meta.url);
    const workers = Array.from({ length: n }, () => new PoolWorker(new Worker(script, { workerData: at })));
    return new ScorePool(workers, depth);
  }

  /** Hands the batch to a worker with room for it, or returns null. */
  trySubmit(texts: string[], ids: (string | undefined)[] | null): Promise<ScoreBatchReply> | null {
    let best: PoolWorker | null = null;
    for (const w of this.workers) {
      if (w.healthy && w.waiting.size < this.depth && (best === null || w.waiting.size < best.waiting.size)) best = w;
    }
    return best ? best.submit({ seq: this.next++, texts, ids }) : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
