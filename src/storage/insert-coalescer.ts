import type { EncodedPredictions } from './prediction-wire.js';
import { isDataError } from './sql-errors.js';

/**
 * Where grouped batches go: in production a {@link PredictionRepository}, one segment per
 * batch, skipping a batch already stored.
 */
export interface EncodedPredictionSink {
  insertEncoded(batches: readonly EncodedPredictions[]): Promise<unknown>;
}

/** Accepts encoded batches (each one or more segments) from several producers; resolves once that batch is committed. */
export interface InsertCoalescer {
  insert(batch: readonly EncodedPredictions[]): Promise<void>;
  /** Resolves when nothing is waiting or being inserted (before closing the database). */
  drained(): Promise<void>;
}

interface Waiting {
  batch: readonly EncodedPredictions[];
  rows: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the process that owns the database: batches that arrive while an insert
 * runs (or in the same event-loop turn) are written by the next statement, up to `maxRows`.
 * Each stays its own segment, so a producer retrying its batch finds it stored under its key.
 * Per-statement costs (on PGlite ~1–2 ms of parse, plan and commit) are then paid once for
 * every worker's batch instead of once per batch, without holding any batch back on purpose.
 * When a merged statement fails on bad data, each batch is retried alone so that only the
 * batch holding the bad row sees the data error (its writer then isolates the row).
 *
 * PGlite runs each statement synchronously on the calling thread, and in a cluster that thread
 * is the primary's, which also hands every new connection to a worker and relays every IPC
 * message. So a statement is kept short (`maxRows`, default 1,000: two workers' 500-row
 * batches) and the event loop runs between statements (a `setImmediate` turn).
 */
export function createInsertCoalescer(sink: EncodedPredictionSink, options: { /** Rows per statement at most (a larger single batch still goes alone); default 1,000. */ maxRows?: number } = {}): InsertCoalescer {
  const maxRows = options.maxRows ?? 1000;
  let queue: Waiting[] = [];
  let running = false;
  let idle: (() => void)[] = [];

  const takeGroup = (): Waiting[] => {
    let n = 0;
    let rows = 0;
    while (n < queue.length && (n === 0 || rows + queue[n].rows <= maxRows)) rows += queue[n++].rows;
    const group = queue.slice(0, n);
    queue = queue.slice(n);
    return group;
  };

  const insertAlone = async (w: Waiting): Promise<void> => {
    try {
      await sink.insertEncoded(w.batch);
      w.resolve();
    } catch (err) {
      w.reject(err);
    }
  };

  const run = async (): Promise<void> => {
    let first = true;
    while (queue.length > 0) {
      // Let connection hand-offs and IPC messages in between statements (and batches that
      // arrive meanwhile join the next group).
      if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
      first = false;
      const group = takeGroup();
      try {
        await sink.insertEncoded(group.flatMap((w) => w.batch));
        for (const w of group) w.resolve();
      } catch (err) {
        if (group.length > 1 && isDataError(err)) for (const w of group) await insertAlone(w);
        else for (const w of group) w.reject(err);
      }
    }
    running = false;
    for (const done of idle) done();
    idle = [];
  };

  return {
    insert(batch) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ batch, rows: batch.reduce((n, b) => n + b.count, 0), resolve, reject });
        if (running) return;
        running = true;
        // Start after the current I/O phase: batches read in the same turn share the statement.
        setImmediate(() => void run());
      });
    },
    drained() {
      return running ? new Promise<void>((resolve) => idle.push(resolve)) : Promise.resolve();
    },
  };
}
